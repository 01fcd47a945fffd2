///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.slf4j:slf4j-nop:2.0.17
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
//SOURCES support/ChildJvm.java support/Cli.java support/NativeThread.java support/Results.java
//MAIN SpawnVsFork

// Lesson 05 — spawn or fork? The article's closing caveat, asked of the JVM.
//
// The article warns that Python can start a worker process in two ways: "fork" copies the running
// interpreter, globals and all; "spawn" starts a fresh one that knows nothing of what the parent did
// at run time, and a notebook's functions are not there to be found. Java has no choice to make: a
// running JVM never copies itself. Every child is a fresh JVM, built from class files, so this
// lesson shows three things:
//
//   1. A child JVM does not see what the parent changed at run time; state reaches it only when it is
//      passed on purpose (an argument, a -D option, an environment variable, standard input, a file).
//   2. "fork" still exists one level down: how the JDK asks the OS for a new process. The property
//      jdk.lang.Process.launchMechanism picks it; the lesson tries each value in a fresh child JVM
//      and times a few hundred launches of a tiny command, from a small JVM and from a large one.
//   3. The twin of the article's notebook trap: a class defined in JShell exists only in memory and
//      cannot be the main class of a new JVM.
//
// Run it:   ./jbang spawn-vs-fork                       200 launches per mechanism, 1024 MB large heap
//           ./jbang spawn-vs-fork --heap-mb 2048        a larger parent makes fork slower still
//           ./jbang spawn-vs-fork --launches 50         a quicker run

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.ChildJvm;
import support.Cli;
import support.NativeThread;
import support.Results;
import support.Results.Task;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

@Command(name = "spawn-vs-fork", mixinStandardHelpOptions = true,
        description = "Lesson 05: every child JVM starts fresh (\"spawn\"); how the JDK launches processes "
                + "(posix_spawn, fork, vfork) and what a large parent costs; the JShell twin of the notebook trap.")
class SpawnVsFork implements Callable<Integer> {

    /** The values tried for jdk.lang.Process.launchMechanism. SPAWN is Python's name, not the JDK's. */
    static final List<String> CANDIDATES = List.of("POSIX_SPAWN", "FORK", "VFORK", "SPAWN");
    static final String MECHANISM = "jdk.lang.Process.launchMechanism";
    static final String PROPERTY = "lesson.colour", ENVIRONMENT = "LESSON_COLOUR";
    static final double BUDGET_S = 5, TIMEOUT_S = 120;
    static final int MIN_HEAP_MB = 64, CHUNK_MB = 64;

    @Option(names = "--launches", paramLabel = "N", description = "Launches of a tiny command per mechanism and heap "
            + "(default: ${DEFAULT-VALUE}); each measurement also stops after 5 s.")
    int launches = 200;

    @Option(names = "--heap-mb", paramLabel = "MB", description = "Memory the large parent JVM allocates and touches "
            + "before it launches (default: ${DEFAULT-VALUE}).")
    int heapMb = 1024;

    @Mixin Cli.Common common;
    @Spec CommandSpec spec;

    public static void main(String[] args) {
        Cli.run(new SpawnVsFork(), args);
    }

    // =============================================================================================
    // The children. Each is a class compiled with this file, so a new JVM can find it on the class
    // path. Both report on lines that start with ChildJvm.RESULT, as "key=value".
    // =============================================================================================

    /** Part 1 and part 3: a child that reports what state it was born with. */
    static final class Child {
        /** A static field with its initial value. The parent changes it at run time; will the child see that? */
        static String colour = "blue";

        public static void main(String[] args) throws IOException {
            List<String> given = List.of(args);
            // Standard input as a channel: read the one line the parent sent.
            String stdin = given.contains("--read-stdin")
                    ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() : null;
            ChildJvm.exitWithParent(); // if the lesson dies, this JVM goes too
            String file = after(given, "--colour-file");
            System.out.printf("      [%s, PID %d, parent PID %d: a fresh JVM, reporting what it was born with]%n",
                    Child.class.getName(), ProcessHandle.current().pid(),
                    ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
            report("static field", colour);
            report("system property", System.getProperty(PROPERTY));
            report("argument", after(given, "--colour"));
            report("environment", System.getenv(ENVIRONMENT));
            report("standard input", given.contains("--read-stdin") ? stdin : "-");
            report("file", file.equals("-") ? "-" : Files.readString(Path.of(file)).strip());
        }

        static String after(List<String> args, String name) {
            int i = args.indexOf(name);
            return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : "-";
        }
    }

    /** Part 2: a child JVM that holds some memory, then launches a tiny command again and again. */
    static final class Launcher {
        static int refused;             // launches the OS refused for a moment, and its last word on it
        static String refusal = "";

        public static void main(String[] args) throws Exception {
            ChildJvm.exitWithParent(); // if the lesson dies, this JVM goes too
            int heapMb = Integer.parseInt(args[0]), launches = Integer.parseInt(args[1]);
            double budget = Double.parseDouble(args[2]);
            List<String> command = List.of(args).subList(3, args.length);

            byte[][] held = hold(heapMb); // allocated and written to: really in memory, not just reserved
            report("rss mb", residentMb());
            report("thread", NativeThread.describe());

            // The first launch loads java.lang.ProcessImpl, which reads the property once, now. A value
            // it does not know is rejected right here, with an Error.
            String proof;
            try {
                proof = proveALaunch(command);
            } catch (Error e) {
                report("rejected", e.toString());
                return;
            }
            report("in force", inForce());
            report("proof", proof);

            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            for (int i = 0; i < 3; i++) start(builder).waitFor(); // warm-up, untimed

            // The measurement: only start() is timed, the moment the OS creates the process and runs
            // the command in it. Waiting for the command to end is not part of a launch.
            Set<Long> pids = new HashSet<>();
            int done = 0, failed = 0;
            long spent = 0, loop0 = System.nanoTime(), deadline = loop0 + Math.round(budget * 1e9);
            while (done < launches && (done == 0 || System.nanoTime() < deadline)) {
                long s = System.nanoTime();
                Process p;
                try {
                    p = builder.start();
                } catch (IOException e) { // refused for a moment (see start): try again, neither timed nor counted
                    refuse(e);
                    continue;
                }
                spent += System.nanoTime() - s;
                pids.add(p.pid());
                if (p.waitFor() != 0) failed++;
                done++;
            }
            long loop = System.nanoTime() - loop0;
            report("launches", done);
            report("launch s", spent / 1e9);
            report("loop s", loop / 1e9);
            report("failed", failed);
            report("distinct pids", pids.size());
            report("refused", refused == 0 ? "0" : refused + " (" + refusal + ")");

            // Read once per JVM: set the property to a value it would reject, and launch again.
            System.setProperty(MECHANISM, "SPAWN");
            int again = start(builder).waitFor();
            report("after changing the property", again == 0 ? "still launches, still " + inForce() : "exit " + again);
            Reference.reachabilityFence(held);
        }

        static byte[][] hold(int mb) {
            byte[][] chunks = new byte[(mb + CHUNK_MB - 1) / CHUNK_MB][];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = new byte[Math.min(CHUNK_MB, mb - i * CHUNK_MB) << 20];
                for (int j = 0; j < chunks[i].length; j += 4096) chunks[i][j] = 1; // touch every page
            }
            return chunks;
        }

        /**
         * builder.start(), tried again if the OS refuses for a moment: on a crowded machine the kernel
         * can run out of process ids and answer EAGAIN ("Resource temporarily unavailable").
         */
        static Process start(ProcessBuilder builder) throws IOException, InterruptedException {
            while (true) {
                try {
                    return builder.start();
                } catch (IOException e) {
                    refuse(e);
                }
            }
        }

        static void refuse(IOException e) throws IOException, InterruptedException {
            refusal = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            if (!refusal.contains("temporarily unavailable") || ++refused > 20) throw e; // a real failure
            Thread.sleep(100);
        }

        /** A launch that proves itself: the shell prints its own PID, which must be the one Java was given. */
        static String proveALaunch(List<String> command) throws IOException, InterruptedException {
            if (Files.isExecutable(Path.of("/bin/sh"))) {
                Process p = start(new ProcessBuilder("/bin/sh", "-c", "echo $$").redirectErrorStream(true));
                String said = p.inputReader().readLine();
                p.waitFor();
                return String.format("/bin/sh started as PID %d and said its PID is %s", p.pid(), said);
            }
            Process p = start(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD));
            return String.format("%s started as PID %d and exited with %d", command.getFirst(), p.pid(), p.waitFor());
        }

        /** The mechanism the JDK really uses, read from its private field (needs --add-opens java.base/java.lang). */
        static String inForce() {
            try {
                var field = Class.forName("java.lang.ProcessImpl").getDeclaredField("launchMechanism");
                field.setAccessible(true);
                return String.valueOf(field.get(null));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return "unknown";
            }
        }

        /** Resident memory of this process in MB, from Linux's /proc; -1 elsewhere. */
        static long residentMb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
            return -1;
        }
    }

    static void report(String key, Object value) {
        System.out.println(ChildJvm.RESULT + key + "=" + value);
    }

    // =============================================================================================
    // A child process with an environment and standard input of our choosing. ChildJvm.start covers
    // neither, so this is plain ProcessBuilder, with ChildJvm.command for the command line.
    // =============================================================================================

    /** What a finished child left: its exit code, its ordinary output, its standard error, its results. */
    record Finished(long pid, int exitCode, List<String> out, List<String> err, Map<String, String> results) {
        String get(String key) { return results.getOrDefault(key, "?"); }
    }

    static Finished runChild(List<String> command, Map<String, String> environment, String stdin)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment); // starts as a copy of ours; we add to the copy
        Process p = builder.start();
        List<String> out = new ArrayList<>(), err = new ArrayList<>();
        Map<String, String> results = new LinkedHashMap<>();
        Thread outReader = Thread.ofVirtual().start(() -> p.inputReader().lines().forEach(line -> {
            if (line.startsWith(ChildJvm.RESULT)) results.putAll(parse(List.of(line.substring(ChildJvm.RESULT.length()))));
            else out.add(line);
        }));
        Thread errReader = Thread.ofVirtual().start(() -> p.errorReader().lines().forEach(err::add));
        try (OutputStream toChild = p.getOutputStream()) {
            // Closed when the child has ended (or when the lesson ends early, below).
            if (stdin != null) {
                toChild.write(stdin.getBytes(StandardCharsets.UTF_8));
                toChild.flush();
            }
            if (!p.waitFor(Math.round(TIMEOUT_S), TimeUnit.SECONDS)) {
                throw new IllegalStateException("a child JVM (PID " + p.pid() + ") ran longer than " + fmt(TIMEOUT_S) + " s");
            }
            outReader.join();
            errReader.join();
            return new Finished(p.pid(), p.exitValue(), List.copyOf(out), List.copyOf(err), results);
        } finally {
            if (p.isAlive()) { // the lesson is ending early: take the child down with it
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    static Map<String, String> parse(List<String> resultLines) {
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : resultLines) {
            String[] kv = line.split("=", 2);
            results.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return results;
    }

    // =============================================================================================
    // The lesson
    // =============================================================================================

    @Override
    public Integer call() throws Exception {
        validate();
        System.out.println(Results.machine());
        System.out.println();
        Results results = new Results(new Results.Params("05-spawn-vs-fork",
                "--launches " + launches + " --heap-mb " + heapMb, null, null, null));

        Inheritance inheritance = partOne();
        Mechanisms mechanisms = partTwo(results);
        Trap trap = partThree();

        summarise(inheritance, mechanisms, trap);
        results.writeCsv(common.csv);
        return inheritance.holds() && mechanisms.allChecked() && trap.reproduced() ? 0 : 1;
    }

    // ---- 1. A child JVM starts from scratch --------------------------------------------------------

    /** What child A (given nothing) and child B (given the state explicitly) reported. */
    record Inheritance(long pidA, Map<String, String> sawA, long pidB, Map<String, String> sawB) {
        boolean holds() {
            return sawA.get("static field").equals("blue") && sawA.get("system property").equals("null")
                    && CHANNELS.stream().allMatch(c -> "green".equals(sawB.get(c)));
        }
    }

    static final List<String> CHANNELS = List.of("system property", "argument", "environment", "standard input", "file");

    Inheritance partOne() throws Exception {
        System.out.println("1. Every child JVM starts from scratch: Java only \"spawns\"");
        Child.colour = "green";                   // a static field, changed at run time
        System.setProperty(PROPERTY, "green");   // a system property, set at run time
        System.out.printf("   This JVM (PID %d) has just set the static field Child.colour to \"green\" (it starts as "
                + "\"blue\")%n   and the system property %s to \"green\". Java cannot change its own environment.%n%n",
                ProcessHandle.current().pid(), PROPERTY);

        // Child A: the same class path and the same class, and nothing else.
        System.out.println("   Child A is given nothing:");
        ChildJvm.Child a = ChildJvm.start("child A", List.of(), Child.class, List.of(), System.out::println)
                .await(TIMEOUT_S);
        Map<String, String> sawA = parse(a.results());

        // Child B: the colour goes along explicitly, through every channel a new process has.
        System.out.println("   Child B is given the colour through five channels:");
        Path file = Files.createTempFile("colour", ".txt");
        try {
            Files.writeString(file, Child.colour);
            List<String> command = ChildJvm.command(List.of("-D" + PROPERTY + "=" + System.getProperty(PROPERTY)),
                    Child.class, List.of("--colour", Child.colour, "--colour-file", file.toString(), "--read-stdin"));
            Finished b = runChild(command, Map.of(ENVIRONMENT, Child.colour), Child.colour + "\n");
            b.out().forEach(System.out::println);
            if (b.exitCode() != 0) {
                throw new IllegalStateException("child B exited with code " + b.exitCode() + ": " + String.join(" | ", b.err()));
            }

            StringColumn state = StringColumn.create("state"), here = StringColumn.create("in this JVM"),
                    seenA = StringColumn.create("child A saw"), seenB = StringColumn.create("child B saw"),
                    how = StringColumn.create("how B was sent it");
            String ownEnv = System.getenv(ENVIRONMENT);
            String[][] rows = {
                    {"static field", "static field Child.colour", "green (run time)", "(a field cannot be sent)"},
                    {"system property", "system property " + PROPERTY, "green (run time)", "-D" + PROPERTY + "=green"},
                    {"argument", "argument --colour", "-", "--colour green"},
                    {"environment", "environment " + ENVIRONMENT, ownEnv == null ? "(not set)" : ownEnv, "builder.environment()"},
                    {"standard input", "standard input", "-", "a line on its stdin"},
                    {"file", "file", "-", "--colour-file PATH"}};
            for (String[] row : rows) {
                state.append(row[1]);
                here.append(row[2]);
                seenA.append(shown(sawA.get(row[0])));
                seenB.append(shown(b.results().get(row[0])));
                how.append(row[3]);
            }
            Table table = Table.create("What each child JVM saw", state, here, seenA, seenB, how);
            System.out.println();
            System.out.println(table.printAll());
            System.out.println();
            return new Inheritance(a.pid(), sawA, b.pid(), b.results());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static String shown(String value) {
        return value == null || value.equals("null") ? "(not set)" : value;
    }

    // ---- 2. How the JDK starts a process -----------------------------------------------------------

    /** One launch mechanism tried in a child JVM: accepted or not, and what it measured. */
    record Trial(String mechanism, Finished small, Finished large) {
        boolean accepted() { return !small.results().containsKey("rejected") && small.exitCode() == 0; }
    }

    static int launchCount(Finished f) { return Integer.parseInt(f.get("launches")); }

    static double meanMs(Finished f) { return 1000 * Double.parseDouble(f.get("launch s")) / launchCount(f); }

    /** Every launch exited 0, each had a PID of its own, and the first one proved itself. */
    static boolean checked(Finished f) {
        return f.exitCode() == 0 && f.get("failed").equals("0")
                && f.get("distinct pids").equals(f.get("launches")) && proofHolds(f.get("proof"));
    }

    record Mechanisms(List<Trial> trials, List<String> command, long smallRss, long largeRss) {
        List<Trial> accepted() { return trials.stream().filter(Trial::accepted).toList(); }
        boolean allChecked() {
            return !accepted().isEmpty() && accepted().stream().allMatch(t -> checked(t.small()) && checked(t.large()));
        }
        Trial get(String mechanism) {
            return accepted().stream().filter(t -> t.mechanism().equals(mechanism)).findFirst().orElse(null);
        }
    }

    /** "PID 123 ... said its PID is 123": the number the process printed is the one Java was given. */
    static boolean proofHolds(String proof) {
        var m = java.util.regex.Pattern.compile("PID (\\d+) and said its PID is (\\d+)").matcher(proof);
        if (m.find()) return m.group(1).equals(m.group(2));
        return proof.endsWith("exited with 0");
    }

    /** The trivial command to launch: /bin/true where it exists, else this JDK's java -version. */
    static List<String> trivialCommand() {
        for (String path : List.of("/bin/true", "/usr/bin/true")) {
            if (Files.isExecutable(Path.of(path))) return List.of(path);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version");
    }

    Finished launcher(String mechanism, int heldMb) throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(List.of("-D" + MECHANISM + "=" + mechanism,
                "--add-opens", "java.base/java.lang=ALL-UNNAMED")); // only to read which mechanism is in force
        if (heldMb > 0) jvm.add("-Xmx" + (heldMb + heldMb / 8 + 256) + "m");
        List<String> args = new ArrayList<>(List.of(String.valueOf(heldMb), String.valueOf(launches), String.valueOf(BUDGET_S)));
        args.addAll(trivialCommand());
        Finished f = runChild(ChildJvm.command(jvm, Launcher.class, args), Map.of(), null);
        if (f.exitCode() != 0 && !f.results().containsKey("rejected")) {
            throw new IllegalStateException("the " + mechanism + " child JVM exited with code " + f.exitCode() + ": "
                    + String.join(" | ", f.err().subList(0, Math.min(4, f.err().size()))));
        }
        return f;
    }

    Mechanisms partTwo(Results results) throws Exception {
        List<String> command = trivialCommand();
        System.out.printf("2. How the JDK starts a process here: the property %s%n", MECHANISM);
        System.out.printf("""
                   The JDK reads it once per JVM, so each value is tried in a fresh child JVM started with
                   -D%s=X. Each child proves one launch, then times up to %d
                   launches of %s (a measurement stops after %.0f s). "In force" is what the JDK really uses.

                """, MECHANISM, launches, String.join(" ", command), BUDGET_S);

        long t0 = System.nanoTime();
        List<Finished> small = new ArrayList<>();
        for (String mechanism : CANDIDATES) {
            long s = System.nanoTime();
            Finished f = launcher(mechanism, 0);
            small.add(f);
            String label = mechanism.equals("SPAWN") ? "SPAWN (Python's word)" : mechanism;
            if (f.results().containsKey("rejected")) {
                System.out.printf("   %-22s rejected: %s%n", label, f.get("rejected"));
                continue;
            }
            System.out.printf("   %-22s accepted, in force: %s; %s%n", label, f.get("in force"), f.get("proof"));
            for (String line : f.err().reversed().stream().dropWhile(String::isBlank).toList().reversed()) {
                System.out.printf("   %-22s   | %s%n", "", line); // what the child JVM printed on standard error
            }
            System.out.printf("   %-22s small JVM (PID %d, resident %s MB): %s%n", "", f.pid(), f.get("rss mb"), measured(f));
            addRow(results, "baseline", mechanism, "small-heap", f, s, t0);
        }
        List<String> accepted = new ArrayList<>(), rejected = new ArrayList<>();
        for (int i = 0; i < CANDIDATES.size(); i++) {
            (small.get(i).results().containsKey("rejected") ? rejected : accepted).add(CANDIDATES.get(i));
        }
        System.out.printf("%n   accepted here: %s%n   rejected here: %s%n", String.join(", ", accepted),
                rejected.isEmpty() ? "none" : String.join(", ", rejected));
        small.stream().filter(f -> f.results().containsKey("after changing the property")).findFirst().ifPresent(f ->
                System.out.printf("   Read once: after its launches, the %s child set the property to SPAWN and launched"
                        + "%n   again: it %s.%n", f.get("in force"), f.get("after changing the property")));
        System.out.println();

        System.out.printf("   The same from a JVM that first allocates and touches %d MB:%n", heapMb);
        List<Trial> trials = new ArrayList<>();
        long smallRss = -1, largeRss = -1;
        for (int i = 0; i < CANDIDATES.size(); i++) {
            String mechanism = CANDIDATES.get(i);
            Finished f = small.get(i), big = null;
            if (accepted.contains(mechanism)) {
                long s = System.nanoTime();
                big = launcher(mechanism, heapMb);
                smallRss = Math.max(smallRss, Long.parseLong(f.get("rss mb")));
                largeRss = Math.max(largeRss, Long.parseLong(big.get("rss mb")));
                System.out.printf("   %-22s large JVM (PID %d, resident %s MB): %s%n", mechanism, big.pid(),
                        big.get("rss mb"), measured(big));
                addRow(results, "worker", mechanism, "heap-" + heapMb + "MB", big, s, t0);
            }
            trials.add(new Trial(mechanism, f, big));
        }

        // The summary: mechanism x heap -> mean launch time.
        StringColumn name = StringColumn.create("mechanism");
        IntColumn nSmall = IntColumn.create("launches, small"), nLarge = IntColumn.create("launches, " + heapMb + " MB");
        DoubleColumn mSmall = DoubleColumn.create("mean ms, small heap"),
                mLarge = DoubleColumn.create("mean ms, " + heapMb + " MB heap"), ratio = DoubleColumn.create("large / small");
        for (Trial t : trials) {
            if (!t.accepted()) continue;
            name.append(t.mechanism());
            nSmall.append(launchCount(t.small()));
            mSmall.append(meanMs(t.small()));
            nLarge.append(launchCount(t.large()));
            mLarge.append(meanMs(t.large()));
            ratio.append(meanMs(t.large()) / meanMs(t.small()));
        }
        for (DoubleColumn c : List.of(mSmall, mLarge)) c.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        ratio.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        Table table = Table.create("Mean time of one launch of " + String.join(" ", command), name, nSmall, mSmall, nLarge,
                mLarge, ratio);
        System.out.println();
        System.out.println(table.printAll());
        System.out.println();
        return new Mechanisms(trials, command, smallRss, largeRss);
    }

    /** "200 launches, mean 1.77 ms", and whether the OS refused some for a moment. */
    static String measured(Finished f) {
        return String.format("%d launches, mean %s ms%s", launchCount(f), fmt(meanMs(f)),
                f.get("refused").equals("0") ? "" : "; refused for a moment and retried: " + f.get("refused"));
    }

    /**
     * One CSV row: the small-heap JVM is the baseline, the large one the worker; task_s is the mean
     * launch time and wall_s the whole launch loop, both measured by the child.
     */
    static void addRow(Results results, String role, String mechanism, String worker, Finished f,
                       long startNanos, long t0) {
        long meanNanos = Math.round(meanMs(f) * 1e6), loopNanos = Math.round(Double.parseDouble(f.get("loop s")) * 1e9);
        Task task = new Task(worker, f.pid(), f.get("thread"), startNanos, startNanos + meanNanos,
                checked(f) ? "ok" : "FAILED");
        results.add(role, mechanism, t0, loopNanos, 1, List.of(task));
    }

    // ---- 3. The JShell trap ------------------------------------------------------------------------

    record Trap(String className, String loader, Finished child, long fixedPid, String onAThread) {
        boolean reproduced() {
            return child.exitCode() != 0
                    && child.err().stream().anyMatch(l -> l.contains("Could not find or load main class"));
        }
    }

    Trap partThree() throws Exception {
        System.out.println("3. The JShell trap: a class that lives only in memory cannot start a new JVM");
        String className, loader, onAThread;
        Finished child;
        // JShell compiles each snippet to bytes and defines the class from memory. "local" runs the
        // snippets in this JVM; the jshell tool runs them in an agent JVM of its own: the same story.
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            eval(shell, """
                    class NotebookWorker {
                        static String hello() {
                            return "hello from NotebookWorker on thread " + Thread.currentThread().getName()
                                    + ", PID " + ProcessHandle.current().pid();
                        }
                        public static void main(String[] args) { System.out.println(hello()); }
                    }""");
            className = value(shell, "NotebookWorker.class.getName()");
            loader = value(shell, "NotebookWorker.class.getClassLoader().getClass().getName()");
            System.out.printf("   JShell (the jdk.jshell API, in this JVM) defined the class %s; its class loader is%n"
                    + "   %s:%n   the bytes came from memory, no .class file was written.%n", className, loader);

            // The mistake: ask a new JVM to run it, with every folder and jar this JVM can load from.
            String classPath = System.getProperty("java.class.path");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath, className);
            System.out.printf("   $ java -cp <this JVM's class path, %d entries> %s%n",
                    classPath.split(java.io.File.pathSeparator).length, className);
            child = runChild(command, Map.of(), null);
            System.out.printf("   the child (PID %d) exited with code %d and wrote on standard error:%n",
                    child.pid(), child.exitCode());
            for (String line : child.err()) System.out.println("     | " + line);

            // Fix 2, worked out now while JShell is still open (printed below): no new JVM at all. A
            // thread of the JVM that holds the class can run it.
            eval(shell, """
                    String onAThread() throws InterruptedException {
                        String[] said = new String[1];
                        Thread.ofPlatform().name("worker-1").start(() -> said[0] = NotebookWorker.hello()).join();
                        return said[0];
                    }""");
            onAThread = value(shell, "onAThread()");
        }

        // Fix 1: the worker in a compiled source file. This lesson's own Child is such a class; the
        // same kind of command line starts it without trouble.
        System.out.printf("   Fix 1, a compiled class on the class path: $ java -cp <the same> %s%n", Child.class.getName());
        ChildJvm.Child fixed = ChildJvm.start("compiled worker", List.of(), Child.class, List.of(), System.out::println)
                .await(TIMEOUT_S);
        System.out.printf("   it ran as PID %d and exited with code 0.%n", fixed.pid());
        System.out.printf("   Fix 2, no new JVM at all: a thread of this JVM runs the JShell class:%n     %s%n%n", onAThread);
        return new Trap(className, loader, child, fixed.pid(), onAThread);
    }

    static void eval(JShell shell, String source) {
        for (SnippetEvent e : shell.eval(source)) {
            if (e.status() == Snippet.Status.REJECTED || e.exception() != null) {
                String why = e.exception() != null ? String.valueOf(e.exception().getMessage())
                        : shell.diagnostics(e.snippet()).map(d -> d.getMessage(java.util.Locale.ROOT)).findFirst().orElse("rejected");
                throw new IllegalStateException("JShell could not run a snippet: " + why);
            }
        }
    }

    /** The value of an expression evaluated in JShell (a String comes back as a Java literal, in quotes). */
    static String value(JShell shell, String expression) {
        String value = shell.eval(expression).getLast().value();
        if (value == null) throw new IllegalStateException("JShell gave no value for " + expression);
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1).translateEscapes() : value;
    }

    // ---- Summary -----------------------------------------------------------------------------------

    void summarise(Inheritance in, Mechanisms m, Trap trap) {
        List<String> accepted = m.accepted().stream().map(Trial::mechanism).toList();
        List<String> rejected = m.trials().stream().filter(t -> !t.accepted()).map(Trial::mechanism).toList();
        System.out.println(Results.facts("Summary",
                "this JVM", "PID " + ProcessHandle.current().pid(),
                "child A (given nothing) saw", "Child.colour = " + in.sawA().get("static field") + ", "
                        + PROPERTY + " = " + shown(in.sawA().get("system property")),
                "child B (given it) received green by", in.sawB().entrySet().stream()
                        .filter(e -> CHANNELS.contains(e.getKey()) && e.getValue().equals("green")).count()
                        + " of " + CHANNELS.size() + " channels",
                "launch mechanisms accepted", String.join(", ", accepted),
                "rejected", rejected.isEmpty() ? "none" : String.join(", ", rejected),
                "command launched", String.join(" ", m.command()),
                "resident memory, small / large JVM", m.smallRss() + " MB / " + m.largeRss() + " MB",
                "JShell class as a child's main", trap.reproduced() ? "failed, as expected" : "did NOT fail",
                "compiled class as a child's main", "ran, PID " + trap.fixedPid()).printAll());

        StringBuilder story = new StringBuilder();
        story.append(String.format("""
                Child A (PID %d) saw Child.colour = "%s" and %s = %s although this JVM had set both to "green":
                a new JVM loads its classes afresh and runs their initialisers again, which is what Python's
                "spawn" start method does. Child B (PID %d) received "green" through %d of %d channels (-D option,
                argument, environment, standard input, file): state crosses only when it is sent.""",
                in.pidA(), in.sawA().get("static field"), PROPERTY, shown(in.sawA().get("system property")),
                in.pidB(), in.sawB().entrySet().stream().filter(e -> CHANNELS.contains(e.getKey())
                        && e.getValue().equals("green")).count(), CHANNELS.size()));
        story.append(String.format(" JDK %d accepted %s%s.", Runtime.version().feature(), String.join(", ", accepted),
                rejected.isEmpty() ? "" : " and rejected " + String.join(", ", rejected)));
        Trial spawn = m.get("POSIX_SPAWN"), fork = m.get("FORK"), vfork = m.get("VFORK");
        if (vfork != null && !vfork.small().err().isEmpty()) {
            story.append(" VFORK still works but printed \"").append(vfork.small().err().getFirst()).append("\".");
        }
        if (fork != null && spawn != null) {
            double fs = meanMs(fork.small()), fl = meanMs(fork.large());
            double ss = meanMs(spawn.small()), sl = meanMs(spawn.large());
            story.append(String.format(" From a small JVM (about %d MB resident) one launch of %s took %s ms with"
                            + " POSIX_SPAWN and %s ms with FORK; from a JVM holding %d MB (about %d MB resident) it took"
                            + " %s ms and %s ms.", m.smallRss(), String.join(" ", m.command()), fmt(ss), fmt(fs), heapMb,
                    m.largeRss(), fmt(sl), fmt(fl)));
            story.append(fl / fs >= 1.5
                    ? String.format(" FORK became %.1f times slower with the parent's memory: fork() copies the"
                            + " parent's page tables (the map of all its memory) before the child can run exec."
                            + " posix_spawn and vfork let the child borrow the parent's memory until exec instead"
                            + " (POSIX_SPAWN here: %.1fx its small-heap time).", fl / fs, sl / ss)
                    : String.format(" Here FORK went only %.1fx with the parent's memory (POSIX_SPAWN %.1fx); fork()"
                            + " copies the parent's page tables, so try a larger --heap-mb to see it grow.",
                            fl / fs, sl / ss));
        }
        story.append(" Whatever the mechanism, the new process at once runs exec and becomes a brand-new program"
                + " (in POSIX_SPAWN mode, first the JDK's small jspawnhelper): nothing of the JVM's objects survives,"
                + " so Java has no equivalent of Python's fork start method.");
        story.append(String.format(" Last, JShell's %s, defined from memory, could not be a child's main class (%s),"
                        + " just as a notebook's function cannot be found by a spawned Python worker; the same command"
                        + " line ran the compiled %s as PID %d, and a thread ran the JShell class in this very JVM.",
                trap.className(), trap.reproduced() ? "\"Could not find or load main class\"" : "yet it did not fail here",
                Child.class.getName(), trap.fixedPid()));
        Results.notice(story.toString());
    }

    static String fmt(double value) {
        return value >= 100 ? String.format("%.0f", value) : value >= 10 ? String.format("%.1f", value) : String.format("%.2f", value);
    }

    // ---- Options -----------------------------------------------------------------------------------

    void validate() {
        if (launches < 1 || launches > 100_000) {
            throw Cli.bad(spec, "--launches must be from 1 to 100,000 (got %d)", launches);
        }
        long available = availableMb(), max = Math.max(0, (available - 1024) * 3 / 4);
        if (heapMb < MIN_HEAP_MB || heapMb > max) {
            throw Cli.bad(spec, "--heap-mb must be from %d to %,d: this machine has about %,d MB of memory available, "
                    + "and the child JVM needs room besides its heap (got %d)", MIN_HEAP_MB, Math.max(max, MIN_HEAP_MB),
                    available, heapMb);
        }
    }

    /** Memory that can be used now, in MB: Linux's MemAvailable, or what the JVM reports (container-aware). */
    static long availableMb() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long jvmSays = os.getFreeMemorySize() >> 20;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    long kernelSays = Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                    // In a container with a memory limit the JVM's figure is the limit's; trust the smaller
                    // one there. On a plain host the JVM counts only free pages, the kernel also cache.
                    boolean limited = os.getTotalMemorySize() >> 20 < totalFromMeminfo() - 64;
                    return limited ? Math.min(kernelSays, jvmSays) : kernelSays;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return jvmSays;
    }

    static long totalFromMeminfo() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
        }
        return Long.MAX_VALUE;
    }
}
