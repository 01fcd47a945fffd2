///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.slf4j:slf4j-nop:2.0.17
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
//SOURCES support/*.java
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
//      VFORK is deprecated: JDK 25 prints a warning when it is chosen. Windows ignores the property.
//      What is timed here is creating an OS process (lesson 03 times something larger: a whole JVM
//      starting up before it can work).
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
import support.Host;
import support.NativeThread;
import support.Notice;
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
            // Read after the first launch: off Linux it may start a process itself (ps).
            report("rss mb", Host.current().residentMb(ProcessHandle.current().pid()));

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
        if (!memoryNote(Host.current()).isEmpty()) System.out.println(memoryNote(Host.current()));
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
                    seenA = StringColumn.create("A saw"), seenB = StringColumn.create("B saw"),
                    how = StringColumn.create("how B was sent it");
            String ownEnv = System.getenv(ENVIRONMENT);
            String[][] rows = {
                    {"static field", "field Child.colour", "green", "(cannot be sent)"},
                    {"system property", "property " + PROPERTY, "green", "-D" + PROPERTY + "=green"},
                    {"argument", "argument --colour", "-", "--colour green"},
                    {"environment", "env " + ENVIRONMENT, ownEnv == null ? "(not set)" : ownEnv, "environment()"},
                    {"standard input", "standard input", "-", "a line on stdin"},
                    {"file", "file", "-", "--colour-file PATH"}};
            for (String[] row : rows) {
                state.append(row[1]);
                here.append(row[2]);
                seenA.append(shown(sawA.get(row[0])));
                seenB.append(shown(b.results().get(row[0])));
                how.append(row[3]);
            }
            Table table = Table.create("What each child JVM saw (A was sent nothing, B was sent green)",
                    state, here, seenA, seenB, how);
            System.out.println();
            System.out.println(table.printAll());
            System.out.println();
            System.out.println(Notice.wrap(SINCE_THE_ARTICLE, 3, 97));
            System.out.println();
            return new Inheritance(a.pid(), sawA, b.pid(), b.results());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Where the article is out of date, in one place (Python 3.8, 3.12 and 3.14 changed the story). */
    static final String SINCE_THE_ARTICLE = "Since the article: Python's default start method is spawn on macOS"
            + " (since 3.8) and Windows, and forkserver on Linux (since 3.14). The notebook failure is spawn's: the"
            + " child cannot find a function defined in __main__. fork's real danger is copying a process that"
            + " runs several threads (3.12+ warns).";

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

    /** The value tried on this OS: every candidate where the property is honoured, else the OS's one way. */
    static List<String> candidates(Host host) {
        return host.launchMechanismHonoured() ? CANDIDATES : List.of(DEFAULT);
    }

    /** Where the JDK ignores the property (Windows), the lesson times its one way of creating a process. */
    static final String DEFAULT = "default";

    Finished launcher(String mechanism, int heldMb) throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED")); // to read it in force
        if (!mechanism.equals(DEFAULT)) jvm.add("-D" + MECHANISM + "=" + mechanism);
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

    /** Column where the text beside a mechanism's name starts. */
    static final int BESIDE = 16;

    /** Prints text beside a label, wrapped to 100 columns, the next lines indented under the text. */
    static void beside(String label, String text) {
        String wrapped = Notice.wrap(text, BESIDE, 99 - BESIDE).substring(BESIDE);
        System.out.println(String.format("   %-" + (BESIDE - 4) + "s ", label) + wrapped);
    }

    /** Resident memory as printed: "43 MB", or "n/a" where this OS does not tell it. */
    static String rss(Finished f) {
        String mb = f.get("rss mb");
        return mb.startsWith("-") || mb.equals("?") ? "n/a" : mb + " MB";
    }

    Mechanisms partTwo(Results results) throws Exception {
        Host host = Host.current();
        List<String> command = trivialCommand(), candidates = candidates(host);
        System.out.printf("2. How the JDK starts a process here: the property %s%n", MECHANISM);
        if (host.launchMechanismHonoured()) {
            System.out.println(Notice.wrap(String.format("The JDK reads it once per JVM, so each value is tried in a"
                    + " fresh child JVM started with -D%s=X. Each child proves one launch, then times up to %d launches"
                    + " of %s (a measurement stops after %.0f s). \"In force\" is what the JDK really uses. VFORK is"
                    + " deprecated: JDK 25 warns when it is chosen.", MECHANISM, launches, String.join(" ", command),
                    BUDGET_S), 3, 97));
        } else {
            System.out.println(Notice.wrap(String.format("On %s the JDK ignores this property: it creates every process"
                    + " one way (CreateProcess), so there are no mechanisms to compare. A child JVM proves one launch,"
                    + " then times up to %d launches of %s (a measurement stops after %.0f s).", host.displayName(),
                    launches, String.join(" ", command), BUDGET_S), 3, 97));
        }
        System.out.println(Notice.wrap("This part times creating an OS process that runs a tiny program; lesson"
                + " 03 times a whole JVM starting up, which takes this and much more.", 3, 97));
        if (host.residentSource() == null) {
            System.out.println(Notice.wrap("On " + host.displayName() + " Java cannot read a process's resident"
                    + " memory, so it shows as n/a.", 3, 97));
        }
        System.out.println();

        long t0 = System.nanoTime();
        List<Finished> small = new ArrayList<>();
        for (String mechanism : candidates) {
            long s = System.nanoTime();
            Finished f = launcher(mechanism, 0);
            small.add(f);
            if (f.results().containsKey("rejected")) {
                beside(mechanism, "rejected" + (mechanism.equals("SPAWN") ? " (SPAWN is Python's word)" : "") + ": "
                        + f.get("rejected"));
                continue;
            }
            String inForce = f.get("in force");
            beside(mechanism, "accepted" + (inForce.equals("unknown") ? "" : ", in force: " + inForce));
            beside("", "proof: " + f.get("proof"));
            for (String line : f.err().reversed().stream().dropWhile(String::isBlank).toList().reversed()) {
                beside("", "| " + line); // what the child JVM printed on standard error
            }
            beside("", String.format("small JVM (PID %d, resident %s): %s", f.pid(), rss(f), measured(f)));
            addRow(results, "baseline", mechanism, "small-heap", f, s, t0);
        }
        List<String> accepted = new ArrayList<>(), rejected = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            (small.get(i).results().containsKey("rejected") ? rejected : accepted).add(candidates.get(i));
        }
        if (host.launchMechanismHonoured()) {
            System.out.printf("%n   accepted here: %s%n   rejected here: %s%n", String.join(", ", accepted),
                    rejected.isEmpty() ? "none" : String.join(", ", rejected));
            small.stream().filter(f -> f.results().containsKey("after changing the property")).findFirst().ifPresent(f ->
                    System.out.printf("   Read once: after its launches, the %s child set the property to SPAWN and"
                            + " launched%n   again: it %s.%n", f.get("in force"), f.get("after changing the property")));
        }
        System.out.println();

        System.out.printf("   The same from a JVM that first allocates and touches %d MB:%n", heapMb);
        List<Trial> trials = new ArrayList<>();
        long smallRss = -1, largeRss = -1;
        for (int i = 0; i < candidates.size(); i++) {
            String mechanism = candidates.get(i);
            Finished f = small.get(i), big = null;
            if (accepted.contains(mechanism)) {
                long s = System.nanoTime();
                big = launcher(mechanism, heapMb);
                smallRss = Math.max(smallRss, Long.parseLong(f.get("rss mb")));
                largeRss = Math.max(largeRss, Long.parseLong(big.get("rss mb")));
                beside(mechanism, String.format("large JVM (PID %d, resident %s): %s", big.pid(), rss(big), measured(big)));
                addRow(results, "worker", mechanism, "heap-" + heapMb + "MB", big, s, t0);
            }
            trials.add(new Trial(mechanism, f, big));
        }

        // The summary: mechanism x heap -> mean launch time.
        StringColumn name = StringColumn.create("mechanism");
        IntColumn nSmall = IntColumn.create("n, small"), nLarge = IntColumn.create("n, large");
        DoubleColumn mSmall = DoubleColumn.create("ms, small"), mLarge = DoubleColumn.create("ms, large"),
                ratio = DoubleColumn.create("large / small");
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
        Table table = Table.create("Mean ms per launch of " + shortCommand(command) + ", small JVM and large ("
                + heapMb + " MB)", name, nSmall, mSmall, nLarge, mLarge, ratio);
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
        long green = in.sawB().entrySet().stream()
                .filter(e -> CHANNELS.contains(e.getKey()) && e.getValue().equals("green")).count();
        Host host = Host.current();
        System.out.println(Results.facts("Summary",
                "this JVM", "PID " + ProcessHandle.current().pid(),
                "child A (given nothing) saw", "Child.colour = " + in.sawA().get("static field") + ", "
                        + PROPERTY + " = " + shown(in.sawA().get("system property")),
                "child B (given it) received green by", green + " of " + CHANNELS.size() + " channels",
                host.launchMechanismHonoured() ? "launch mechanisms accepted" : "launch mechanism", String.join(", ", accepted),
                "rejected", rejected.isEmpty() ? "none" : String.join(", ", rejected),
                "command launched", shortCommand(m.command()),
                "resident memory, small / large JVM", m.smallRss() < 0 || m.largeRss() < 0
                        ? "n/a on " + host.displayName() : m.smallRss() + " MB / " + m.largeRss() + " MB",
                "JShell class as a child's main", trap.reproduced() ? "failed, as expected" : "did NOT fail",
                "compiled class as a child's main", "ran, PID " + trap.fixedPid()).printAll());

        String vforkWarning = m.accepted().stream().filter(t -> t.mechanism().equals("VFORK"))
                .flatMap(t -> t.small().err().stream()).filter(l -> !l.isBlank()).findFirst().orElse("");
        List<Launch> launched = m.accepted().stream().map(t -> new Launch(t.mechanism(), meanMs(t.small()),
                meanMs(t.large()), Math.min(launchCount(t.small()), launchCount(t.large())))).toList();
        Measured measured = new Measured(in.sawA().get("static field"), shown(in.sawA().get("system property")),
                (int) green, CHANNELS.size(), host.displayName(), host.launchMechanismHonoured(), accepted, rejected,
                vforkWarning, launched, m.smallRss(), m.largeRss(), heapMb, spec.commandLine().getParseResult()
                        .hasMatchedOption("--heap-mb"), trap.className(), trap.reproduced());
        new Notice().say(notice(measured)).print();
    }

    /** One mechanism's mean launch time from the small and from the large JVM, over at least {@code launches}. */
    record Launch(String mechanism, double smallMs, double largeMs, int launches) {
        double ratio() { return largeMs / smallMs; }

        /** Whether launching from the large JVM took clearly longer: more than noise (see GREW). */
        boolean grew() { return Notice.compare(largeMs, smallMs, GREW) == Notice.Outcome.MORE; }
    }

    /**
     * A launch "grew" with the parent's memory when the large JVM's mean differs from the small one's by
     * more than a third of the larger: at least 1.5x. Means over a few launches on a busy machine wander
     * by tens of percent; copying page tables for a GB costs several times a launch.
     */
    static final double GREW = 1.0 / 3;

    /** What the closing notice is chosen by: everything the lesson measured, and nothing else. */
    record Measured(String fieldSeenByA, String propertySeenByA, int channelsGreen, int channels, String os,
                    boolean mechanismHonoured, List<String> accepted, List<String> rejected, String vforkWarning,
                    List<Launch> launches, long smallRss, long largeRss, int heapMb, boolean heapGiven,
                    String trapClass, boolean trapReproduced) {
        Launch get(String mechanism) {
            return launches.stream().filter(l -> l.mechanism().equals(mechanism)).findFirst().orElse(null);
        }
    }

    /** The closing "What to notice": every sentence that states an outcome is chosen by the numbers. */
    static String notice(Measured m) {
        Notice n = new Notice();
        n.either(m.fieldSeenByA().equals("blue") && m.propertySeenByA().equals("(not set)"),
                "Child A saw Child.colour = blue and {prop} not set, although this JVM had set both to green: a new"
                        + " JVM loads its classes afresh and runs their initialisers again, as Python's spawn does.",
                "Child A saw Child.colour = {field} and {prop} = {value}: a fresh JVM should not see changes made at"
                        + " run time, so look at how it was started.",
                "prop", PROPERTY, "field", m.fieldSeenByA(), "value", m.propertySeenByA());
        n.either(m.channelsGreen() == m.channels(),
                "Child B received green through all {n} channels it was sent: state crosses only when it is sent.",
                "Child B received green through only {k} of the {n} channels it was sent (see the table).",
                "n", m.channels(), "k", m.channelsGreen());

        if (!m.mechanismHonoured()) {
            n.say("On {os} the JDK ignores " + MECHANISM + " and creates every process one way, so there was no fork"
                    + " to compare.", "os", m.os());
        } else {
            n.say("JDK {v} accepted {acc}{rej}.", "v", Runtime.version().feature(), "acc", String.join(", ", m.accepted()),
                    "rej", m.rejected().isEmpty() ? "" : " and rejected " + String.join(", ", m.rejected()));
        }
        if (!m.vforkWarning().isEmpty()) {
            n.say("VFORK still works but is deprecated: the JDK printed \"{w}\".", "w", m.vforkWarning());
        }

        List<Launch> all = m.launches();
        if (!all.isEmpty()) {
            n.say("A launch from a JVM holding {heap} MB{rss} took, against one from a small JVM: {ratios}.",
                    "heap", m.heapMb(), "rss", m.largeRss() < 0 ? "" : " (" + m.largeRss() + " MB resident, against "
                            + m.smallRss() + " MB)",
                    "ratios", String.join(", ", all.stream().map(l -> l.mechanism() + " " + Notice.times(l.ratio()))
                            .toList()));
        }
        Launch fork = m.get("FORK");
        List<Launch> others = all.stream().filter(l -> l != fork).toList();
        List<Launch> othersGrew = others.stream().filter(Launch::grew).toList();
        String otherNames = String.join(" and ", others.stream().map(Launch::mechanism).toList());
        int fewest = othersGrew.stream().mapToInt(Launch::launches).min().orElse(0); // of the ones that grew
        String noise = String.format(" With means over %d launches each, a few slow launches on a busy machine weigh"
                + " a lot.", fewest);
        if (fork != null && fork.grew()) {
            n.say("FORK grew with the parent's memory ({r}): fork() copies the parent's page tables (the map of all its"
                    + " memory) before the child can run exec.", "r", Notice.times(fork.ratio()));
            if (others.isEmpty()) {
                // nothing to compare FORK with
            } else if (othersGrew.isEmpty()) {
                n.say("{others} took no longer beyond noise: they let the child use the parent's memory until exec"
                        + " instead of copying its map, so only FORK paid for the parent's size.", "others", otherNames);
            } else {
                n.say("{grew} grew too ({r}), which copying does not explain: {it} let the child use the parent's memory"
                        + " until exec.{noise}", "grew", String.join(" and ", othersGrew.stream().map(Launch::mechanism)
                                .toList()), "r", String.join(", ", othersGrew.stream().map(l -> Notice.times(l.ratio()))
                                .toList()), "it", othersGrew.size() == 1 ? "it should" : "they should", "noise", noise);
            }
        } else if (fork != null) {
            n.say("FORK took no longer beyond noise with the parent's memory here ({r}; 1.5x or more would count):"
                    + " fork() copies the parent's page tables, and for {heap} MB that copy was cheap on this"
                    + " machine{hint}.",
                    "r", Notice.times(fork.ratio()), "heap", m.heapMb(), "hint", m.heapGiven() ? ""
                            : "; a larger --heap-mb makes it larger");
        } else if (!all.isEmpty()) {
            n.either(othersGrew.isEmpty(),
                    "Launching took no longer from the large JVM, beyond noise: the new process does not copy the"
                            + " parent's memory.",
                    "Launching took longer from the large JVM ({r}), more than noise.{noise}",
                    "r", String.join(", ", othersGrew.stream().map(l -> Notice.times(l.ratio())).toList()),
                    "noise", noise);
        }
        Launch spawn = m.get("POSIX_SPAWN");
        if (fork != null && spawn != null) {
            n.pick(Notice.compare(fork.largeMs(), spawn.largeMs(), GREW),
                    "From the large JVM FORK was even faster than POSIX_SPAWN ({f} ms against {s} ms).",
                    "From the large JVM FORK and POSIX_SPAWN took about the same ({f} ms and {s} ms, within noise).",
                    "From the large JVM FORK took {f} ms against POSIX_SPAWN's {s} ms.",
                    "f", fmt(fork.largeMs()), "s", fmt(spawn.largeMs()));
        }
        n.say("Whatever the mechanism, the new process runs a new program from its start: nothing of the JVM's objects"
                + " survives, so Java has no equivalent of Python's fork start method.");
        n.either(m.trapReproduced(),
                "Last, JShell's {c}, defined from memory, could not be a child's main class, just as a spawned Python"
                        + " worker cannot find a notebook's function; a compiled class could, and a thread of this JVM"
                        + " ran the JShell class.",
                "Last, JShell's {c} did not fail as a child's main class here, which this lesson does not expect:"
                        + " see the child's output above.",
                "c", m.trapClass());
        return n.text();
    }

    /** The launched command, short enough for a line: the program's file name and its arguments. */
    static String shortCommand(List<String> command) {
        List<String> words = new ArrayList<>(command);
        words.set(0, Path.of(command.getFirst()).getFileName().toString());
        return String.join(" ", words);
    }

    static String fmt(double value) {
        return value >= 100 ? String.format("%.0f", value) : value >= 10 ? String.format("%.1f", value) : String.format("%.2f", value);
    }

    // ---- Options -----------------------------------------------------------------------------------

    void validate() {
        if (launches < 1 || launches > 100_000) {
            throw Cli.bad(spec, "--launches must be from 1 to 100,000 (got %d)", launches);
        }
        Host host = Host.current();
        long available = host.availableMb();
        if (available >= 0) {
            long max = Math.max(0, (available - 1024) * 3 / 4);
            if (heapMb < MIN_HEAP_MB || heapMb > max) {
                throw Cli.bad(spec, "--heap-mb must be from %d to %,d: this machine has about %,d MB of memory"
                        + " available, and the child JVM needs room besides its heap (got %d)", MIN_HEAP_MB,
                        Math.max(max, MIN_HEAP_MB), available, heapMb);
            }
        } else { // macOS: no figure for "available", so the check can only be against the machine's total
            long max = Math.max(0, host.totalMb() / 2 - 512);
            if (heapMb < MIN_HEAP_MB || heapMb > max) {
                throw Cli.bad(spec, "--heap-mb must be from %d to %,d: this machine has %,d MB of memory in all, and"
                        + " %s does not say how much is free now (got %d)", MIN_HEAP_MB, Math.max(max, MIN_HEAP_MB),
                        host.totalMb(), host.displayName(), heapMb);
            }
        }
    }

    /** One line for the top of the output where --heap-mb could only be checked against total memory. */
    static String memoryNote(Host host) {
        return host.freeMemoryMeaningful() ? "" : "On " + host.displayName() + " Java cannot tell free memory, so"
                + " --heap-mb is checked against total memory only.";
    }
}
