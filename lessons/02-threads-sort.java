///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.slf4j:slf4j-nop:2.0.17
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
//SOURCES support/*.java

// Lesson 02 — threads that compute.
//
// The second experiment of "Asynchronous Computing in Python" (Harsh Dutta, September 2024), called
// "the article" below: each thread makes ten million random numbers and sorts them.
// In the article, Python's threads took turns (its global interpreter lock lets one thread run
// Python code at a time), so four threads took about four times as long as one, and finished one
// after another. The JVM has no such lock: its threads can run at the same moment, one per core.
// --gil replays the article with a model of CPython's lock (support/Gil.java).
//
// Run it:   ./jbang threads-sort                     4 threads, 10 000 000 numbers each
//           ./jbang threads-sort --gil               the same under a model of Python's lock
//           ./jbang threads-sort --boxed             List<Integer> instead of int[]: closer to a Python list
//           ./jbang threads-sort --shared-random     all threads draw from one java.util.Random

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
import support.CpuClock;
import support.Gil;
import support.NativeThread;
import support.Notice;
import support.Results;
import support.Results.Task;
import support.SortWork;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

@Command(name = "threads-sort", mixinStandardHelpOptions = true,
        description = "Lesson 02: threads on a CPU-bound job (make random numbers, sort them).")
class ThreadsSort implements Callable<Integer> {
    static final int WARM_UPS = 4;

    // The job, as in the article: make `size` random numbers in [1, 100 000] and sort them. It is the
    // same job with and without --gil (support/SortWork.java): under the model GIL, making the numbers
    // passes checkpoints where the lock can change hands, and the sort is one call that keeps it.
    SortWork.Sorted job(int n, RandomGenerator rng, Gil gate) {
        return boxed ? SortWork.boxed(n, rng) : SortWork.primitive(n, rng, gate);
    }

    // The job inside the gate: with --gil the thread takes the lock first; either way the gate counts
    // how many threads are inside the job at the same moment.
    SortWork.Sorted gated(int n, RandomGenerator rng, Gil gate) {
        gate.enter();
        try {
            return job(n, rng, gate);
        } finally {
            gate.exit();
        }
    }

    // One worker: announce, do the job, time it.
    Task timedJob(RandomGenerator rng, Gil gate, SortWork.Sorted[] out, int slot) {
        String name = Thread.currentThread().getName();
        long pid = ProcessHandle.current().pid();
        System.out.printf("%s started, PID %d%n", name, pid);
        long start = System.nanoTime();
        out[slot] = gated(size, rng, gate);
        long end = System.nanoTime();
        System.out.printf("%s finished, PID %d, took %s%n", name, pid, Results.secs((end - start) / 1e9));
        return new Task(name, pid, NativeThread.describe(), start, end, "");
    }

    // A generator for worker i: its own, seeded so that --seed repeats the run; or the one shared one.
    RandomGenerator generator(int i, Random shared) {
        return sharedRandom ? shared : new SplittableRandom(seed.seed() + i);
    }

    // ---- Options -----------------------------------------------------------------------------------

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
    @Spec CommandSpec spec;

    public static void main(String[] args) {
        Cli.run(new ThreadsSort(), args);
    }

    // ---- The harness: warm-up, baseline, N threads, table -----------------------------------------

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
            gated(warmUp, sharedRandom ? new Random(i) : new SplittableRandom(i), gate()); // the generator that will be timed
        }

        // 1. The baseline: the job once, on the main thread, with nothing else running.
        Gil baseGate = gate();
        SortWork.Sorted[] baseOut = new SortWork.Sorted[1];
        long[] baseCpu = CpuClock.start();
        long b0 = System.nanoTime();
        Task base = timedJob(sharedRandom ? new Random(seed.seed()) : generator(0, null), baseGate, baseOut, 0);
        long baseWall = System.nanoTime() - b0;
        double baseBusy = CpuClock.since(baseCpu);
        Task baseChecked = checked(base, baseOut[0]);
        results.add("baseline", variant(), b0, baseWall, baseGate.peak(), baseBusy, List.of(baseChecked));
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
        long[] cpu = CpuClock.start();
        long t0 = System.nanoTime();
        for (Thread t : workers) t.start();
        for (Thread t : workers) t.join();
        long wall = System.nanoTime() - t0;
        double busy = CpuClock.since(cpu);
        if (failure.get() instanceof Error e) throw e; // e.g. out of memory: ends the lesson with one line
        if (failure.get() != null) throw new IllegalStateException(failure.get().getMessage(), failure.get());

        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) tasks.add(checked(done[i], out[i]));
        results.add("worker", variant(), t0, wall, gate.peak(), busy, tasks);

        double[] finishes = tasks.stream().mapToDouble(t -> (t.endNanos() - t0) / 1e9).sorted().toArray();
        Measured m = new Measured(threads, Runtime.getRuntime().availableProcessors(), given("--threads"), gil,
                boxed, sharedRandom, switchMillis, base.seconds(), wall / 1e9,
                tasks.stream().mapToDouble(Task::seconds).max().orElse(0), finishes, gate.peak(), baseBusy, busy,
                gate.handovers());
        printTables(results, m);
        Results.notice(notice(m));
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

    // ---- What was measured, and what to notice about it -------------------------------------------

    /**
     * One run's measurements: seconds, except {@code busy} and {@code busyBaseline} (cores busy: CPU
     * time ÷ wall time, NaN where unknown). {@code finishes}: when each thread finished, after the start
     * of the threads, in order. {@code threadsGiven}: the learner passed --threads.
     */
    record Measured(int threads, int cores, boolean threadsGiven, boolean gil, boolean boxed, boolean sharedRandom,
                    double switchMillis, double baseline, double wall, double slowest, double[] finishes, int peak,
                    double busyBaseline, double busy, long handovers) {
        double speedUp() { return threads * baseline / wall; }

        int usableCores() { return Math.min(threads, cores); }

        /** The smallest gap between two threads finishing one after the other. */
        double closestFinishes() {
            double closest = Double.POSITIVE_INFINITY;
            for (int i = 1; i < finishes.length; i++) closest = Math.min(closest, finishes[i] - finishes[i - 1]);
            return closest;
        }
    }

    // A difference smaller than this fraction of the larger number is called noise.
    static final double NOISE = 0.15;
    // Under the model GIL, threads "finished one after another" when no two finished closer than this
    // fraction of one whole job (the article's were 0.36 to 0.62 of a job apart; a sort is most of ours).
    static final double STAGGER = 0.2;

    static void printTables(Results results, Measured m) {
        Table rows = results.table().selectColumns("role", "worker", "pid", "os_thread", "start_s", "task_s", "check");
        DoubleColumn end = DoubleColumn.create("end_s");
        for (int i = 0; i < rows.rowCount(); i++) {
            end.append(rows.doubleColumn("start_s").get(i) + rows.doubleColumn("task_s").get(i));
        }
        end.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        rows.insertColumn(6, end);
        System.out.println();
        System.out.println(rows.printAll());
        System.out.println();
        double[] f = m.finishes();
        System.out.println(Results.facts("Summary (end_s: when a thread finished, after the start)",
                "numbers per job", String.format("%,d%s", results.table().intColumn("size").get(0),
                        m.boxed() ? " (boxed)" : ""),
                "threads / cores available", m.threads() + " / " + m.cores(),
                "one job alone (baseline)", Results.secs(m.baseline()),
                "first / last thread finished", secs(f[0]) + " / " + Results.secs(f[f.length - 1]),
                "wall time, all threads", Results.secs(m.wall()),
                "wall time / baseline", Notice.times(m.wall() / m.baseline()),
                "speed-up", Notice.times(m.speedUp()) + " (threads x baseline / wall time)",
                "most threads in the job at once", m.peak(),
                "cores busy: baseline / threads", busy(m.busyBaseline()) + " / " + busy(m.busy())).printAll());
    }

    /**
     * "What to notice", chosen by the numbers: every sentence that states an outcome has its other
     * case worded too, and a difference within noise is called that.
     */
    static String notice(Measured m) {
        Notice n = new Notice();
        if (Notice.compare(m.busyBaseline(), 1, 0.25) == Notice.Outcome.LESS) {
            n.say("Other programs were busy too: the baseline had only {busyBaseline} of a core on average, so"
                    + " every comparison with it below is rough.", values(m));
        }
        if (m.gil()) underTheGil(n, m);
        else javaThreads(n, m);
        n.say("Since the article, CPython has gained a free-threaded build (3.13t, supported from 3.14) whose"
                + " threads do sort in parallel, and NumPy's sort lets go of the GIL.");
        if (m.boxed()) {
            n.say("With --boxed every number is an Integer object: making them allocates, and the sort follows a"
                    + " reference to each. Compare this baseline with one from a run without --boxed.");
        }
        if (m.sharedRandom()) sharedRandom(n, m);
        return n.text();
    }

    static void javaThreads(Notice n, Measured m) {
        Object[] v = values(m);
        if (m.threads() == 1) {
            n.pick(Notice.compare(m.wall(), m.baseline(), NOISE),
                    "One thread took {wall}, less than the baseline's {baseline}: the difference is noise, and",
                    "One thread took {wall}, about the baseline's {baseline}:",
                    "One thread took {wall}, more than the baseline's {baseline}: other programs may have had the"
                            + " core, and", v);
            n.say("with one thread there is nothing to run at the same moment.");
        } else {
            n.say("The {threads} threads did {work} of work (threads x baseline) in {wall}: a speed-up of"
                    + " {speedUp} on {cores} cores.", v);
            Notice.Outcome gain = Notice.compare(m.speedUp(), 1, NOISE);
            boolean busyKnown = !Double.isNaN(m.busy());
            boolean manyCoresBusy = busyKnown && Notice.compare(m.busy(), 1, NOISE) == Notice.Outcome.MORE;
            if (gain == Notice.Outcome.MORE
                    && Notice.compare(m.speedUp(), m.usableCores(), NOISE) == Notice.Outcome.MORE) {
                // More than the cores can give: the baseline was slow, not the threads fast.
                n.say("That is more than {usable} cores can give, so the baseline itself was slowed down (the JIT"
                        + " compiler or the garbage collector still at work, or other programs): this run says"
                        + " nothing about parallel threads. Run it again, or with a larger --size.", v);
            } else if (gain == Notice.Outcome.MORE && m.peak() <= 1) {
                n.say("Yet the threads never overlapped, so the gain cannot come from running at once: the"
                        + " baseline was slowed down. Run it again, or with a larger --size.", v);
            } else if (gain == Notice.Outcome.MORE && (manyCoresBusy || !busyKnown)) {
                n.say("Threads that compute ran on several cores at once: the JVM has no global interpreter lock."
                        + " That is {efficiency} of what {usable} cores allow{busyPart}.",
                        values(m, "busyPart", busyKnown ? ", with " + busy(m.busy()) + " cores busy on average" : ""));
            } else if (gain == Notice.Outcome.MORE) {
                n.say("Yet only {busy} cores were busy on average, so the threads cannot have run on several"
                        + " cores for long, and the speed-up is not what it seems (the baseline had {busyBaseline}"
                        + " of a core). Other programs shared the machine; run it again when it is quieter.", v);
            } else {
                n.pick(gain, "That is slower than running the jobs one after another.",
                        "That is no faster than running the jobs one after another.", "", v);
                whyNoGain(n, m, v);
            }
            if (m.peak() > m.cores()) {
                n.say("Up to {peak} threads were inside the job at the same moment (started, not yet finished):"
                        + " more than the {cores} cores, so some of them were waiting for a core.", v);
            } else if (m.peak() > 1) {
                n.say("Up to {peak} threads were inside the job at the same moment.", v);
            } else {
                n.say("The threads never overlapped: each finished before the next one started, so nothing could"
                        + " run at the same moment.", v);
            }
        }
        n.say("The article's Python threads took turns instead: its four finished after 18.8, 22.9, 25.5 and"
                + " 27.9 s, against 6.7 s for one job alone (the article's figures). Try --gil{without} to replay"
                + " that with a model of Python's lock.", "without", m.boxed() ? " (without --boxed)" : "");
        if (!m.threadsGiven() && m.threads() != m.cores()) n.say("Try --threads {cores} to match the cores.", v);
    }

    // The threads did not gain: say what the cores-busy figure points to.
    static void whyNoGain(Notice n, Measured m, Object[] v) {
        if (m.cores() == 1) {
            n.say("This machine offers one core, so the threads could only take turns on it.");
        } else if (Double.isNaN(m.busy())) {
            n.say("The threads took under 0.1 s, too short for the CPU clock (it ticks every 10 ms), so whether"
                    + " the cores were busy is not known: try a larger --size.");
        } else if (Notice.compare(m.busy(), m.usableCores(), 0.25) != Notice.Outcome.LESS) {
            n.say("Yet {busy} cores were busy on average: the threads did run at the same moment, but each ran"
                    + " slower than alone, {cause}.", "cause", m.sharedRandom() ? "queueing for the one shared"
                    + " Random" : m.boxed() ? "held back by memory and the garbage collector rather than by the"
                    + " cores" : "sharing memory bandwidth and caches", "busy", busy(m.busy()));
        } else {
            n.say("Only {busy} cores were busy on average, of the {usable} the threads could use: other programs"
                    + " had the rest. Run it again when the machine is quieter.", v);
        }
    }

    static void underTheGil(Notice n, Measured m) {
        Object[] v = values(m);
        n.either(m.peak() <= 1,
                "Under the model GIL a thread must hold one lock to work, and at most {peak} thread worked at any"
                        + " moment.",
                "Under the model GIL a thread must hold one lock to work, yet {peak} threads were working at one"
                        + " moment: the model is broken.", v);
        if (m.threads() == 1) {
            n.pick(Notice.compare(m.wall(), m.baseline(), NOISE),
                    "With one thread nobody asks for the lock, so it never changed hands; the wall time, {wall},"
                            + " is less than the baseline's {baseline} (noise).",
                    "With one thread nobody asks for the lock, so it never changed hands; the wall time, {wall},"
                            + " is about the baseline's {baseline}.",
                    "With one thread nobody asks for the lock, so it never changed hands; the wall time, {wall},"
                            + " is more than the baseline's {baseline}: other programs may have had the core.", v);
        } else {
            n.pick(Notice.compare(m.wall() / m.baseline(), m.threads(), NOISE),
                    "The wall time, {wall}, is {ratio} the baseline of {baseline}: less than {threads} jobs one"
                            + " after another, so the baseline itself was probably slowed down; run it again.",
                    "The wall time, {wall}, is {ratio} the baseline of {baseline}: about {threads} jobs one after"
                            + " another, as if there were one thread.",
                    "The wall time, {wall}, is {ratio} the baseline of {baseline}: more than {threads} jobs one"
                            + " after another, so handing the lock over cost time too, or other programs shared"
                            + " the cores.", v);
            n.either(m.closestFinishes() >= STAGGER * m.baseline(),
                    "The threads finished one after another, at {finishes} after the start: a thread that"
                            + " reaches its sort keeps the lock until the sort returns (one call, as list.sort()"
                            + " is one C call in CPython), so the sorts ran in a row while the numbers were made"
                            + " in turns.",
                    "The threads finished close together, at {finishes} after the start (the closest"
                            + " {closest} apart), not spread out one after another.", v);
            n.say("The article's four Python threads finished after 18.8, 22.9, 25.5 and 27.9 s, against 6.7 s"
                    + " for one job alone (the article's figures).");
        }
        n.say("The model: a thread that has waited {interval} ms for the lock, without it changing hands, asks"
                + " for it, and the holder lets go at its next checkpoint, between two batches of numbers; the"
                + " sort has none. The lock changed hands {handovers} times.", v);
        if (!Double.isNaN(m.busy())) {
            n.pick(Notice.compare(m.busy(), 1, 0.3),
                    "Only {busy} cores were busy on average: other programs shared the machine.",
                    "{busy} cores were busy on average: one core's worth of work at a time, of {cores}.",
                    "{busy} cores were busy on average, more than the one the lock allows: the JIT compiler and"
                            + " the garbage collector work outside it.", v);
        }
        n.say("Run without --gil to see Java's threads share the cores.");
    }

    static void sharedRandom(Notice n, Measured m) {
        // With a generator each, the slowest of N jobs on C cores would take about N / min(N, C) baselines.
        double expected = m.baseline() * m.threads() / m.usableCores();
        // Threads that retry a compare-and-set keep their cores busy; idle cores point to other programs.
        boolean coresBusy = Double.isNaN(m.busy())
                || Notice.compare(m.busy(), m.usableCores(), 0.25) != Notice.Outcome.LESS;
        Object[] v = values(m, "expected", Results.secs(expected), "and", coresBusy
                ? "and the threads got in each other's way:"
                : "but only " + busy(m.busy()) + " cores were busy, so other programs may have slowed the threads"
                        + " as much as the sharing did:");
        n.pick(Notice.compare(m.slowest(), expected, 0.25),
                "With --shared-random all threads draw from one java.util.Random, yet the slowest thread took"
                        + " {slowest}, less than the {expected} expected from the baseline and the cores.",
                "With --shared-random all threads draw from one java.util.Random, yet the slowest thread took"
                        + " {slowest}, about the {expected} expected from the baseline and the cores: the threads"
                        + " hardly got in each other's way here.",
                "With --shared-random every draw updates the seed of one java.util.Random with a compare-and-set,"
                        + " {and} the slowest thread took {slowest}, against {expected} expected from the baseline"
                        + " and the cores.", v);
        n.say("snippets/02-threads-sort.jsh times the drawing alone.");
    }

    // The named values the sentences above fill in.
    static Object[] values(Measured m, Object... more) {
        List<Object> v = new ArrayList<>(List.of(
                "threads", m.threads(), "cores", m.cores(), "usable", m.usableCores(), "peak", m.peak(),
                "baseline", Results.secs(m.baseline()), "wall", Results.secs(m.wall()),
                "work", Results.secs(m.threads() * m.baseline()), "slowest", Results.secs(m.slowest()),
                "speedUp", Notice.times(m.speedUp()), "ratio", Notice.times(m.wall() / m.baseline()),
                "efficiency", String.format(Locale.ROOT, "%.0f%%", 100 * m.speedUp() / m.usableCores()),
                "busy", busy(m.busy()), "busyBaseline", busy(m.busyBaseline()), "interval", String.format(Locale.ROOT, "%s", m.switchMillis()),
                "handovers", m.handovers(), "finishes", listOfTimes(m.finishes()),
                "closest", Results.secs(m.closestFinishes())));
        v.addAll(Arrays.asList(more));
        return v.toArray();
    }

    // "0.41, 0.55, 0.77 and 0.92 s"; for many threads, the first and the last.
    static String listOfTimes(double[] s) {
        if (s.length == 1) return Results.secs(s[0]);
        if (s.length > 6) return "from " + Results.secs(s[0]) + " to " + Results.secs(s[s.length - 1]);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            b.append(i == 0 ? "" : i == s.length - 1 ? " and " : ", ").append(secs(s[i]));
        }
        return b.append(" s").toString();
    }

    static String secs(double s) { return String.format(Locale.ROOT, "%.4f", s); }

    static String busy(double cores) { return CpuClock.text(cores); }

    // ---- Plumbing ----------------------------------------------------------------------------------

    Gil gate() { return gil ? Gil.on(switchMillis) : Gil.off(); }

    String variant() { return gil ? "gil" : "threads"; }

    boolean given(String option) {
        return spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

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
        if (boxed && gil) {
            throw Cli.bad(spec, "--boxed and --gil cannot be combined: the model GIL's checkpoints are in the int[] job");
        }
        // All threads' numbers are alive at once: the same job, and the same heap, with or without --gil.
        long perNumber = boxed ? SortWork.BOXED_BYTES : SortWork.INT_BYTES;
        Cli.requireHeap(spec, perNumber * size * threads, String.format("--size %,d with %d threads", size, threads));
    }
}

// What you should see, on a typical laptop with 4 to 16 cores:
//  - without --gil, a speed-up close to the number of threads (up to the cores), and "cores busy"
//    close to min(threads, cores): the threads sort at the same moment;
//  - with --gil, a wall time about N times the baseline, "cores busy" about 1, and the threads
//    finishing one after another, roughly one sort apart: whoever starts its sort keeps the lock
//    until it is done. The article's Python threads finished the same way;
//  - with --boxed, every job many times slower than with an int[]; with --shared-random, threads
//    that slow each other down, more so the more cores there are.
