///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//JAVAC_OPTIONS -J-XX:TieredStopAtLevel=1
//SOURCES ../lessons/support/Cli.java ../lessons/support/ChildJvm.java ../lessons/support/Gauge.java ../lessons/support/Host.java
//SOURCES CheckRun.java Exercises.java Verdict.java Verifier.java Judge.java judges/*.java
//MAIN Check

// The workshop checker: ./jbang check
//
// Checks the exercises in exercises/ in order and stops at the first one that is not solved yet,
// saying in a sentence or two what is still wrong. The learner's files in exercises/ are copies of
// the starting files in checker/start/, made on the first run (and by --reset N). Each check
// compiles the learner's file and runs its judge (checker/judges/) in a JVM of its own, which
// calls the exercise's code and judges what it does: never its source text (see Verifier, Judge).
//
//   ./jbang check                 check, in order; exit 0 when all are solved, 1 when one is not
//   ./jbang check 3               check exercise 3 on its own, solved or not the ones before it
//   ./jbang check --watch         check again whenever an exercise file is saved
//   ./jbang check --list          the exercises and their tasks
//   ./jbang check --hint 3        a hint for exercise 3 (--level 2 for the next one)
//   ./jbang check --reset 3       put exercise 3 back as it was at the start (asks first)
//   ./jbang check --solution 3    show the reference solution (asks first)
//   ./jbang check --verdicts      also one key=value line per exercise checked, for scripts (Verdict)

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import support.Cli;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks the workshop exercises in order, and stops at the first that is not solved yet; or exercise N on its own.")
class Check implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "N", description = "Check exercise N on its own.")
    Integer only;

    @Option(names = "--list", description = "List the exercises, in order, with their tasks.")
    boolean list;

    @Option(names = "--hint", paramLabel = "N", description = "Show a hint for exercise N.")
    Integer hint;

    @Option(names = "--level", paramLabel = "K", description = "With --hint: show hint K of the exercise (default: ${DEFAULT-VALUE}).")
    int level = 1;

    @Option(names = "--reset", paramLabel = "N", description = "Put exercise N back as it was at the start (asks first).")
    Integer reset;

    @Option(names = "--solution", paramLabel = "N", description = "Show the reference solution of exercise N (asks first).")
    Integer solution;

    @Option(names = "--watch", description = "Check, then check again each time an exercise file is saved (Ctrl-C ends it).")
    boolean watch;

    @Option(names = {"-y", "--yes"}, description = "Answer yes to the questions of --reset and --solution.")
    boolean yes;

    @Option(names = "--dir", paramLabel = "DIR", description = "The folder with the exercise files (default: exercises/ in the kit).")
    Path dir;

    @Option(names = "--timeout", paramLabel = "S", description = "Stop the check of an exercise after S seconds (default: ${DEFAULT-VALUE}).")
    double timeout = 60;

    @Option(names = "--verdicts", description = "Also print a line per exercise checked, for scripts: "
            + "check exercise=NN name=SLUG verdict=pass|fail [reason=ID] [cores=N].")
    boolean verdicts;

    @Spec CommandSpec spec;

    static final String RUN = "./jbang check";
    static final int WIDTH = 100;

    final PrintStream out = System.out;
    Exercises exercises;
    Verifier verifier;

    public static void main(String[] args) {
        Cli.run(new Check(), args);
    }

    @Override
    public Integer call() throws Exception {
        exercises = Exercises.in(Exercises.kitRoot());
        validate();
        if (dir == null) {
            dir = exercises.workingFolder();
            int made = exercises.createMissing(dir); // a fresh clone: the learner's copies, from checker/start/
            if (made > 0 && reset == null) {
                out.printf("Copied %d starting file%s into %s/: edit them there.%n%n", made, made == 1 ? "" : "s", show(dir));
            }
        } else {
            dir = dir.toAbsolutePath().normalize();
        }
        verifier = new Verifier(dir);
        verifier.timeout = timeout;
        verifier.remember = watch;
        if (list) return list();
        if (hint != null) return hint(exercise(hint));
        if (reset != null) return reset(exercise(reset));
        if (solution != null) return solution(exercise(solution));
        CheckRun run = new CheckRun(out, exercises, verifier, dir, verdicts);
        if (only != null) return run.one(exercise(only));
        if (watch) return run.watch();
        return run.all();
    }

    // ---- the other actions ----------------------------------------------------------------------

    int list() {
        out.println("The exercises, in order. Each one follows the lesson with the same number.");
        out.println();
        for (Exercises.Exercise exercise : exercises.all()) {
            out.printf("  %-20s %-38s after lesson %s%n", exercise.label(), show(dir.resolve(exercise.fileName())), exercise.lesson());
            out.printf("  %-20s %s%n", "", exercise.task());
        }
        out.printf("%n%s              check them, in order%n%s N            check exercise N on its own%n"
                + "%s --hint N     a hint for exercise N%n", RUN, RUN, RUN);
        return 0;
    }

    int hint(Exercises.Exercise exercise) {
        List<String> hints = exercise.hints();
        if (level > hints.size()) {
            throw Cli.bad(spec, "exercise %d has %d hint%s (got --level %d)", exercise.number(), hints.size(),
                    hints.size() == 1 ? "" : "s", level);
        }
        out.printf("Hint %d of %d for %s:%n%n%s%n%n", level, hints.size(), exercise.label(), hints.get(level - 1));
        if (level < hints.size()) {
            out.printf("Still stuck? %s --hint %d --level %d%n", RUN, exercise.number(), level + 1);
        } else {
            out.printf("That was the last hint. The reference solution: %s --solution %d%n", RUN, exercise.number());
        }
        return 0;
    }

    int reset(Exercises.Exercise exercise) throws IOException {
        Path file = dir.resolve(exercise.fileName());
        if (Files.exists(file) && !confirm(String.format("Put %s back as it was at the start? Your changes to it will be lost.", show(file)))) {
            out.println("Nothing was changed.");
            return 0;
        }
        Files.copy(exercises.start(exercise), file, StandardCopyOption.REPLACE_EXISTING);
        out.printf("%s is back as it was at the start.%n", show(file));
        return 0;
    }

    int solution(Exercises.Exercise exercise) throws IOException {
        Path file = exercises.solution(exercise);
        if (!confirm(String.format("The reference solution gives away the whole of %s. Show it?", exercise.label()))) {
            out.println("Not shown. A hint may be enough: " + RUN + " --hint " + exercise.number());
            return 0;
        }
        out.printf("--- %s%n%s", show(file), Files.readString(file));
        return 0;
    }

    boolean confirm(String question) throws IOException {
        if (yes) return true;
        out.print(question + " [y/N] ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (answer == null) out.println();
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes");
    }

    // ---- helpers --------------------------------------------------------------------------------

    Exercises.Exercise exercise(int number) { return exercises.number(number); }

    void validate() {
        long actions = Stream.of(list, hint != null, reset != null, solution != null, watch, only != null).filter(b -> b).count();
        if (actions > 1) throw Cli.bad(spec, "choose one of N, --list, --hint, --reset, --solution and --watch");
        int count = exercises.all().size();
        for (var number : new Object[][] {{"check N", only}, {"--hint", hint}, {"--reset", reset}, {"--solution", solution}}) {
            Integer n = (Integer) number[1];
            if (n != null && exercises.number(n) == null) {
                throw Cli.bad(spec, "%s takes an exercise number from 1 to %d (got %d)", number[0], count, n);
            }
        }
        if (level < 1) throw Cli.bad(spec, "--level must be 1 or more (got %d)", level);
        if (level != 1 && hint == null) throw Cli.bad(spec, "--level goes with --hint N");
        if (!(timeout > 0 && timeout <= 3600)) throw Cli.bad(spec, "--timeout must be more than 0 and at most 3600 s (got %s)", timeout);
        if (dir != null && !Files.isDirectory(dir)) throw Cli.bad(spec, "--dir %s is not a folder", dir);
    }

    /** A path as the learner would type it: relative to the current folder when it lies inside it. */
    static String show(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }

    static String wrap(String text, String indent) {
        StringBuilder lines = new StringBuilder(indent);
        int column = indent.length();
        for (String word : text.split(" ")) {
            if (column + word.length() > WIDTH && column > indent.length()) {
                lines.append('\n').append(indent);
                column = indent.length();
            } else if (column > indent.length()) {
                lines.append(' ');
                column++;
            }
            lines.append(word);
            column += word.length();
        }
        return lines.toString();
    }
}
