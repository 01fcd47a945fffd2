package notice;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import support.Host;
import support.Notice;

/**
 * Lesson 04's "What to notice": chosen from what one run saw, so that a test can feed it made-up ids
 * on both sides of every claim. Each sentence that states an outcome names its claim.
 */
public final class PidsNotice {
    private PidsNotice() {}

    /**
     * What one run saw. {@code platformNatives} are the platform threads' native ids (-1 where unknown),
     * {@code mainNative} main's; {@code childParents} and {@code childMainIds} are what each child said
     * from inside: its parent's PID and its main thread's Java id; {@code startup} is in seconds.
     */
    public record Measured(long pid, Host.Os os, int threads, List<Long> threadPids, long javaIds, long mainThreadId,
                           long mainNative, List<Long> platformNatives, List<Long> childPids, List<Long> childParents,
                           List<Long> childMainIds, int aliveAtSnapshot, double startup, int virtual,
                           List<Long> virtualPids, int virtualPeak, int carriers) {}

    public static Notice of(Measured m) {
        Notice n = new Notice();
        int processes = m.childPids().size();
        long parented = m.childParents().stream().filter(p -> p == m.pid()).count();
        Set<Long> childMainIds = new LinkedHashSet<>(m.childMainIds());
        Object[] v = {"pid", m.pid(), "threads", m.threads(), "tpids", join(distinct(m.threadPids())),
                "javaIds", m.javaIds(), "mainId", m.mainThreadId(), "mainNative", m.mainNative(),
                "processes", processes, "cpids", join(m.childPids()), "parented", parented,
                "childIds", join(childMainIds), "alive", m.aliveAtSnapshot(), "startup", Notice.secs(m.startup()),
                "virtual", m.virtual(), "vpids", join(distinct(m.virtualPids())), "peak", m.virtualPeak(),
                "carriers", m.carriers()};

        // Threads: one process, so one PID; but a Java id and an OS thread for each.
        n.either(distinct(m.threadPids()).equals(Set.of(m.pid())),
                "[threads-share-pid] The {threads} platform threads all reported PID {pid}, this lesson's: a PID"
                        + " names a process, and all its threads share it.",
                "[threads-pid-odd] The {threads} platform threads reported PID(s) {tpids}, where this lesson is"
                        + " PID {pid}.", v);
        n.either(m.javaIds() == m.threads(),
                "[own-java-ids] Inside the JVM each has its own Java thread id ({javaIds} distinct; main's is"
                        + " {mainId}).",
                "[java-ids-shared] Only {javaIds} distinct Java thread ids for {threads} threads (main's is"
                        + " {mainId}).", v);
        nativeIds(n, m, v);

        // Processes: each child a JVM with a PID of its own, and this lesson its parent.
        n.either(distinct(m.childPids()).size() == processes && !m.childPids().contains(m.pid()),
                "[children-own-pids] The {processes} child JVMs got PIDs of their own ({cpids}).",
                "[children-pids-odd] The child JVMs' PIDs are not what one would expect: {cpids}.", v);
        n.either(parented == processes,
                "[lesson-is-parent] Each one, asking the operating system from inside, named PID {pid} as its"
                        + " parent.",
                "[parent-mismatch] Only {parented} of them named PID {pid} as their parent: see the check column.", v);
        n.either(childMainIds.equals(Set.of(m.mainThreadId())),
                "[same-thread-id] Their main threads had Java thread id {childIds}, the same as this lesson's"
                        + " main: a thread id only means something inside its process.",
                "[thread-id-per-process] Their main threads had Java thread id(s) {childIds}: a thread id only"
                        + " means something inside its process.", v);
        n.either(m.aliveAtSnapshot() == processes,
                "[all-alive-in-snapshot] The descendants() snapshot found every one of them ({alive} of {processes})"
                        + " alive at once.",
                "[some-alive-in-snapshot] The descendants() snapshot found {alive} of the {processes} alive.", v);
        n.say("[child-startup] Starting and ending each JVM cost {startup} (median).", v);

        // Virtual threads: Java threads, in this process, on a few carriers.
        n.either(distinct(m.virtualPids()).equals(Set.of(m.pid())) && m.virtualPeak() == m.virtual(),
                "[virtual-share-pid] The {virtual} virtual threads, all alive at the same moment, all reported"
                        + " PID {pid} too.",
                "[virtual-odd] The {virtual} virtual threads reported PID(s) {vpids}, up to {peak} alive at once.", v);
        n.either(m.carriers() < m.virtual(),
                "[few-carriers] They were run by {carriers} native (carrier) thread(s): a virtual thread that"
                        + " waits gives its carrier back, so a few carriers hold them all.",
                "[carrier-each] They ran on {carriers} native thread(s), one each; with many more (try --virtual"
                        + " 10000) a few carriers hold them all.", v);
        n.say("[jshell-pid] In jshell, mind whose PID you see: plain jshell runs your snippets in an agent JVM that"
                + " it starts as its child (as this lesson started {processes}), so a snippet prints the agent's PID;"
                + " `jshell --execution local`, and JBang running a .jsh file, keep the snippets in jshell's own"
                + " process.", v);
        return n;
    }

    // What the native ids of the platform threads (and main's) say, chosen by what was seen.
    static void nativeIds(Notice n, Measured m, Object[] v) {
        List<Long> known = m.platformNatives().stream().filter(id -> id >= 0).toList();
        if (known.isEmpty() || m.mainNative() < 0) {
            n.say("[native-unknown] Native thread ids could not be read here, so the os_thread column holds thread"
                    + " names.");
            return;
        }
        n.either(distinct(known).size() == m.threads(),
                "[native-each] Each is also an OS thread of its own ({distinct} distinct native ids).",
                "[native-some-unknown] Only {distinct} distinct native ids for {threads} threads: some ids were"
                        + " not known.", "distinct", distinct(known).size(), "threads", m.threads());
        if (m.os() != Host.Os.LINUX) {
            n.say("[main-native] main runs on native thread {mainNative}.", v);
            return;
        }
        n.say("[linux-counter] Linux numbers threads from the same counter as processes, which is why those ids"
                + " look like PIDs.");
        n.either(m.mainNative() == m.pid(),
                "[main-first-thread] main runs on native thread {mainNative}, the process's first thread, whose id"
                        + " is the PID.",
                "[main-not-first-thread] main runs on native thread {mainNative}, not {pid}: the java launcher"
                        + " starts main on a new thread, and the process's first thread (whose id is the PID)"
                        + " waits for it.", v);
    }

    /**
     * One line for the top of the output where there is no /proc: where native ids come from, or that
     * they cannot be shown; empty where a thread reads its own.
     */
    public static String nativeNote(Host host, boolean procfs, boolean jcmdAnswered) {
        if (procfs) return "";
        return jcmdAnswered
                ? "On " + host.displayName() + " there is no /proc: native thread ids come from `jcmd PID Thread.print`."
                : "On " + host.displayName() + " a thread cannot read its native id (no /proc) and jcmd did not"
                        + " answer: n/a.";
    }

    static <T> Set<T> distinct(Collection<T> values) { return new LinkedHashSet<>(values); }

    static String join(Collection<?> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }
}
