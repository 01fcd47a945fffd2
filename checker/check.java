///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../lessons/support/Cli.java Checks.java
//MAIN Check

// The workshop checker: ./jbang check
//
// Checks the exercises in exercises/ in order and stops at the first one that is not solved yet,
// saying in a sentence or two what is still wrong. Each check compiles the learner's file (with the
// JDK's compiler, into a temporary folder) and runs it in a JVM of its own (see Checks.java), which
// calls the exercise's code and judges what it does: never its source text.
//
//   ./jbang check                 check, in order; exit 0 when all are solved, 1 when one is not
//   ./jbang check --watch         check again whenever an exercise file is saved
//   ./jbang check --list          the exercises and their tasks
//   ./jbang check --hint 3        a hint for exercise 3 (--level 2 for the next one)
//   ./jbang check --reset 3       put exercise 3 back as it was at the start (asks first)
//   ./jbang check --solution 3    show the reference solution (asks first)

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.Cli;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks the workshop exercises in order, and stops at the first that is not solved yet.")
class Check implements Callable<Integer> {

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

    @Spec CommandSpec spec;

    static final String RUN = "./jbang check";
    static final int WIDTH = 100;
    /** Check JVMs still running, killed (with their children) if the checker ends first, e.g. on Ctrl-C. */
    static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    final PrintStream out = System.out;
    final boolean unicode = out.charset().newEncoder().canEncode("✔✘");
    final String tick = unicode ? "✔" : "+", cross = unicode ? "✘" : "x";
    /** With --watch: files (by name and content) that passed, so that an unchanged file is not checked again. */
    final Map<String, String> passed = new ConcurrentHashMap<>();
    Path root;

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Check::kill), "kill-checks"));
        Cli.run(new Check(), args);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        root = kitRoot();
        dir = dir == null ? root.resolve("exercises") : dir.toAbsolutePath().normalize();
        if (list) return list();
        if (hint != null) return hint(Checks.ALL.get(hint - 1));
        if (reset != null) return reset(Checks.ALL.get(reset - 1));
        if (solution != null) return solution(Checks.ALL.get(solution - 1));
        if (watch) return watch();
        return checkAll();
    }

    // ---- checking -------------------------------------------------------------------------------

    /** What a check found: solved (with a detail to show), or what is still wrong, or the compiler's words. */
    record Result(boolean solved, String text, boolean compileError) {
        static Result solved(String detail) { return new Result(true, detail, false); }

        static Result unsolved(String message) { return new Result(false, message, false); }
    }

    int checkAll() throws IOException, InterruptedException {
        out.printf("Checking %s, in order%n%n", show(dir));
        int done = 0;
        for (Checks.Exercise exercise : Checks.ALL) {
            Result result = verify(exercise);
            if (!result.solved()) {
                out.println(cross + " " + exercise.label());
                out.println();
                out.println(progress(done));
                out.println();
                Path file = dir.resolve(exercise.fileName());
                if (result.compileError()) {
                    out.printf("%s does not compile yet. The compiler says:%n%n%s%n", show(file), result.text().stripTrailing());
                    out.printf("Fix that, save, and run %s again. Run %s --hint %d for a hint.%n", RUN, RUN, exercise.number());
                } else {
                    out.printf("%s is not solved yet.%n%s%n", exercise.label(), wrap(result.text(), "  "));
                    out.printf("Run %s --hint %d for a hint.%n", RUN, exercise.number());
                }
                return 1;
            }
            out.printf("%s %-20s %s%n", tick, exercise.label(), result.text());
            done++;
        }
        out.println();
        out.println(progress(done));
        out.printf("%nAll %d exercises are solved. Compare yours with the reference: %s --solution N%n", done, RUN);
        return 0;
    }

    String progress(int done) {
        int total = Checks.ALL.size(), cells = 4 * total, full = cells * done / total;
        return "[" + "#".repeat(full) + "-".repeat(cells - full) + "] " + done + "/" + total + " done";
    }

    Result verify(Checks.Exercise exercise) throws IOException, InterruptedException {
        Path file = dir.resolve(exercise.fileName());
        if (!Files.isRegularFile(file)) {
            return Result.unsolved(String.format("The file %s is missing. %s --reset %d brings back the starting version.",
                    show(file), RUN, exercise.number()));
        }
        String key = exercise.fileName() + " " + sha256(Files.readAllBytes(file));
        if (passed.containsKey(key)) return Result.solved(passed.get(key));
        Path classes = Files.createTempDirectory("check-");
        try {
            String errors = compile(file, classes);
            if (errors != null) return new Result(false, errors, true);
            Result result = judge(exercise, classes);
            if (result.solved() && watch) passed.put(key, result.text());
            return result;
        } finally {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** Compiles one exercise file on its own; returns the compiler's messages when it fails, else null. */
    String compile(Path file, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("this Java has no compiler; the checker needs a JDK 25");
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.getDefault(), StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-classpath", classes.toString(),
                    "-sourcepath", classes.toString(), "-implicit:none", "-proc:none", "-Xlint:none", "-nowarn");
            boolean ok = javac.getTask(messages, files, null, options, null, files.getJavaFileObjects(Path.of(show(file)))).call();
            return ok ? null : messages.toString();
        }
    }

    /**
     * Words put before the check JVM's command, empty for learners. A test puts {@code taskset -c 0}
     * there to judge as on a machine with one CPU: the check JVM and every process it starts see one.
     */
    List<String> launcher = List.of();

    /** Runs Checks for one exercise in a JVM of its own, its compiled classes first on the class path. */
    Result judge(Checks.Exercise exercise, Path classes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                "Checks", String.valueOf(exercise.number()), exercise.className(), exercise.fileName()));
        Process check = new ProcessBuilder(command).start(); // its standard input stays open: see Checks.endWithParent
        LIVE.add(check);
        try {
            String[] verdict = new String[1];
            Deque<String> errors = new ArrayDeque<>();
            Thread outReader = read(check.getInputStream(), line -> {
                if (line.startsWith(Checks.VERDICT)) verdict[0] = line.substring(Checks.VERDICT.length());
            });
            Thread errReader = read(check.getErrorStream(), line -> {
                synchronized (errors) {
                    if (errors.size() == 3) errors.removeFirst();
                    errors.addLast(line.strip());
                }
            });
            if (!check.waitFor(Math.round(timeout * 1000), TimeUnit.MILLISECONDS)) {
                kill(check);
                return Result.unsolved(String.format("The check did not end within %s s, so it was stopped. Does "
                        + "something wait forever, such as a join on a thread that never ends, or a read from a "
                        + "process that never writes?", timeout));
            }
            outReader.join();
            errReader.join();
            if (verdict[0] == null) {
                return Result.unsolved(String.format("The check ended without a verdict (exit code %d). Does your code "
                        + "call System.exit?%s", check.exitValue(),
                        errors.isEmpty() ? "" : " Its last error output: " + String.join(" | ", errors)));
            }
            String text = verdict[0].substring(verdict[0].indexOf(' ') + 1);
            return verdict[0].startsWith("pass ") ? Result.solved(text) : Result.unsolved(text);
        } finally {
            LIVE.remove(check);
        }
    }

    static Thread read(InputStream in, Consumer<String> sink) {
        return Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) sink.accept(line);
            } catch (IOException e) {
                // the check JVM was killed: what was read is all there is
            }
        });
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int watch() throws IOException, InterruptedException {
        while (true) {
            String before = stamp(); // taken first, so that a file saved during the check counts too
            if (checkAll() == 0) return 0;
            out.printf("%nWatching %s: save a file to check again, Ctrl-C to stop.%n", show(dir));
            while (stamp().equals(before)) Thread.sleep(500);
            Thread.sleep(300); // let the editor finish writing
            out.printf("%n%s%n", "-".repeat(40));
        }
    }

    /** The names, modification times and sizes of the exercise files: changes when one is saved. */
    String stamp() throws IOException {
        StringBuilder stamp = new StringBuilder();
        for (Checks.Exercise exercise : Checks.ALL) {
            Path file = dir.resolve(exercise.fileName());
            if (Files.exists(file)) stamp.append(file).append(Files.getLastModifiedTime(file)).append(Files.size(file));
            stamp.append('\n');
        }
        return stamp.toString();
    }

    // ---- the other actions ----------------------------------------------------------------------

    int list() {
        out.println("The exercises, in order. Each one follows the lesson with the same number.");
        out.println();
        for (Checks.Exercise exercise : Checks.ALL) {
            out.printf("  %-20s %-38s after lesson %s%n", exercise.label(), show(dir.resolve(exercise.fileName())), exercise.lesson());
            out.printf("  %-20s %s%n", "", exercise.task());
        }
        out.printf("%n%s              check them, in order%n%s --hint N     a hint for exercise N%n", RUN, RUN);
        return 0;
    }

    int hint(Checks.Exercise exercise) throws IOException {
        Path file = root.resolve("hints").resolve(exercise.fileName().replace(".java", ".md"));
        List<String> hints = new ArrayList<>();
        StringBuilder current = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("## ")) {
                if (current != null) hints.add(current.toString().strip());
                current = new StringBuilder();
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) hints.add(current.toString().strip());
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

    int reset(Checks.Exercise exercise) throws IOException {
        Path original = root.resolve("checker").resolve("originals").resolve(exercise.fileName());
        Path file = dir.resolve(exercise.fileName());
        if (!confirm(String.format("Put %s back as it was at the start? Your changes to it will be lost.", show(file)))) {
            out.println("Nothing was changed.");
            return 0;
        }
        Files.copy(original, file, StandardCopyOption.REPLACE_EXISTING);
        out.printf("%s is back as it was at the start.%n", show(file));
        return 0;
    }

    int solution(Checks.Exercise exercise) throws IOException {
        Path file = root.resolve("solutions").resolve(exercise.fileName());
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

    void validate() {
        long actions = Stream.of(list, hint != null, reset != null, solution != null, watch).filter(b -> b).count();
        if (actions > 1) throw Cli.bad(spec, "choose one of --list, --hint, --reset, --solution and --watch");
        for (var number : new Object[][] {{"--hint", hint}, {"--reset", reset}, {"--solution", solution}}) {
            Integer n = (Integer) number[1];
            if (n != null && (n < 1 || n > Checks.ALL.size())) {
                throw Cli.bad(spec, "%s takes an exercise number from 1 to %d (got %d)", number[0], Checks.ALL.size(), n);
            }
        }
        if (level < 1) throw Cli.bad(spec, "--level must be 1 or more (got %d)", level);
        if (level != 1 && hint == null) throw Cli.bad(spec, "--level goes with --hint N");
        if (!(timeout > 0 && timeout <= 3600)) throw Cli.bad(spec, "--timeout must be more than 0 and at most 3600 s (got %s)", timeout);
        if (dir != null && !Files.isDirectory(dir)) throw Cli.bad(spec, "--dir %s is not a folder", dir);
    }

    /** The kit's folder: the nearest one, from here upwards, that holds exercises/ and checker/originals/. */
    Path kitRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("checker").resolve("originals")) && Files.isDirectory(p.resolve("hints"))) return p;
        }
        throw new IllegalStateException("this is not the kit's folder: run " + RUN + " in the folder with exercises/ and checker/");
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

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
