///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.slf4j:slf4j-nop:2.0.17
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
//SOURCES support/*.java

// Lesson 02 — threads that compute.
//
// The article's second experiment: each thread makes ten million random numbers and sorts them.
// In the article, Python's threads took turns (its global interpreter lock lets one thread run
// Python code at a time), so four threads took about four times as long as one. The JVM has no
// such lock: here the threads run at the same moment, one per core.
//
// Run it:   ./jbang threads-sort                     4 threads, 10 000 000 numbers each
//           ./jbang threads-sort --gil               the same under a model of Python's lock
//           ./jbang threads-sort --boxed             List<Integer> instead of int[]: closer to a Python list
//           ./jbang threads-sort --shared-random     all threads draw from one java.util.Random

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.Cli;
import support.Gil;
import support.NativeThread;
import support.Results;
import support.Results.Task;
import support.SortWork;

@Command(name = "threads-sort", mixinStandardHelpOptions = true,
        description = "Lesson 02: threads on a CPU-bound job (make random numbers, sort them) run in parallel.")
class ThreadsSort implements Callable<Integer> {
    static final int WARM_UPS = 4;

    @Option(names = "--threads", paramLabel = "N", description = "How many threads (default: ${DEFAULT-VALUE}).")
    int threads = 4;

    @Option(names = "--size", paramLabel = "N", description = "Numbers each thread makes and sorts (default: ${DEFAULT-VALUE}, as in the article; 10_000_000 works too).")
    int size = 10_000_000;

    @Option(names = "--gil", description = "Model Python's global interpreter lock: one lock that a thread must hold to work.")
    boolean gil;

    @Option(names = "--switch-interval", paramLabel = "MS", description = "With --gil: how long a thread keeps the lock before handing it over (default: ${DEFAULT-VALUE} ms, as CPython).")
    double switchMillis = 5;

    @Option(names = "--boxed", description = "Sort a List<Integer> (an object per number) instead of an int[].")
    boolean boxed;

    @Option(names = "--shared-random", description = "All threads draw from one shared java.util.Random instead of a generator each.")
    boolean sharedRandom;

    @Mixin Cli.Common common;
    @Mixin Cli.Seed seed;
    @Spec CommandSpec spec;

    public static void main(String[] args) {
        Cli.run(new ThreadsSort(), args);
    }

    // The job, as in the article: make `size` random numbers in [1, 100 000] and sort them.
    // SortWork holds the three versions: int[] with Arrays.sort, List<Integer>, and the int[] job cut
    // into small steps so that it can hand the model GIL over between steps. The model GIL itself,
    // one fair lock handed over every switch interval, is support/Gil.java: about 20 lines, worth a read.
    SortWork.Sorted job(int n, RandomGenerator rng, Gil gate) {
        return boxed ? SortWork.boxed(n, rng) : SortWork.primitive(n, rng, gate);
    }

    // One worker: announce, do the job inside the gate (which counts who works at once), time it.
    Task timedJob(RandomGenerator rng, Gil gate, SortWork.Sorted[] out, int slot) {
        String name = Thread.currentThread().getName();
        long pid = ProcessHandle.current().pid();
        System.out.printf("%s started, PID %d%n", name, pid);
        long start = System.nanoTime();
        gate.enter();
        try {
            out[slot] = job(size, rng, gate);
        } finally {
            gate.exit();
        }
        long end = System.nanoTime();
        System.out.printf("%s finished, PID %d, took %s%n", name, pid, Results.secs((end - start) / 1e9));
        return new Task(name, pid, NativeThread.describe(), start, end, "");
    }

    // A generator for worker i: its own, seeded so that --seed repeats the run; or the one shared one.
    RandomGenerator generator(int i, Random shared) {
        return sharedRandom ? shared : new SplittableRandom(seed.seed() + i);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        System.out.println(Results.machine());
        NativeThread.printNote(); // off Linux: one line on what the os_thread column holds instead
        System.out.printf("%d threads, %,d numbers each%s, seed %d%n%n", threads, size, describeOptions(), seed.seed());
        Results results = new Results(new Results.Params("02-threads-sort", options(), size, null, seed.seed(), "sort"));

        // 0. Warm-up, untimed: the JIT compiler turns the hot loops into machine code during the first
        //    runs, and the heap grows to fit; without this the baseline would pay for both and the threads
        //    would look faster than they are. (Boxed, a full-size run would take too long: a smaller one.)
        //    Measured here: after two runs the JIT still recompiles Arrays.sort during the baseline.
        int warmUp = boxed ? Math.min(size, 1_000_000) : size;
        System.out.printf("Warming up: %d untimed runs of the job%n%n", WARM_UPS);
        for (int i = 0; i < WARM_UPS; i++) {
            job(warmUp, sharedRandom ? new Random(i) : new SplittableRandom(i), gate()); // the generator that will be timed
        }

        // 1. The baseline: the job once, on the main thread, with nothing else running.
        Gil baseGate = gate();
        SortWork.Sorted[] baseOut = new SortWork.Sorted[1];
        long b0 = System.nanoTime();
        Task base = timedJob(sharedRandom ? new Random(seed.seed()) : generator(0, null), baseGate, baseOut, 0);
        long baseWall = System.nanoTime() - b0;
        Task baseChecked = checked(base, baseOut[0]);
        results.add("baseline", variant(), b0, baseWall, baseGate.peak(), List.of(baseChecked));
        baseOut[0] = null; // let the garbage collector have it before the threads start
        System.out.println();

        // 2. The same job on N threads at once. Each thread has its own generator, unless --shared-random.
        Gil gate = gate();
        Random shared = new Random(seed.seed());
        SortWork.Sorted[] out = new SortWork.Sorted[threads];
        Task[] done = new Task[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread.Builder builder = Thread.ofPlatform().name("Thread", 1)
                .uncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int slot = i;
            RandomGenerator rng = generator(i + 1, shared);
            workers.add(builder.unstarted(() -> done[slot] = timedJob(rng, gate, out, slot)));
        }
        long t0 = System.nanoTime();
        for (Thread t : workers) t.start();
        for (Thread t : workers) t.join();
        long wall = System.nanoTime() - t0;
        if (failure.get() instanceof Error e) throw e; // e.g. out of memory: ends the lesson with one line
        if (failure.get() != null) throw new IllegalStateException(failure.get().getMessage(), failure.get());

        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) tasks.add(checked(done[i], out[i]));
        results.add("worker", variant(), t0, wall, gate.peak(), tasks);
        summarise(results, base.seconds(), wall / 1e9, gate.peak());
        results.writeCsv(common.csv);
        boolean allOk = baseChecked.check().equals("ok") && tasks.stream().allMatch(t -> t.check().equals("ok"));
        return allOk ? 0 : 1;
    }

    // Proves, after the timing, that a worker's output is sorted and holds what it generated.
    Task checked(Task task, SortWork.Sorted output) {
        String verdict = output.check(size) ? "ok" : "FAILED";
        if (!verdict.equals("ok")) System.out.printf("%s: the output is NOT a sorted copy of its input!%n", task.worker());
        return task.withCheck(verdict);
    }

    void summarise(Results results, double baseline, double wall, int peak) {
        var rows = results.table();
        int cores = Runtime.getRuntime().availableProcessors();
        double oneAfterAnother = threads * baseline, speedUp = oneAfterAnother / wall;
        double slowest = results.rows("worker").doubleColumn("task_s").max();
        System.out.println();
        System.out.println(rows.selectColumns("role", "worker", "pid", "os_thread", "start_s", "task_s", "check").printAll());
        System.out.println();
        System.out.println(Results.facts("Summary",
                "numbers per job", String.format("%,d%s", size, boxed ? " (boxed)" : ""),
                "threads", threads,
                "cores available", cores,
                "one job alone (baseline)", Results.secs(baseline),
                "slowest thread", Results.secs(slowest),
                "wall time, all threads", Results.secs(wall),
                "the jobs one after another", Results.secs(oneAfterAnother) + " (threads x baseline)",
                "speed-up", String.format("%.2fx", speedUp),
                "efficiency per core", String.format("%.0f%%", 100 * speedUp / Math.min(threads, cores)),
                "most threads working at once", peak).printAll());

        String story = gil
                ? String.format("""
                        Under the model GIL only one thread may work at a time (at most %d did), and the lock
                        changes hands every %s ms. So the %d threads took turns: the wall time, %s, is %.1f
                        times the baseline of %s, and each thread's own time grew to as much as %s, because it
                        spent most of it waiting for the lock. That is the article's result: its Python threads
                        each took 18.8 to 27.9 s against 6.7 s for one sort alone (the article's figures, on a
                        Ryzen 5600). Run without --gil to see Java's threads share the cores instead.""",
                        peak, switchMillis, threads, Results.secs(wall), wall / baseline, Results.secs(baseline),
                        Results.secs(slowest))
                : String.format("""
                        The %d threads did %s of work in %s: a speed-up of %.2fx on %d cores (%.0f%% of what
                        the cores allow). Up to %d threads were working at the same moment. The JVM has no
                        global interpreter lock, so threads that compute run in parallel, one per core; the
                        article's Python threads could not, and took 18.8 to 27.9 s each against 6.7 s alone
                        (the article's figures). Try --gil to replay that, and --threads %d to match the cores.""",
                        threads, Results.secs(oneAfterAnother), Results.secs(wall), speedUp, cores,
                        100 * speedUp / Math.min(threads, cores), peak, cores);
        if (boxed) story += " With --boxed every number is an Integer object: making them allocates, and "
                + "sorting follows a reference to each, scattered in memory, which is why the job is many "
                + "times slower than with an int[] (compare one run with and one without --boxed).";
        if (sharedRandom) story += String.format(" With --shared-random every draw updates the seed of one "
                + "java.util.Random with a compare-and-set, and the threads keep invalidating each other's copy "
                + "of it: the slowest thread took %s against %s for the baseline, which had the generator to "
                + "itself (snippets/02-threads-sort.jsh times the drawing alone).", Results.secs(slowest),
                Results.secs(baseline));
        Results.notice(story);
    }

    Gil gate() { return gil ? Gil.on(switchMillis) : Gil.off(); }

    String variant() { return gil ? "gil" : "threads"; }

    String options() {
        return String.join(" ", new ArrayList<>(List.of(boxed ? "--boxed" : "", sharedRandom ? "--shared-random" : "",
                gil ? "--switch-interval " + switchMillis : "")).stream().filter(s -> !s.isEmpty()).toList());
    }

    String describeOptions() {
        return (gil ? ", under the model GIL" : "") + (boxed ? ", boxed" : "") + (sharedRandom ? ", one shared Random" : "");
    }

    void validate() {
        if (threads < 1 || threads > 1024) throw Cli.bad(spec, "--threads must be from 1 to 1024 (got %d)", threads);
        if (size < 1) throw Cli.bad(spec, "--size must be at least 1 (got %d)", size);
        if (!(switchMillis >= 0.1 && switchMillis <= 1000)) {
            throw Cli.bad(spec, "--switch-interval must be from 0.1 to 1000 ms (got %s)", switchMillis);
        }
        if (boxed && gil) throw Cli.bad(spec, "--boxed and --gil cannot be combined: the model GIL steps through an int[]");
        // All threads' numbers are alive at once (twice over under --gil, which merges into a copy).
        long perNumber = boxed ? SortWork.BOXED_BYTES : SortWork.INT_BYTES * (gil ? 2L : 1L);
        Cli.requireHeap(spec, perNumber * size * threads, String.format("--size %,d with %d threads", size, threads));
    }
}
