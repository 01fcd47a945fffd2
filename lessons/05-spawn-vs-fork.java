///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES support/Lab.java

// Lesson 05 — spawn or fork? The article's closing caveat, asked of the JVM: what does a child know?
//
// Python starts a worker process either by copying the running interpreter, globals and all (fork),
// or by starting a fresh one that knows nothing of what the parent did at run time (spawn). A
// running JVM never copies itself: every child is a fresh JVM built from class files. Here the
// parent changes a static field and a system property, then starts child A with nothing and child B
// with the colour sent on purpose through five channels: a -D option, an argument, an environment
// variable, a line on standard input and a file. Each child reports what it was born with.
// The section's other ideas: ./jbang launch-cost (how the OS is asked for a process) and
// ./jbang jshell-trap (the notebook trap, in JShell).
//
// Run it:   ./jbang spawn-vs-fork

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import notice.SpawnVsForkNotice;
import picocli.CommandLine.*;
import support.*;
import support.Results.Task;
import tech.tablesaw.api.*;

@Command(name = "spawn-vs-fork", mixinStandardHelpOptions = true,
        description = "Lesson 05: every child JVM starts fresh (\"spawn\"): it sees no state the parent changed at"
                + " run time, only what is sent to it.")
class SpawnVsFork implements Callable<Integer> {

    // What the parent changes at run time, in its own memory, before it starts either child.
    static void changeState() {
        Child.colour = "green";
        System.setProperty(PROPERTY, "green");
    }

    // Child A: the same class path and the same class, and nothing else.
    ChildJvm.Child sendNothing() {
        return ChildJvm.start("child A", List.of(), Child.class, List.of(), System.out::println);
    }

    // Child B: the colour goes along on purpose, through every channel a new process has.
    ChildJvm.Child sendTheColour(Path file) throws IOException {
        Files.writeString(file, Child.colour);
        List<String> command = ChildJvm.command(List.of("-D" + PROPERTY + "=" + System.getProperty(PROPERTY)),
                Child.class, List.of("--colour", Child.colour, "--colour-file", file.toString(), "--read-stdin"));
        ChildJvm.Options sent = ChildJvm.Options.NONE.withEnv(ENVIRONMENT, Child.colour).withStdin(Child.colour);
        return ChildJvm.start("child B", command, System.out::println, sent);
    }

    /** The child: compiled with this file, so a new JVM finds it on the class path. */
    static final class Child {
        /** A static field with its initial value. The parent changes it at run time; will the child see that? */
        static String colour = "blue";

        public static void main(String[] args) throws Exception {
            List<String> given = List.of(args);
            String stdin = given.contains("--read-stdin") // the one line the parent sent, read first
                    ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() : "-";
            Lab.inChild(Child.class.getName(), () -> { // reports what this fresh JVM was born with
                String file = after(given, "--colour-file");
                ChildJvm.report("static field", colour);
                ChildJvm.report("system property", System.getProperty(PROPERTY));
                ChildJvm.report("argument", after(given, "--colour"));
                ChildJvm.report("environment", System.getenv(ENVIRONMENT));
                ChildJvm.report("standard input", stdin);
                ChildJvm.report("file", file.equals("-") ? "-" : Files.readString(Path.of(file)).strip());
                ChildJvm.report("parent", ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
                return true;
            });
        }

        static String after(List<String> args, String name) {
            int i = args.indexOf(name);
            return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : "-";
        }
    }

    public static void main(String[] args) { Lab.run(new SpawnVsFork(), args); }

    @Override
    public Integer call() throws Exception {
        Lab lab = new Lab(common, new Results.Params("05-spawn-vs-fork", "", null, null, null));
        changeState();
        lab.begin("Two child JVMs: A is sent nothing, B is sent the colour through five channels%n"
                + "This JVM has just set the static field Child.colour to \"green\" (it starts as \"blue\")%n"
                + "and the system property %s to \"green\". Java cannot change its own environment.", PROPERTY);
        System.out.println("Child A is given nothing:");
        ChildJvm.Child a = phase(lab, "child-a", this::sendNothing,
                saw -> "blue".equals(saw.get("static field")) && shown(saw.get("system property")).equals(NOT_SET));
        System.out.println("Child B is given the colour through five channels:");
        Path file = Files.createTempFile("colour", ".txt");
        ChildJvm.Child b;
        try {
            b = phase(lab, "child-b", () -> sendTheColour(file),
                    saw -> CHANNELS.stream().allMatch(c -> "green".equals(saw.get(c))));
        } finally {
            Files.deleteIfExists(file);
        }

        Map<String, String> sawA = a.result(), sawB = b.result();
        System.out.printf("%n%s%n", table(sawA, sawB).printAll());
        int green = (int) CHANNELS.stream().filter(c -> "green".equals(sawB.get(c))).count();
        double[] startup = lab.phases().stream().mapToDouble(p -> p.tasks().getFirst().startupNanos() / 1e9).toArray();
        lab.facts("Summary", "this JVM", "PID " + ProcessHandle.current().pid(),
                "child A (given nothing) saw", "Child.colour = " + sawA.get("static field") + ", " + PROPERTY + " = "
                        + shown(sawA.get("system property")),
                "child B (given it) received green by", green + " of " + CHANNELS.size() + " channels",
                "JVM start and exit, child A / B", Lab.secs(startup[0]) + " / " + Lab.secs(startup[1]));
        lab.notice(SpawnVsForkNotice.of(new SpawnVsForkNotice.Measured(sawA.get("static field"),
                shown(sawA.get("system property")), green, CHANNELS.size(), ProcessHandle.current().pid(),
                a.pid(), b.pid(), pid(sawA.get("parent")), pid(sawB.get("parent")), startup[0], startup[1])));
        return lab.end();
    }

    /** One child as one phase: started, awaited, and checked against what this lesson expects it saw. */
    static ChildJvm.Child phase(Lab lab, String variant, Callable<ChildJvm.Child> start,
                                Predicate<Map<String, String>> expected) throws Exception {
        ChildJvm.Child[] child = new ChildJvm.Child[1];
        lab.measure("worker", variant, () -> {
            child[0] = start.call();
            Task t = lab.taskOf(child[0], TIMEOUT_S);
            return List.of(t.withCheck(expected.test(child[0].result()) ? "ok" : "FAILED"));
        });
        return child[0];
    }

    // ---- Options -----------------------------------------------------------------------------------
    // None of its own: this lesson's numbers are PIDs and values, not timings.

    @Mixin Cli.Common common;

    static final String PROPERTY = "lesson.colour", ENVIRONMENT = "LESSON_COLOUR", NOT_SET = "(not set)";
    static final double TIMEOUT_S = 120;
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
                {"environment", "env " + ENVIRONMENT, ownEnv == null ? NOT_SET : ownEnv, "environment()"},
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

    static String shown(String value) {
        return value == null || value.equals("null") ? NOT_SET : value;
    }

    static long pid(String reported) {
        return reported == null ? -1 : Long.parseLong(reported);
    }
}

// What you should see: child A reports Child.colour = blue and lesson.colour not set, on any
// machine: it is a new process that loaded Child from its class file and ran its initialiser, so
// the parent's changes made in memory at run time never reached it. Child B reports green on all
// five channels, because each is a way to hand a value to a new process as it starts. Both
// children print their own PID and the lesson's as their parent, and each spends a few tenths of a
// second starting and ending a JVM (startup_s in the CSV) around a few lines of work. The static
// field itself can never be sent; only its value can. Python's spawn behaves the same; its fork
// would have shown A the green values.
