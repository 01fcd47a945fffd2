///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+

// Exercise 02 — all cores (after lesson 02, threads-sort)
//
// A job that computes keeps one core busy. A list of such jobs, run one after the other, leaves
// every other core of the machine idle. Java threads run in parallel, one per core, so a pool with
// one thread per core can finish the list in a fraction of the time.
//
// Your task: complete runOnAllCores below. It must run the jobs on a pool with one thread per core
// and return their results in the same order as the jobs. Run the file before and after: it prints
// how long the jobs take one after the other, and how long your runOnAllCores takes.
//
// Run it:    ./jbang exercises/02-all-cores.java
// Check it:  ./jbang check 2               Stuck?  ./jbang check --hint 2

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

class AllCores {

    /** Runs the jobs on one thread per core and returns their results, in the order of the jobs. */
    static <T> List<T> runOnAllCores(List<Callable<T>> jobs) throws Exception {
        // TODO: this loop runs the jobs one after the other on the calling thread, so one core works
        //       and the others wait. Make a pool with one thread per core
        //       (Runtime.getRuntime().availableProcessors()), hand it every job, then collect the
        //       results in the order of the jobs. Close the pool when you are done with it.
        List<T> results = new ArrayList<>();
        for (Callable<T> job : jobs) {
            results.add(job.call());
        }
        return results;
    }

    /** A job that only computes, like the article's: make random numbers, sort them, return the median. */
    static Callable<Integer> sortJob(int size, long seed) {
        return () -> {
            int[] numbers = new SplittableRandom(seed).ints(size, 1, 100_001).toArray();
            Arrays.sort(numbers);
            return numbers[size / 2];
        };
    }

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 2 * cores; i++) {
            jobs.add(sortJob(10_000_000, i)); // ten million numbers each, as in the article
        }
        // Best of two rounds each, so that warming up (the JIT compiling the sort) favours neither.
        double oneAfterAnother = Double.MAX_VALUE, yours = Double.MAX_VALUE;
        List<Integer> expected = new ArrayList<>(), results = List.of();
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            expected.clear();
            for (Callable<Integer> job : jobs) {
                expected.add(job.call());
            }
            oneAfterAnother = Math.min(oneAfterAnother, (System.nanoTime() - start) / 1e9);

            start = System.nanoTime();
            results = runOnAllCores(jobs);
            yours = Math.min(yours, (System.nanoTime() - start) / 1e9);
        }

        System.out.printf("%d jobs on a machine with %d cores%n", jobs.size(), cores);
        System.out.printf("one after the other:  %.2f s%n", oneAfterAnother);
        System.out.printf("runOnAllCores:        %.2f s  (%.1fx as fast)%n", yours, oneAfterAnother / yours);
        System.out.println(results.equals(expected) ? "same results, in the same order" : "the results differ!");
    }
}
