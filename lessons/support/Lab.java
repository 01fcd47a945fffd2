//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.slf4j:slf4j-nop:2.0.17
//DEPS org.knowm.xchart:xchart:3.8.8
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
//JAVAC_OPTIONS -J-XX:TieredStopAtLevel=1
//SOURCES *.java ../notice/*.java
package support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import support.ChildJvm.Child;
import support.Results.Task;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The instrument every lesson shares, kept out of the lesson's sight: a lesson starts its own threads
 * and processes (that is what it teaches) and hands them to the lab, which times each task and each
 * phase, counts the workers busy at one moment and the cores kept busy, prints the tables and the
 * closing paragraph, and writes {@code --csv}.
 *
 * <p>This file is the one place for the kit's directives: every lesson says {@code //SOURCES
 * support/Lab.java} and gets the libraries and JVM flags below. {@code pom.xml} repeats the
 * {@code //RUNTIME_OPTIONS} for the tests (ConventionsTest keeps the two equal) and {@link ChildJvm}
 * hands them on to every child JVM, so a flag such as {@code --enable-preview} is added here once.
 * {@code //JAVAC_OPTIONS} runs JBang's javac on the quick (C1) compiler only: compiling a lesson with
 * the harness is a short job, where javac's own optimising compiler costs more than it saves (a
 * lesson's first run here: 2.9 s instead of 3.6 s).
 *
 * <pre>{@code
 * Lab lab = new Lab(common, params).begin("4 threads, each sleeping 1 s");
 * Lab.Phase p = lab.measure("worker", "platform", () -> onPlatformThreads(4));
 * lab.table("worker", "pid", "start_s", "task_s");
 * lab.notice(SleepNotice.of(...));
 * return lab.end();
 * }</pre>
 *
 * <p>{@code --chart FILE} needs nothing from a lesson: {@link #end} draws every task it measured as a
 * timeline ({@link Charts.Timeline}). A lesson with {@code @Mixin Cli.Sweep sweep} measures a
 * speed-up instead, with {@link #sweep}, and {@code --chart} then draws that.
 */
public final class Lab {
    /** A task's work when there is nothing to verify (a sleep). */
    @FunctionalInterface
    public interface Work { void run() throws Exception; }

    /** A task's work that checks its own output: true when it is right (a sorted copy of its input). */
    @FunctionalInterface
    public interface Checked { boolean run() throws Exception; }

    /** What a phase does: starts the lesson's workers, waits for all of them, and returns their tasks. */
    @FunctionalInterface
    public interface Body { List<Task> run() throws Exception; }

    /**
     * One phase as measured: {@code busy} is the cores kept busy on average (CPU time ÷ wall time,
     * NaN when too short to tell), {@code peak} the most tasks at work at one moment.
     */
    public record Phase(String role, String variant, long t0, long wallNanos, double busy, int peak, List<Task> tasks) {
        public double wall() { return wallNanos / 1e9; }

        /** The longest task, in seconds. */
        public double slowest() { return tasks.stream().mapToDouble(Task::seconds).max().orElse(0); }

        /** The mean task, in seconds. */
        public double meanTask() { return tasks.stream().mapToDouble(Task::seconds).average().orElse(0); }

        /** When each task finished, in seconds after the phase began, earliest first. */
        public double[] finishes() {
            return tasks.stream().mapToDouble(t -> (t.endNanos() - t0) / 1e9).sorted().toArray();
        }

        /** True when every task's output checked out (or had nothing to check). */
        public boolean ok() { return tasks.stream().allMatch(t -> t.check().isEmpty() || t.check().equals("ok")); }
    }

    private final Cli.Common common;
    private final Results results;
    private final List<Phase> phases = new ArrayList<>();
    private final AtomicLong childCpu = new AtomicLong();
    private final List<long[]> childLives = java.util.Collections.synchronizedList(new ArrayList<>()); // {start, exit}
    private volatile Gauge gauge = new Gauge();
    private final java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    private boolean echo = true;
    private final List<Phase> sweeps = new ArrayList<>();
    private final String lesson;
    private String heading = "";

    public Lab(Cli.Common common, Results.Params params) {
        this.common = common;
        this.results = params == null ? null : new Results(params);
        this.lesson = params == null ? "" : params.lesson();
    }

    /** Runs a lesson's picocli command and exits with its code: 0 done, 1 failed, 2 bad options. */
    public static void run(Object lesson, String[] args) { Cli.run(lesson, args); }

    /** Prints the machine, what the os_thread column holds off Linux, and what is about to run. */
    public Lab begin(String format, Object... args) {
        System.out.println(Results.machine());
        NativeThread.printNote();
        heading = String.format(format, args).lines().findFirst().orElse("");
        System.out.printf(format + "%n%n", args);
        return this;
    }

    /** No start and finish line per task (too many to read); the tables still hold every task. */
    public Lab quiet(boolean quiet) {
        echo = !quiet;
        return this;
    }

    /**
     * Runs {@code job} {@code times} times, untimed, before anything is measured: the JIT compiler turns
     * the hot loops into machine code during the first runs and the heap grows to fit, and a baseline
     * that paid for both would make every worker after it look faster than it is.
     */
    public void warmUp(int times, Checked job) throws Exception {
        if (times <= 0) return;
        System.out.printf("Warming up: %d untimed runs of the job%n%n", times);
        for (int i = 0; i < times; i++) job.run();
    }

    /**
     * One task on the current thread, with nothing to verify: timed, counted, announced. It throws
     * nothing: a task that fails is recorded, and the phase it ran in fails with one line.
     */
    public Task task(Work work) {
        return timed(Thread.currentThread().getName(), () -> { work.run(); return true; }, "", echo);
    }

    /** One task on the current thread whose output is verified: "ok" or "FAILED" in the check column. */
    public Task checked(Checked job) {
        return timed(Thread.currentThread().getName(), job, null, echo);
    }

    private Task timed(String name, Checked job, String fixedCheck, boolean echo) {
        long pid = ProcessHandle.current().pid();
        if (echo) System.out.printf("%s started, PID %d%n", name, pid);
        long start = System.nanoTime();
        String check;
        Gauge g = gauge;
        g.enter();
        try {
            boolean right = job.run();
            check = fixedCheck != null ? fixedCheck : right ? "ok" : "FAILED";
        } catch (Throwable e) { // kept for measure() to report: a worker thread has no one to throw to
            failure.compareAndSet(null, e);
            check = "FAILED";
        } finally {
            g.exit();
        }
        long end = System.nanoTime();
        String osThread = NativeThread.describe(); // for a virtual thread: the carrier that ran its end
        if (echo) System.out.printf("%s finished, PID %d, took %s%n", name, pid, secs((end - start) / 1e9));
        return new Task(name, pid, osThread, start, end, check);
    }

    /**
     * Times one phase: {@code body} starts the workers, waits for them and returns their tasks. The
     * phase's rows go to the table and the CSV under {@code role} ("baseline" or "worker") and
     * {@code variant} (what ran them: "platform", "threads", "processes", "gil"…).
     */
    public Phase measure(String role, String variant, Body body) throws Exception {
        return measure(role, variant, null, null, body);
    }

    /**
     * As {@link #measure(String, String, Body)}, for a lesson with several kinds of work in one run
     * (06: "sleep" and "sort"): {@code workload} fills the rows' workload column (null: the Params').
     * With a {@code gate} (lesson 02's and 06's gate, the model GIL or none), peak_parallel is the gate's
     * count: under the model GIL the most threads that held its lock at one moment, not the most inside
     * their task (under the lock, most of those are only waiting for it).
     */
    public Phase measure(String role, String variant, String workload, Gil gate, Body body) throws Exception {
        return record(time(role, variant, gate, body), workload);
    }

    // The phase as it ran, not yet in the table (a sweep keeps only the best of its tries).
    private Phase time(String role, String variant, Gil gate, Body body) throws Exception {
        gauge = new Gauge();
        childCpu.set(0);
        childLives.clear();
        long[] cpu = CpuClock.start();
        long t0 = System.nanoTime();
        List<Task> tasks = body.run();
        long wall = System.nanoTime() - t0;
        Throwable failed = failure.getAndSet(null);
        if (failed instanceof Error e) throw e; // out of memory: Cli turns it into one line
        if (failed != null) throw new IllegalStateException(failed.getMessage() == null ? failed.toString() : failed.getMessage(), failed);
        if (tasks.stream().anyMatch(java.util.Objects::isNull)) throw new IllegalStateException("a worker ended without finishing its task");
        long ownCpu = CpuClock.processNanos() - cpu[0];
        double busy = ownCpu < 0 || childCpu.get() < 0 ? Double.NaN : CpuClock.coresBusy(ownCpu + childCpu.get(), wall);
        // The gate's own count where there is one (under the model GIL: threads holding the lock);
        // for child JVMs, the most children alive at once (the README's peak_parallel for processes).
        int peak = gate != null ? gate.peak()
                : Math.max(Math.max(gauge.peak(), Results.peakOverlap(tasks)), Gauge.peakOverlap(List.copyOf(childLives)));
        return new Phase(role, variant, t0, wall, busy, peak, List.copyOf(tasks));
    }

    private Phase record(Phase p, String workload) {
        if (workload == null) results.add(p.role(), p.variant(), p.t0(), p.wallNanos(), p.peak(), p.busy(), p.tasks());
        else results.add(p.role(), p.variant(), workload, p.t0(), p.wallNanos(), p.peak(), p.busy(), p.tasks());
        phases.add(p);
        return p;
    }

    /**
     * Records a phase that was not timed here, as given: a child JVM that timed its own work (lesson
     * 05's launches), or a child that failed before it could report. Cores busy is left empty: the
     * CPU time of such a child is not known to this JVM.
     */
    public Phase record(String role, String variant, long t0, long wallNanos, List<Task> tasks) {
        return record(new Phase(role, variant, t0, wallNanos, Double.NaN, Results.peakOverlap(tasks), List.copyOf(tasks)), null);
    }

    // ---- Child JVMs: one format for a worker's result ---------------------------------------------

    /**
     * In a child JVM's main: ends with the parent, runs the task as {@link #checked} does (announced as
     * {@code name}, with its parent's PID), and reports it to the parent as {@code key=value} lines.
     * System.nanoTime is one clock for every process of a machine, so the parent can place the task on
     * its own time line.
     */
    public static void inChild(String name, Checked job) throws Exception {
        ChildJvm.exitWithParent();
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        System.out.printf("%s started, PID %d, parent PID %d%n", name, ProcessHandle.current().pid(), parent);
        Lab lab = new Lab(null, null);
        Task t = lab.timed(name, job, null, false);
        if (lab.failure.get() instanceof Exception e) throw e;
        if (lab.failure.get() instanceof Error e) throw e;
        System.out.printf("%s finished, PID %d, took %s%n", name, t.pid(), secs(t.seconds()));
        ChildJvm.report("start", t.startNanos());
        ChildJvm.report("end", t.endNanos());
        ChildJvm.report("check", t.check());
        ChildJvm.report("thread", t.osThread());
        ChildJvm.report("cpu", CpuClock.processNanos()); // the whole JVM's: start-up and JIT included
    }

    /**
     * In the parent: waits for a child started on a class that calls {@link #inChild}, and returns its
     * task; {@code startup_s} is the rest of the child's life (a JVM starting and exiting around the
     * task), its CPU counts into the phase's cores busy and its life into its peak (children alive at
     * once). Fails with one line if the child failed or ran past {@code timeoutSeconds}.
     */
    public Task taskOf(Child child, double timeoutSeconds) throws InterruptedException {
        child.await(timeoutSeconds);
        long start = Long.parseLong(child.get("start")), end = Long.parseLong(child.get("end"));
        long cpu = Long.parseLong(child.get("cpu"));
        childCpu.accumulateAndGet(cpu, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
        childLives.add(new long[] {child.startNanos(), child.exitNanos()});
        long life = child.exitNanos() - child.startNanos();
        return new Task(child.name(), child.pid(), child.get("thread"), start, end, child.get("check"),
                Math.max(0, life - (end - start)));
    }

    /**
     * In the phase body: CPU time that a child which is not a kit JVM reported for itself (a Python
     * program, say; {@link #taskOf} counts a kit JVM's), counted into the phase's cores busy.
     * Negative when the child could not tell: cores busy is then left empty.
     */
    public void childCpu(long nanos) {
        childCpu.accumulateAndGet(nanos, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
    }

    // ---- What the learner reads at the end ---------------------------------------------------------

    /** Every phase measured so far, in order. */
    public List<Phase> phases() { return List.copyOf(phases); }

    /** The rows measured so far, in the shared layout of the CSV. */
    public Table rows() { return results.table(); }

    /**
     * Prints one row per task with these columns; {@code end_s} (when a task finished, after its
     * phase began) is computed from start_s and task_s.
     */
    public void table(String... columns) {
        Table all = results.table();
        List<String> own = Arrays.stream(columns).filter(c -> !c.equals("end_s")).toList();
        Table rows = all.selectColumns(own.toArray(String[]::new));
        int at = Arrays.asList(columns).indexOf("end_s");
        if (at >= 0) {
            DoubleColumn end = DoubleColumn.create("end_s");
            for (int i = 0; i < all.rowCount(); i++) {
                end.append(all.doubleColumn("start_s").get(i) + all.doubleColumn("task_s").get(i));
            }
            end.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
            rows.insertColumn(at, end);
        }
        System.out.println();
        System.out.println(rows.printAll());
    }

    /** Prints a two-column summary of named values. */
    public void facts(String title, Object... namesAndValues) {
        System.out.println();
        System.out.println(Results.facts(title, namesAndValues).printAll());
    }

    /** Prints the closing paragraph, "What to notice". */
    public void notice(Notice notice) { Results.notice(notice.text()); }

    /** Seconds as every lesson prints them: four decimals. */
    public static String secs(double seconds) { return Notice.secs(seconds); }

    /**
     * Writes --csv and --chart if asked, and returns the lesson's exit code: 1 if any task's output was
     * wrong.
     */
    public int end() {
        results.writeCsv(common.csv);
        if (common.chart != null) {
            Charts.Chart chart = chart();
            if (chart instanceof Charts.Timeline t && t.bars().isEmpty()) {
                System.out.printf("%nNo chart: nothing was measured to draw, so %s was not written.%n", common.chart);
            } else {
                try {
                    Charts.write(chart, common.chart);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot write " + common.chart + ": " + e.getMessage(), e);
                }
                System.out.printf("%nChart written to %s.%n", common.chart);
            }
            common.charted();
        }
        return phases.stream().allMatch(Phase::ok) ? 0 : 1;
    }

    /**
     * What --chart draws: the speed-up of the sweeps, if the run made any, otherwise a timeline of
     * every task of every phase.
     */
    public Charts.Chart chart() {
        String title = lesson + (heading.isEmpty() ? "" : ": " + heading);
        return sweeps.isEmpty() ? Charts.Timeline.of(title, phases) : speedUp(sweeps);
    }

    private Charts.SpeedUp speedUp(List<Phase> sweeps) {
        int cores = Runtime.getRuntime().availableProcessors();
        return Charts.SpeedUp.of(String.format("%s: speed-up on %d cores", lesson, cores), sweeps, cores);
    }

    // ---- --sweep: the same phase with 1, 2, 4 ... workers --------------------------------------------

    /**
     * The worker counts of a sweep: 1, 2, 4 ... and last twice the cores (8 cores: 1, 2, 4, 8, 16;
     * 6 cores: 1, 2, 4, 8, 12), so the last steps show what more workers than cores bring.
     */
    /**
     * Each sweep step runs this many times (unless a try takes a second or more) and keeps its fastest:
     * the least disturbed by other programs.
     */
    public static final int SWEEP_TRIES = 3;

    public static int[] sweepSteps(int cores) {
        List<Integer> steps = new ArrayList<>();
        for (int n = 1; n < 2 * cores; n *= 2) steps.add(n);
        steps.add(Math.max(1, 2 * cores));
        return steps.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One variant of a sweep: its name ("threads", "gil", "processes" ...) and its phase for N workers. */
    public record Variant(String name, PhaseForN phaseForN) {}

    /** A variant's phase for N workers (its setup, such as starting a program, may run before the clock). */
    @FunctionalInterface
    public interface PhaseForN { Body of(int n) throws Exception; }

    /**
     * A sweep step's body with its gate, as {@link #measure(String, String, String, Gil, Body)} takes
     * one (peak_parallel is then the gate's count: under the model GIL, the threads holding the lock):
     * {@code n -> { Gil g = gate(); return Lab.gated(g, () -> onThreads(n, g, lab)); }}.
     */
    public record Gated(Gil gate, Body body) implements Body {
        public List<Task> run() throws Exception { return body.run(); }
    }

    /** See {@link Gated}. */
    public static Body gated(Gil gate, Body body) { return new Gated(gate, body); }

    /** {@link #sweep(Variant...)} for a single variant: {@code lab.sweep("threads", n -> () -> onThreads(n, lab))}. */
    public Charts.SpeedUp sweep(String variant, PhaseForN phaseForN) throws Exception {
        return sweep(new Variant(variant, phaseForN));
    }

    /**
     * Measures each variant's phase with N = 1, 2, 4 ... up to twice the cores workers (see
     * {@link #sweepSteps}), one step after the other, saying which step of how many is running. Each
     * step runs up to {@link #SWEEP_TRIES} times and keeps its fastest try. Each step's body must do a fixed amount of work per worker (N workers do N times the work of one),
     * so the speed-up is N × wall(1) / wall(N). The rows go to the CSV with role "sweep"; prints a
     * table of the speed-ups and returns them (--chart draws them). Warm up first ({@link #warmUp}):
     * the first step would otherwise pay for the JIT compiler and look slower than it is.
     *
     * @param variants what runs the workers ("threads", "gil", "processes" ...) and, for it, the phase
     *                 body that starts N workers and returns their N tasks; measured in this order
     */
    public Charts.SpeedUp sweep(Variant... variants) throws Exception {
        int[] steps = sweepSteps(Runtime.getRuntime().availableProcessors());
        int total = steps.length * variants.length, step = 0;
        boolean wasEcho = echo;
        echo = false; // up to 2 x cores lines per step: the table below says it all
        List<Phase> mine = new ArrayList<>();
        try {
            for (Variant variant : variants) {
                for (int n : steps) {
                    System.out.printf("sweep step %d of %d: %d worker%s, %s%n", ++step, total, n,
                            n == 1 ? "" : "s", variant.name());
                    Phase best = null;
                    // One try can be slowed by anything else running; a try of a second or more is steadier.
                    for (int i = 0; i < SWEEP_TRIES && (best == null || best.wall() < 1); i++) {
                        Body body = variant.phaseForN().of(n);
                        Phase p = time("sweep", variant.name(), body instanceof Gated g ? g.gate() : null, body);
                        if (best == null || p.wallNanos() < best.wallNanos()) best = p;
                    }
                    mine.add(record(best, null));
                }
            }
        } finally {
            echo = wasEcho;
        }
        sweeps.addAll(mine);
        Charts.SpeedUp speedUp = speedUp(sweeps);
        tech.tablesaw.api.StringColumn names = tech.tablesaw.api.StringColumn.create("variant");
        tech.tablesaw.api.IntColumn workers = tech.tablesaw.api.IntColumn.create("workers");
        DoubleColumn wall = DoubleColumn.create("wall_s"), speed = DoubleColumn.create("speed-up");
        for (var line : speedUp.lines().entrySet()) {
            for (Charts.Point p : line.getValue()) {
                names.append(line.getKey());
                workers.append(p.workers());
                wall.append(p.wall());
                speed.append(p.speedUp());
            }
        }
        wall.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        speed.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        System.out.println();
        System.out.println(Table.create(String.format("Speed-up (ideal: the workers, up to %d cores)",
                Runtime.getRuntime().availableProcessors()), names, workers, wall, speed).printAll());
        return speedUp;
    }
}
