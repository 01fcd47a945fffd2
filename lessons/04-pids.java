///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES support/Lab.java

// Lesson 04 — who is running this? PIDs, thread ids and native threads.
//
// The article's "Process ID" section: threads print the same PID, processes print new ones. The OS
// gives each process a PID, which all its threads report; inside it each Java thread has a thread id,
// and each platform thread is an OS thread with a native id (Linux shows it in /proc; elsewhere the
// lesson asks the JDK's jcmd). A child JVM gets a new PID, and this lesson is its parent. Virtual
// threads have no OS thread of their own: a few carrier threads run them all.
//
// Run it:   ./jbang pids                         4 threads, 2 child processes, 1000 virtual threads
//           ./jbang pids --processes 4           four children in the process tree
//           ./jbang pids --virtual 100_000       many more virtual threads, still a few carriers

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import notice.PidsNotice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.ChildJvm;
import support.Cli;
import support.Host;
import support.Lab;
import support.NativeThread;
import support.ProcessTree;
import support.Results;
import support.Results.Task;
import tech.tablesaw.api.Table;

@Command(name = "pids", mixinStandardHelpOptions = true,
        description = "Lesson 04: threads share their process's PID; child processes get PIDs of their own.")
class Pids implements Callable<Integer> {

    // Platform threads: one process, so one PID; each is an OS thread with a native id of its own.
    List<Task> onPlatformThreads(Lab lab, int n) throws InterruptedException {
        return allAliveAtOnce(Thread.ofPlatform().name("Thread", 1), n, lab, platformSeen);
    }

    // Virtual threads: Java threads without an OS thread of their own. One that waits gives its
    // carrier back, so a few carriers keep thousands of them alive at once.
    List<Task> onVirtualThreads(Lab lab, int n) throws InterruptedException {
        return allAliveAtOnce(Thread.ofVirtual().name("Virtual", 1), n, lab, virtualSeen);
    }

    // Child JVMs: each a process of its own, with a PID of its own and this lesson as its parent. Each
    // says who it is and waits, so that a snapshot of the process tree finds them all alive.
    List<Task> onProcesses(Lab lab, int n) throws Exception {
        for (int i = 1; i <= n; i++) {
            children.add(ChildJvm.start("Process " + i, CHILD_JVM_OPTIONS, Child.class, List.of("" + i), System.out::println));
        }
        for (ChildJvm.Child c : children) c.awaitResults(4, CHILD_TIMEOUT_S); // it has said who it is
        tree = ProcessHandle.current().descendants().sorted(Comparator.comparingLong(ProcessHandle::pid)).toList();
        ProcessTree.print(tree, children);
        for (ChildJvm.Child c : children) c.go(); // now they may end
        List<Task> tasks = new ArrayList<>();
        for (ChildJvm.Child c : children) tasks.add(verified(lab.taskOf(c, CHILD_TIMEOUT_S), c));
        return tasks;
    }

    // What each child JVM runs: it reports who it is and who its parent is, then waits for the snapshot.
    static final class Child {
        public static void main(String[] args) throws Exception {
            Lab.inChild("Process " + args[0], () -> {
                ProcessHandle me = ProcessHandle.current();
                Seen main = Seen.here().resolved(nativeIds(me.pid())); // asks jcmd where there is no /proc
                System.out.printf("Process %s: its main thread has thread id %d, native thread %s%n", args[0],
                        main.threadId(), main.nativeText());
                ChildJvm.report("pid", me.pid());
                ChildJvm.report("parent", me.parent().map(ProcessHandle::pid).orElse(-1L));
                ChildJvm.report("thread_id", main.threadId());
                ChildJvm.report("os_thread", main.osThread());
                ChildJvm.awaitGo(); // a byte on standard input: the snapshot is taken
                return true;
            });
        }
    }

    // Starts n threads; each notes who it is, then waits until all have: at that moment all are alive,
    // so no platform thread can have ended and left its native id to a later one. Where a thread
    // cannot read its native id, jcmd lists them all then, before they are let go.
    List<Task> allAliveAtOnce(Thread.Builder builder, int n, Lab lab, List<Seen> seen) throws InterruptedException {
        Seen[] who = new Seen[n];
        Task[] done = new Task[n];
        CountDownLatch allAlive = new CountDownLatch(n), release = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int slot = i;
            started.add(builder.start(() -> done[slot] = lab.task(() -> {
                who[slot] = Seen.here();
                allAlive.countDown();
                release.await(); // a virtual thread that waits gives its carrier back
            })));
        }
        allAlive.await();
        Map<String, Long> ids = nativeIds(ProcessHandle.current().pid());
        release.countDown();
        for (Thread t : started) t.join();
        List<Task> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            seen.add(who[i].resolved(ids));
            Task t = done[i]; // its OS thread as seen while all were alive, jcmd's id where there is no /proc
            tasks.add(new Task(t.worker(), t.pid(), seen.get(i).osThread(), t.startNanos(), t.endNanos(), t.check()));
        }
        return tasks;
    }

    public static void main(String[] args) {
        Lab.run(new Pids(), args);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Lab lab = new Lab(common, new Results.Params("04-pids", "", null, null, null)).quiet(true); // own lines below
        System.out.println(Results.machine() + System.lineSeparator() + ProcessTree.parentLine());
        Seen main = Seen.here().resolved(nativeIds(ProcessHandle.current().pid()));
        String note = PidsNotice.nativeNote(Host.current(), NativeThread.available(), main.nativeId() >= 0);
        if (!note.isEmpty()) System.out.println(note);

        System.out.printf("%n1. %d platform threads, all alive at the same moment%n", threads);
        print(List.of(main), "native thread");
        lab.measure("worker", "platform", () -> onPlatformThreads(lab, threads));
        print(platformSeen, "native thread");
        System.out.printf("%n2. %d child processes (each a new JVM), reporting from inside%n", processes);
        Lab.Phase procs = lab.measure("worker", "processes", () -> onProcesses(lab, processes));
        lab.table("variant", "worker", "pid", "os_thread", "start_s", "task_s", "startup_s", "check"); // 1 and 2
        System.out.printf("%n3. %d virtual threads, all alive at the same moment%n", virtual);
        Lab.Phase virtuals = lab.measure("worker", "virtual", () -> onVirtualThreads(lab, virtual));
        print(virtualSeen, "carried by native thread");

        var m = measured(main, procs, virtuals);
        summary(lab, m);
        lab.notice(PidsNotice.of(m));
        return lab.end();
    }

    // The virtual threads per carrier, and the facts that "What to notice" is chosen from.
    void summary(Lab lab, PidsNotice.Measured m) {
        Table rows = lab.rows(), perCarrier = rows.where(rows.stringColumn("variant").isEqualTo("virtual")).countBy("os_thread");
        perCarrier = perCarrier.sortDescendingOn("Count").setName("Virtual threads per native (carrier) thread");
        perCarrier.column(1).setName("virtual threads");
        System.out.println(System.lineSeparator() + perCarrier.first(12).printAll());
        if (perCarrier.rowCount() > 12) System.out.printf("... and %d more native threads%n", perCarrier.rowCount() - 12);
        lab.facts("Summary", "this lesson's PID", m.pid(), "PIDs seen by the platform threads", set(m.threadPids()),
                "distinct Java thread ids / platform threads", m.javaIds() + " / " + threads,
                "distinct native threads / platform threads", platformSeen.stream().map(Seen::osThread).distinct().count()
                        + " / " + threads, "child PIDs", set(m.childPids()),
                "children whose parent is this lesson", m.childParents().stream().filter(p -> p == m.pid()).count() + " / " + processes,
                "children alive in the snapshot", m.aliveAtSnapshot() + " / " + processes,
                "median child start-up + exit", Lab.secs(m.startup()), "PIDs seen by the virtual threads", set(m.virtualPids()),
                "virtual threads alive at once", m.virtualPeak(), "native threads that carried them", m.carriers());
    }

    // All that "What to notice" is chosen from: what the threads and children said, what the lab measured.
    PidsNotice.Measured measured(Seen main, Lab.Phase procs, Lab.Phase virtuals) {
        int carriers = (int) virtuals.tasks().stream().map(Task::osThread).distinct().count();
        double[] up = procs.tasks().stream().mapToDouble(t -> t.startupNanos() / 1e9).sorted().toArray();
        int alive = (int) tree.stream().filter(p -> children.stream().anyMatch(c -> c.pid() == p.pid())).count();
        return new PidsNotice.Measured(ProcessHandle.current().pid(), Host.current().os(), threads,
                platformSeen.stream().map(Seen::pid).toList(), platformSeen.stream().mapToLong(Seen::threadId).distinct().count(),
                main.threadId(), main.nativeId(), platformSeen.stream().map(Seen::nativeId).toList(),
                procs.tasks().stream().map(Task::pid).toList(), children.stream().map(c -> Long.parseLong(c.get("parent"))).toList(),
                children.stream().map(c -> Long.parseLong(c.get("thread_id"))).toList(), alive,
                (up[(up.length - 1) / 2] + up[up.length / 2]) / 2, virtual, // the median start-up
                virtualSeen.stream().map(Seen::pid).toList(), virtuals.peak(), carriers);
    }

    final List<Seen> platformSeen = new ArrayList<>(), virtualSeen = new ArrayList<>();
    final List<ChildJvm.Child> children = new ArrayList<>();
    List<ProcessHandle> tree = List.of(); // the snapshot taken while every child waited

    /** A thread's name, its process, its Java id, and the OS thread that runs it (native id where known). */
    record Seen(String name, long pid, long threadId, long nativeId, String osThreadName) {
        static Seen here() {
            Thread me = Thread.currentThread();
            return new Seen(me.getName(), ProcessHandle.current().pid(), me.threadId(), NativeThread.id(),
                    NativeThread.osThreadName());
        }

        /** The same, with the native id jcmd gave for its OS thread, where the thread could not read it. */
        Seen resolved(Map<String, Long> nativeIds) {
            return nativeId >= 0 ? this : new Seen(name, pid, threadId, nativeIds.getOrDefault(osThreadName, -1L), osThreadName);
        }
        String nativeText() { return nativeId >= 0 ? String.valueOf(nativeId) : "n/a"; }
        String osThread() { return nativeId >= 0 ? "tid " + nativeId : osThreadName; } // the CSV's os_thread
    }

    // Native ids by thread name from jcmd, where a thread cannot read its own (no /proc); else none needed.
    static Map<String, Long> nativeIds(long pid) {
        return NativeThread.available() ? Map.of() : NativeThread.snapshot(pid);
    }

    // "Thread1: PID 1234, thread id 31, native thread 1240": every line up to 32 threads, else the first 5.
    static void print(List<Seen> seen, String nativeLabel) {
        int shown = seen.size() <= SHOW_LINES_UP_TO ? seen.size() : 5;
        for (Seen s : seen.subList(0, shown)) {
            System.out.printf("%s: PID %d, thread id %d, %s %s%n", s.name(), s.pid(), s.threadId(), nativeLabel, s.nativeText());
        }
        if (shown < seen.size()) System.out.printf("... and %d more (summary below)%n", seen.size() - shown);
    }

    // The child's own word against what the lesson knows (its PID, this lesson as its parent); its OS thread.
    static Task verified(Task t, ChildJvm.Child c) {
        boolean ok = c.get("pid").equals("" + c.pid()) && c.get("parent").equals("" + ProcessHandle.current().pid());
        return new Task(t.worker(), t.pid(), c.get("os_thread"), t.startNanos(), t.endNanos(), ok ? t.check() : "FAILED",
                t.startupNanos());
    }

    static String set(List<?> values) { return String.join(", ", new LinkedHashSet<>(values).stream().map(String::valueOf).toList()); }

    // ---- Options: below, how many of each; first, the limits and the children's JVM ----------------
    static final int MAX_THREADS = 1024, MAX_PROCESSES = 32, MAX_VIRTUAL = 100_000, SHOW_LINES_UP_TO = 32;
    // Small, quick JVMs (a child only says who it is), killed with one line after CHILD_TIMEOUT_S.
    static final List<String> CHILD_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    static final int CHILD_TIMEOUT_S = 90;

    @Option(names = "--threads", paramLabel = "N", description = "How many platform threads (default: ${DEFAULT-VALUE}).")
    int threads = 4;
    @Option(names = "--processes", paramLabel = "N", description = "How many child processes (JVMs) (default: ${DEFAULT-VALUE}).")
    int processes = 2;
    @Option(names = "--virtual", paramLabel = "N", description = "How many virtual threads (default: ${DEFAULT-VALUE}).")
    int virtual = 1000;

    @Mixin Cli.Common common;
    @Spec CommandSpec spec;

    void validate() {
        if (threads < 1 || threads > MAX_THREADS) throw Cli.bad(spec, "--threads must be from 1 to %d (got %d)", MAX_THREADS, threads);
        if (processes < 1 || processes > MAX_PROCESSES) throw Cli.bad(spec,
                "--processes must be from 1 to %d: each one is a whole JVM (got %d)", MAX_PROCESSES, processes);
        if (virtual < 1 || virtual > MAX_VIRTUAL) throw Cli.bad(spec, "--virtual must be from 1 to %d (got %d)", MAX_VIRTUAL, virtual);
    }
}

// What you should see: the threads, all alive at once, report one PID, the lesson's, yet each has a
// Java thread id and a native (OS) thread id of its own (on Linux from the same counter as PIDs).
// Each child JVM reports a new PID and names the lesson as its parent, and the descendants() snapshot
// shows them all alive below it. The 1000 virtual threads, alive together, run on a few carriers,
// about one per core (4–16 on a laptop), as a waiting virtual thread gives its carrier back. The
// article's Python shows the first two: one PID for all its threads, a new one per process.
