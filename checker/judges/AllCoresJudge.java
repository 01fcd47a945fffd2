import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import support.Gauge;

/** Exercise 02, all-cores: the judge of exercises/02-all-cores.java (see Judge). */
final class AllCoresJudge extends Judge {
    @Override
    String task() { return "Make a list of jobs that compute use every core: one thread per core."; }

    @Override
    String hints() {
        return """
            ## Hint 1

            An `ExecutorService` is a pool of threads that runs the jobs you hand it.
            `Executors.newFixedThreadPool(n)` makes one with exactly `n` threads; make `n` the number of
            cores, `Runtime.getRuntime().availableProcessors()`. Jobs that compute gain nothing from more
            threads than cores: the extra threads only take turns.

            ## Hint 2

            `pool.submit(job)` returns at once with a `Future`; `future.get()` waits for that job's result.
            Submit every job first and keep the futures in a list, in the order of the jobs; then read the
            results from that list, in the same order. Open the pool in a try-with-resources block so that
            it is closed, and its threads end, once you have the results.
            """;
    }

    @Override
    String judge() throws Unsolved {
        Method run = method("runOnAllCores", List.class);
        int count = Math.max(4, 2 * cores);
        Gauge busy = new Gauge();
        AtomicBoolean gaveUp = new AtomicBoolean();
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            jobs.add(() -> {
                workers.add(Thread.currentThread());
                busy.enter();
                try {
                    // Compute (spin) until every core has had a job at the same moment, or one second at
                    // most; a core that computes never hands over its thread, so this counts cores.
                    long deadline = System.nanoTime() + 1_000_000_000L;
                    while (!gaveUp.get() && busy.peak() < cores) {
                        if (System.nanoTime() > deadline) gaveUp.set(true);
                        Thread.onSpinWait();
                    }
                    return jobResult(index);
                } finally {
                    busy.exit();
                }
            });
        }
        Thread caller = Thread.currentThread();
        List<?> results = (List<?>) invoke(run, jobs);
        if (results == null || results.size() != count) {
            throw new Unsolved("wrong-result-count", "runOnAllCores returned %s results for %d jobs: return one result per job.",
                    results == null ? "no" : String.valueOf(results.size()), count);
        }
        for (int i = 0; i < count; i++) {
            if (!Objects.equals(results.get(i), jobResult(i))) {
                int from = 0;
                while (from < count && !Objects.equals(results.get(i), jobResult(from))) from++;
                throw new Unsolved("wrong-result-order", "Result %d %s. Return the results in the order of the jobs (keep the futures in a "
                        + "list, in the same order).", i + 1, from < count ? "is the result of job " + (from + 1) : "is wrong");
            }
        }
        int peak = busy.peak();
        if (cores == 1 && workers.equals(Set.of(caller))) {
            // One core computes one job at a time however the jobs are run: what shows a pool here is
            // that the jobs ran on a thread of their own, not on the caller's.
            throw new Unsolved("on-calling-thread", "The jobs ran one after another on the calling thread. Run them on a pool of one "
                    + "thread per core (this machine has 1).");
        }
        if (peak == 1 && cores > 1) {
            throw new Unsolved("one-after-another", "The jobs ran one after another: only 1 core worked, on a machine with %d. Run them on "
                    + "a pool of one thread per core.", cores);
        }
        if (peak < cores) {
            throw new Unsolved("too-few-at-once", "At most %d jobs ran at the same time, on a machine with %d cores. Make the pool one "
                    + "thread per core: Runtime.getRuntime().availableProcessors().", peak, cores);
        }
        if (workers.size() > cores) {
            throw new Unsolved("thread-per-job", "The %d jobs ran on %d different threads, for %d cores: jobs that compute get no faster "
                    + "with more threads than cores, they take turns. Size the pool with "
                    + "Runtime.getRuntime().availableProcessors().", count, workers.size(), cores);
        }
        waitFor(() -> workers.stream().noneMatch(t -> t != caller && t.isAlive() && !t.isDaemon()), 5);
        if (workers.stream().anyMatch(t -> t != caller && t.isAlive() && !t.isDaemon())) {
            throw new Unsolved("pool-left-running", "The pool's threads were still alive after runOnAllCores returned, and they would keep "
                    + "the program from ending. Close the pool when the results are in (try-with-resources).");
        }
        if (cores == 1) {
            return String.format("%d jobs on a pool of 1 thread; with 1 core, jobs side by side cannot be shown", count);
        }
        return String.format("%d jobs, %d at once on %d cores", count, peak, cores);
    }

    /** A small job that computes: sort some seeded random numbers, return a number that names the job. */
    static int jobResult(int index) {
        int[] numbers = new SplittableRandom(index).ints(200_000, 1, 100_001).toArray();
        Arrays.sort(numbers);
        return index * 1_000_000 + numbers[numbers.length / 2];
    }
}
