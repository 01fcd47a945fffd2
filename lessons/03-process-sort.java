///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES support/Lab.java

// Lesson 03 — processes that compute.
//
// The article's third experiment: the same sort, but each worker is a process of its own, with its
// own interpreter and memory. Python needs that to use several cores; Java does not (lesson 02), so
// here the question is: what does a process cost that a thread does not? Each child is a new JVM on
// the parent's own `java` and class path, running Worker below; what this lesson calls start-up is
// a whole JVM starting and exiting around the job (lesson 05 times only the OS's part).
//
// Run it:   ./jbang process-sort                           4 processes, 10 000 000 numbers each
//           ./jbang process-sort --jvm-option=-Xshare:off  without class-data sharing: slower start
//           ./jbang process-sort --jvm-option=-XX:TieredStopAtLevel=1   C1 only: quick start, slower code
//           ./jbang process-sort --sweep --chart speed-up.svg    1, 2, 4 ... processes and threads

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import notice.ProcessSortNotice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.ChildJvm;
import support.Cli;
import support.CpuClock;
import support.Lab;
import support.Notice;
import support.Results;
import support.Results.Task;
import support.SortWork;

@Command(name = "process-sort", mixinStandardHelpOptions = true,
        description = "Lesson 03: the CPU-bound sort in child JVMs, beside the same work on threads.")
class ProcessSort implements Callable<Integer> {

    // The article's way: n child JVMs, started together, then awaited. Each is a process with its own
    // PID, heap and JIT, and pays for a JVM starting and exiting around its job.
    Lab.Body processes(Lab lab, int n) {
        return () -> {
            List<ChildJvm.Child> children = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                children.add(ChildJvm.start("process " + i, jvmOptions, Worker.class,
                        List.of("" + size, "" + seed.seed(), "" + i), System.out::println));
            }
            List<Task> tasks = new ArrayList<>(); // each child's times, from its report
            for (ChildJvm.Child child : children) tasks.add(lab.taskOf(child, timeout.seconds()));
            return tasks;
        };
    }

    // What each child runs: one job, announced as "Process 2 started, PID …, parent PID …", timed and
    // reported to the parent on its standard output. It is compiled with the lesson: no compiler, no shell.
    static final class Worker {
        public static void main(String[] args) throws Exception {
            int size = Integer.parseInt(args[0]), i = Integer.parseInt(args[2]);
            long seed = Long.parseLong(args[1]);
            Lab.inChild("Process " + i, () -> SortWork.primitive(size, new SplittableRandom(seed + i)).check(size));
        }
    }

    // Lesson 02's way, for comparison: n platform threads of this one process, named Thread1, Thread2…,
    // from an executor. They share one PID, one heap and one warm JIT.
    Lab.Body threads(Lab lab, int n) {
        return () -> {
            try (ExecutorService pool = Executors.newFixedThreadPool(n, Thread.ofPlatform().name("Thread", 1).factory())) {
                List<Callable<Task>> jobs = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    int index = i;
                    jobs.add(() -> lab.checked(() -> sort(index)));
                }
                return pool.invokeAll(jobs).stream().map(Future::resultNow).toList();
            }
        };
    }

    // The job, worker i's share: make `size` random numbers, sort them, and check the result.
    boolean sort(int i) {
        return SortWork.primitive(size, new SplittableRandom(seed.seed() + i)).check(size);
    }

    public static void main(String[] args) {
        Lab.run(new ProcessSort(), args);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Lab lab = new Lab(common, new Results.Params("03-process-sort", String.join(" ", jvmOptions), size, null,
                seed.seed(), "sort"));
        lab.begin("%d processes and %d threads, %,d numbers each, seed %d%s", processes, processes, size, seed.seed(),
                jvmOptions.isEmpty() ? "" : System.lineSeparator() + "The children run with " + String.join(" ", jvmOptions));
        lab.warmUp(WARM_UPS, () -> sort(0)); // so that the baseline runs on compiled code, as the threads will
        if (sweep.on()) { // 1, 2, 4 ... up to twice the cores, of each
            lab.sweep(new Lab.Variant("processes", n -> processes(lab, n)), new Lab.Variant("threads", n -> threads(lab, n)));
            return lab.end();
        }
        Lab.Phase base = lab.measure("baseline", "main", () -> List.of(lab.checked(() -> sort(0))));
        Lab.Phase procs = lab.measure("worker", "processes", processes(lab, processes));
        System.out.printf("%d processes done in %s%n%n", processes, Lab.secs(procs.wall()));
        Lab.Phase threads = lab.measure("worker", "threads", threads(lab, processes));
        System.out.printf("%d threads done in %s%n", processes, Lab.secs(threads.wall()));

        // The baseline's variant reads "main": no role column, so that the table fits 100 columns.
        lab.table("variant", "worker", "pid", "start_s", "task_s", "startup_s", "check");
        var m = new ProcessSortNotice.Measured(processes, Runtime.getRuntime().availableProcessors(), base.meanTask(),
                threads.wall(), procs.wall(), threads.meanTask(), procs.meanTask(), medianStartup(procs), threads.busy(),
                procs.busy(), ProcessHandle.current().pid(), pids(procs), pids(threads), List.copyOf(jvmOptions));
        lab.facts("Summary", "numbers per job", String.format("%,d", size), "workers", processes,
                "cores available", m.cores(), "one job alone (baseline)", Lab.secs(m.baseline()),
                "wall time, threads", Lab.secs(m.threadsWall()), "wall time, processes", Lab.secs(m.processesWall()),
                "speed-up, threads", Notice.times(m.threadsSpeedUp()),
                "speed-up, processes", Notice.times(m.processesSpeedUp()),
                "cores busy, threads", CpuClock.text(m.threadsBusy()),
                "cores busy, processes", CpuClock.text(m.processesBusy()),
                "mean job time in a thread", Lab.secs(m.threadJob()),
                "mean job time in a process", Lab.secs(m.processJob()),
                "median JVM start-up + exit", Lab.secs(m.startup()),
                "children's JVM options", jvmOptions.isEmpty() ? "(none)" : String.join(" ", jvmOptions));
        lab.notice(ProcessSortNotice.of(m));
        return lab.end();
    }

    static List<Long> pids(Lab.Phase p) { return p.tasks().stream().map(Task::pid).toList(); }

    static double medianStartup(Lab.Phase p) {
        double[] s = p.tasks().stream().mapToDouble(t -> t.startupNanos() / 1e9).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    // ---- Options ------------------------------------------------------------------------------------

    // Untimed runs of the job before the baseline: the JIT compiles the sort's loops in the first run
    // (lesson 02 does 4; 2 keep this lesson, which also starts N JVMs, within 10 s on 2 busy cores).
    static final int WARM_UPS = 2;

    @Option(names = "--processes", paramLabel = "N", description = "How many child processes, and threads to compare (default: ${DEFAULT-VALUE}).")
    int processes = 4;

    @Option(names = "--size", paramLabel = "N", description = "Numbers each worker makes and sorts (default: ${DEFAULT-VALUE}, as in the article).")
    int size = 10_000_000;

    @Option(names = "--jvm-option", paramLabel = "OPT", description = "A JVM flag for the children, e.g. --jvm-option=-Xshare:off (repeatable).")
    List<String> jvmOptions = new ArrayList<>();

    @Mixin Cli.Common common;
    @Mixin Cli.Seed seed;
    @Mixin Cli.Timeout timeout;
    @Mixin Cli.Sweep sweep;
    @Spec CommandSpec spec;

    void validate() {
        if (processes < 1 || processes > 64) throw Cli.bad(spec, "--processes must be from 1 to 64 (got %d)", processes);
        if (size < 1) throw Cli.bad(spec, "--size must be at least 1 (got %d)", size);
        for (String option : jvmOptions) {
            if (!option.startsWith("-") || option.matches("-(cp|classpath|-class-path|jar)\\b.*")) {
                throw Cli.bad(spec, "--jvm-option takes a JVM flag such as -Xshare:off (got '%s')", option);
            }
        }
        // This process holds one job per thread at once; each child holds one.
        int most = sweep.most(processes); // threads share this heap
        Cli.requireHeap(spec, (long) SortWork.INT_BYTES * size * most, String.format("--size %,d with %d threads", size, most));
    }
}

// What you should see: on a 4–16 core laptop the four threads finish in about the time of one job
// (all on different cores of one process, one PID), and the four processes take longer: each child
// has its own PID and the lesson as parent, but also pays a few tenths of a second for a JVM to start
// and exit, and runs its job cold, the JIT compiling the sort again in every child. Processes run in
// parallel too (their cores busy is near four), so for Java they buy isolation, not speed. On a
// 2-core machine both ways top out near 2x. In the article's Python, processes were the only way to
// use several cores, because its threads take turns under the GIL.
