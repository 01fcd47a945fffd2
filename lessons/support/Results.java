package support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * A lesson's measurements, one row per task, in the one table layout every lesson shares, so that
 * the CSV files of a whole workshop can be pooled. The columns are documented in the README: keep
 * them stable, and add new ones only at the end.
 */
public final class Results {
    /**
     * The run's parameters, repeated on every row. Null where a lesson has no such parameter.
     * {@code workload} names the kind of work: "sleep" (waiting, like I/O) or "sort" (computing).
     */
    public record Params(String lesson, String options, Integer size, Double sleepSeconds, Long seed, String workload) {
        public Params(String lesson, String options, Integer size, Double sleepSeconds, Long seed) {
            this(lesson, options, size, sleepSeconds, seed, "");
        }
    }

    /**
     * One task as it ran: who ran it, where, and when (System.nanoTime readings). For a task run by a
     * child process, {@code startupNanos} is what the process cost around the task (JVM start-up and
     * exit); it is -1 for a task run by a thread.
     */
    public record Task(String worker, long pid, String osThread, long startNanos, long endNanos, String check,
                       long startupNanos) {
        public Task(String worker, long pid, String osThread, long startNanos, long endNanos, String check) {
            this(worker, pid, osThread, startNanos, endNanos, check, -1);
        }

        public double seconds() { return (endNanos - startNanos) / 1e9; }

        public Task withCheck(String verdict) {
            return new Task(worker, pid, osThread, startNanos, endNanos, verdict, startupNanos);
        }
    }

    private final Params params;
    private final String runId;
    private final Table table;

    public Results(Params params) {
        this.params = params;
        long pid = ProcessHandle.current().pid();
        this.runId = Instant.now().truncatedTo(ChronoUnit.SECONDS) + "-" + pid;
        this.table = Table.create(params.lesson(),
                StringColumn.create("lesson"), StringColumn.create("run_id"), StringColumn.create("role"),
                StringColumn.create("variant"), StringColumn.create("options"), StringColumn.create("worker"),
                LongColumn.create("pid"), StringColumn.create("os_thread"), DoubleColumn.create("start_s"),
                DoubleColumn.create("task_s"), DoubleColumn.create("wall_s"), IntColumn.create("workers"),
                IntColumn.create("peak_parallel"), IntColumn.create("size"), DoubleColumn.create("sleep_s"),
                LongColumn.create("seed"), StringColumn.create("check"), IntColumn.create("cores"),
                StringColumn.create("java"), StringColumn.create("os"), StringColumn.create("arch"),
                DoubleColumn.create("startup_s"), StringColumn.create("workload"), DoubleColumn.create("cores_busy"));
        for (String c : List.of("start_s", "task_s", "wall_s", "sleep_s", "startup_s")) {
            table.doubleColumn(c).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        }
    }

    /**
     * Records one phase of a lesson: tasks that ran together, from {@code t0} (a System.nanoTime
     * reading) for {@code wallNanos}, with at most {@code peak} of them working at the same moment.
     *
     * @param role    "baseline" (the same work on one worker, for comparison) or "worker"
     * @param variant what ran the tasks: "platform", "virtual", "threads", "gil", "processes"…
     */
    public void add(String role, String variant, long t0, long wallNanos, int peak, List<Task> tasks) {
        add(role, variant, params.workload(), t0, wallNanos, peak, Double.NaN, tasks);
    }

    /** As {@link #add(String, String, long, long, int, List)}, with the phase's cores busy (CPU time ÷ wall time). */
    public void add(String role, String variant, long t0, long wallNanos, int peak, double coresBusy, List<Task> tasks) {
        add(role, variant, params.workload(), t0, wallNanos, peak, coresBusy, tasks);
    }

    /** As {@link #add(String, String, long, long, int, List)}, for a lesson with several workloads. */
    public void add(String role, String variant, String workload, long t0, long wallNanos, int peak, List<Task> tasks) {
        add(role, variant, workload, t0, wallNanos, peak, Double.NaN, tasks);
    }

    /**
     * The general form: {@code coresBusy} is the phase's CPU time ÷ its wall time (see {@link CpuClock}),
     * NaN where it was not measured (it is then left empty in the CSV).
     */
    public void add(String role, String variant, String workload, long t0, long wallNanos, int peak, double coresBusy,
                    List<Task> tasks) {
        for (Task t : tasks) {
            table.stringColumn("lesson").append(params.lesson());
            table.stringColumn("run_id").append(runId);
            table.stringColumn("role").append(role);
            table.stringColumn("variant").append(variant);
            table.stringColumn("options").append(params.options());
            table.stringColumn("worker").append(t.worker());
            table.longColumn("pid").append(t.pid());
            table.stringColumn("os_thread").append(t.osThread());
            table.doubleColumn("start_s").append((t.startNanos() - t0) / 1e9);
            table.doubleColumn("task_s").append(t.seconds());
            table.doubleColumn("wall_s").append(wallNanos / 1e9);
            table.intColumn("workers").append(tasks.size());
            table.intColumn("peak_parallel").append(peak);
            appendOrMissing(table.intColumn("size"), params.size());
            if (params.sleepSeconds() == null) table.doubleColumn("sleep_s").appendMissing();
            else table.doubleColumn("sleep_s").append(params.sleepSeconds());
            if (params.seed() == null) table.longColumn("seed").appendMissing();
            else table.longColumn("seed").append(params.seed());
            table.stringColumn("check").append(t.check());
            table.intColumn("cores").append(Runtime.getRuntime().availableProcessors());
            table.stringColumn("java").append(Runtime.version().toString());
            table.stringColumn("os").append(System.getProperty("os.name"));
            table.stringColumn("arch").append(System.getProperty("os.arch"));
            if (t.startupNanos() < 0) table.doubleColumn("startup_s").appendMissing();
            else table.doubleColumn("startup_s").append(t.startupNanos() / 1e9);
            table.stringColumn("workload").append(workload);
            if (Double.isNaN(coresBusy)) table.doubleColumn("cores_busy").appendMissing();
            else table.doubleColumn("cores_busy").append(Math.round(coresBusy * 100) / 100.0);
        }
    }

    private static void appendOrMissing(IntColumn column, Integer value) {
        if (value == null) column.appendMissing();
        else column.append(value);
    }

    /** Every row so far, in the shared layout. */
    public Table table() { return table; }

    /** The rows of one role ("baseline" or "worker"). */
    public Table rows(String role) {
        return table.where(table.stringColumn("role").isEqualTo(role));
    }

    /** Writes the table as CSV, if the learner asked for it with --csv. */
    public void writeCsv(Path file) {
        if (file == null) return;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) java.nio.file.Files.createDirectories(parent);
            table.write().csv(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        System.out.printf("%nResults written to %s (%d rows).%n", file, table.rowCount());
    }

    /** The most tasks that were running at one moment. */
    public static int peakOverlap(Iterable<Task> tasks) {
        List<long[]> intervals = new ArrayList<>();
        for (Task t : tasks) intervals.add(new long[] {t.startNanos(), t.endNanos()});
        return Gauge.peakOverlap(intervals);
    }

    /** A two-column table of named numbers, for a lesson's summary. */
    public static Table facts(String title, Object... namesAndValues) {
        StringColumn names = StringColumn.create("measure"), values = StringColumn.create("value");
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            names.append(String.valueOf(namesAndValues[i]));
            values.append(String.valueOf(namesAndValues[i + 1]));
        }
        return Table.create(title, names, values);
    }

    /** One line naming the machine a lesson measured, for the top of its output. */
    public static String machine() {
        return String.format("Java %s on %s %s, %d cores available, this process is PID %d",
                Runtime.version(), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), ProcessHandle.current().pid());
    }

    /** Prints a lesson's closing paragraph, wrapped to fit a 100-column terminal. */
    public static void notice(String text) {
        System.out.println("\nWhat to notice\n" + Notice.wrap(text, 2, 96));
    }

    /** Seconds with four decimals, as lessons print them. */
    public static String secs(double seconds) { return Notice.secs(seconds); }
}
