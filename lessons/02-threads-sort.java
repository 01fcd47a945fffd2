///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES support/Lab.java

// Lesson 02 — threads that compute.
//
// The article's second experiment asks whether threads speed up work that computes rather than
// waits: each thread makes ten million random numbers and sorts them. Its Python threads took turns
// (the global interpreter lock lets one thread run Python code at a time), so four threads took
// about four times as long as one and finished one after another. The JVM has no such lock: its
// threads can run at the same moment, one per core. --gil replays the article with a model of
// CPython's lock (support/Gil.java).
//
// Run it:   ./jbang threads-sort                     4 threads, 10 000 000 numbers each
//           ./jbang threads-sort --gil               the same under a model of Python's lock
//           ./jbang threads-sort --boxed             List<Integer> instead of int[]: closer to a Python list
//           ./jbang threads-sort --shared-random     all threads draw from one java.util.Random
//           ./jbang threads-sort --sweep --chart speed-up.png   1, 2, 4 ... threads, with and without the GIL

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import notice.ThreadsSortNotice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.Cli;
import support.CpuClock;
import support.Gil;
import support.Lab;
import support.Notice;
import support.Results.Params;
import support.Results.Task;
import support.SortWork;

@Command(name = "threads-sort", mixinStandardHelpOptions = true,
        description = "Lesson 02: threads on a CPU-bound job (make random numbers, sort them).")
class ThreadsSort implements Callable<Integer> {

    // n platform threads, each doing the whole job with a generator of its own. Nothing stops them
    // from running at the same moment, one per core. Under --gil the gate is one lock that a thread
    // must hold to work, so they take turns, as the article's Python threads did.
    List<Task> onThreads(int n, Gil gate, Lab lab) throws InterruptedException {
        Random shared = new Random(seed.seed()); // drawn from only with --shared-random
        Thread.Builder builder = Thread.ofPlatform().name("Thread", 1); // Thread1, Thread2, ...
        Task[] done = new Task[n];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int slot = i;
            RandomGenerator rng = generator(i + 1, shared);
            threads.add(builder.start(() -> done[slot] = lab.checked(() -> sortJob(size, rng, gate))));
        }
        for (Thread t : threads) t.join(); // wait until every thread has finished
        return List.of(done);
    }

    // The job, as in the article: make n random numbers in [1, 100 000] and sort them, then prove the
    // output is a sorted copy of what was made (support/SortWork.java). The gate counts the threads
    // inside the job at once; with --gil the thread first waits for the lock. Making the numbers
    // passes checkpoints where the lock can change hands; the sort is one call that keeps it.
    boolean sortJob(int n, RandomGenerator rng, Gil gate) {
        gate.enter();
        try {
            return job(n, rng, gate).check(n);
        } finally {
            gate.exit();
        }
    }

    // An int[] sorted with Arrays.sort; with --boxed a List<Integer>, an object per number, closer to
    // a Python list and much slower.
    SortWork.Sorted job(int n, RandomGenerator rng, Gil gate) {
        return boxed ? SortWork.boxed(n, rng) : SortWork.primitive(n, rng, gate);
    }

    // A generator for thread i, seeded so that --seed repeats the run. With --shared-random all threads
    // draw from one java.util.Random, whose every draw updates one seed with a compare-and-set.
    RandomGenerator generator(int i, Random shared) {
        return sharedRandom ? shared : new SplittableRandom(seed.seed() + i);
    }

    // One step of --sweep: n threads behind a gate, whose count of threads at work is the step's peak.
    Lab.Body gated(int n, Gil gate, Lab lab) { return Lab.gated(gate, () -> onThreads(n, gate, lab)); }

    // No lock, only a count of the threads at work; with --gil the model of CPython's lock.
    Gil gate() { return gil ? Gil.on(switchMillis) : Gil.off(); }

    public static void main(String[] args) { Lab.run(new ThreadsSort(), args); }

    @Override
    public Integer call() throws Exception {
        validate();
        Lab lab = new Lab(common, new Params("02-threads-sort", options(), size, null, seed.seed(), "sort"));
        lab.begin("%d threads, %,d numbers each%s, seed %d", threads, size, (gil ? ", under the model GIL" : "")
                + (boxed ? ", boxed" : "") + (sharedRandom ? ", one shared Random" : ""), seed.seed());
        // Untimed runs first, with the kind of generator that will be timed (boxed, a smaller job: a full
        // one takes too long). Four, as after two the JIT compiler was seen still recompiling Arrays.sort.
        RandomGenerator warm = sharedRandom ? new Random(0) : new SplittableRandom(0);
        lab.warmUp(WARM_UPS, () -> sortJob(boxed ? Math.min(size, 1_000_000) : size, warm, gate()));
        if (sweep.on()) { // 1, 2, 4 ... up to twice the cores: free threads beside the model GIL
            lab.sweep(new Lab.Variant("threads", n -> gated(n, Gil.off(), lab)),
                    new Lab.Variant("gil", n -> gated(n, Gil.on(switchMillis), lab)));
            return lab.end();
        }

        // The baseline: the job once, on the main thread, with nothing else running.
        RandomGenerator first = generator(0, new Random(seed.seed()));
        Lab.Phase base = lab.measure("baseline", variant(),
                () -> List.of(lab.checked(() -> sortJob(size, first, gate()))));
        System.out.println();
        // The same job on `threads` threads at once.
        Gil gate = gate();
        Lab.Phase p = lab.measure("worker", variant(), null, gate, () -> onThreads(threads, gate, lab));

        Stream.of(base, p).flatMap(phase -> phase.tasks().stream()).filter(t -> t.check().equals("FAILED"))
                .forEach(t -> System.out.printf("%s: the output is NOT a sorted copy of its input!%n", t.worker()));
        lab.table("role", "worker", "pid", "os_thread", "start_s", "task_s", "end_s", "check");
        double[] f = p.finishes();
        lab.facts("Summary (end_s: when a thread finished, after the start)",
                "numbers per job", String.format("%,d%s", size, boxed ? " (boxed)" : ""),
                "threads / cores available", threads + " / " + cores(),
                "one job alone (baseline)", Lab.secs(base.slowest()),
                "first / last thread finished", String.format(Locale.ROOT, "%.4f / %.4f s", f[0], f[f.length - 1]),
                "wall time, all threads", Lab.secs(p.wall()),
                "wall time / baseline", Notice.times(p.wall() / base.slowest()),
                "speed-up", Notice.times(threads * base.slowest() / p.wall()) + " (threads x baseline / wall time)",
                "most threads in the job at once", p.peak(),
                "cores busy: baseline / threads", CpuClock.text(base.busy()) + " / " + CpuClock.text(p.busy()));
        lab.notice(ThreadsSortNotice.of(new ThreadsSortNotice.Measured(threads, cores(), given("--threads"), gil,
                boxed, sharedRandom, switchMillis, base.slowest(), p.wall(), p.slowest(), f, p.peak(), base.busy(),
                p.busy(), gate.handovers())));
        return lab.end();
    }

    // ---- Options ------------------------------------------------------------------------------------

    static final int WARM_UPS = 4;

    @Option(names = "--threads", paramLabel = "N", description = "How many threads (default: ${DEFAULT-VALUE}).")
    int threads = 4;

    @Option(names = "--size", paramLabel = "N", description = "Numbers each thread makes and sorts (default: ${DEFAULT-VALUE}, as in the article; 10_000_000 works too).")
    int size = 10_000_000;

    @Option(names = "--gil", description = "Model Python's global interpreter lock: one lock that a thread must hold to work.")
    boolean gil;

    @Option(names = "--switch-interval", paramLabel = "MS", description = "With --gil: how long a thread waits for the lock before it asks the holder to let go (default: ${DEFAULT-VALUE} ms, as CPython).")
    double switchMillis = 5;

    @Option(names = "--boxed", description = "Sort a List<Integer> (an object per number) instead of an int[].")
    boolean boxed;

    @Option(names = "--shared-random", description = "All threads draw from one shared java.util.Random instead of a generator each.")
    boolean sharedRandom;

    @Mixin Cli.Common common;
    @Mixin Cli.Seed seed;
    @Mixin Cli.Sweep sweep;
    @Spec CommandSpec spec;

    String variant() { return gil ? "gil" : "threads"; }

    static int cores() { return Runtime.getRuntime().availableProcessors(); }

    boolean given(String option) {
        return spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    // The options that changed the work, for the CSV's options column.
    String options() {
        return String.join(" ", List.of(boxed ? "--boxed" : "", sharedRandom ? "--shared-random" : "",
                gil ? "--switch-interval " + switchMillis : "").stream().filter(s -> !s.isEmpty()).toList());
    }

    void validate() {
        if (threads < 1 || threads > 1024) throw Cli.bad(spec, "--threads must be from 1 to 1024 (got %d)", threads);
        if (size < 1) throw Cli.bad(spec, "--size must be at least 1 (got %d)", size);
        if (!(switchMillis >= 0.1 && switchMillis <= 1000)) {
            throw Cli.bad(spec, "--switch-interval must be from 0.1 to 1000 ms (got %s)", switchMillis);
        }
        if (boxed && gil) {
            throw Cli.bad(spec, "--boxed and --gil cannot be combined: the model GIL's checkpoints are in the int[] job");
        }
        // All threads' numbers are alive at once: the same job, and the same heap, with or without --gil.
        long perNumber = boxed ? SortWork.BOXED_BYTES : SortWork.INT_BYTES;
        int most = sweep.most(threads);
        Cli.requireHeap(spec, perNumber * size * most, String.format("--size %,d with %d threads", size, most));
        if (sweep.on() && (boxed || sharedRandom)) throw Cli.bad(spec, "--sweep compares threads and the GIL on the int[] job: leave out --boxed and --shared-random");
    }
}

// What you should see: on a typical laptop with 4 to 16 cores,
//  - without --gil, a speed-up close to the number of threads (up to the cores), and "cores busy"
//    close to min(threads, cores): the threads sort at the same moment (on 2 cores, 4 threads take
//    about two baselines, two at a time);
//  - with --gil, a wall time about N times the baseline, "cores busy" about 1, and the threads
//    finishing one after another, roughly one sort apart: whoever starts its sort keeps the lock
//    until it is done. The article's Python threads finished the same way;
//  - with --boxed, every job many times slower than with an int[]; with --shared-random, threads
//    that slow each other down, more so the more cores there are.
