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
// the I/O-bound case (a network call or a disk read waits in the same way).
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
            // Too many rows to read: count the tasks each OS thread ran instead.
            Table perThread = rows.summarize("task_s", AggregateFunctions.count, AggregateFunctions.mean)
                    .by("os_thread");
            perThread.setName("Tasks per OS thread");
            perThread.doubleColumn(2).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
            System.out.println(perThread.sortDescendingOn(perThread.column(1).name()).first(12).printAll());
        }
        System.out.println();
        System.out.println(Results.facts("Summary",
                "tasks", tasks,
                "thread kind", virtual ? "virtual" : "platform",
                "sleep per task", Results.secs(seconds),
                "if run one after another", Results.secs(tasks * seconds),
                "wall time", Results.secs(wall),
                "slowest task", Results.secs(slowest),
                "OS threads that ran tasks", osThreads).printAll());

        Results.notice(String.format("""
                %d tasks slept %s each, and together they took %s of wall time: %s
                %d sleeps (%s). Up to %d of them were asleep at the same moment. A sleeping thread is parked
                on a timer and holds no core, so the waits overlap even on %d cores. %s""",
                tasks, Results.secs(seconds), Results.secs(wall),
                wall < 1.5 * seconds + 0.1 ? "about one sleep, not"
                        : "more than one sleep (starting and ending so many threads takes time too), but far from",
                tasks, Results.secs(tasks * seconds),
                sleeping.peak(), Runtime.getRuntime().availableProcessors(), virtual
                        ? String.format("The %d virtual threads were run by only %d OS (carrier) thread(s): a "
                                + "virtual thread that sleeps hands its carrier back, so a few carriers serve "
                                + "them all.", tasks, osThreads)
                        : String.format("Each platform thread is an OS thread of its own (%d here); try "
                                + "--virtual --tasks 10000 to see a few OS threads serve ten thousand sleeping "
                                + "tasks.", osThreads)));
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
