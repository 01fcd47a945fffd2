///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.slf4j:slf4j-nop:2.0.17
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
//SOURCES support/*.java
//MAIN Pids

// Lesson 04 — who is running this? PIDs, thread ids and native threads.
//
// The article's "Process ID" section: threads print the same PID, processes print new ones. Here
// the JVM answers the question at three levels. The operating system gives each process a PID, and
// every thread of that process reports it. Inside the process, each Java thread has its own thread
// id, and each platform thread is an OS thread with a native id of its own (Linux shows it in /proc;
// elsewhere the lesson asks the JDK's jcmd, which lists every thread with its "nid"). A child
// process is a separate JVM: a new PID, whose parent is this lesson. Virtual threads, finally, are
// Java threads without an OS thread of their own: a few carrier threads run them all.
//
// Run it:   ./jbang pids                         4 threads, 2 child processes, 1000 virtual threads
//           ./jbang pids --processes 4           four children in the process tree
//           ./jbang pids --virtual 100_000       many more virtual threads, still a few carriers

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.ChildJvm;
import support.Cli;
import support.Gauge;
import support.Host;
import support.NativeThread;
import support.Results;
import support.Results.Task;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

@Command(name = "pids", mixinStandardHelpOptions = true,
        description = "Lesson 04: threads share their process's PID; child processes get PIDs of their own.")
class Pids implements Callable<Integer> {

    static final int MAX_THREADS = 1024, MAX_PROCESSES = 32, MAX_VIRTUAL = 100_000, SHOW_LINES_UP_TO = 32;
    /** Small, quick JVMs: a child only says who it is, so it needs neither a big JIT nor a parallel GC. */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** Seconds a child may take, from its start, before the lesson kills it and says so. */
    static final int CHILD_TIMEOUT_S = 90;
    /** The command column of the process table: with pid, parent pid and started as, 100 columns in all. */
    static final int COMMAND_WIDTH = 52;

    @Option(names = "--threads", paramLabel = "N", description = "How many platform threads (default: ${DEFAULT-VALUE}).")
    int threads = 4;

    @Option(names = "--processes", paramLabel = "N", description = "How many child processes (JVMs) (default: ${DEFAULT-VALUE}).")
    int processes = 2;

    @Option(names = "--virtual", paramLabel = "N", description = "How many virtual threads (default: ${DEFAULT-VALUE}).")
    int virtual = 1000;

    @Mixin Cli.Common common;
    @Spec CommandSpec spec;

    public static void main(String[] args) {
        Cli.run(new Pids(), args);
    }

    /**
     * What a thread can tell about itself: its name, its process, its Java id, and the OS thread that
     * runs it: its native id where the thread can read it (Linux), and that OS thread's name.
     */
    record Seen(String name, long pid, long threadId, long nativeId, String osThreadName) {
        static Seen here() {
            Thread me = Thread.currentThread();
            return new Seen(me.getName(), ProcessHandle.current().pid(), me.threadId(), NativeThread.id(),
                    NativeThread.osThreadName());
        }

        /** The same, with the native id that jcmd gave for its OS thread, where the thread could not read it. */
        Seen resolved(Map<String, Long> nativeIds) {
            return nativeId >= 0 ? this
                    : new Seen(name, pid, threadId, nativeIds.getOrDefault(osThreadName, -1L), osThreadName);
        }

        String nativeText() { return nativeId >= 0 ? String.valueOf(nativeId) : "n/a"; }

        /** The CSV's os_thread: "tid N" where the native id is known, else the OS thread's name. */
        String osThread() { return nativeId >= 0 ? "tid " + nativeId : osThreadName; }
    }

    /** Native ids by thread name from jcmd, where a thread cannot read its own (no /proc); else none needed. */
    static Map<String, Long> nativeIds(long pid) {
        return NativeThread.available() ? Map.of() : NativeThread.snapshot(pid);
    }

    /**
     * What each child JVM runs: compiled with the lesson, started from the class path (no compiler, no
     * shell). It asks the operating system who it is and who its parent is, reports that, and then
     * waits on its standard input until the lesson has taken its snapshot of the process tree.
     */
    static final class Child {
        public static void main(String[] args) throws java.io.IOException {
            ChildJvm.exitWithParent(); // if the lesson dies, this JVM goes too
            int index = Integer.parseInt(args[0]);
            ProcessHandle me = ProcessHandle.current();
            long parent = me.parent().map(ProcessHandle::pid).orElse(-1L);
            if (!NativeThread.available()) { // this first line marks the child as started; jcmd takes a moment
                System.out.printf("Process %d: PID %d is up; asking jcmd for its main thread's native id%n", index, me.pid());
                System.out.flush();
            }
            Seen main = Seen.here().resolved(nativeIds(me.pid())); // asks jcmd where there is no /proc
            // The line a learner reads, then the result line that the lesson keeps.
            System.out.printf("Process %d: PID %d, parent %s, its main thread: thread id %d, native thread %s%n",
                    index, me.pid(), parent >= 0 ? parent : "unknown", main.threadId(), main.nativeText());
            ChildJvm.report("pid", me.pid());
            ChildJvm.report("parent", parent);
            ChildJvm.report("thread_id", main.threadId());
            ChildJvm.report("os_thread", main.osThread());
            System.out.flush();
            ChildJvm.awaitGo(); // stay alive until the lesson says go (a byte on our standard input)
        }
    }

    /** One phase of threads: who they were, when they ran, and how many were alive at once. */
    record Phase(List<Seen> seen, List<Task> tasks, long t0, long wallNanos, int peak) {}

    /**
     * Starts {@code count} threads from {@code builder}. Each one notes who it is, then waits until
     * all of them have done so: at that moment every thread of the phase is alive, so no platform
     * thread can have ended early and left its native id to a later one. Where a thread cannot read
     * its native id, jcmd lists them all then, before the threads are let go.
     */
    static Phase runThreads(Thread.Builder builder, int count) throws InterruptedException {
        Seen[] seen = new Seen[count];
        long[][] times = new long[count][];
        Gauge alive = new Gauge();
        CountDownLatch allAlive = new CountDownLatch(count), release = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>(count);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int slot = i;
            started.add(builder.start(() -> {
                long start = System.nanoTime();
                alive.enter();
                Seen me = Seen.here();
                seen[slot] = me;
                allAlive.countDown();
                try {
                    release.await(); // a virtual thread that waits gives its carrier back
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                alive.exit();
                times[slot] = new long[] {start, System.nanoTime()};
            }));
        }
        allAlive.await();
        Map<String, Long> ids = nativeIds(ProcessHandle.current().pid());
        release.countDown();
        for (Thread t : started) t.join();
        List<Seen> resolved = new ArrayList<>(count);
        List<Task> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Seen s = seen[i].resolved(ids);
            resolved.add(s);
            tasks.add(new Task(s.name(), s.pid(), s.osThread(), times[i][0], times[i][1], ""));
        }
        return new Phase(resolved, tasks, t0, System.nanoTime() - t0, alive.peak());
    }

    @Override
    public Integer call() throws Exception {
        validate();
        long pid = ProcessHandle.current().pid();
        System.out.println(Results.machine());
        ProcessHandle.current().parent().ifPresentOrElse(
                p -> System.out.printf("This lesson is PID %d; its parent is PID %d (%s)%n", pid, p.pid(), shorten(commandOf(p), 44)),
                () -> System.out.printf("This lesson is PID %d; its parent is not known%n", pid));
        Map<String, Long> mainIds = nativeIds(pid);
        String note = nativeNote(Host.current(), NativeThread.available(), !mainIds.isEmpty());
        if (!note.isEmpty()) System.out.println(note);
        Results results = new Results(new Results.Params("04-pids", "", null, null, null));

        // 1. Threads: one process, so one PID; but a Java id and an OS thread for each thread.
        System.out.printf("%n1. %d platform threads, all alive at the same moment%n", threads);
        Seen main = Seen.here().resolved(mainIds);
        System.out.printf("%s: PID %d, thread id %d, native thread %s%n", main.name(), main.pid(), main.threadId(), main.nativeText());
        Phase platform = runThreads(Thread.ofPlatform().name("Thread", 1), threads);
        printSeen(platform.seen(), "native thread");
        results.add("worker", "platform", platform.t0(), platform.wallNanos(), platform.peak(), platform.tasks());

        // 2. Processes: each child is a new JVM with a PID of its own, and this lesson is its parent.
        System.out.printf("%n2. %d child processes (each a new JVM), reporting from inside%n", processes);
        ProcessPhase children = runChildren(pid);
        results.add("worker", "processes", children.t0(), children.wallNanos(), children.aliveAtSnapshot(), children.tasks());

        // 3. Virtual threads: Java threads that the JVM runs on a few carrier (platform) threads.
        System.out.printf("%n3. %d virtual threads, all alive at the same moment%n", virtual);
        Phase virtuals = runThreads(Thread.ofVirtual().name("Virtual", 1), virtual);
        printSeen(virtuals.seen(), "carried by native thread");
        results.add("worker", "virtual", virtuals.t0(), virtuals.wallNanos(), virtuals.peak(), virtuals.tasks());

        summarise(results, main, platform, children, virtuals);
        results.writeCsv(common.csv);
        return children.tasks().stream().allMatch(t -> t.check().equals("ok")) ? 0 : 1;
    }

    void printSeen(List<Seen> seen, String nativeLabel) {
        int shown = seen.size() <= SHOW_LINES_UP_TO ? seen.size() : 5;
        for (Seen s : seen.subList(0, shown)) {
            System.out.printf("%s: PID %d, thread id %d, %s %s%n", s.name(), s.pid(), s.threadId(), nativeLabel, s.nativeText());
        }
        if (shown < seen.size()) System.out.printf("... and %d more (summary below)%n", seen.size() - shown);
    }

    /** The children as the lesson saw them: a row each, and how many were alive in the snapshot. */
    record ProcessPhase(List<Task> tasks, List<Long> reportedParents, List<Long> threadIds, long t0, long wallNanos,
                        int aliveAtSnapshot) {}

    ProcessPhase runChildren(long pid) throws InterruptedException, IOException {
        AtomicLongArray reportedAt = new AtomicLongArray(processes);
        List<ChildJvm.Child> children = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 1; i <= processes; i++) {
            int slot = i - 1;
            // The child's lines are printed here as they arrive; the first one means "I am alive".
            children.add(ChildJvm.start("Process " + i, CHILD_JVM_OPTIONS, Child.class, List.of(String.valueOf(i)),
                    line -> {
                        reportedAt.compareAndSet(slot, 0, System.nanoTime());
                        System.out.println(line);
                    }));
        }
        // Wait for every child's report (a child that fails or hangs ends the lesson with one line).
        for (ChildJvm.Child child : children) child.awaitResults(4, CHILD_TIMEOUT_S); // its four result lines

        // The snapshot: every process below this one, taken while all the children wait for "go".
        List<ProcessHandle> tree = ProcessHandle.current().descendants()
                .sorted(Comparator.comparingLong(ProcessHandle::pid)).toList();
        printTree(pid, tree, children);
        long released = System.nanoTime();
        for (ChildJvm.Child child : children) child.go();

        List<Task> tasks = new ArrayList<>();
        List<Long> parents = new ArrayList<>(), threadIds = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            ChildJvm.Child child = children.get(i).await(CHILD_TIMEOUT_S);
            long childPid = Long.parseLong(child.get("pid")), parent = Long.parseLong(child.get("parent"));
            boolean ok = childPid == child.pid() && parent == pid;
            if (!ok) {
                System.out.printf("%s: reported PID %d and parent %d, but the lesson started PID %d and is PID %d!%n",
                        child.name(), childPid, parent, child.pid(), pid);
            }
            parents.add(parent);
            threadIds.add(Long.parseLong(child.get("thread_id")));
            // The child's task is to be alive and visible, from its report until "go". Around it, the
            // process cost: JVM start-up until the report, and the exit after "go".
            long reported = reportedAt.get(i);
            long cost = (reported - child.startNanos()) + Math.max(0, child.exitNanos() - released);
            tasks.add(new Task(child.name(), childPid, child.get("os_thread"), reported, released, ok ? "ok" : "FAILED", cost));
        }
        long alive = tree.stream().filter(p -> children.stream().anyMatch(c -> c.pid() == p.pid())).count();
        return new ProcessPhase(tasks, parents, threadIds, t0, System.nanoTime() - t0, (int) alive);
    }

    void printTree(long pid, List<ProcessHandle> tree, List<ChildJvm.Child> children) {
        LongColumn pids = LongColumn.create("pid"), parents = LongColumn.create("parent pid");
        StringColumn who = StringColumn.create("started as"), command = StringColumn.create("command");
        for (ProcessHandle p : tree) {
            pids.append(p.pid());
            parents.append(p.parent().map(ProcessHandle::pid).orElse(-1L));
            who.append(children.stream().filter(c -> c.pid() == p.pid()).map(ChildJvm.Child::name).findFirst().orElse("-"));
            command.append(commandOf(p));
        }
        Table table = Table.create(String.format("Live processes below this lesson (PID %d), from descendants()", pid),
                pids, parents, who, command);
        System.out.println();
        System.out.println(table.printAll());
    }

    /** A process's command line, short enough to read: the program's file name, the class path elided. */
    static String commandOf(ProcessHandle p) {
        ProcessHandle.Info info = p.info();
        StringBuilder text = new StringBuilder(info.command().map(c -> Path.of(c).getFileName().toString()).orElse("?"));
        List<String> args = info.arguments().map(List::of).orElse(List.of());
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean classPath = i > 0 && Set.of("-cp", "-classpath", "--class-path").contains(args.get(i - 1));
            int lastSeparator = arg.lastIndexOf(java.io.File.separatorChar); // a long path: its file name only
            text.append(' ').append(classPath ? "..." : arg.length() > 24 && lastSeparator > 0
                    ? "..." + arg.substring(lastSeparator) : arg);
        }
        return shorten(text.toString(), COMMAND_WIDTH);
    }

    /** At most {@code width} characters: the program's name, "...", and the end (main class and arguments). */
    static String shorten(String command, int width) {
        if (command.length() <= width) return command;
        int space = command.indexOf(' ');
        String head = (space > 0 && space < width / 3 ? command.substring(0, space) : "") + " ...";
        return head + command.substring(command.length() - (width - head.length()));
    }

    void summarise(Results results, Seen main, Phase platform, ProcessPhase children, Phase virtuals) {
        long pid = ProcessHandle.current().pid();
        Table rows = results.table();
        Table perNative = rows.where(rows.stringColumn("variant").isEqualTo("virtual"))
                .summarize("task_s", AggregateFunctions.count).by("os_thread");
        perNative.setName("Virtual threads per native (carrier) thread");
        perNative.column(1).setName("virtual threads");
        perNative = perNative.sortDescendingOn("virtual threads");

        Set<Long> threadPids = distinct(platform.seen().stream().map(Seen::pid).toList());
        Set<Long> virtualPids = distinct(virtuals.seen().stream().map(Seen::pid).toList());
        int platformNative = distinct(platform.seen().stream().map(Seen::osThread).toList()).size();
        int carriers = distinct(virtuals.seen().stream().map(Seen::osThread).toList()).size();
        List<Long> childPids = children.tasks().stream().map(Task::pid).toList();
        long childrenOfLesson = children.reportedParents().stream().filter(p -> p == pid).count();
        long javaIds = platform.seen().stream().mapToLong(Seen::threadId).distinct().count();

        double startup = rows.where(rows.stringColumn("variant").isEqualTo("processes")).doubleColumn("startup_s").median();
        System.out.println();
        System.out.println(rows.where(rows.stringColumn("variant").isNotEqualTo("virtual"))
                .selectColumns("variant", "worker", "pid", "os_thread", "start_s", "task_s", "startup_s", "check").printAll());
        System.out.println();
        System.out.println(perNative.first(12).printAll());
        if (perNative.rowCount() > 12) System.out.printf("... and %d more native threads%n", perNative.rowCount() - 12);
        System.out.println();
        System.out.println(Results.facts("Summary",
                "this lesson's PID", pid,
                "PIDs seen by the platform threads", join(threadPids),
                "distinct Java thread ids / platform threads", javaIds + " / " + threads,
                "distinct native threads / platform threads", platformNative + " / " + threads,
                "child PIDs", join(childPids),
                "children whose parent is this lesson", childrenOfLesson + " / " + processes,
                "children alive in the snapshot", children.aliveAtSnapshot() + " / " + processes,
                "median child start-up + exit", Results.secs(startup),
                "PIDs seen by the virtual threads", join(virtualPids),
                "virtual threads alive at once", virtuals.peak(),
                "native threads that carried them", carriers).printAll());

        String threadStory = String.format("The %d platform threads all reported PID %s, this lesson's: a PID names "
                + "a process, and all its threads share it. Inside the JVM each has its own Java thread id (%d distinct; "
                + "main's is %d). ", threads, join(threadPids), javaIds, main.threadId());
        threadStory += nativeStory(Host.current().os(), platform.seen(), main, pid);
        Set<Long> childMainIds = distinct(children.threadIds());
        String processStory = String.format("The %d child JVMs got PIDs of their own (%s), and %s. Their main threads "
                + "had Java thread id %s%s: a thread id only means something inside its process. The descendants() "
                + "snapshot found %d of them alive at once; starting and ending each JVM cost %s (median). ",
                processes, join(childPids), childrenOfLesson == processes
                        ? String.format("each one, asking the operating system from inside, named PID %d as its parent", pid)
                        : String.format("only %d of them named PID %d as their parent: see the check column",
                                childrenOfLesson, pid),
                join(childMainIds), childMainIds.equals(Set.of(main.threadId())) ? ", the same as this lesson's main" : "",
                children.aliveAtSnapshot(), Results.secs(startup));
        String virtualStory = String.format("The %d virtual threads, all alive at the same moment and all in PID %s, "
                + "were run by %d native (carrier) thread(s): a waiting virtual thread gives its carrier back. ",
                virtual, join(virtualPids), carriers);
        String jshellStory = String.format("In jshell, mind whose PID you see: plain jshell runs your snippets in an "
                + "agent JVM that it starts as its child (as this lesson started %d), so a snippet prints the agent's "
                + "PID; `jshell --execution local`, and JBang running a .jsh file, keep the snippets in jshell's own "
                + "process.", processes);
        Results.notice(threadStory + processStory + virtualStory + jshellStory);
    }

    /** One line for the top of the output where /proc is missing: where native ids come from, or that they cannot be shown. */
    static String nativeNote(Host host, boolean procfs, boolean jcmdAnswered) {
        if (procfs) return "";
        return jcmdAnswered
                ? "On " + host.displayName() + " there is no /proc: native thread ids come from `jcmd PID Thread.print`."
                : "On " + host.displayName() + " a thread cannot read its native id (no /proc) and jcmd did not"
                        + " answer: n/a.";
    }

    /** What the native ids of the platform threads (and main's) say, chosen by what was seen. */
    static String nativeStory(Host.Os os, List<Seen> platform, Seen main, long pid) {
        long known = platform.stream().filter(s -> s.nativeId() >= 0).count();
        long distinct = platform.stream().filter(s -> s.nativeId() >= 0).mapToLong(Seen::nativeId).distinct().count();
        if (known == 0 || main.nativeId() < 0) {
            return "Native thread ids could not be read here, so the os_thread column holds thread names. ";
        }
        String story = distinct == platform.size()
                ? String.format("Each is also an OS thread of its own (%d distinct native ids). ", distinct)
                : String.format("Only %d distinct native ids for %d threads: some ids were not known. ", distinct,
                        platform.size());
        if (os != Host.Os.LINUX) return story + String.format("main runs on native thread %d. ", main.nativeId());
        return story + String.format("Linux numbers threads from the same counter as processes, which is why those"
                + " ids look like PIDs; main runs on native thread %d, %s. ", main.nativeId(), main.nativeId() == pid
                        ? "the process's first thread, whose id is the PID"
                        : "not " + pid + ": the java launcher starts main on a new thread, and the process's "
                                + "first thread (whose id is the PID) waits for it");
    }

    static <T> Set<T> distinct(List<T> values) { return new LinkedHashSet<>(values); }

    static String join(java.util.Collection<?> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }

    void validate() {
        if (threads < 1 || threads > MAX_THREADS) {
            throw Cli.bad(spec, "--threads must be from 1 to %d (got %d)", MAX_THREADS, threads);
        }
        if (processes < 1 || processes > MAX_PROCESSES) {
            throw Cli.bad(spec, "--processes must be from 1 to %d: each one is a whole JVM (got %d)", MAX_PROCESSES, processes);
        }
        if (virtual < 1 || virtual > MAX_VIRTUAL) {
            throw Cli.bad(spec, "--virtual must be from 1 to %d (got %d)", MAX_VIRTUAL, virtual);
        }
    }
}
