///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.slf4j:slf4j-nop:2.0.17
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
//SOURCES support/*.java
//MAIN ProcessSort

// Lesson 03 — processes that compute.
//
// The article's third experiment: the same sort, but each worker is a separate process with its
// own interpreter and memory. Python needs that to use several cores; Java does not (lesson 02), so
// here the question becomes: what does a process cost that a thread does not?
//
// Each child is a new JVM started with ProcessBuilder: the parent's own `java` binary and class
// path, and this file's compiled ProcessSort.Worker as its entry point. The parent reads each
// child's result from its standard output. What this lesson calls start-up is a whole JVM starting
// and exiting around the job; lesson 05 times only the OS's part, creating a process (fork or
// posix_spawn of a tiny program).
//
// Run it:   ./jbang process-sort                           4 processes, 10 000 000 numbers each
//           ./jbang process-sort --jvm-option=-Xshare:off  without class-data sharing: slower start
//           ./jbang process-sort --jvm-option=-XX:TieredStopAtLevel=1   C1 only: quick start, slower code

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.ChildJvm;
import support.Cli;
import support.CpuClock;
import support.Gil;
import support.NativeThread;
import support.Notice;
import support.Results;
import support.Results.Task;
import support.SortWork;
import tech.tablesaw.api.Table;

@Command(name = "process-sort", mixinStandardHelpOptions = true,
        description = "Lesson 03: the CPU-bound sort in child JVMs, beside the same work on threads.")
class ProcessSort implements Callable<Integer> {

    @Option(names = "--processes", paramLabel = "N", description = "How many child processes, and threads to compare (default: ${DEFAULT-VALUE}).")
    int processes = 4;

    @Option(names = "--size", paramLabel = "N", description = "Numbers each worker makes and sorts (default: ${DEFAULT-VALUE}, as in the article).")
    int size = 10_000_000;

    @Option(names = "--jvm-option", paramLabel = "OPT", description = "A JVM flag for the children, e.g. --jvm-option=-Xshare:off (repeatable).")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "S", description = "Kill a child that runs longer than S seconds (default: ${DEFAULT-VALUE}).")
    double timeout = 120;

    @Mixin Cli.Common common;
    @Mixin Cli.Seed seed;
    @Spec CommandSpec spec;

    public static void main(String[] args) {
        Cli.run(new ProcessSort(), args);
    }

    /**
     * What each child JVM runs. It is compiled with the lesson, so the child starts from class files
     * on the class path: no compiler, no shell. Its last line is its result, for the parent to read.
     */
    static final class Worker {
        public static void main(String[] args) {
            ChildJvm.exitWithParent(); // if the lesson dies, this JVM goes too
            int size = Integer.parseInt(args[0]), index = Integer.parseInt(args[2]);
            long seed = Long.parseLong(args[1]), pid = ProcessHandle.current().pid();
            long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            System.out.printf("Process %d started, PID %d, parent PID %d%n", index, pid, parent);
            long start = System.nanoTime();
            SortWork.Sorted out = SortWork.primitive(size, new SplittableRandom(seed + index));
            long took = System.nanoTime() - start;
            System.out.printf("Process %d finished, PID %d, took %s%n", index, pid, Results.secs(took / 1e9));
            String check = out.check(size) ? "ok" : "FAILED";
            // The CPU this whole JVM used, start-up and JIT included, so the parent can tell how many
            // cores the children kept busy.
            ChildJvm.report("took", took);
            ChildJvm.report("check", check);
            ChildJvm.report("cpu", CpuClock.processNanos());
            ChildJvm.report("thread", NativeThread.describe());
        }
    }

    // The same job on a thread of this process, for the comparison.
    Task onThisProcess(int index) {
        long start = System.nanoTime();
        SortWork.Sorted out = SortWork.primitive(size, new SplittableRandom(seed.seed() + index));
        long end = System.nanoTime();
        return new Task(Thread.currentThread().getName(), ProcessHandle.current().pid(), NativeThread.describe(),
                start, end, out.check(size) ? "ok" : "FAILED");
    }

    @Override
    public Integer call() throws Exception {
        validate();
        System.out.println(Results.machine());
        NativeThread.printNote(); // off Linux: one line on what the os_thread column holds instead
        System.out.printf("%d processes and %d threads, %,d numbers each, seed %d%s%n%n", processes, processes, size,
                seed.seed(), jvmOptions.isEmpty() ? "" : System.lineSeparator() + "The children run with " + String.join(" ", jvmOptions));
        Results results = new Results(new Results.Params("03-process-sort", String.join(" ", jvmOptions), size, null, seed.seed(), "sort"));

        // 1. Warm-up (untimed) and the baseline: the job once, in this process.
        for (int i = 0; i < 4; i++) SortWork.primitive(size, new SplittableRandom(i)); // as in lesson 02
        long[] baseCpu = CpuClock.start();
        long b0 = System.nanoTime();
        Task base = onThisProcess(0);
        results.add("baseline", "main", b0, System.nanoTime() - b0, 1, CpuClock.since(baseCpu), List.of(base));
        System.out.printf("Baseline on the main thread, PID %d, took %s%n%n", base.pid(), Results.secs(base.seconds()));

        // 2. The article's way: N child processes, started together, then awaited one by one.
        long p0 = System.nanoTime();
        List<ChildJvm.Child> children = new ArrayList<>();
        for (int i = 1; i <= processes; i++) {
            children.add(ChildJvm.start("process " + i, jvmOptions, Worker.class,
                    List.of(String.valueOf(size), String.valueOf(seed.seed()), String.valueOf(i)), System.out::println));
        }
        List<Task> inProcesses = new ArrayList<>();
        long childrenCpu = 0;
        for (ChildJvm.Child child : children) {
            child.await(timeout); // throws a one-line ChildFailed if the child fails or runs too long
            long inside = Long.parseLong(child.get("took")), lifetime = child.exitNanos() - child.startNanos();
            long cpu = Long.parseLong(child.get("cpu"));
            childrenCpu = cpu < 0 || childrenCpu < 0 ? -1 : childrenCpu + cpu;
            inProcesses.add(new Task(child.name(), child.pid(), child.get("thread"), child.startNanos(),
                    child.startNanos() + inside, child.get("check"), lifetime - inside));
        }
        long processesWall = System.nanoTime() - p0;
        double processesBusy = CpuClock.coresBusy(childrenCpu, processesWall);
        results.add("worker", "processes", p0, processesWall, ChildJvm.peakAlive(children), processesBusy, inProcesses);
        System.out.printf("%d processes done in %s%n%n", processes, Results.secs(processesWall / 1e9));

        // 3. Lesson 02's way, for comparison: N threads in this process, from an executor whose
        //    threads are named Thread1, Thread2… as in lesson 02.
        long[] threadsCpu = CpuClock.start();
        long t0 = System.nanoTime();
        List<Task> onThreads = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(processes, Thread.ofPlatform().name("Thread", 1).factory())) {
            List<Future<Task>> futures = new ArrayList<>();
            for (int i = 1; i <= processes; i++) {
                int index = i;
                futures.add(pool.submit(() -> onThisProcess(index)));
            }
            for (Future<Task> f : futures) onThreads.add(f.get());
        }
        long threadsWall = System.nanoTime() - t0;
        double threadsBusy = CpuClock.since(threadsCpu);
        results.add("worker", "threads", t0, threadsWall, Results.peakOverlap(onThreads), threadsBusy, onThreads);
        System.out.printf("%d threads, all PID %d, done in %s%n%n", processes, base.pid(), Results.secs(threadsWall / 1e9));

        summarise(results, base.seconds(), threadsWall / 1e9, processesWall / 1e9, threadsBusy, processesBusy);
        results.writeCsv(common.csv);
        return results.table().stringColumn("check").countOccurrences("ok") == results.table().rowCount() ? 0 : 1;
    }

    void summarise(Results results, double baseline, double threadsWall, double processesWall,
                   double threadsBusy, double processesBusy) {
        Table rows = results.table();
        Table procs = rows.where(rows.stringColumn("variant").isEqualTo("processes"));
        Table threads = rows.where(rows.stringColumn("variant").isEqualTo("threads"));
        Measured m = new Measured(processes, Runtime.getRuntime().availableProcessors(), baseline, threadsWall,
                processesWall, threads.doubleColumn("task_s").mean(), procs.doubleColumn("task_s").mean(),
                procs.doubleColumn("startup_s").median(), threadsBusy, processesBusy, ProcessHandle.current().pid(),
                procs.longColumn("pid").asList(), threads.longColumn("pid").asList(), List.copyOf(jvmOptions));
        System.out.println();
        // The baseline's variant reads "main": no role column, so that the table fits 100 columns.
        System.out.println(rows.selectColumns("variant", "worker", "pid", "start_s", "task_s", "startup_s", "check").printAll());
        System.out.println();
        System.out.println(Results.facts("Summary",
                "numbers per job", String.format("%,d", size),
                "workers", processes,
                "cores available", m.cores(),
                "one job alone (baseline)", Results.secs(baseline),
                "wall time, threads", Results.secs(threadsWall),
                "wall time, processes", Results.secs(processesWall),
                "speed-up, threads", Notice.times(m.threadsSpeedUp()),
                "speed-up, processes", Notice.times(m.processesSpeedUp()),
                "cores busy, threads", busy(threadsBusy),
                "cores busy, processes", busy(processesBusy),
                "mean job time in a thread", Results.secs(m.threadJob()),
                "mean job time in a process", Results.secs(m.processJob()),
                "median JVM start-up + exit", Results.secs(m.startup()),
                "children's JVM options", jvmOptions.isEmpty() ? "(none)" : String.join(" ", jvmOptions)).printAll());
        Results.notice(notice(m));
    }

    static String busy(double cores) { return CpuClock.text(cores); }

    /**
     * What one run measured: all that "What to notice" is chosen from. Wall and job times in seconds;
     * cores busy is CPU time ÷ wall time (NaN where unknown).
     */
    record Measured(int workers, int cores, double baseline, double threadsWall, double processesWall,
                    double threadJob, double processJob, double startup, double threadsBusy, double processesBusy,
                    long pid, List<Long> childPids, List<Long> threadPids, List<String> jvmOptions) {
        /** How many times faster than the same jobs one after another (workers × baseline). */
        double threadsSpeedUp() { return workers * baseline / threadsWall; }
        double processesSpeedUp() { return workers * baseline / processesWall; }
    }

    // Two measurements closer than this fraction of the larger are "about the same" on a busy machine.
    static final double NOISE = 0.15;

    // Start-up flags worth trying, with what each changes; only those the learner has not passed.
    static final List<String[]> FLAGS_TO_TRY = List.of(
            new String[] {"-Xshare:off", "-Xshare", "no class-data sharing: a slower start"},
            new String[] {"-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel", "C1 only: a quicker start, slower code"});

    /** "What to notice", from the measurements alone: every outcome it states is chosen by them. */
    static String notice(Measured m) {
        Notice n = new Notice();
        Object[] v = {"n", m.workers(), "cores", m.cores(), "pid", m.pid(), "serial", Notice.secs(m.workers() * m.baseline()),
                "base", Notice.secs(m.baseline()), "tw", Notice.secs(m.threadsWall()), "pw", Notice.secs(m.processesWall()),
                "ts", Notice.times(m.threadsSpeedUp()), "ps", Notice.times(m.processesSpeedUp()),
                "tj", Notice.secs(m.threadJob()), "pj", Notice.secs(m.processJob()), "startup", Notice.secs(m.startup()),
                "best", Notice.times(Math.min(m.workers(), m.cores())), "tb", busy(m.threadsBusy()),
                "pb", busy(m.processesBusy()), "pids", String.join(", ", m.childPids().stream().map(String::valueOf).toList()),
                "tpids", String.join(", ", m.threadPids().stream().distinct().map(String::valueOf).toList())};

        // Who ran where: the PIDs say it, not the lesson.
        boolean ownPids = m.childPids().stream().distinct().count() == m.childPids().size()
                && !m.childPids().contains(m.pid());
        boolean sharedPid = m.threadPids().stream().allMatch(p -> p == m.pid());
        n.either(ownPids && sharedPid,
                "Each child is a JVM with a PID of its own ({pids}), while the {n} threads share this "
                        + "process's PID {pid}.",
                "The PIDs are not what one would expect: children {pids}, threads {tpids}, this process {pid}.", v);

        // In parallel or not: each way's speed-up over the same jobs one after another, noise allowed for.
        if (m.workers() == 1) {
            n.say("With one worker nothing runs side by side: both ways did one job, in {tw} on a thread and "
                    + "{pw} in a process, against {base} for the baseline.", v);
        } else {
            n.say("Done one after another, the {n} jobs would take {serial}; on {cores} cores, side by side, "
                    + "they can at best go {best} faster.", v);
            phase(n, "threads", m.threadsWall(), m.threadsSpeedUp(), m.threadsBusy(), m.threadJob(), m);
            phase(n, "processes", m.processesWall(), m.processesSpeedUp(), m.processesBusy(), m.processJob(), m);
        }

        // Threads against processes: the wall times decide, not the textbook.
        n.pick(Notice.compare(m.threadsWall(), m.processesWall(), NOISE),
                "The threads finished first ({tw} against {pw}): a process pays for things a thread does not.",
                "Threads and processes took about as long ({tw} and {pw}, within noise of each other).",
                "Here the processes finished first ({pw} against {tw}), although each paid for a JVM of its own: "
                        + "run it again before you trust that.", v);
        n.say("Starting and ending a JVM around the job took {startup} per child (median).", v);
        n.pick(Notice.compare(m.processJob(), m.threadJob(), NOISE),
                "The job itself was quicker in a process ({pj}) than on a thread ({tj}).",
                "The job itself took about as long in a process ({pj}) as on a thread ({tj}).",
                "The job itself took longer in a process ({pj}) than on a warm thread ({tj}): among other "
                        + "things, each child starts cold, its JIT compiling the sort again.", v);
        n.say("That start-up is a whole JVM starting and exiting; lesson 05 times only the OS's part, creating a "
                + "process (fork or posix_spawn of a tiny program).");
        n.say("In the article, processes were Python's only way past the GIL (its four processes took about 6.9 s "
                + "each against 5.6 s for one); Java threads have no such lock.");

        List<String> untried = FLAGS_TO_TRY.stream()
                .filter(f -> m.jvmOptions().stream().noneMatch(o -> o.startsWith(f[1])))
                .map(f -> "--jvm-option=" + f[0] + " (" + f[2] + ")").toList();
        if (!untried.isEmpty()) {
            n.say("To see what start-up flags change, try " + String.join(" or ", untried) + ".");
        }
        return n.text();
    }

    // One way's outcome: in parallel, no faster, or slower than the jobs one after another, and the
    // cores it kept busy.
    static void phase(Notice n, String way, double wall, double speedUp, double busy, double job, Measured m) {
        int usable = Math.min(m.workers(), m.cores());
        double shared = m.baseline() * Math.max(1, (double) m.workers() / m.cores()); // each job's share of a core
        Object[] w = {"way", way, "wall", Notice.secs(wall), "s", Notice.times(speedUp), "busy", busy(busy),
                "job", Notice.secs(job), "base", Notice.secs(m.baseline()), "shared", Notice.secs(shared),
                "n", m.workers(), "cores", m.cores(), "usable", usable};
        Notice.Outcome outcome = Notice.compare(speedUp, 1, NOISE);
        if (outcome == Notice.Outcome.MORE && Notice.compare(speedUp, usable, NOISE) == Notice.Outcome.MORE) {
            // More than the cores can give: the baseline was slow, not the workers fast.
            n.say("The {way} took {wall}: {s} faster than one after another, more than {usable} cores can give,"
                    + " so the baseline was slowed down (the JIT or the garbage collector still at work, or other"
                    + " programs): this says nothing about running in parallel.", w);
        } else {
            n.pick(outcome,
                    "The {way} took {wall}: slower than one after another ({s}).",
                    "The {way} took {wall}: no faster than one after another ({s}, within noise of 1x).",
                    "The {way} ran in parallel: {wall}, {s} faster than one after another.", w);
        }
        if (Double.isNaN(busy)) return;
        // Busy cores that bring no speed-up mean each job itself got slower beside the others.
        boolean slowerJobs = Notice.compare(job, m.baseline(), NOISE) == Notice.Outcome.MORE;
        if (outcome != Notice.Outcome.MORE && busy >= 1.5 && slowerJobs) {
            n.say("Yet they kept {busy} cores busy on average, so they did run side by side; but each job took "
                    + "{job} against {base} alone" + (m.workers() > m.cores()
                    ? " ({shared} if {n} jobs sharing {cores} cores were the only cost)." : "."), w);
        } else {
            n.either(Notice.compare(busy, usable, NOISE) == Notice.Outcome.LESS,
                    "They kept {busy} cores busy on average, fewer than the {usable} they could use (for part "
                            + "of the time fewer workers were running, or other programs had the cores).",
                    "They kept {busy} cores busy on average.", w);
        }
    }

    void validate() {
        if (processes < 1 || processes > 64) throw Cli.bad(spec, "--processes must be from 1 to 64 (got %d)", processes);
        if (size < 1) throw Cli.bad(spec, "--size must be at least 1 (got %d)", size);
        if (!(timeout > 0 && timeout <= 3600)) throw Cli.bad(spec, "--timeout must be more than 0 and at most 3600 s (got %s)", timeout);
        for (String option : jvmOptions) {
            if (!option.startsWith("-") || option.matches("-(cp|classpath|-class-path|jar)\\b.*")) {
                throw Cli.bad(spec, "--jvm-option takes a JVM flag such as -Xshare:off (got '%s')", option);
            }
        }
        // This process holds one job per thread at once; each child holds one.
        Cli.requireHeap(spec, (long) SortWork.INT_BYTES * size * processes, String.format("--size %,d with %d threads", size, processes));
    }
}
