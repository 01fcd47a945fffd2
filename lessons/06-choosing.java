///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES support/Lab.java

// Lesson 06 — choosing between threads and processes.
//
// The article ends with advice: threads for work that waits, processes for work that computes
// (because of Python's lock). This lesson measures both kinds of work on four kinds of worker, in one
// run on this machine, and draws the conclusion from the numbers: waiting (a sleep, like I/O) and
// computing (lesson 02's sort) on platform threads, virtual threads, child processes and threads
// under the model GIL of lesson 02. What handing results back costs a process is part two, `sharing`.
//
// Run it:   ./jbang choosing
//           ./jbang choosing --workers 8 --size 10_000_000 --seconds 1

import java.text.DecimalFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import notice.ChoosingNotice;
import notice.ChoosingNotice.ByVariant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.ChildJvm;
import support.Cli;
import support.Gil;
import support.Lab;
import support.Results;
import support.Results.Task;
import support.SortWork;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

@Command(name = "choosing", mixinStandardHelpOptions = true,
        description = "Lesson 06: waiting and computing on threads, virtual threads, processes and the model GIL.")
class Choosing implements Callable<Integer> {

    // Platform threads: one OS thread per task, all started at once, then joined.
    List<Task> onPlatformThreads(Lab lab, String workload) throws InterruptedException {
        return startAndJoin(Thread.ofPlatform().name("Thread", 1), lab, workload, Gil.off());
    }

    // Virtual threads: a few OS threads carry them all; one that sleeps hands its carrier back.
    List<Task> onVirtualThreads(Lab lab, String workload) throws InterruptedException {
        return startAndJoin(Thread.ofVirtual().name("Virtual", 1), lab, workload, Gil.off());
    }

    // Processes: one child JVM per task (the Worker class below), all started at once, then awaited.
    List<Task> onProcesses(Lab lab, String workload) throws InterruptedException {
        List<ChildJvm.Child> children = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            children.add(ChildJvm.start("Process" + i, List.of(), Worker.class, List.of(workload, "Process" + i,
                    String.valueOf(seconds), String.valueOf(size), String.valueOf(seed.seed() + i)), line -> {}));
        }
        List<Task> tasks = new ArrayList<>();
        for (ChildJvm.Child child : children) tasks.add(lab.taskOf(child, timeout.seconds()));
        return tasks;
    }

    // Under the model GIL: platform threads again, but each must hold one lock to run, as in CPython.
    List<Task> underTheGil(Lab lab, String workload, Gil gil) throws InterruptedException {
        return startAndJoin(Thread.ofPlatform().name("GilThread", 1), lab, workload, gil);
    }

    List<Task> startAndJoin(Thread.Builder builder, Lab lab, String workload, Gil gil) throws InterruptedException {
        Task[] done = new Task[workers];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            int worker = i + 1;
            threads.add(builder.start(() -> done[worker - 1] = workload.equals("sleep") ? lab.task(() -> waitOnce(gil))
                    : lab.checked(() -> computeOnce(seed.seed() + worker, gil))));
        }
        for (Thread t : threads) t.join(); // wait until every task has finished
        return Arrays.asList(done);
    }

    // Waiting: one sleep. A thread under the GIL lets go of the lock for the wait and takes it back
    // after, as CPython's time.sleep does, so the waits overlap even there. (Without a lock, the gate
    // only counts.)
    void waitOnce(Gil gil) throws InterruptedException {
        gil.enter();
        gil.exit();                                        // the Python code before the call
        Thread.sleep(Duration.ofNanos(Math.round(seconds * 1e9)));
        gil.enter();
        gil.exit();                                        // and after it
    }

    // Computing: lesson 02's job, `size` random numbers sorted. Under the GIL a thread offers the lock
    // while it makes its numbers (Python code) and holds it through the whole sort (one C call in
    // CPython). The output is checked after the lock is let go: sorted, complete, the same numbers.
    boolean computeOnce(long seed, Gil gil) {
        SortWork.Sorted out;
        gil.enter();
        try {
            out = SortWork.primitive(size, new SplittableRandom(seed), gil);
        } finally {
            gil.exit();
        }
        return out.check(size);
    }

    /** A child JVM's main: one task of the workload named by its first argument, reported to the parent. */
    static final class Worker {
        public static void main(String[] args) throws Exception {
            Choosing lesson = new Choosing();
            lesson.seconds = Double.parseDouble(args[2]);
            lesson.size = Integer.parseInt(args[3]);
            long seed = Long.parseLong(args[4]);
            Lab.inChild(args[1], () -> {
                if (!args[0].equals("sleep")) return lesson.computeOnce(seed, Gil.off());
                lesson.waitOnce(Gil.off());
                return true;
            });
        }
    }

    public static void main(String[] args) {
        Lab.run(new Choosing(), args);
    }

    final Map<String, Lab.Phase> phases = new LinkedHashMap<>(); // "sleep/platform" -> what it measured

    @Override
    public Integer call() throws Exception {
        validate();
        Lab lab = new Lab(common, new Results.Params("06-choosing", "", size, seconds, seed.seed(), "sleep"))
                .quiet(true); // one line per phase, not two per task
        lab.begin("%d workers per variant; waiting = sleep %s s; computing = sort %,d numbers; seed %d%n"
                + "gil: lesson 02's model; a thread offers the lock while making numbers, holds it to sort",
                workers, seconds, size, seed.seed());
        lab.warmUp(WARM_UP, () -> computeOnce(1, Gil.off()) && computeOnce(2, Gil.on(5))); // the JIT settles first
        System.out.println("Waiting and computing, wall time per variant:");
        for (String workload : List.of("sleep", "sort")) {
            Gil gil = Gil.on(5); // CPython's switch interval, 5 ms
            measure(lab, workload, "platform", null, () -> onPlatformThreads(lab, workload));
            measure(lab, workload, "virtual", null, () -> onVirtualThreads(lab, workload));
            measure(lab, workload, "processes", null, () -> onProcesses(lab, workload));
            measure(lab, workload, "gil", gil, () -> underTheGil(lab, workload, gil));
        }
        System.out.println(System.lineSeparator() + decisionTable(lab.rows()).printAll());
        System.out.println("(peak_parallel of gil: threads holding the lock at once; a sleeping thread lets go of it)");
        lab.notice(ChoosingNotice.of(new ChoosingNotice.Measured(workers, seconds, Runtime.getRuntime()
                .availableProcessors(), byVariant("sleep", Lab.Phase::wall), byVariant("sort", Lab.Phase::wall),
                byVariant("sort", Lab.Phase::busy))));
        return lab.end();
    }

    void measure(Lab lab, String workload, String variant, Gil gil, Lab.Body body) throws Exception {
        Lab.Phase p = lab.measure("worker", variant, workload, gil, body);
        phases.put(workload + "/" + variant, p);
        System.out.printf("  %-6s %-10s %s%n", workload, variant, Lab.secs(p.wall()));
    }

    ByVariant byVariant(String workload, java.util.function.ToDoubleFunction<Lab.Phase> number) {
        double[] v = ChoosingNotice.VARIANTS.stream().mapToDouble(k -> number.applyAsDouble(phases.get(workload + "/" + k)))
                .toArray();
        return new ByVariant(v[0], v[1], v[2], v[3]);
    }

    /** One row per workload and variant: the numbers to choose by. */
    static Table decisionTable(Table rows) {
        Table table = rows.summarize("wall_s", "task_s", AggregateFunctions.mean).by("workload", "variant");
        Table peaks = rows.summarize("peak_parallel", AggregateFunctions.max).by("workload", "variant");
        Table busy = rows.summarize("cores_busy", AggregateFunctions.mean).by("workload", "variant");
        table.addColumns(peaks.column(2).setName("peak_parallel"), busy.column(2).setName("cores_busy"));
        table.column(2).setName("wall_s");
        table.column(3).setName("mean_task_s");
        table.doubleColumn("wall_s").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        table.doubleColumn("mean_task_s").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        table.doubleColumn("cores_busy").setPrintFormatter(new NumberColumnFormatter(new DecimalFormat("0.00"), ""));
        return table.setName("Decision table (cores_busy: CPU time / wall; for processes, the children's)");
    }

    // ---- Options ------------------------------------------------------------------------------------

    static final int WARM_UP = 2; // untimed runs of the job (free and under the GIL) before anything is timed

    @Option(names = "--workers", paramLabel = "N", description = "Workers in each variant (default: ${DEFAULT-VALUE}).")
    int workers = 4;

    @Option(names = "--seconds", paramLabel = "S", description = "How long each waiting task sleeps (default: ${DEFAULT-VALUE}).")
    double seconds = 0.3;

    @Option(names = "--size", paramLabel = "N", description = "Numbers each computing task makes and sorts (default: ${DEFAULT-VALUE}).")
    int size = 4_000_000;

    @Mixin Cli.Common common;
    @Mixin Cli.Seed seed;
    @Mixin Cli.Timeout timeout;
    @Spec CommandSpec spec;

    void validate() {
        if (workers < 1 || workers > 64) throw Cli.bad(spec, "--workers must be from 1 to 64 (got %d)", workers);
        if (!(seconds >= 0 && seconds <= 60)) throw Cli.bad(spec, "--seconds must be from 0 to 60 (got %s)", seconds);
        if (size < 1 || size > 100_000_000) throw Cli.bad(spec, "--size must be from 1 to 100,000,000 (got %d)", size);
        // Kept at once: every thread's numbers while it sorts, and a copy while it checks them.
        Cli.requireHeap(spec, 2L * Integer.BYTES * size * workers, String.format("--size %,d with %d workers", size, workers));
    }
}

// What you should see, on a typical 4-16 core laptop: the waits take about one sleep on every kind of
// thread, the GIL included (a waiting thread lets go of the lock), and a few tenths of a second more
// in processes, which start a JVM each first. The sorts run in parallel on platform and virtual threads
// (cores busy near the worker count), take turns under the model GIL (cores busy near 1, the wall time
// near the workers times one sort: the article's Python result), and in processes cost a start-up and a
// cold JIT more. So on the JVM threads serve both kinds of work; Python reaches for processes to escape
// its lock, and lesson 06's second part, `sharing`, shows what a process pays to hand its result back.
