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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
        return new Identity(ProcessHandle.current().pid(), Thread.currentThread().threadId());
    }

    /** Asks whoAmI() on {@code n} new threads, one each, and returns their answers. */
    static List<Identity> fromThreads(int n) throws InterruptedException {
        // Solution: one new thread per answer; the list is synchronized because they all add to it.
        List<Identity> answers = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofPlatform().start(() -> answers.add(whoAmI())));
        }
        for (Thread thread : threads) {
            thread.join();
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
        // Solution: start all the children, then read each one's line. Each runs whoAmI() in a
        // process of its own, so each answers with its own PID.
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            children.add(javaCommand(Reporter.class).start());
        }
        List<Identity> answers = new ArrayList<>();
        for (Process child : children) {
            String line = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            child.waitFor();
            answers.add(Identity.parse(line));
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
