///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.slf4j:slf4j-nop:2.0.17
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
//SOURCES support/*.java
//MAIN SpawnVsFork

// Lesson 05 — spawn or fork? The article's closing caveat, asked of the JVM: what does a child know?
//
// Python starts a worker process either by copying the running interpreter, globals and all (fork),
// or by starting a fresh one that knows nothing of what the parent did at run time (spawn). A
// running JVM never copies itself: every child is a fresh JVM built from class files. Here the
// parent changes a static field and a system property, then starts child A with nothing and child B
// with the colour sent on purpose through five channels: a -D option, an argument, an environment
// variable, a line on standard input and a file. Each child reports what it was born with.
//
// The section's two other ideas have lessons of their own: how the JDK asks the OS for a process
// and what that costs (./jbang launch-cost), and the JShell twin of the notebook trap
// (./jbang jshell-trap).
//
// Run it:   ./jbang spawn-vs-fork

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.Callable;
import picocli.CommandLine.*;
import support.*;
import support.Results.Task;
import tech.tablesaw.api.*;

@Command(name = "spawn-vs-fork", mixinStandardHelpOptions = true,
        description = "Lesson 05: every child JVM starts fresh (\"spawn\"): it sees no state the parent changed at"
                + " run time, only what is sent to it.")
class SpawnVsFork implements Callable<Integer> {
    static final String PROPERTY = "lesson.colour", ENVIRONMENT = "LESSON_COLOUR";
    static final double TIMEOUT_S = 120;

    // Child A: the same class path and the same class, and nothing else.
    static ChildJvm.Child sendNothing() throws InterruptedException {
        return ChildJvm.start("child A", List.of(), Child.class, List.of(), System.out::println).await(TIMEOUT_S);
    }

    // Child B: the colour goes along on purpose, through every channel a new process has.
    static ChildJvm.Child sendTheColour(Path file) throws IOException, InterruptedException {
        Files.writeString(file, Child.colour);
        List<String> command = ChildJvm.command(List.of("-D" + PROPERTY + "=" + System.getProperty(PROPERTY)),
                Child.class, List.of("--colour", Child.colour, "--colour-file", file.toString(), "--read-stdin"));
        ChildJvm.Options sent = ChildJvm.Options.NONE.withEnv(ENVIRONMENT, Child.colour).withStdin(Child.colour);
        return ChildJvm.start("child B", command, System.out::println, sent).await(TIMEOUT_S);
    }

    /** The child: compiled with this file, so a new JVM finds it on the class path. */
    static final class Child {
        /** A static field with its initial value. The parent changes it at run time; will the child see that? */
        static String colour = "blue";

        public static void main(String[] args) throws IOException {
            List<String> given = List.of(args);
            String stdin = given.contains("--read-stdin") // the one line the parent sent, read first
                    ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() : "-";
            ChildJvm.exitWithParent(); // if the lesson dies, this JVM goes too
            String file = after(given, "--colour-file");
            System.out.printf("      [%s, PID %d, parent PID %d: a fresh JVM, reporting what it was born with]%n",
                    Child.class.getName(), ProcessHandle.current().pid(),
                    ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
            ChildJvm.report("static field", colour);
            ChildJvm.report("system property", System.getProperty(PROPERTY));
            ChildJvm.report("argument", after(given, "--colour"));
            ChildJvm.report("environment", System.getenv(ENVIRONMENT));
            ChildJvm.report("standard input", stdin);
            ChildJvm.report("file", file.equals("-") ? "-" : Files.readString(Path.of(file)).strip());
            ChildJvm.report("thread", NativeThread.describe());
        }

        static String after(List<String> args, String name) {
            int i = args.indexOf(name);
            return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : "-";
        }
    }

    public static void main(String[] args) {
        Cli.run(new SpawnVsFork(), args);
    }

    @Override
    public Integer call() throws Exception {
        System.out.println(Results.machine());
        System.out.println();
        Results results = new Results(new Results.Params("05-spawn-vs-fork", "", null, null, null));
        long t0 = System.nanoTime();

        Child.colour = "green";                   // a static field, changed at run time
        System.setProperty(PROPERTY, "green");   // a system property, set at run time
        System.out.printf("This JVM (PID %d) has just set the static field Child.colour to \"green\" (it starts as"
                + " \"blue\")%nand the system property %s to \"green\". Java cannot change its own environment.%n%n",
                ProcessHandle.current().pid(), PROPERTY);
        System.out.println("Child A is given nothing:");
        ChildJvm.Child a = sendNothing();
        System.out.println("Child B is given the colour through five channels:");
        Path file = Files.createTempFile("colour", ".txt");
        ChildJvm.Child b;
        try {
            b = sendTheColour(file);
        } finally {
            Files.deleteIfExists(file);
        }
        Map<String, String> sawA = a.result(), sawB = b.result();
        addRow(results, "child-a", a, sawA, t0);
        addRow(results, "child-b", b, sawB, t0);

        System.out.println();
        System.out.println(table(sawA, sawB).printAll());
        System.out.println();
        System.out.println(Notice.wrap(SINCE_THE_ARTICLE, 0, 100));
        System.out.println();
        int green = (int) CHANNELS.stream().filter(c -> "green".equals(sawB.get(c))).count();
        System.out.println(Results.facts("Summary", "this JVM", "PID " + ProcessHandle.current().pid(),
                "child A (given nothing) saw", "Child.colour = " + sawA.get("static field") + ", " + PROPERTY + " = "
                        + shown(sawA.get("system property")),
                "child B (given it) received green by", green + " of " + CHANNELS.size() + " channels").printAll());
        Measured m = new Measured(sawA.get("static field"), shown(sawA.get("system property")), green, CHANNELS.size());
        Results.notice(notice(m));
        results.writeCsv(common.csv);
        return m.holds() ? 0 : 1;
    }

    // ---- Options -----------------------------------------------------------------------------------
    // None of its own: this lesson's numbers are PIDs and values, not timings.

    @Mixin Cli.Common common;

    // ---- The table and the CSV ---------------------------------------------------------------------

    static final List<String> CHANNELS = List.of("system property", "argument", "environment", "standard input", "file");

    /** state | in this JVM | A saw | B saw | how B was sent it. */
    static Table table(Map<String, String> sawA, Map<String, String> sawB) {
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
            seenB.append(shown(sawB.get(row[0])));
            how.append(row[3]);
        }
        return Table.create("What each child JVM saw (A was sent nothing, B was sent green)", state, here, seenA,
                seenB, how);
    }

    /** One CSV row per child: from its start to its exit, as the parent saw them. */
    static void addRow(Results results, String variant, ChildJvm.Child c, Map<String, String> saw, long t0) {
        boolean ok = variant.equals("child-a") ? "blue".equals(saw.get("static field"))
                : CHANNELS.stream().allMatch(k -> "green".equals(saw.get(k)));
        results.add("worker", variant, t0, c.exitNanos() - c.startNanos(), 1, List.of(new Task(c.name(), c.pid(),
                saw.getOrDefault("thread", "?"), c.startNanos(), c.exitNanos(), ok ? "ok" : "FAILED")));
    }

    static String shown(String value) {
        return value == null || value.equals("null") ? "(not set)" : value;
    }

    /** Where the article is out of date, in one place (Python 3.8, 3.12 and 3.14 changed the story). */
    static final String SINCE_THE_ARTICLE = "Since the article: Python's default start method is spawn on macOS"
            + " (since 3.8) and Windows, and forkserver on Linux (since 3.14). The notebook failure is spawn's: the"
            + " child cannot find a function defined in __main__. fork's real danger is copying a process that"
            + " runs several threads (3.12+ warns).";

    // ---- What to notice ----------------------------------------------------------------------------

    /** What the closing notice is chosen by: what the two children reported, and nothing else. */
    record Measured(String fieldSeenByA, String propertySeenByA, int channelsGreen, int channels) {
        boolean holds() {
            return fieldSeenByA.equals("blue") && propertySeenByA.equals("(not set)") && channelsGreen == channels;
        }
    }

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
        n.say("Java has no way to start a child as a copy of itself, so nothing like Python's fork start method"
                + " exists here: ./jbang launch-cost shows where fork still hides, one level down.");
        return n.text();
    }
}

// What you should see
//
// Child A reports Child.colour = blue and lesson.colour not set, on any machine: it is a new process
// that loaded Child from its class file and ran its initialiser, so the parent's changes made in
// memory at run time never reached it. Child B reports green on all five channels, because each of
// them is a way to hand a value to a new process when it starts. Both children show their own PID and
// the lesson's PID as their parent. The static field itself can never be sent; only its value can.
// Python's spawn behaves the same; its fork would have shown A the green values.
