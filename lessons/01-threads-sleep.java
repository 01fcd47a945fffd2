///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.slf4j:slf4j-nop:2.0.17
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
//SOURCES support/*.java

// Lesson 01 — threads that wait.
//
// The article's first experiment: four threads each sleep, and all four finish in the time of one.
// A sleeping thread waits on a timer; it does not hold a CPU core, so the waits overlap. This is
// the I/O-bound case (a network call or a disk read waits in the same way). The article's Python
// threads overlap too because time.sleep lets go of the GIL while it waits.
//
// Run it:   ./jbang threads-sleep                  four platform threads, 1 s each
//           ./jbang threads-sleep --seconds 5      the article's five seconds
//           ./jbang threads-sleep --virtual --tasks 10000
//                                                  ten thousand virtual threads, still about 1 s

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.Cli;
import support.Gauge;
import support.NativeThread;
import support.Notice;
import support.Results;
import support.Results.Task;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

@Command(name = "threads-sleep", mixinStandardHelpOptions = true,
        description = "Lesson 01: threads that sleep finish together, in about the time of one sleep.")
class ThreadsSleep implements Callable<Integer> {

    static final int MAX_PLATFORM = 10_000, MAX_VIRTUAL = 1_000_000, SHOW_LINES_UP_TO = 32;

    @Option(names = "--tasks", paramLabel = "N", description = "How many tasks, one thread each (default: ${DEFAULT-VALUE}).")
    int tasks = 4;

    @Option(names = "--seconds", paramLabel = "S", description = "How long each task sleeps (default: ${DEFAULT-VALUE}; the article used 5).")
    double seconds = 1;

    @Option(names = "--virtual", description = "Run each task on a virtual thread instead of a platform (OS) thread.")
    boolean virtual;

    @Mixin Cli.Common common;
    @Spec CommandSpec spec;

    final Gauge sleeping = new Gauge(); // counts the tasks asleep at the same moment

    public static void main(String[] args) {
        Cli.run(new ThreadsSleep(), args);
    }

    // The task the threads run: say hello, sleep, say how long it took. Every line names the thread
    // and the process (PID): all the threads live in one process, so they all print the same PID.
    Task sleepTask(long pid) throws InterruptedException {
        String name = Thread.currentThread().getName();
        if (tasks <= SHOW_LINES_UP_TO) System.out.printf("%s started, PID %d%n", name, pid);
        long start = System.nanoTime();
        sleeping.enter();
        Thread.sleep(Duration.ofNanos(Math.round(seconds * 1e9)));
        sleeping.exit();
        long end = System.nanoTime();
        String osThread = NativeThread.describe(); // for a virtual thread: the carrier that woke it up
        if (tasks <= SHOW_LINES_UP_TO) {
            System.out.printf("%s finished, PID %d, took %s%n", name, pid, Results.secs((end - start) / 1e9));
        }
        return new Task(name, pid, osThread, start, end, "");
    }

    @Override
    public Integer call() throws InterruptedException {
        validate();
        System.out.println(Results.machine());
        NativeThread.printNote(); // off Linux: one line on what the os_thread column holds instead
        System.out.printf("%d tasks on %s threads, each sleeping %s s%n%n", tasks, virtual ? "virtual" : "platform", seconds);
        if (tasks > SHOW_LINES_UP_TO) {
            System.out.printf("Over %d tasks, so no line per task (too many to read): a table below counts the%n"
                    + "tasks each OS thread ran.%n", SHOW_LINES_UP_TO);
        }
        long pid = ProcessHandle.current().pid();

        // One thread per task. The builder is the only line that differs between the two kinds of thread.
        Thread.Builder builder = virtual ? Thread.ofVirtual().name("Virtual", 1) : Thread.ofPlatform().name("Thread", 1);
        Task[] done = new Task[tasks];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            int slot = i;
            threads.add(builder.unstarted(() -> {
                try {
                    done[slot] = sleepTask(pid);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }

        long t0 = System.nanoTime();
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();   // wait until every task has finished
        long wall = System.nanoTime() - t0;

        Results results = new Results(new Results.Params("01-threads-sleep", virtual ? "--virtual" : "",
                null, seconds, null, "sleep"));
        results.add("worker", virtual ? "virtual" : "platform", t0, wall, sleeping.peak(), List.of(done));
        summarise(results, wall);
        results.writeCsv(common.csv);
        return 0;
    }

    void summarise(Results results, long wallNanos) {
        Table rows = results.table();
        int osThreads = rows.stringColumn("os_thread").countUnique();
        double wall = wallNanos / 1e9, slowest = rows.doubleColumn("task_s").max();
        System.out.println();
        if (tasks <= SHOW_LINES_UP_TO) {
            System.out.println(rows.selectColumns("worker", "pid", "os_thread", "start_s", "task_s").printAll());
        } else {
            System.out.println(perOsThread(rows, 12));
        }
        System.out.println();
        System.out.println(Results.facts("Summary",
                "tasks", tasks,
                "thread kind", virtual ? "virtual" : "platform",
                "sleep per task", Results.secs(seconds),
                "if run one after another", Results.secs(tasks * seconds),
                "wall time", Results.secs(wall),
                "slowest task", Results.secs(slowest),
                "most asleep at one moment", sleeping.peak(),
                "OS threads that ran tasks", osThreads).printAll());
        Results.notice(notice(new Measured(tasks, virtual, seconds, wall, sleeping.peak(), osThreads,
                Runtime.getRuntime().availableProcessors())));
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

    /** What one run measured: all that "What to notice" is chosen from. */
    record Measured(int tasks, boolean virtual, double sleep, double wall, int peakAsleep, int osThreads, int cores) {}

    // Two wall times closer than this fraction of the larger are "about the same" on a busy machine.
    static final double NOISE = 0.25;

    /** "What to notice", from the measurements alone: every outcome it states is chosen by them. */
    static String notice(Measured m) {
        Notice n = new Notice();
        double all = m.tasks() * m.sleep();
        Object[] v = {"tasks", m.tasks(), "each", Notice.secs(m.sleep()), "wall", Notice.secs(m.wall()),
                "all", Notice.secs(all), "peak", m.peakAsleep(), "cores", m.cores(), "os", m.osThreads(),
                "kind", m.virtual() ? "virtual" : "platform", "per", Notice.secs(m.wall() / m.tasks()),
                "extra", Notice.secs(m.wall() - m.sleep())};
        n.either(m.sleep() > 0,
                "{tasks} tasks slept {each} each and took {wall} of wall time in all (one after another, the "
                        + "sleeps alone would take {all}).",
                "{tasks} tasks slept 0 s each and took {wall} of wall time in all.", v);
        if (m.sleep() == 0) {
            n.say("With sleeps of 0 s there is no wait to overlap: that wall time is what starting and ending "
                    + "{tasks} {kind} threads cost, about {per} per task.", v);
        } else if (m.tasks() == 1) {
            n.say("With one task there is nothing to overlap.", v);
        } else if (m.peakAsleep() <= 1) {
            n.say("No two of them were asleep at the same moment: the waits did not overlap.", v);
        } else {
            // The overlap itself is measured (the most tasks asleep at one moment); the wall time says what it saved.
            n.either(m.peakAsleep() >= m.tasks(),
                    "All {tasks} were asleep at the same moment: the waits overlapped.",
                    "Up to {peak} of the {tasks} were asleep at the same moment: the waits overlapped, in part "
                            + "(some had woken before others went to sleep).", v);
            if (Notice.compare(m.wall(), m.sleep(), NOISE) != Notice.Outcome.MORE) {
                n.say("So the wall time was about one sleep, not {tasks} sleeps.", v);
            } else if (Notice.compare(m.wall(), all, NOISE) == Notice.Outcome.LESS) {
                n.say("The wall time was more than one sleep, yet well under {tasks} sleeps: the extra {extra} "
                        + "went to starting, waking and ending {tasks} threads.", v);
            } else {
                n.say("Yet the wall time was not shorter than {tasks} sleeps one after another: each sleep is "
                        + "short next to what starting and ending a thread costs, so the overlap saved little.", v);
            }
            n.either(m.peakAsleep() > m.cores(),
                    "More tasks were asleep at once ({peak}) than there are cores ({cores}): a sleeping thread "
                            + "is parked on a timer and holds no core.",
                    "A sleeping thread is parked on a timer and holds no core, so sleeps can overlap even with "
                            + "more threads than cores.", v);
        }
        n.say("In the article's Python, sleeping threads overlap because time.sleep lets go of the GIL, the "
                + "lock a thread needs to run Python code, for the whole of its wait.");
        if (m.virtual()) {
            n.either(m.osThreads() < m.tasks(),
                    "The {tasks} virtual threads were carried by {os} OS thread(s): a virtual thread that waits "
                            + "hands its carrier back, so a few carriers serve many sleepers.",
                    "The {tasks} virtual threads ran on {os} OS threads, one each here"
                            + (m.tasks() < 1000 ? "; with many more (try --tasks 10000) a few carriers serve "
                            + "them all." : "."), v);
        } else {
            n.either(m.osThreads() >= m.tasks(),
                    "Each platform thread ran on an OS thread of its own ({os} for {tasks} tasks).",
                    "{os} OS thread ids for {tasks} platform threads: each platform thread is an OS thread, but "
                            + "one that had already ended left its id to a later one.", v);
            n.say(m.tasks() >= 1000 ? "Try the same with --virtual: a few OS threads carry them all."
                    : "Try --virtual --tasks 10000 to see a few OS threads carry ten thousand sleeping tasks.");
        }
        return n.text();
    }

    void validate() {
        int max = virtual ? MAX_VIRTUAL : MAX_PLATFORM;
        if (tasks < 1 || tasks > max) {
            throw Cli.bad(spec, "--tasks must be from 1 to %,d%s (got %d)", max,
                    virtual ? "" : " for platform threads; add --virtual for more", tasks);
        }
        if (!(seconds >= 0 && seconds <= 600)) {
            throw Cli.bad(spec, "--seconds must be from 0 to 600 (got %s)", seconds);
        }
    }
}
