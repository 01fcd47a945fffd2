import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checking actions of ./jbang check: all exercises in order, one on its own, or again on every save. */
final class CheckRun {
    final PrintStream out;
    final Exercises exercises;
    final Verifier verifier;
    final Path dir;
    final boolean unicode;
    final String tick, cross;
    /** Whether each verdict's machine-readable line follows its learner's line (--verdicts). */
    final boolean verdicts;

    CheckRun(PrintStream out, Exercises exercises, Verifier verifier, Path dir, boolean verdicts) {
        this.out = out;
        this.exercises = exercises;
        this.verifier = verifier;
        this.dir = dir;
        this.verdicts = verdicts;
        unicode = out.charset().newEncoder().canEncode("✔✘");
        tick = unicode ? "✔" : "+";
        cross = unicode ? "✘" : "x";
    }

    int all() throws IOException, InterruptedException {
        out.printf("Checking %s, in order%n%n", Check.show(dir));
        int done = 0;
        for (Exercises.Exercise exercise : exercises.all()) {
            Verdict result = verifier.verify(exercise);
            if (!result.solved()) {
                out.println(cross + " " + exercise.label());
                machine(result);
                out.println();
                out.println(progress(done));
                out.println();
                explain(exercise, result);
                return 1;
            }
            out.printf("%s %-20s %s%n", tick, exercise.label(), result.text());
            machine(result);
            done++;
        }
        out.println();
        out.println(progress(done));
        out.printf("%nAll %d exercises are solved. Compare yours with the reference: %s --solution N%n", done, Check.RUN);
        return 0;
    }

    /** One exercise on its own: solved or not, whatever the state of the others. */
    int one(Exercises.Exercise exercise) throws IOException, InterruptedException {
        Verdict result = verifier.verify(exercise);
        if (result.solved()) {
            out.printf("%s %-20s %s%n", tick, exercise.label(), result.text());
            machine(result);
            out.printf("%nSolved. %s checks them all, in order.%n", Check.RUN);
            return 0;
        }
        out.printf("%s %s%n", cross, exercise.label());
        machine(result);
        out.println();
        explain(exercise, result);
        return 1;
    }

    /** With --verdicts: the verdict's machine-readable line, after the learner's line. */
    void machine(Verdict verdict) {
        if (verdicts) out.println(verdict.line());
    }

    void explain(Exercises.Exercise exercise, Verdict result) {
        Path file = dir.resolve(exercise.fileName());
        if (result.compileError()) {
            out.printf("%s does not compile yet. The compiler says:%n%n%s%n", Check.show(file), result.text().stripTrailing());
            out.printf("Fix that, save, and run %s again. Run %s --hint %d for a hint.%n", Check.RUN, Check.RUN, exercise.number());
        } else {
            out.printf("%s is not solved yet.%n%s%n", exercise.label(), Check.wrap(result.text(), "  "));
            out.printf("Run %s --hint %d for a hint.%n", Check.RUN, exercise.number());
        }
    }

    String progress(int done) {
        int total = exercises.all().size(), cells = 4 * total, full = cells * done / total;
        return "[" + "#".repeat(full) + "-".repeat(cells - full) + "] " + done + "/" + total + " done";
    }

    int watch() throws IOException, InterruptedException {
        while (true) {
            String before = stamp(); // taken first, so that a file saved during the check counts too
            if (all() == 0) return 0;
            out.printf("%nWatching %s: save a file to check again, Ctrl-C to stop.%n", Check.show(dir));
            while (stamp().equals(before)) Thread.sleep(500);
            Thread.sleep(300); // let the editor finish writing
            out.printf("%n%s%n", "-".repeat(40));
        }
    }

    /** The names, modification times and sizes of the exercise files: changes when one is saved. */
    String stamp() throws IOException {
        StringBuilder stamp = new StringBuilder();
        for (Exercises.Exercise exercise : exercises.all()) {
            Path file = dir.resolve(exercise.fileName());
            if (Files.exists(file)) stamp.append(file).append(Files.getLastModifiedTime(file)).append(Files.size(file));
            stamp.append('\n');
        }
        return stamp.toString();
    }
}
