///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES support/Lab.java

// Lesson 01 — threads that wait.
//
// The article's first experiment: four threads each sleep, and all four finish in the time of one.
// A sleeping thread waits on a timer; it holds no CPU core, so the waits overlap. This is the
// I/O-bound case (a network call or a disk read waits in the same way). The article's Python threads
// overlap too, because time.sleep lets go of the GIL while it waits.
//
// Run it:   ./jbang threads-sleep                    four platform threads, 1 s each
//           ./jbang threads-sleep --seconds 5        the article's five seconds
//           ./jbang threads-sleep --virtual --tasks 10000   ten thousand virtual threads, still about 1 s

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import notice.ThreadsSleepNotice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.Cli;
import support.Lab;
import support.Results.Task;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

@Command(name = "threads-sleep", mixinStandardHelpOptions = true,
        description = "Lesson 01: threads that sleep finish together, in about the time of one sleep.")
class ThreadsSleep implements Callable<Integer> {

    // The task: sleep. The lab around it prints "Thread1 started, PID …" and "… finished, took …",
    // and counts how many tasks are asleep at the same moment.
    void sleep() throws InterruptedException {
        Thread.sleep(Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    // One platform thread per task: each is an OS thread of its own. Start them all, then wait for all.
    List<Task> onPlatformThreads(Lab lab) throws InterruptedException {
        return startAndJoin(Thread.ofPlatform().name("Thread", 1), lab);
    }

    // One virtual thread per task: while one sleeps it hands its carrier (an OS thread) back, so a
    // few carriers serve thousands of sleepers. The builder is the only line that differs.
    List<Task> onVirtualThreads(Lab lab) throws InterruptedException {
        return startAndJoin(Thread.ofVirtual().name("Virtual", 1), lab);
    }

    List<Task> startAndJoin(Thread.Builder builder, Lab lab) throws InterruptedException {
        Task[] done = new Task[tasks];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            int slot = i;
            threads.add(builder.start(() -> done[slot] = lab.task(this::sleep)));
        }
        for (Thread t : threads) t.join(); // wait until every task has finished
        return List.of(done);
    }

    public static void main(String[] args) {
        Lab.run(new ThreadsSleep(), args);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Lab lab = new Lab(common, new support.Results.Params("01-threads-sleep", virtual ? "--virtual" : "",
                null, seconds, null, "sleep")).quiet(tasks > SHOW_LINES_UP_TO);
        lab.begin("%d tasks on %s threads, each sleeping %s s%s", tasks, kind(), seconds, tasks > SHOW_LINES_UP_TO
                ? String.format("%nOver %d tasks, so no line per task: a table counts the tasks each OS thread ran.",
                SHOW_LINES_UP_TO) : "");
        Lab.Phase p = lab.measure("worker", kind(), () -> virtual ? onVirtualThreads(lab) : onPlatformThreads(lab));

        int osThreads = lab.rows().stringColumn("os_thread").countUnique();
        if (tasks <= SHOW_LINES_UP_TO) lab.table("worker", "pid", "os_thread", "start_s", "task_s");
        else System.out.println(System.lineSeparator() + perOsThread(lab.rows(), 12));
        lab.facts("Summary", "tasks", tasks, "thread kind", kind(), "sleep per task", Lab.secs(seconds),
                "if run one after another", Lab.secs(tasks * seconds), "wall time", Lab.secs(p.wall()),
                "slowest task", Lab.secs(p.slowest()), "most asleep at one moment", p.peak(),
                "OS threads that ran tasks", osThreads);
        lab.notice(ThreadsSleepNotice.of(new ThreadsSleepNotice.Measured(tasks, virtual, seconds, p.wall(), p.peak(),
                osThreads, Runtime.getRuntime().availableProcessors())));
        return lab.end();
    }

    // Too many rows to read one per task: count the tasks each OS thread ran instead, the busiest
    // first, and say how many OS threads are left out.
    static String perOsThread(Table rows, int show) {
        Table perThread = rows.summarize("task_s", AggregateFunctions.count, AggregateFunctions.mean).by("os_thread");
        perThread.setName("Tasks per OS thread");
        perThread.column(0).setName("OS thread");
        perThread.column(1).setName("tasks");
        perThread.column(2).setName("mean task (s)");
        perThread.doubleColumn(1).setPrintFormatter(NumberColumnFormatter.ints());
        perThread.doubleColumn(2).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        perThread = perThread.sortDescendingOn("tasks");
        String shown = perThread.first(show).printAll();
        if (perThread.rowCount() <= show) return shown;
        double hidden = perThread.inRange(show, perThread.rowCount()).doubleColumn("tasks").sum();
        return shown + String.format("%n  ... and %d more OS threads, which ran %,.0f tasks", perThread.rowCount() - show, hidden);
    }

    // ---- Options ------------------------------------------------------------------------------------

    static final int MAX_PLATFORM = 10_000, MAX_VIRTUAL = 1_000_000, SHOW_LINES_UP_TO = 32;

    @Option(names = "--tasks", paramLabel = "N", description = "How many tasks, one thread each (default: ${DEFAULT-VALUE}).")
    int tasks = 4;

    @Option(names = "--seconds", paramLabel = "S", description = "How long each task sleeps (default: ${DEFAULT-VALUE}; the article used 5).")
    double seconds = 1;

    @Option(names = "--virtual", description = "Run each task on a virtual thread instead of a platform (OS) thread.")
    boolean virtual;

    @Mixin Cli.Common common;
    @Spec CommandSpec spec;

    String kind() { return virtual ? "virtual" : "platform"; }

    void validate() {
        int max = virtual ? MAX_VIRTUAL : MAX_PLATFORM;
        if (tasks < 1 || tasks > max) {
            throw Cli.bad(spec, "--tasks must be from 1 to %,d%s (got %d)", max,
                    virtual ? "" : " for platform threads; add --virtual for more", tasks);
        }
        if (!(seconds >= 0 && seconds <= 600)) throw Cli.bad(spec, "--seconds must be from 0 to 600 (got %s)", seconds);
    }
}

// What you should see: four tasks that each slept 1 s, finished together after about 1 s of wall
// time, not 4 s, and all four asleep at the same moment, in one process (one PID). A sleeping thread
// is parked on a timer and holds no core, so even on a 2-core machine 100 sleeping threads overlap.
// With --virtual --tasks 10000, ten thousand tasks still take about 1 s, carried by a few OS threads
// (about one per core): a virtual thread that waits hands its carrier back. The article's Python
// threads overlap for the same reason: time.sleep releases the GIL while it waits.
