import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import support.ChildJvm;

/**
 * Checks one exercise file: compiles it on its own (with the JDK's compiler, into a temporary
 * folder), then runs its judge in a JVM of its own, started by {@link ChildJvm} with the compiled
 * classes first on the class path (see {@link Judge}). What it found is a {@link Verdict}.
 */
final class Verifier {

    /** The folder with the files to check. */
    Path dir;
    /** Stop a check after this many seconds. */
    double timeout = 60;
    /**
     * Words put before the judge JVM's command, empty for learners. A test puts {@code taskset -c 0}
     * there to judge as on a machine with one CPU: the judge JVM and every process it starts see one.
     */
    List<String> launcher = List.of();
    /** With --watch: files (by name and content) that passed, so that an unchanged file is not checked again. */
    private final Map<String, Verdict> passed = new ConcurrentHashMap<>();
    boolean remember;

    Verifier(Path dir) { this.dir = dir; }

    Verdict verify(Exercises.Exercise exercise) throws IOException, InterruptedException {
        Path file = dir.resolve(exercise.fileName());
        if (!Files.isRegularFile(file)) {
            return Verdict.fail(exercise, Verdict.MISSING_FILE, 0, String.format("The file %s is missing. %s --reset %d "
                    + "brings back the starting version.", Check.show(file), Check.RUN, exercise.number()));
        }
        String key = exercise.fileName() + " " + sha256(Files.readAllBytes(file));
        if (passed.containsKey(key)) return passed.get(key);
        Path classes = Files.createTempDirectory("check-");
        try {
            String errors = compile(file, classes);
            if (errors != null) return Verdict.fail(exercise, Verdict.COMPILE_ERROR, 0, errors);
            Verdict verdict = judge(exercise, classes);
            if (verdict.solved() && remember) passed.put(key, verdict);
            return verdict;
        } finally {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** Compiles one exercise file on its own; returns the compiler's messages when it fails, else null. */
    static String compile(Path file, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("this Java has no compiler; the checker needs a JDK 25");
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.getDefault(), StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-classpath", classes.toString(),
                    "-sourcepath", classes.toString(), "-implicit:none", "-proc:none", "-Xlint:none", "-nowarn");
            boolean ok = javac.getTask(messages, files, null, options, null,
                    files.getJavaFileObjects(Path.of(Check.show(file)))).call();
            return ok ? null : messages.toString();
        }
    }

    /** Runs the exercise's judge in a JVM of its own, its compiled classes first on the class path. */
    Verdict judge(Exercises.Exercise exercise, Path classes) throws InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(ChildJvm.command(List.of(), classes + File.pathSeparator + System.getProperty("java.class.path"),
                Judge.class, List.of(exercise.className(), exercise.fileName())));
        ChildJvm.Child check = ChildJvm.start("the check", command, line -> {}); // the judge prints nothing else
        try {
            check.await(timeout);
        } catch (ChildJvm.ChildFailed e) {
            if ((System.nanoTime() - check.startNanos()) / 1e9 >= timeout) {
                return Verdict.fail(exercise, Verdict.TIMEOUT, 0, String.format("The check did not end within %s s, so "
                        + "it was stopped. Does something wait forever, such as a join on a thread that never ends, or "
                        + "a read from a process that never writes?", timeout));
            }
            return noVerdict(exercise, e.getMessage());
        }
        Map<String, String> said = check.result(); // verdict, reason (on a fail), cores and text: see Judge.main
        String verdict = said.get("verdict"), text = said.get("text"), cores = said.getOrDefault("cores", "");
        if (text == null || !cores.matches("\\d+")) return noVerdict(exercise, "it said " + said.keySet());
        if ("pass".equals(verdict)) return Verdict.pass(exercise, Integer.parseInt(cores), text);
        if ("fail".equals(verdict)) return Verdict.fail(exercise, said.get("reason"), Integer.parseInt(cores), text);
        return noVerdict(exercise, "it said " + said.keySet());
    }

    private static Verdict noVerdict(Exercises.Exercise exercise, String why) {
        return Verdict.fail(exercise, Verdict.NO_VERDICT, 0, "The check ended without a verdict (" + why + "). Does "
                + "your code call System.exit?");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
