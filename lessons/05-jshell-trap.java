///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES support/Lab.java

// Lesson 05, part three — the notebook trap, in Java: a class that lives only in memory.
//
// The article's notebook warning: a worker process started by spawn imports the parent's main
// module to find the function it must run, and a function typed into a notebook cell is in no file,
// so the worker fails. Java's twin is JShell. It compiles each snippet to bytes and defines the class
// from memory, so a class defined there works in JShell, but a new JVM asked to run it as its main
// class finds no .class file anywhere on its class path. Two fixes follow: a compiled class, and no
// new JVM at all (a thread of the JVM that holds the class).
// The rest of the section: ./jbang spawn-vs-fork (what a child JVM knows) and ./jbang launch-cost.
//
// Run it:   ./jbang jshell-trap

import java.io.File;
import java.util.*;
import java.util.concurrent.Callable;
import jdk.jshell.*;
import notice.JShellTrapNotice;
import picocli.CommandLine.*;
import support.*;
import support.Results.Task;

@Command(name = "jshell-trap", mixinStandardHelpOptions = true,
        description = "Lesson 05: a class defined in JShell cannot be the main class of a new JVM; a compiled class,"
                + " or a thread, can run it.")
class JShellTrap implements Callable<Integer> {

    // The mistake: ask a new JVM to run the JShell class, with every folder and jar this JVM loads from.
    static ChildJvm.Child runFromMemory(String className) throws InterruptedException {
        ChildJvm.Child child = ChildJvm.start("the JShell class's JVM", ChildJvm.command(List.of(),
                System.getProperty("java.class.path"), className, List.of()), System.out::println);
        child.finish(TIMEOUT_S); // it is expected to fail: its exit code and standard error are the lesson
        return child;
    }

    // Fix 1: the worker in a compiled source file. The same kind of command line starts it without trouble.
    static ChildJvm.Child runCompiled() {
        return ChildJvm.start("compiled worker", List.of(), Worker.class, List.of(), System.out::println);
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
        public static void main(String[] args) throws Exception {
            Lab.inChild(Worker.class.getName(), () -> true); // announces itself, with its parent's PID
        }
    }

    public static void main(String[] args) { Lab.run(new JShellTrap(), args); }

    @Override
    public Integer call() throws Exception {
        Lab lab = new Lab(common, new Results.Params("05-jshell-trap", "", null, null, null));
        lab.begin("A JShell class as the main class of a new JVM, then two fixes%n"
                + "JShell (the jdk.jshell API, run in this JVM) defines a class from memory; a new JVM is asked"
                + "%nto run it, then a compiled class, then a thread of this JVM runs the JShell class.");
        String className, loader, onAThread;
        ChildJvm.Child trapped;
        // "local" runs the snippets in this JVM; the jshell tool runs them in an agent JVM of its own: the
        // same story.
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            eval(shell, NOTEBOOK_WORKER);
            className = value(shell, "NotebookWorker.class.getName()");
            loader = value(shell, "NotebookWorker.class.getClassLoader().getClass().getName()");
            System.out.printf("JShell defined the class %s; its class loader is%n%s:%nthe bytes came from memory,"
                    + " no .class file was written.%n", className, loader);
            System.out.printf("$ java -cp <this JVM's class path, %d entries> %s%n",
                    System.getProperty("java.class.path").split(File.pathSeparator).length, className);
            trapped = runFromMemory(className);
            System.out.printf("the child (PID %d) exited with code %d and wrote on standard error:%n",
                    trapped.pid(), trapped.exitCode());
            for (String line : trapped.err()) System.out.println("  | " + line);
            eval(shell, ON_A_THREAD); // while JShell still holds the class
            onAThread = value(shell, "onAThread()");
        }
        boolean reproduced = trapped.exitCode() != 0
                && trapped.err().stream().anyMatch(l -> l.contains("Could not find or load main class"));
        // The failed child reported nothing: its row is recorded as the parent saw it, start to exit.
        lab.record("worker", "jshell-class", trapped.startNanos(), trapped.exitNanos() - trapped.startNanos(),
                List.of(new Task(trapped.name(), trapped.pid(), "-", trapped.startNanos(), trapped.exitNanos(),
                        reproduced ? "ok" : "FAILED")));
        System.out.printf("%nFix 1, a compiled class on the class path: $ java -cp <the same> %s%n", Worker.class.getName());
        Task fixed = lab.measure("worker", "compiled-class", () -> List.of(lab.taskOf(runCompiled(), TIMEOUT_S)))
                .tasks().getFirst();
        System.out.printf("Fix 2, no new JVM at all: a thread of this JVM runs the JShell class:%n  %s%n", onAThread);

        boolean onThread = onAThread.contains("worker-1") && onAThread.endsWith("PID " + ProcessHandle.current().pid());
        lab.facts("Summary", "this JVM", "PID " + ProcessHandle.current().pid(),
                "JShell's class loader", loader.substring(loader.lastIndexOf('.') + 1),
                "JShell class as a child's main", reproduced ? "failed, as expected" : "did NOT fail",
                "compiled class as a child's main", "ran, PID " + fixed.pid(),
                "JShell class on a thread of this JVM", onThread ? "ran" : "did NOT run");
        lab.notice(JShellTrapNotice.of(new JShellTrapNotice.Measured(className, reproduced, trapped.exitCode(),
                fixed.pid(), fixed.startupNanos() / 1e9, onThread)));
        return lab.end();
    }

    // ---- Options -----------------------------------------------------------------------------------
    // None of its own: the lesson shows an exit code and an error, not a timing.

    @Mixin Cli.Common common;

    static final double TIMEOUT_S = 120;

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
}

// What you should see: on every machine, the same. JShell defines NotebookWorker through its own
// class loader, from bytes in memory. The child JVM started with `java -cp <the same class path>
// NotebookWorker` exits with code 1 and "Error: Could not find or load main class NotebookWorker",
// because no folder or jar on its class path holds that class. The compiled JShellTrap$Worker,
// started the same way, runs in a process of its own (a new PID, the lesson as its parent), after
// a few tenths of a second of JVM start-up. A platform thread of this JVM runs the JShell class
// without trouble, since it shares the memory that holds it. Python's spawn fails a notebook
// function for the same reason: the new interpreter can only import what is in files.
