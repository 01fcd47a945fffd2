///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES support/Lab.java

// Lesson 07 — CPython beside Java, on this machine, in one run.
//
// The other lessons quote the article's Python timings, from a Ryzen 5600. Here the kit's own Python
// program (python/workers.py, standard library only) runs the same jobs as Java, in the same run, in
// one table: CPython's threads and processes, Java's threads, free and under lesson 02's model GIL,
// and child JVMs. Without Python, Java runs alone.
//
// Run it:   ./jbang python-beside-java                       2 workers of each kind, 1 500 000 numbers
//           ./jbang python-beside-java --start-method spawn  CPython starts each process afresh
//           ./jbang python-beside-java --workload sleep      waiting: every kind of worker overlaps
//           ./jbang python-beside-java --python python3.13   another interpreter
//           ./jbang python-beside-java --sweep --size 500_000 --chart speed-up.png   1, 2, 4 ... workers

import java.time.Duration;
import java.util.*;
import java.util.concurrent.Callable;
import notice.PythonBesideJavaNotice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.CPython;
import support.ChildJvm;
import support.Cli;
import support.Gil;
import support.Lab;
import support.Results.Task;
import support.SortWork;

@Command(name = "python-beside-java", mixinStandardHelpOptions = true,
        description = "Lesson 07: CPython's threads and processes beside Java's: same jobs, same machine, one run.")
class PythonBesideJava implements Callable<Integer> {

    // Each variant takes N workers and returns the phase to time. CPython's threads: one interpreter,
    // one GIL. Its processes: multiprocessing starts N interpreters, a GIL each. A free-threaded build:
    // one interpreter, no GIL.
    Lab.Body cpythonThreads(int n) throws Exception { return cpython(py, "threads", n); }
    Lab.Body cpythonProcesses(int n) throws Exception { return cpython(py, "processes", n); }
    Lab.Body freeThreadedThreads(int n) throws Exception { return cpython(ft, "threads", n); }

    // The Python program is a child process of this JVM, started right here (ChildJvm ends it, and its
    // children, if the lesson ends first). It is ready before the clock starts: the phase begins at go.
    Lab.Body cpython(CPython.Interpreter python, String mode, int n) throws Exception {
        List<String> command = new ArrayList<>(List.of(python.command(), script.toString(), workload,
                "--mode", mode, "--workers", "" + n, "--size", "" + size, "--seconds", "" + seconds,
                "--seed", "" + seed.seed(), "--wait", "--watch-parent", "" + ProcessHandle.current().pid()));
        if (mode.equals("processes") && startMethod != null) command.addAll(List.of("--start-method", startMethod));
        CPython.Run run = new CPython.Run(python.label(), mode.equals("threads") ? "Thread" : "Process ");
        ChildJvm.Child child = ChildJvm.start(python.label(), command, run);
        run.awaitReady(child, timeout.seconds());
        if (mode.equals("processes")) processesRun = run;
        return () -> {
            child.go(); // one byte on its standard input: start the workers
            return run.finish(child, timeout.seconds(), lab);
        };
    }

    // Java's threads: N platform threads of this JVM, no lock between them.
    Lab.Body javaThreads(int n) { return () -> onThreads(n, Gil.off()); }

    // The same threads under the model GIL (support/Gil.java, as lesson 02 uses it): a thread must
    // hold the one lock to work; it offers it at checkpoints while it makes numbers, not in the sort.
    Lab.Body javaGil(int n) { return () -> onThreads(n, Gil.on(SWITCH_MS)); }

    List<Task> onThreads(int n, Gil gil) throws InterruptedException {
        Task[] done = new Task[n];
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            int index = i;
            threads.add(Thread.ofPlatform().name("Thread" + i).start(() -> done[index - 1] = task(index, gil)));
        }
        for (Thread t : threads) t.join();
        return List.of(done);
    }

    // Java's processes: N child JVMs, each running Worker (below) on its own.
    Lab.Body javaProcesses(int n) {
        return () -> {
            List<ChildJvm.Child> children = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                children.add(ChildJvm.start("Process " + i, List.of(), Worker.class, List.of(workload, "" + size,
                        "" + seconds, "" + (seed.seed() + i), "Process " + i), System.out::println));
            }
            List<Task> tasks = new ArrayList<>();
            for (ChildJvm.Child c : children) {
                Task t = lab.taskOf(c, timeout.seconds());
                tasks.add(sleeping() ? t.withCheck("") : t); // a sleep: nothing to check
            }
            return tasks;
        };
    }

    static final class Worker {
        public static void main(String[] a) throws Exception {
            Lab.inChild(a[4], () -> job(a[0], Integer.parseInt(a[1]),
                    Double.parseDouble(a[2]), Long.parseLong(a[3]), Gil.off()));
        }
    }

    // One Java worker's job, the Python program's twin: sleep, or make `size` numbers and sort them
    // (checked afterwards). A sleeper under the model GIL lets go of the lock first, as time.sleep does.
    static boolean job(String workload, int size, double seconds, long seed, Gil gil) throws Exception {
        gil.enter();
        SortWork.Sorted sorted = null;
        try {
            if (workload.equals("sort")) sorted = SortWork.primitive(size, new SplittableRandom(seed), gil);
        } finally {
            gil.exit();
        }
        if (sorted == null) Thread.sleep(Duration.ofNanos(Math.round(seconds * 1e9)));
        return sorted == null || sorted.check(size);
    }

    Task task(int index, Gil gil) {
        Lab.Checked work = () -> job(workload, size, seconds, seed.seed() + index, gil);
        return sleeping() ? lab.task(work::run) : lab.checked(work);
    }

    public static void main(String[] args) {
        Lab.run(new PythonBesideJava(), args);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        script = CPython.script();
        CPython.Found found = CPython.find(python, script);
        py = found.interpreter();
        if (py != null && startMethod != null && !py.startMethods().contains(startMethod)) {
            throw Cli.bad(spec, "--start-method %s is not offered by %s here (it has %s)", startMethod, py.label(),
                    String.join(", ", py.startMethods()));
        }
        ft = py == null ? null : CPython.freeThreaded(script, py);
        lab = new Lab(common, new support.Results.Params("07-python-beside-java", startMethod == null ? ""
                : "--start-method " + startMethod, sleeping() ? null : size, sleeping() ? seconds : null,
                seed.seed(), workload));
        lab.begin("%d workers of each kind, each %s, seed %d", workers, sleeping() ? "sleeping " + seconds + " s"
                : String.format("making and sorting %,d numbers", size), seed.seed());
        if (py == null) System.out.printf("%s%n%n", found.why());
        if (!sleeping()) lab.warmUp(WARM_UPS, () -> job("sort", size, 0, 0, Gil.off()));
        if (sweep.on()) return sweep();
        if (py != null) {
            phase("baseline", py.prefix() + "-threads", 1, this::cpythonThreads);
            phase("worker", py.prefix() + "-threads", workers, this::cpythonThreads);
            phase("worker", py.prefix() + "-processes", workers, this::cpythonProcesses);
        }
        if (ft != null) {
            phase("baseline", ft.prefix() + "-threads", 1, this::freeThreadedThreads);
            phase("worker", ft.prefix() + "-threads", workers, this::freeThreadedThreads);
        }
        phase("baseline", "java-threads", 1, this::javaThreads);
        phase("worker", "java-threads", workers, this::javaThreads);
        phase("worker", "java-gil", workers, this::javaGil);
        phase("worker", "java-processes", workers, this::javaProcesses);
        System.out.println(PythonBesideJavaNotice.table(lab.phases()));
        if (py != null) {
            lab.facts("Python", "interpreter", py.label() + " (" + CPython.shorten(py.command(), 40) + ")",
                    "GIL", py.gil() ? "on" : "off", "start method used", processesRun.summary().get("start_method")
                            + " (default here: " + py.defaultStartMethod() + ")",
                    "clock", (processesRun.sharedClock() ? "Java's: " : "its own, moved by an estimate: ")
                            + processesRun.clockSource(),
                    "free-threaded build run", ft == null ? "none without a GIL on the PATH" : ft.label());
        }
        lab.notice(PythonBesideJavaNotice.of(PythonBesideJavaNotice.measured(lab.phases(), workload, workers, seconds,
                py == null ? null : py.prefix(), py == null ? null : py.label(), ft == null ? null : ft.prefix(),
                ft == null ? null : ft.label(), processesRun == null ? null : processesRun.summary().get("start_method"))));
        return lab.end();
    }

    // One variant with n workers, timed by the lab under a heading.
    void phase(String role, String variant, int n, Lab.PhaseForN v) throws Exception {
        System.out.printf("%s, %d worker%s%n", variant, n, n == 1 ? " alone" : "s");
        lab.measure(role, variant, v.of(n));
    }

    // --sweep: each runtime with 1, 2, 4 ... up to twice the cores workers.
    int sweep() throws Exception {
        List<Lab.Variant> all = new ArrayList<>(List.of(new Lab.Variant("java-threads", this::javaThreads),
                new Lab.Variant("java-gil", this::javaGil), new Lab.Variant("java-processes", this::javaProcesses)));
        if (ft != null) all.add(0, new Lab.Variant(ft.prefix() + "-threads", this::freeThreadedThreads));
        if (py != null) all.addAll(0, List.of(new Lab.Variant(py.prefix() + "-threads", this::cpythonThreads),
                new Lab.Variant(py.prefix() + "-processes", this::cpythonProcesses)));
        lab.sweep(all.toArray(Lab.Variant[]::new));
        return lab.end();
    }

    // ---- Options ------------------------------------------------------------------------------------
    static final int WARM_UPS = 10, MAX_WORKERS = 64, MAX_SIZE = 10_000_000;
    static final double SWITCH_MS = 5; // CPython's default switch interval

    @Option(names = "--workers", paramLabel = "N", description = "Workers of each kind (default: ${DEFAULT-VALUE}).")
    int workers = 2;

    @Option(names = "--workload", paramLabel = "W", description = "sort (computing) or sleep (waiting) (default: ${DEFAULT-VALUE}).")
    String workload = "sort";

    @Option(names = "--size", paramLabel = "N", description = "Numbers each worker makes and sorts (default: ${DEFAULT-VALUE}).")
    int size = 1_500_000;

    @Option(names = "--seconds", paramLabel = "S", description = "How long each worker sleeps, with --workload sleep (default: ${DEFAULT-VALUE}).")
    double seconds = 1;

    @Option(names = "--python", paramLabel = "PATH", description = "The Python interpreter (default: python3 on the PATH).")
    String python;

    @Option(names = "--start-method", paramLabel = "M", description = "How CPython starts its processes: fork, spawn or forkserver (default: its own).")
    String startMethod;

    @Mixin Cli.Common common;
    @Mixin Cli.Seed seed;
    @Mixin Cli.Timeout timeout;
    @Mixin Cli.Sweep sweep;
    @Spec CommandSpec spec;

    Lab lab;
    java.nio.file.Path script;
    CPython.Interpreter py, ft; // python3 (or --python), and a free-threaded build on the PATH; null: none
    CPython.Run processesRun;

    boolean sleeping() { return workload.equals("sleep"); }

    void validate() {
        if (workers < 1 || workers > MAX_WORKERS) throw Cli.bad(spec, "--workers must be from 1 to %d (got %d)", MAX_WORKERS, workers);
        if (!List.of("sort", "sleep").contains(workload)) throw Cli.bad(spec, "--workload must be sort or sleep (got %s)", workload);
        if (size < 1 || size > MAX_SIZE) throw Cli.bad(spec, "--size must be from 1 to %,d (got %d)", MAX_SIZE, size);
        if (!(seconds >= 0 && seconds <= 60)) throw Cli.bad(spec, "--seconds must be from 0 to 60 (got %s)", seconds);
        if (startMethod != null && !List.of("fork", "spawn", "forkserver").contains(startMethod)) {
            throw Cli.bad(spec, "--start-method must be fork, spawn or forkserver (got %s)", startMethod);
        }
        if (!sleeping()) Cli.requireHeap(spec, 2L * SortWork.INT_BYTES * size * sweep.most(workers), "--size " + size);
    }
}

// What you should see: on a 4-16 core laptop, CPython's threads on the sort take about N times one
// thread (they take turns on the GIL: wall(N)/wall(1) near N, as the article's 27.9 s against 6.7 s),
// while its processes take about one job's time, a little more for starting them. Java's threads
// take about one job's time too, without any process; under the model GIL they take turns like
// CPython's, and their ratio lands near CPython's. Child JVMs pay a JVM start each. A free-threaded
// CPython (python3.13t, python3.14t), if on the PATH, runs its threads in parallel. With --workload
// sleep every kind of worker overlaps: each wait takes about one sleep, with or without a GIL.
