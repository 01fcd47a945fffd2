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
// child's result from its standard output.
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
import support.Gil;
import support.NativeThread;
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
            System.out.println(ChildJvm.RESULT + took + " " + (out.check(size) ? "ok" : "FAILED") + " " + NativeThread.describe());
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
                seed.seed(), jvmOptions.isEmpty() ? "" : ", children run with " + String.join(" ", jvmOptions));
        Results results = new Results(new Results.Params("03-process-sort", String.join(" ", jvmOptions), size, null, seed.seed(), "sort"));

        // 1. Warm-up (untimed) and the baseline: the job once, in this process.
        for (int i = 0; i < 4; i++) SortWork.primitive(size, new SplittableRandom(i)); // as in lesson 02
        long b0 = System.nanoTime();
        Task base = onThisProcess(0);
        results.add("baseline", "main", b0, System.nanoTime() - b0, 1, List.of(base));
        System.out.printf("Baseline on the main thread, PID %d, took %s%n%n", base.pid(), Results.secs(base.seconds()));

        // 2. The article's way: N child processes, started together, then awaited one by one.
        long p0 = System.nanoTime();
        List<ChildJvm.Child> children = new ArrayList<>();
        for (int i = 1; i <= processes; i++) {
            children.add(ChildJvm.start("process " + i, jvmOptions, Worker.class,
                    List.of(String.valueOf(size), String.valueOf(seed.seed()), String.valueOf(i)), System.out::println));
        }
        List<Task> inProcesses = new ArrayList<>();
        for (ChildJvm.Child child : children) {
            child.await(timeout); // throws a one-line ChildFailed if the child fails or runs too long
            String[] result = child.results().getLast().split(" ", 3); // took-nanos, check, OS thread
            long inside = Long.parseLong(result[0]), lifetime = child.exitNanos() - child.startNanos();
            inProcesses.add(new Task(child.name(), child.pid(), result[2], child.startNanos(),
                    child.startNanos() + inside, result[1], lifetime - inside));
        }
        long processesWall = System.nanoTime() - p0;
        results.add("worker", "processes", p0, processesWall, ChildJvm.peakAlive(children), inProcesses);
        System.out.printf("%d processes done in %s%n%n", processes, Results.secs(processesWall / 1e9));

        // 3. Lesson 02's way, for comparison: N threads in this process (here from an executor).
        long t0 = System.nanoTime();
        List<Task> onThreads = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(processes)) {
            List<Future<Task>> futures = new ArrayList<>();
            for (int i = 1; i <= processes; i++) {
                int index = i;
                futures.add(pool.submit(() -> onThisProcess(index)));
            }
            for (Future<Task> f : futures) onThreads.add(f.get());
        }
        long threadsWall = System.nanoTime() - t0;
        results.add("worker", "threads", t0, threadsWall, Results.peakOverlap(onThreads), onThreads);
        System.out.printf("%d threads, all PID %d, done in %s%n%n", processes, base.pid(), Results.secs(threadsWall / 1e9));

        summarise(results, base.seconds(), threadsWall / 1e9, processesWall / 1e9);
        results.writeCsv(common.csv);
        return results.table().stringColumn("check").countOccurrences("ok") == results.table().rowCount() ? 0 : 1;
    }

    void summarise(Results results, double baseline, double threadsWall, double processesWall) {
        Table rows = results.table();
        Table procs = rows.where(rows.stringColumn("variant").isEqualTo("processes"));
        double startup = procs.doubleColumn("startup_s").median();
        double insideThreads = rows.where(rows.stringColumn("variant").isEqualTo("threads")).doubleColumn("task_s").mean();
        double insideProcs = procs.doubleColumn("task_s").mean();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println();
        System.out.println(rows.selectColumns("role", "variant", "worker", "pid", "start_s", "task_s", "startup_s", "check").printAll());
        System.out.println();
        System.out.println(Results.facts("Summary",
                "numbers per job", String.format("%,d", size),
                "workers", processes,
                "cores available", cores,
                "one job alone (baseline)", Results.secs(baseline),
                "wall time, threads", Results.secs(threadsWall),
                "wall time, processes", Results.secs(processesWall),
                "speed-up, threads", String.format("%.2fx", processes * baseline / threadsWall),
                "speed-up, processes", String.format("%.2fx", processes * baseline / processesWall),
                "mean job time in a thread", Results.secs(insideThreads),
                "mean job time in a process", Results.secs(insideProcs),
                "median JVM start-up + exit", Results.secs(startup),
                "children's JVM options", jvmOptions.isEmpty() ? "(none)" : String.join(" ", jvmOptions)).printAll());

        double threadsSpeedUp = processes * baseline / threadsWall, processesSpeedUp = processes * baseline / processesWall;
        String parallel = processes > 1 && cores > 1 && threadsSpeedUp > 1.2 && processesSpeedUp > 1.2
                ? String.format("Both ran in parallel on the %d cores (speed-ups %.2fx and %.2fx).", cores, threadsSpeedUp, processesSpeedUp)
                : String.format("Speed-ups: %.2fx with threads and %.2fx with processes, on %d cores.", threadsSpeedUp, processesSpeedUp, cores);
        Results.notice(String.format("""
                Each child is a separate JVM with a PID of its own (%s), while the %d threads all share this
                process's PID %d. The processes finished in %s and the threads in %s. A process pays for things a
                thread does not: starting and stopping a JVM took %s per child (median), and each child starts cold,
                its JIT compiling the sort again: the job took %s in a process against %s on a warm thread. %s In the
                article, processes were the only way past Python's lock (its four processes took about 6.9 s each
                against 5.6 s for one, the article's figures). %s Try --jvm-option=-Xshare:off or
                --jvm-option=-XX:TieredStopAtLevel=1 to see what start-up flags change.""",
                String.join(", ", procs.longColumn("pid").asList().stream().map(String::valueOf).toList()),
                processes, ProcessHandle.current().pid(), Results.secs(processesWall), Results.secs(threadsWall),
                Results.secs(startup), Results.secs(insideProcs), Results.secs(insideThreads), parallel,
                threadsWall < processesWall ? "In Java, threads get there without the cost of a process."
                        : "Here the processes even finished first, which is unusual on the JVM: run it again before you trust it."));
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
