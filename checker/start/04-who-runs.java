///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+

// Exercise 04 — who runs this? (after lesson 04, pids)
//
// The operating system gives every process an id, its PID. Every thread of a process reports
// that same PID, and tells itself apart from the others by its thread id. A child process is
// another process altogether: a PID of its own.
//
// Your task: complete the three methods marked TODO. whoAmI tells which process and which thread
// call it; fromThreads asks it on new threads; fromProcesses asks it in new child processes.
// The Reporter class, Identity and javaCommand are given.
//
// Run it:    ./jbang exercises/04-who-runs.java
// Check it:  ./jbang check 4               Stuck?  ./jbang check --hint 4

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class WhoRuns {

    /** Given: who ran a piece of code. Printed as "PID 4242, thread 31", and read back with parse. */
    record Identity(long pid, long threadId) {
        @Override
        public String toString() {
            return "PID " + pid + ", thread " + threadId;
        }

        static Identity parse(String line) {
            String[] parts = line.strip().split("PID |, thread ");
            return new Identity(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        }
    }

    /** The process and the thread that run this code. */
    static Identity whoAmI() {
        // TODO: ask the JVM. ProcessHandle.current() knows this process, Thread.currentThread() this thread.
        return new Identity(0, 0);
    }

    /** Asks whoAmI() on {@code n} new threads, one each, and returns their answers. */
    static List<Identity> fromThreads(int n) throws InterruptedException {
        // TODO: this asks n times on the calling thread. Start n threads that each add their own
        //       whoAmI() to the list, and wait for them. (Several threads add to one list: use a
        //       list that allows that, such as Collections.synchronizedList(new ArrayList<>()).)
        List<Identity> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(whoAmI());
        }
        return answers;
    }

    /** Given: what each child process runs. It prints whoAmI() as seen from inside that process. */
    static final class Reporter {
        public static void main(String[] args) {
            System.out.println(whoAmI());
        }
    }

    /** Given: a command that runs {@code main} of {@code type} in a new JVM, with this program's java and class path. */
    static ProcessBuilder javaCommand(Class<?> type, String... args) {
        if (System.getProperty("jdk.launcher.sourcefile") != null) { // `java File.java` keeps classes in memory only
            throw new IllegalStateException("run this file with ./jbang, so that a child JVM can find its classes");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), type.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    /** Starts {@code n} child processes that run Reporter, and returns what each of them printed. */
    static List<Identity> fromProcesses(int n) throws Exception {
        // TODO: this asks n times in this very process. Start n child processes with
        //       javaCommand(Reporter.class).start(), read the line each one prints and turn it
        //       back into an Identity with Identity.parse.
        List<Identity> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(whoAmI());
        }
        return answers;
    }

    public static void main(String[] args) throws Exception {
        System.out.println("main:      " + whoAmI());
        for (Identity id : fromThreads(3)) {
            System.out.println("thread:    " + id);
        }
        for (Identity id : fromProcesses(3)) {
            System.out.println("process:   " + id);
        }
    }
}
