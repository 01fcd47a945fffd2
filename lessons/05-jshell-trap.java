///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.slf4j:slf4j-nop:2.0.17
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
//SOURCES support/*.java
//MAIN JShellTrap

// Lesson 05, part three — the notebook trap, in Java: a class that lives only in memory.
//
// The article's notebook warning: a worker process started by spawn imports the parent's main
// module to find the function it must run, and a function typed into a notebook cell is in no file,
// so the worker fails. Java's twin is JShell. It compiles each snippet to bytes and defines the class
// from memory, so a class defined there works in JShell, but a new JVM asked to run it as its main
// class finds no .class file anywhere on its class path. Two fixes follow: a compiled class, and no
// new JVM at all (a thread of the JVM that holds the class).
//
// The rest of the section: ./jbang spawn-vs-fork (what a child JVM knows) and ./jbang launch-cost.
//
// Run it:   ./jbang jshell-trap

import java.io.File;
import java.util.*;
import java.util.concurrent.Callable;
import jdk.jshell.*;
import picocli.CommandLine.*;
import support.*;
import support.Results.Task;

@Command(name = "jshell-trap", mixinStandardHelpOptions = true,
        description = "Lesson 05: a class defined in JShell cannot be the main class of a new JVM; a compiled class,"
                + " or a thread, can run it.")
class JShellTrap implements Callable<Integer> {
    static final double TIMEOUT_S = 120;

    // The mistake: ask a new JVM to run the JShell class, with every folder and jar this JVM loads from.
    static ChildJvm.Child runFromMemory(String className) throws InterruptedException {
        ChildJvm.Child child = ChildJvm.start("the JShell class's JVM", ChildJvm.command(List.of(),
                System.getProperty("java.class.path"), className, List.of()), System.out::println);
        child.finish(TIMEOUT_S); // it is expected to fail: its exit code and standard error are the lesson
        return child;
    }

    // Fix 1: the worker in a compiled source file. The same kind of command line starts it without trouble.
    static ChildJvm.Child runCompiled() throws InterruptedException {
        return ChildJvm.start("compiled worker", List.of(), Worker.class, List.of(), System.out::println)
                .await(TIMEOUT_S);
    }

    // Fix 2: no new JVM at all. A thread of the JVM that holds the class runs it; this runs in JShell.
    static final String ON_A_THREAD = """
            String onAThread() throws InterruptedException {
                String[] said = new String[1];
                Thread.ofPlatform().name("worker-1").start(() -> said[0] = NotebookWorker.hello()).join();
                return said[0];
            }""";

    // The class typed into JShell, as a notebook cell would hold a function.
    static final String NOTEBOOK_WORKER = """
            class NotebookWorker {
                static String hello() {
                    return "hello from NotebookWorker on thread " + Thread.currentThread().getName()
                            + ", PID " + ProcessHandle.current().pid();
                }
                public static void main(String[] args) { System.out.println(hello()); }
            }""";

    /** A worker compiled with this file: on the class path of every child JVM. */
    static final class Worker {
        public static void main(String[] args) {
            ChildJvm.exitWithParent(); // if the lesson dies, this JVM goes too
            System.out.printf("   [%s, PID %d, parent PID %d: a compiled class, found on the class path]%n",
                    Worker.class.getName(), ProcessHandle.current().pid(),
                    ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
            ChildJvm.report("thread", NativeThread.describe());
        }
    }

    public static void main(String[] args) {
        Cli.run(new JShellTrap(), args);
    }

    @Override
    public Integer call() throws Exception {
        System.out.println(Results.machine());
        System.out.println();
        Results results = new Results(new Results.Params("05-jshell-trap", "", null, null, null));
        long t0 = System.nanoTime();
        String className, loader, onAThread;
        ChildJvm.Child trapped;
        // "local" runs the snippets in this JVM; the jshell tool runs them in an agent JVM of its own: the
        // same story.
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            eval(shell, NOTEBOOK_WORKER);
            className = value(shell, "NotebookWorker.class.getName()");
            loader = value(shell, "NotebookWorker.class.getClassLoader().getClass().getName()");
            System.out.printf("JShell (the jdk.jshell API, in this JVM) defined the class %s; its class loader is%n"
                    + "%s:%nthe bytes came from memory, no .class file was written.%n", className, loader);
            System.out.printf("$ java -cp <this JVM's class path, %d entries> %s%n",
                    System.getProperty("java.class.path").split(File.pathSeparator).length, className);
            trapped = runFromMemory(className);
            System.out.printf("the child (PID %d) exited with code %d and wrote on standard error:%n",
                    trapped.pid(), trapped.exitCode());
            for (String line : trapped.err()) System.out.println("  | " + line);
            eval(shell, ON_A_THREAD); // while JShell still holds the class
            onAThread = value(shell, "onAThread()");
        }
        System.out.printf("%nFix 1, a compiled class on the class path: $ java -cp <the same> %s%n", Worker.class.getName());
        ChildJvm.Child fixed = runCompiled();
        System.out.printf("it ran as PID %d and exited with code 0.%n", fixed.pid());
        System.out.printf("Fix 2, no new JVM at all: a thread of this JVM runs the JShell class:%n  %s%n%n", onAThread);

        Measured m = new Measured(className, trapped.exitCode() != 0
                && trapped.err().stream().anyMatch(l -> l.contains("Could not find or load main class")));
        addRow(results, "jshell-class", trapped, m.trapReproduced(), "-", t0);
        addRow(results, "compiled-class", fixed, true, fixed.get("thread"), t0);
        System.out.println(Results.facts("Summary", "this JVM", "PID " + ProcessHandle.current().pid(),
                "JShell's class loader", loader.substring(loader.lastIndexOf('.') + 1),
                "JShell class as a child's main", m.trapReproduced() ? "failed, as expected" : "did NOT fail",
                "compiled class as a child's main", "ran, PID " + fixed.pid(),
                "JShell class on a thread of this JVM", onAThread.contains("worker-1") ? "ran" : "did NOT run").printAll());
        Results.notice(notice(m));
        results.writeCsv(common.csv);
        return m.trapReproduced() ? 0 : 1;
    }

    // ---- Options -----------------------------------------------------------------------------------
    // None of its own: the lesson shows an exit code and an error, not a timing.

    @Mixin Cli.Common common;

    // ---- JShell, driven from Java ------------------------------------------------------------------

    static void eval(JShell shell, String source) {
        for (SnippetEvent e : shell.eval(source)) {
            if (e.status() == Snippet.Status.REJECTED || e.exception() != null) {
                String why = e.exception() != null ? String.valueOf(e.exception().getMessage())
                        : shell.diagnostics(e.snippet()).map(d -> d.getMessage(Locale.ROOT)).findFirst().orElse("rejected");
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

    /** One CSV row per child JVM, from its start to its exit as the parent saw them. */
    static void addRow(Results results, String variant, ChildJvm.Child c, boolean asExpected, String thread, long t0) {
        results.add("worker", variant, t0, c.exitNanos() - c.startNanos(), 1, List.of(new Task(c.name(), c.pid(),
                thread, c.startNanos(), c.exitNanos(), asExpected ? "ok" : "FAILED")));
    }

    // ---- What to notice ----------------------------------------------------------------------------

    /** What the closing notice is chosen by. */
    record Measured(String trapClass, boolean trapReproduced) {}

    static String notice(Measured m) {
        Notice n = new Notice();
        n.either(m.trapReproduced(),
                "JShell's {c}, defined from memory, could not be a child's main class, just as a spawned Python"
                        + " worker cannot find a notebook's function; a compiled class could, and a thread of this JVM"
                        + " ran the JShell class.",
                "JShell's {c} did not fail as a child's main class here, which this lesson does not expect:"
                        + " see the child's output above.",
                "c", m.trapClass());
        n.say("The rule behind both fixes: a new JVM only knows what it can load from its class path, so work meant"
                + " for another process belongs in a compiled file; work that must use what lives in memory stays"
                + " in this JVM, on a thread.");
        return n.text();
    }
}

// What you should see
//
// On every machine, the same: JShell defines NotebookWorker through its own class loader, from bytes
// in memory. The child JVM started with `java -cp <the same class path> NotebookWorker` exits with
// code 1 and "Error: Could not find or load main class NotebookWorker", because no folder or jar on
// its class path holds that class. The compiled JShellTrap$Worker, started the same way, runs in a
// process of its own (a new PID, the lesson as its parent). A platform thread of this JVM runs the
// JShell class without trouble, since it shares the memory that holds it. Python's spawn fails a
// notebook function for the same reason: the new interpreter can only import what is in files.
