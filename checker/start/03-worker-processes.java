///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+

// Exercise 03 — worker processes (after lesson 03, process-sort)
//
// A process has its own memory, so a worker process cannot simply read its part of the job from
// the parent: the parent tells each worker what to do when it starts it, and reads the answer back
// from the worker's output.
//
// Your task: complete total below. Cut the numbers 0 .. n-1 into one share per worker, start one
// worker process per share (all of them before you wait for any), read each worker's result and
// add them up. The Worker class and javaCommand are given; you do not need to change them.
//
// Run it:    ./jbang exercises/03-worker-processes.java
// Check it:  ./jbang check 3               Stuck?  ./jbang check --hint 3

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class WorkerProcesses {

    /** The job: a sum that only computes, over the numbers from {@code from} up to (not including) {@code to}. */
    static long work(long from, long to) {
        long sum = 0;
        for (long i = from; i < to; i++) {
            sum += (i * i) % 1_000_003;
        }
        return sum;
    }

    /** Given: what each worker process runs. Its share comes as two arguments; it prints its result. */
    static final class Worker {
        public static void main(String[] args) {
            long from = Long.parseLong(args[0]), to = Long.parseLong(args[1]);
            System.out.println(work(from, to));
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

    /** Shares 0 .. n-1 out among {@code workers} worker processes, running at once, and adds up their results. */
    static long total(long n, int workers) throws Exception {
        // TODO: this does the whole job here, in this process. Instead:
        //   1. cut 0 .. n-1 into `workers` shares that together hold every number exactly once;
        //   2. start one worker per share: javaCommand(Worker.class, "" + from, "" + to).start().
        //      Start them all before you wait for any of them;
        //   3. read the one line each worker prints (process.getInputStream()), add the numbers up.
        return work(0, n);
    }

    public static void main(String[] args) throws Exception {
        long n = 1_500_000_000;
        int workers = Runtime.getRuntime().availableProcessors();
        System.out.printf("this process is PID %d; %d workers%n", ProcessHandle.current().pid(), workers);

        long start = System.nanoTime();
        long alone = work(0, n);
        System.out.printf("in this process alone:  %d in %.2f s%n", alone, (System.nanoTime() - start) / 1e9);

        start = System.nanoTime();
        long shared = total(n, workers);
        System.out.printf("with total(n, %d):       %d in %.2f s%n", workers, shared, (System.nanoTime() - start) / 1e9);
        System.out.println(shared == alone ? "the same total" : "the totals differ!");
    }
}
