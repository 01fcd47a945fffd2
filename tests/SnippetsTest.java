import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code snippets/*.jsh} file twice: cell by cell through the {@code jdk.jshell} API
 * (checking each cell compiles and runs without an exception), and in the real {@code jshell}
 * tool of the JDK running the tests. Both runs must print the lines listed in {@link #EXPECTED}.
 */
class SnippetsTest {

    private static final Path SNIPPETS = Path.of(System.getProperty("user.dir"), "snippets");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** A decimal number as printf prints it (the decimal separator depends on the locale). */
    private static final String NUM = "\\d+[.,]\\d+";
    private static final String END_MARKER = "<<end of snippet output>>";

    /** Per snippet file: regular expressions (multi-line mode) that its output must match. */
    private static final Map<String, List<String>> EXPECTED = Map.of(
            "01-threads-sleep.jsh", concat(
                    perThread("^Thread%d started, PID \\d+$"),
                    perThread("^Thread%d done, PID \\d+, took " + NUM + " s$"),
                    perThread("^Virtual%d started, PID \\d+$"),
                    perThread("^Virtual%d done, PID \\d+, took " + NUM + " s$"),
                    List.of("^4 platform threads: wall time " + NUM + " s$",
                            "^4 virtual threads: wall time " + NUM + " s$",
                            // a broken carrier parse would count ~10000 distinct "carriers"
                            "^10000 virtual threads: wall time " + NUM
                                    + " s, carried by [1-9]\\d{0,2} platform threads \\(\\d+ cores\\)$")),
            "02-threads-sort.jsh", concat(
                    List.of("^4 threads, 2000000 numbers each, \\d+ cores available$",
                            "^\\S+ started, PID \\d+$",
                            "^\\S+ done, PID \\d+, took " + NUM + " s, sorted: true$"),
                    perThread("^Thread%d started, PID \\d+$"),
                    perThread("^Thread%d done, PID \\d+, took " + NUM + " s, sorted: true$"),
                    List.of("^wall time " + NUM + " s for 4 sorts, about " + NUM
                                    + " s one after another: speed-up " + NUM + "x$",
                            "^shared Random " + NUM + " s, one Random per thread " + NUM
                                    + " s: sharing takes " + NUM + "x as long$")),
            "03-process-sort.jsh", List.of(
                    "^this JVM is PID \\d+$",
                    "^child PID \\d+, parent PID \\d+, sorted 2000000 numbers in " + NUM + " s \\(exit code 0\\)$",
                    "^4 processes: wall time " + NUM + " s$",
                    "^child PID \\d+, parent PID \\d+, sorted 10 numbers in " + NUM + " s \\(exit code 0\\)$",
                    "^4 processes doing almost nothing: wall time " + NUM + " s$"),
            "04-pids.jsh", List.of(
                    "^This JVM: PID \\d+, parent PID \\d+, agent JVM of jshell: true$",
                    "^the 4 threads reported 1 PID\\(s\\), the same as this JVM's: true$",
                    "^1000 virtual threads in PID \\d+ ran on [1-9]\\d{0,2} native thread\\(s\\): ",
                    "^the child's parent is this JVM: true$"),
            "05-spawn-vs-fork.jsh", List.of(
                    "^child exit code [1-9]\\d*, it said: Error: Could not find or load main class Greeter$",
                    "^compiled: true; child exit code 0, it said: hello from Greeter, PID \\d+, lesson\\.colour = null$",
                    "^child, property set here at run time: hello from Greeter, PID \\d+, lesson\\.colour = null$",
                    "^child, started with -Dlesson\\.colour=green: hello from Greeter, PID \\d+, lesson\\.colour = green$"),
            "06-choosing.jsh", List.of(
                    "^1000 sleeps of 0.5 s: platform threads " + NUM + " s, virtual threads " + NUM + " s$",
                    "^4 sorts: one after another " + NUM + " s, on 4 threads " + NUM + " s \\(\\d+ cores\\)$",
                    "^reading a thread's result in place: " + NUM + " s$",
                    "^receiving a child's result through a pipe: " + NUM + " s, same numbers: true, exit code 0$"));

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicNode> everySnippetFileRuns() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(SNIPPETS)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".jsh")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no *.jsh files found in " + SNIPPETS);
        return files.stream().map(file -> dynamicContainer(file.getFileName().toString(), Stream.of(
                dynamicTest("has expected output declared in SnippetsTest", () -> expectationsFor(file)),
                dynamicTest("cell by cell through the jdk.jshell API", () -> runThroughApi(file)),
                dynamicTest("in the jshell tool", () -> runInJshellTool(file)))));
    }

    // ---- jdk.jshell API -------------------------------------------------------------------------

    private void runThroughApi(Path file) throws IOException {
        List<Pattern> expected = expectationsFor(file);
        String source = Files.readString(file);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        // Default (remote) engine: cells run in a separate agent JVM and their output comes back
        // over a socket to builder().out, i.e. possibly a little after eval() has returned.
        try (JShell jshell = JShell.builder().out(out).err(out).build()) {
            assertTimeoutPreemptively(TIMEOUT, () -> evaluateCells(jshell, source),
                    () -> file.getFileName() + " did not finish in " + TIMEOUT + "; output so far:\n" + text(captured));
            // The output stream keeps its order, so once a marker printed last has arrived, everything has.
            evaluate(jshell, "System.out.println(\"" + END_MARKER + "\");");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!text(captured).contains(END_MARKER) && System.nanoTime() < deadline) {
                sleep(20);
            }
            assertTrue(text(captured).contains(END_MARKER), "output of the agent JVM never arrived:\n" + text(captured));
        }
        String output = text(captured).replace(END_MARKER, "");
        // eval() only reports exceptions of the cell's own thread; one that kills a thread the cell
        // started shows up as "Exception in thread ..." in the output instead.
        assertNoProblemLines(output);
        assertOutputMatches(file, expected, output);
    }

    /**
     * Feeds the file to jshell the way the jshell tool reads it (and the way a learner pastes it):
     * line by line, evaluating as soon as the lines gathered so far form a complete snippet. So a
     * line such as {@code var x = a()} followed by {@code     .b();} fails here as it does there.
     */
    private static void evaluateCells(JShell jshell, String source) {
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String pending = "";
        for (String line : source.lines().toList()) {
            pending = pending.isEmpty() ? line : pending + "\n" + line;
            while (!pending.isEmpty() && isComplete(analysis, pending)) {
                if (isCommand(pending)) {
                    fail("jshell command in a snippet file (a pasted or scripted run would execute it, "
                            + "e.g. /exit ends the learner's session; remove it): " + pending.strip());
                }
                CompletionInfo info = analysis.analyzeCompletion(pending);
                if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
                    evaluate(jshell, info.source().stripTrailing());
                }
                pending = info.remaining();
            }
        }
        if (!pending.isBlank()) {
            fail("incomplete snippet at the end of the file:\n" + pending);
        }
        // A declaration that used something never defined stays "recoverable" instead of valid.
        List<String> unresolved = jshell.snippets()
                .filter(s -> jshell.status(s) == Snippet.Status.RECOVERABLE_DEFINED
                        || jshell.status(s) == Snippet.Status.RECOVERABLE_NOT_DEFINED)
                .map(s -> s.source().strip() + (s instanceof DeclarationSnippet d
                        ? "\n  needs: " + jshell.unresolvedDependencies(d).toList() : "") + describe(jshell, s))
                .toList();
        assertTrue(unresolved.isEmpty(), "snippets left unresolved at the end of the file:\n" + String.join("\n", unresolved));
    }

    private static void evaluate(JShell jshell, String cell) {
        for (SnippetEvent event : jshell.eval(cell)) {
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                fail("jshell rejected this cell:\n" + cell.strip() + describe(jshell, snippet));
            }
            if (event.exception() != null) {
                fail("this cell threw " + describe(event.exception()) + ":\n" + cell.strip());
            }
        }
    }

    private static String describe(JShell jshell, Snippet snippet) {
        return jshell.diagnostics(snippet)
                .map(d -> "\n  " + (d.isError() ? "error: " : "warning: ") + message(d))
                .collect(Collectors.joining());
    }

    private static String message(Diag diag) {
        return diag.getMessage(Locale.ROOT).replace("\n", "\n    ");
    }

    private static String describe(Throwable exception) {
        String name = exception instanceof EvalException e ? e.getExceptionClassName() : exception.getClass().getName();
        StringBuilder text = new StringBuilder(name + ": " + exception.getMessage());
        for (StackTraceElement frame : exception.getStackTrace()) {
            text.append("\n    at ").append(frame);
        }
        return text.toString();
    }

    /** Like the jshell tool: a command starts with a slash that does not start a comment. */
    private static boolean isCommand(String text) {
        return text.startsWith("/") && !text.startsWith("//") && !text.startsWith("/*");
    }

    private static boolean isComplete(SourceCodeAnalysis analysis, String text) {
        if (isCommand(text)) {
            return true;
        }
        SourceCodeAnalysis.Completeness completeness = analysis.analyzeCompletion(text).completeness();
        return completeness.isComplete() || completeness == SourceCodeAnalysis.Completeness.EMPTY;
    }

    // ---- the jshell tool ------------------------------------------------------------------------

    private void runInJshellTool(Path file) throws IOException, InterruptedException {
        List<Pattern> expected = expectationsFor(file);
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path jshellBinary = Files.exists(bin.resolve("jshell")) ? bin.resolve("jshell") : bin.resolve("jshell.exe");
        // @TempDir is shared by the dynamic tests of one factory, so each run gets its own folder.
        Path work = Files.createTempDirectory(temp, "jshell-");
        Path emptyInput = Files.createFile(work.resolve("empty-stdin"));
        Path output = work.resolve("output.txt");
        Path preferences = work.resolve("prefs");
        Files.createDirectories(preferences.resolve(".java/.userPrefs")); // else it logs that it made them
        // The tool runs the file and then reads commands from standard input: at end of input it
        // exits. Its own preferences (feedback mode, start-up scripts) live in a throwaway folder,
        // so settings a learner saved on this machine cannot change the output.
        Process jshell = new ProcessBuilder(jshellBinary.toString(),
                "-J-Djava.util.prefs.userRoot=" + preferences, "-q", file.toString())
                .redirectInput(emptyInput.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!jshell.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            jshell.descendants().forEach(ProcessHandle::destroyForcibly);
            jshell.destroyForcibly().waitFor();
            fail("jshell did not finish " + file.getFileName() + " in " + TIMEOUT + "; output so far:\n"
                    + Files.readString(output));
        }
        String text = Files.readString(output);
        assertEquals(0, jshell.exitValue(), () -> "jshell exit status; output:\n" + text);
        assertNoProblemLines(text);
        assertOutputMatches(file, expected, text);
    }

    /** No exception, and no compiler error as the tool prints it: "|  Error:" normally, "Error:" with -q. */
    private static void assertNoProblemLines(String output) {
        List<String> bad = output.lines()
                .filter(l -> l.contains("Exception") || l.startsWith("Error:") || l.startsWith("|  Error:"))
                .toList();
        assertTrue(bad.isEmpty(), () -> "problems reported " + bad + "; output:\n" + output);
    }

    // ---- expectations ---------------------------------------------------------------------------

    private static List<Pattern> expectationsFor(Path file) {
        List<String> regexes = EXPECTED.get(file.getFileName().toString());
        if (regexes == null || regexes.isEmpty()) {
            fail("SnippetsTest has no expected output for " + file.getFileName()
                    + ": add the lines it must print to SnippetsTest.EXPECTED");
        }
        return regexes.stream().map(r -> Pattern.compile(r, Pattern.MULTILINE)).toList();
    }

    private static void assertOutputMatches(Path file, List<Pattern> expected, String output) {
        String normalised = output.replace("\r\n", "\n");
        List<String> missing = expected.stream()
                .filter(p -> !p.matcher(normalised).find())
                .map(Pattern::pattern)
                .toList();
        assertTrue(missing.isEmpty(), () -> file.getFileName() + " printed no line matching " + missing
                + "; output:\n" + output);
    }

    private static List<String> perThread(String format) {
        return IntStream.rangeClosed(1, 4).mapToObj(i -> format.formatted(i)).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
