import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jdk.jshell.tool.JavaShellToolBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code snippets/*.jsh} file as a learner does: pasted into the real {@code jshell} tool
 * of the JDK running the tests (started in this JVM, where its compiler is warm, through the tool's
 * own builder), with the feedback a learner has. Each cell must compile, resolve and run without an
 * exception (the tool says so in its output), no cell may echo a stray
 * {@code $15 ==> java.io.PrintStream@…}, the run must print the lines listed in {@link #EXPECTED},
 * and leave nothing in the temporary folder. On an older JDK's {@code jshell} (if this machine has
 * one) every file must stop at its first cell with one line.
 *
 * <p>Quick, but the same cells: a snippet that sorts reads its size from {@code -Dsnippet.size}
 * ({@link #SIZE} here, 2 000 000 for a learner), the JVMs run with the {@link #QUICK_JVM} flags, and
 * all runs start at once, {@link #AT_ONCE} at a time (a snippet spends most of its time waiting for
 * sleeps and child JVMs), each test then waiting for its own. Nothing here is timed.
 */
@TimesNothing
class SnippetsTest {

    private static final Path SNIPPETS = Path.of(System.getProperty("user.dir"), "snippets");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** A decimal number as printf prints it (the decimal separator depends on the locale). */
    private static final String NUM = "\\d+[.,]\\d+";
    /** The size given to the snippets that read {@code -Dsnippet.size} (the numbers each sort job sorts). */
    static final int SIZE = 20_000;
    /**
     * Flags for the JVMs these tests start (the agents that run the cells, an older jshell): the quick
     * (C1) compiler only. A short run spends most of its CPU compiling the JVM's own code; this halves it.
     */
    static final List<String> QUICK_JVM = List.of("-XX:TieredStopAtLevel=1");
    /** Snippet runs at a time: two cores, and runs that mostly wait. */
    static final int AT_ONCE = 5;
    private static ExecutorService runs;

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
                    List.of("^4 threads, " + SIZE + " numbers each, \\d+ cores available$",
                            "^\\S+ started, PID \\d+$",
                            "^\\S+ done, PID \\d+, took " + NUM + " s, sorted: true$"),
                    perThread("^Thread%d started, PID \\d+$"),
                    perThread("^Thread%d done, PID \\d+, took " + NUM + " s, sorted: true$"),
                    List.of("^wall time " + NUM + " s for 4 sorts, about " + NUM
                                    + " s one after another: speed-up " + NUM + "x$",
                            "^shared Random " + NUM + " s, one Random per thread " + NUM
                                    + " s: sharing takes " + NUM + "x as long$")),
            "03-process-sort.jsh", List.of(
                    "^worker compiled: true$",
                    "^this JVM is PID \\d+$",
                    "^child PID \\d+, parent PID \\d+, sorted " + SIZE + " numbers in " + NUM + " s \\(exit code 0\\)$",
                    "^4 processes: wall time " + NUM + " s$",
                    "^child PID \\d+, parent PID \\d+, sorted 10 numbers in " + NUM + " s \\(exit code 0\\)$",
                    "^4 processes doing almost nothing: wall time " + NUM + " s$"),
            "04-pids.jsh", List.of(
                    "^This JVM: PID \\d+, parent PID \\d+, agent JVM of jshell: true$",
                    "^the 4 threads reported 1 PID\\(s\\), the same as this JVM's: true$",
                    "^1000 virtual threads in PID \\d+ ran on [1-9]\\d{0,2} native thread\\(s\\): ",
                    "^the child's parent is this JVM: true$"),
            "05-spawn-vs-fork.jsh", List.of(
                    // the child is asked for the class's real name, which JShell made longer than "Greeter"
                    "^JShell named the class (\\S+\\$Greeter)$\n(?:.*\n)*?"
                            + "^child exit code [1-9]\\d*, it said: Error: Could not find or load main class \\1$",
                    "^compiled: true; child exit code 0, it said: hello from Greeter, PID \\d+, lesson\\.colour = null$",
                    "^child, property set here at run time: hello from Greeter, PID \\d+, lesson\\.colour = null$",
                    "^child, started with -Dlesson\\.colour=green: hello from Greeter, PID \\d+, lesson\\.colour = green$"),
            "06-choosing.jsh", List.of(
                    "^1000 sleeps of 0.5 s: platform threads " + NUM + " s, virtual threads " + NUM + " s$",
                    "^4 sorts: one after another " + NUM + " s, on 4 threads " + NUM + " s \\(\\d+ cores\\)$",
                    "^reading a thread's result in place: " + NUM + " s$",
                    "^receiving a child's result through a pipe: " + NUM + " s, same numbers: true, exit code 0$"),
            "07-python-java.jsh", List.of( // CI has python3; without it, cell 2 says what to install
                    "^python3 is \\S+$",
                    "^CPython threads 2, PID \\d+, sorted: ok$",
                    "^CPython processes 2, PID \\d+, sorted: ok$",
                    "^CPython: 1 thread " + NUM + " s, 2 threads " + NUM + " s \\(" + NUM + "x\\), 2 processes " + NUM
                            + " s \\(" + NUM + "x\\)$",
                    "^Java: 1 thread " + NUM + " s, 2 threads " + NUM + " s \\(" + NUM + "x\\)$"));

    /**
     * Cells pasted after a file, with the lines they must print: they try what the file itself cannot
     * show. Snippet 05's time limit must really stop a child that hangs.
     */
    private static final Map<String, Probe> PROBES = Map.of(
            "05-spawn-vs-fork.jsh", new Probe("""
                    limit = Duration.ofSeconds(2);
                    Path hangs = Files.writeString(Files.createTempFile("hangs", ".java"),
                            "void main() throws Exception { Thread.sleep(300_000); }");
                    long probeStart = System.nanoTime();
                    Ran hung = run(List.of(javaBin, hangs.toString()));
                    Files.delete(hangs);
                    System.out.println("a hanging child: stopped " + hung.stopped() + ", alive "
                            + ProcessHandle.of(hung.pid()).map(ProcessHandle::isAlive).orElse(false)
                            + ", after " + (System.nanoTime() - probeStart) / 1_000_000_000 + " s");
                    """, List.of("^a hanging child: stopped true, alive false, after [0-5]?\\d s$")));

    private record Probe(String cells, List<String> expected) {}

    /** The one line a snippet prints on an older jshell, before it ends that jshell. */
    private static final String TOO_OLD = "^These cells need JDK 25, this jshell is JDK (\\d+): run \\./jbang jshell snippets/%s$";

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicNode> everySnippetFileRuns() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(SNIPPETS)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".jsh")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no *.jsh files found in " + SNIPPETS);
        // Every run starts now, a few at a time; each test below waits for its own run's outcome.
        runs = Executors.newFixedThreadPool(AT_ONCE);
        Map<Path, Future<?>> tool = new LinkedHashMap<>();
        for (Path file : files) {
            tool.put(file, start(() -> pasteIntoJshellTool(file)));
        }
        Path first = files.getFirst(); // the older jshell's quick runs last, where they fill the gaps
        List<Future<?>> older = List.of(
                start(() -> stopsOnAnOlderJshell(first, "named on the command line", List.of(first.toString()))),
                start(() -> stopsOnAnOlderJshell(first, "pasted", List.of())),
                start(() -> stopsOnAnOlderJshell(first, "with --execution local",
                        List.of("--execution", "local", first.toString()))));
        return files.stream().map(file -> dynamicContainer(file.getFileName().toString(), Stream.of(
                dynamicTest("has expected output declared in SnippetsTest", () -> expectationsFor(file)),
                dynamicTest("pasted into the jshell tool", () -> outcome(tool.get(file))),
                dynamicTest("stops at its first cell on an older jshell", () -> {
                    assertSameFirstCell(first, file);
                    for (Future<?> run : older) outcome(run);
                }))));
    }

    private static Future<?> start(Callable<?> run) {
        return runs.submit(run);
    }

    /** Waits for a run started by {@link #start}; what it threw (a failed assertion) is thrown here. */
    private static void outcome(Future<?> run) throws Throwable {
        try {
            run.get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    /** Runs still going when the class ends (a test filtered out, a failure) are stopped. */
    @AfterAll
    static void stopRuns() throws InterruptedException {
        if (runs != null) {
            runs.shutdownNow();
            assertTrue(runs.awaitTermination(1, TimeUnit.MINUTES), "snippet runs still going");
        }
    }

    // ---- the jshell tool ------------------------------------------------------------------------

    /**
     * Pastes the whole file into the jshell tool: its standard input is the file, and the feedback
     * mode is "normal", the one a learner has. So every cell shows what jshell shows after it: a
     * cell whose value is thrown away (a printf's PrintStream, a path) must not be echoed as
     * {@code $15 ==> …}. The tool exits at the end of its input.
     */
    private Void pasteIntoJshellTool(Path file) throws IOException {
        List<Pattern> expected = new ArrayList<>(expectationsFor(file));
        Path work = Files.createTempDirectory(temp, "jshell-"); // @TempDir is shared by the dynamic tests
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        Path input = file;
        Probe probe = PROBES.get(file.getFileName().toString());
        if (probe != null) { // pasted right after the file, in the same session
            probe.expected().forEach(r -> expected.add(Pattern.compile(r, Pattern.MULTILINE)));
            input = Files.writeString(work.resolve(file.getFileName()), Files.readString(file) + "\n" + probe.cells());
        }
        Ran ran = runJshellTool(input, tmp, "--feedback", "normal", "-R-Dsnippet.size=" + SIZE, "-R-Djava.io.tmpdir=" + tmp);
        String text = withoutEcho(ran.output(), input);
        assertEquals(0, ran.exitCode(), () -> "jshell exit status; output:\n" + ran.output());
        // A variable's value as jshell shows it may name an exception (05's `trapped` holds the
        // child's "ClassNotFoundException"): that is no problem of the run.
        assertNoProblemLines(text.lines().filter(l -> !l.matches("[A-Za-z_]\\w* ==> .*"))
                .collect(Collectors.joining("\n")));
        // A declaration that uses something never declared is kept but cannot be used; the tool says so.
        List<String> unresolved = text.lines().filter(l -> l.contains(", however, it cannot be")).toList();
        assertTrue(unresolved.isEmpty(), () -> "cells left unresolved: " + unresolved + "; output:\n" + ran.output());
        List<String> echoed = text.lines().filter(l -> ECHOED_VALUE.matcher(l).find()).toList();
        assertTrue(echoed.isEmpty(), () -> "cells whose value is thrown away were echoed: " + echoed
                + " (print with println, or make the cell a statement); output:\n" + ran.output());
        assertOutputMatches(file, expected, text);
        assertNothingLeftIn(tmp, file);
        return null;
    }

    /** A value jshell shows in a temporary variable, e.g. {@code $15 ==> java.io.PrintStream@1b6d3586}. */
    private static final Pattern ECHOED_VALUE = Pattern.compile("\\$\\d+ ==> |==> java\\.io\\.PrintStream");

    /**
     * An older JDK's jshell (the default {@code jshell} on many machines) must stop at the file's
     * first cell and print one line naming the JDK it needs and the command that opens it. Run as
     * a learner would: the file named on the command line ({@code way} says how), the file pasted,
     * and with {@code --execution local} (the cells in jshell's own process, as JBang runs them).
     */
    private Void stopsOnAnOlderJshell(Path file, String way, List<String> args) throws IOException, InterruptedException {
        Path old = olderJshell();
        assumeTrue(old != null, "no jshell older than JDK 25 on this machine");
        Pattern tooOld = Pattern.compile(TOO_OLD.formatted(Pattern.quote(file.getFileName().toString())));
        Path work = Files.createTempDirectory(temp, "old-jshell-");
        File input = way.equals("pasted") ? file.toFile() : Files.createFile(work.resolve("empty-stdin")).toFile();
        Ran ran = runJshell(old, work, input, args.toArray(String[]::new));
        String how = old + " " + way + "; output:\n" + ran.output();
        // What remains without jshell's greeting and the prompts and echo of the pasted lines.
        List<String> said = withoutEcho(ran.output(), file).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("|  Welcome to JShell") && !l.startsWith("|  For an introduction"))
                .toList();
        assertEquals(1, said.size(), () -> "one line expected, " + how);
        Matcher m = tooOld.matcher(said.getFirst().strip());
        assertTrue(m.matches(), () -> "the line names JDK 25 and ./jbang jshell: " + how);
        assertTrue(Integer.parseInt(m.group(1)) < 25, how);
        assertTrue(said.getFirst().length() <= 100, () -> "wider than 100 columns: " + how);
        assertTrue(ran.exitCode() != 0, () -> "jshell ended with 0, " + how);
        return null;
    }

    /**
     * An older jshell runs a file up to its first cell and no further, so what it does depends on
     * that cell alone: every file has the first file's (which runs on an older jshell above, in
     * three ways), with its own name in it, and only comments before it.
     */
    private static void assertSameFirstCell(Path first, Path file) throws IOException {
        String name = first.getFileName().toString();
        String expected = firstCell(first), actual = firstCell(file).replace(file.getFileName().toString(), name);
        assertEquals(expected, actual, file.getFileName() + "'s first cell is not " + name + "'s, with its own name");
    }

    private static String firstCell(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int from = lines.indexOf("// Cell 0: these cells need JDK 25. An older jshell stops here, with one line that says so. (A plain");
        int to = IntStream.range(0, lines.size()).filter(i -> lines.get(i).startsWith("// Cell 1:")).findFirst().orElse(-1);
        assertTrue(from >= 0 && to > from, file.getFileName() + " starts with the JDK check, cell 0, before cell 1");
        List<String> before = lines.subList(0, from).stream().filter(l -> !l.isBlank() && !l.startsWith("//")).toList();
        assertEquals(List.of(), before, file.getFileName() + " has only comments before cell 0");
        return String.join("\n", lines.subList(from, to));
    }

    private record Ran(int exitCode, String output) {}

    /**
     * Runs the JDK's jshell tool, the code behind its {@code jshell} command (through the tool's
     * public builder), inside this JVM: {@code input} is its standard input, output and errors go
     * together, and its preferences (feedback mode, start-up scripts) are a throwaway map, so settings
     * a learner saved on this machine cannot change the output. The cells run in an agent JVM, as
     * with the command; only the tool's own compiling is done here, by a JVM that has done it before.
     * {@code tmp}, which the agent's command line names, finds the agent if the run must be stopped.
     */
    private static Ran runJshellTool(Path input, Path tmp, String... args) throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        List<String> options = new ArrayList<>();
        for (String flag : QUICK_JVM) options.add("-R" + flag);
        options.addAll(List.of(args));
        AtomicBoolean stopped = new AtomicBoolean();
        try (InputStream file = Files.newInputStream(input);
             InputStream in = new FilterInputStream(file) { // at its end once the run is stopped
                 @Override public int read() throws IOException { return stopped.get() ? -1 : super.read(); }
                 @Override public int read(byte[] b, int off, int len) throws IOException {
                     return stopped.get() ? -1 : super.read(b, off, len);
                 }
             }) {
            int exitCode = assertTimeoutPreemptively(TIMEOUT, () -> JavaShellToolBuilder.builder()
                    .in(in, null).out(out).err(out).persistence(new HashMap<>()).interactiveTerminal(false)
                    .start(options.toArray(String[]::new)),
                    () -> "jshell " + options + " did not finish in " + TIMEOUT + "; output so far:\n" + text(captured));
            return new Ran(exitCode, text(captured));
        } finally {
            stopped.set(true);
            // The agent JVM (and whatever its cells started) must not outlive a run that was stopped.
            ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(tmp.toString()))
                    .forEach(agent -> {
                        agent.descendants().forEach(ProcessHandle::destroyForcibly);
                        agent.destroyForcibly();
                    });
        }
    }

    /** Runs jshell with its own throwaway preferences, input from a file, output and errors together. */
    private static Ran runJshell(Path jshellBinary, Path work, File input, String... args)
            throws IOException, InterruptedException {
        Path output = work.resolve("output.txt");
        Path preferences = work.resolve("prefs");
        Files.createDirectories(preferences.resolve(".java/.userPrefs")); // else it logs that it made them
        // Its preferences (feedback mode, start-up scripts) live in a throwaway folder, so settings a
        // learner saved on this machine cannot change the output.
        List<String> command = new ArrayList<>(List.of(jshellBinary.toString(), "-J-Djava.util.prefs.userRoot=" + preferences));
        for (String flag : QUICK_JVM) command.addAll(List.of("-J" + flag, "-R" + flag));
        command.addAll(List.of(args));
        Process jshell = new ProcessBuilder(command)
                .redirectInput(input)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!jshell.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                fail(command + " did not finish in " + TIMEOUT + "; output so far:\n" + Files.readString(output));
            }
        } finally {
            if (jshell.isAlive()) { // timed out, or the class ended while it ran
                jshell.descendants().forEach(ProcessHandle::destroyForcibly);
                jshell.destroyForcibly();
            }
        }
        return new Ran(jshell.exitValue(), Files.readString(output));
    }

    private static Path jshellOf(Path javaHome) {
        Path bin = javaHome.resolve("bin");
        return Files.exists(bin.resolve("jshell")) ? bin.resolve("jshell") : bin.resolve("jshell.exe");
    }

    /** The jshell on PATH if it is older than JDK 25 (what a learner types), else one in /usr/lib/jvm. */
    private static Path olderJshell() throws IOException {
        List<Path> homes = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path onPath = Path.of(dir.isEmpty() ? "." : dir, "jshell");
            if (Files.isExecutable(onPath)) {
                homes.add(onPath.toRealPath().getParent().getParent());
                break;
            }
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.sorted().forEach(homes::add);
            }
        }
        for (Path home : homes) {
            int feature = featureOf(home);
            if (feature > 0 && feature < 25 && Files.isExecutable(jshellOf(home))) {
                return jshellOf(home);
            }
        }
        return null;
    }

    /** The feature release a JDK's release file names (17 for "17.0.15"), or 0. */
    private static int featureOf(Path javaHome) throws IOException {
        Path release = javaHome.resolve("release");
        if (!Files.isReadable(release)) return 0;
        for (String line : Files.readAllLines(release)) {
            Matcher m = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)").matcher(line);
            if (m.find()) return Integer.parseInt(m.group(1));
        }
        return 0;
    }

    /**
     * The tool's output without its prompts, and without the bits of pasted input that its line
     * editor echoes when input is no terminal (a prefix of some line of the file, which may hold
     * words such as "Exception").
     */
    private static String withoutEcho(String output, Path file) throws IOException {
        Set<String> source = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.toSet());
        String typed = output.replace("\r\n", "\n").replaceAll(".\b", ""); // a backspace takes back a character
        return typed.replace("jshell> ", "").replace("   ...> ", "").lines()
                .filter(l -> l.isBlank() || source.stream().noneMatch(src -> src.startsWith(l.strip())))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Snippets tidy up after themselves: the temporary folder given to the cells is empty again. */
    private static void assertNothingLeftIn(Path tmp, Path file) throws IOException {
        try (Stream<Path> left = Files.list(tmp)) {
            List<String> names = left.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.isEmpty(), () -> file.getFileName() + " left behind in the temporary folder: " + names);
        }
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
}
