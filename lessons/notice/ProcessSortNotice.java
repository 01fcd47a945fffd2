package notice;

import java.util.List;
import support.CpuClock;
import support.Notice;

/**
 * Lesson 03's "What to notice": chosen from what one run measured, so that a test can feed it made-up
 * numbers on both sides of every claim. Each sentence that states an outcome names its claim.
 */
public final class ProcessSortNotice {
    private ProcessSortNotice() {}

    /**
     * What one run measured. Wall and job times in seconds; cores busy is CPU time ÷ wall time (NaN
     * where unknown); the PIDs are the children's, the threads' and this process's own.
     */
    public record Measured(int workers, int cores, double baseline, double threadsWall, double processesWall,
                           double threadJob, double processJob, double startup, double threadsBusy,
                           double processesBusy, long pid, List<Long> childPids, List<Long> threadPids,
                           List<String> jvmOptions) {
        /** How many times faster than the same jobs one after another (workers × baseline). */
        public double threadsSpeedUp() { return workers * baseline / threadsWall; }

        public double processesSpeedUp() { return workers * baseline / processesWall; }
    }

    // Two measurements closer than this fraction of the larger are "about the same" on a busy machine.
    static final double NOISE = 0.15;

    // Start-up flags worth trying: claim, flag, the option prefix that means "already tried", what it changes.
    static final List<String[]> FLAGS_TO_TRY = List.of(
            new String[] {"try-no-cds", "-Xshare:off", "-Xshare", "no class-data sharing: a slower start"},
            new String[] {"try-c1-only", "-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel",
                    "C1 only: a quicker start, slower code"});

    public static Notice of(Measured m) {
        Notice n = new Notice();
        Object[] v = {"n", m.workers(), "cores", m.cores(), "pid", m.pid(), "serial", Notice.secs(m.workers() * m.baseline()),
                "base", Notice.secs(m.baseline()), "tw", Notice.secs(m.threadsWall()), "pw", Notice.secs(m.processesWall()),
                "tj", Notice.secs(m.threadJob()), "pj", Notice.secs(m.processJob()), "startup", Notice.secs(m.startup()),
                "best", Notice.times(Math.min(m.workers(), m.cores())), "pids", join(m.childPids()),
                "tpids", join(m.threadPids().stream().distinct().toList())};

        // Who ran where: the PIDs say it, not the lesson.
        boolean ownPids = m.childPids().stream().distinct().count() == m.childPids().size()
                && !m.childPids().contains(m.pid());
        boolean sharedPid = m.threadPids().stream().allMatch(p -> p == m.pid());
        n.either(ownPids && sharedPid,
                "[own-pids] Each child is a JVM with a PID of its own ({pids}), while the {n} threads share this"
                        + " process's PID {pid}.",
                "[odd-pids] The PIDs are not what one would expect: children {pids}, threads {tpids}, this"
                        + " process {pid}.", v);

        // In parallel or not: each way's speed-up over the same jobs one after another, noise allowed for.
        if (m.workers() == 1) {
            n.say("[one-worker] With one worker nothing runs side by side: both ways did one job, in {tw} on a"
                    + " thread and {pw} in a process, against {base} for the baseline.", v);
        } else {
            n.say("[best-speed-up] Done one after another, the {n} jobs would take {serial}; on {cores} cores, side"
                    + " by side, they can at best go {best} faster.", v);
            way(n, "threads", m.threadsWall(), m.threadsSpeedUp(), m.threadsBusy(), m.threadJob(), m);
            way(n, "processes", m.processesWall(), m.processesSpeedUp(), m.processesBusy(), m.processJob(), m);
        }

        // Threads against processes: the wall times decide, not the textbook.
        n.pick(Notice.compare(m.threadsWall(), m.processesWall(), NOISE),
                "[threads-first] The threads finished first ({tw} against {pw}): a process pays for things a"
                        + " thread does not.",
                "[about-as-long] Threads and processes took about as long ({tw} and {pw}, within noise of each"
                        + " other).",
                "[processes-first] Here the processes finished first ({pw} against {tw}), although each paid for"
                        + " a JVM of its own: run it again before you trust that.", v);
        n.say("[startup] Starting and ending a JVM around the job took {startup} per child (median).", v);
        n.pick(Notice.compare(m.processJob(), m.threadJob(), NOISE),
                "[job-quicker-in-process] The job itself was quicker in a process ({pj}) than on a thread ({tj}).",
                "[job-as-long-in-process] The job itself took about as long in a process ({pj}) as on a thread"
                        + " ({tj}).",
                "[job-slower-in-process] The job itself took longer in a process ({pj}) than on a warm thread"
                        + " ({tj}): among other things, each child starts cold, its JIT compiling the sort again.", v);
        n.say("[whole-jvm] That start-up is a whole JVM starting and exiting; lesson 05 times only the OS's part,"
                + " creating a process (fork or posix_spawn of a tiny program).");
        n.say("[gil-processes] In the article, processes were Python's only way past the GIL (its four processes"
                + " took about 6.9 s each against 5.6 s for one); Java threads have no such lock.");

        // Only the flags the learner has not passed yet.
        boolean first = true;
        for (String[] f : FLAGS_TO_TRY) {
            if (m.jvmOptions().stream().anyMatch(o -> o.startsWith(f[2]))) continue;
            n.say("[" + f[0] + "] " + (first ? "To see what start-up flags change, try" : "Or try")
                    + " --jvm-option={flag} ({what}).", "flag", f[1], "what", f[3]);
            first = false;
        }
        return n;
    }

    // One way's outcome: in parallel, no faster, or slower than the jobs one after another, and the cores
    // it kept busy. Claims are named after the way: [threads-parallel], [processes-slower]...
    static void way(Notice n, String way, double wall, double speedUp, double busy, double job, Measured m) {
        int usable = Math.min(m.workers(), m.cores());
        double shared = m.baseline() * Math.max(1, (double) m.workers() / m.cores()); // each job's share of a core
        Object[] w = {"way", way, "wall", Notice.secs(wall), "s", Notice.times(speedUp), "busy", CpuClock.text(busy),
                "job", Notice.secs(job), "base", Notice.secs(m.baseline()), "shared", Notice.secs(shared),
                "n", m.workers(), "cores", m.cores(), "usable", usable};
        Notice.Outcome outcome = Notice.compare(speedUp, 1, NOISE);
        if (outcome == Notice.Outcome.MORE && Notice.compare(speedUp, usable, NOISE) == Notice.Outcome.MORE) {
            // More than the cores can give: the baseline was slow, not the workers fast.
            n.say("[" + way + "-baseline-slow] The {way} took {wall}: {s} faster than one after another, more than"
                    + " {usable} cores can give, so the baseline was slowed down (the JIT or the garbage collector"
                    + " still at work, or other programs): this says nothing about running in parallel.", w);
        } else {
            n.pick(outcome,
                    "[" + way + "-slower] The {way} took {wall}: slower than one after another ({s}).",
                    "[" + way + "-no-faster] The {way} took {wall}: no faster than one after another ({s}, within"
                            + " noise of 1x).",
                    "[" + way + "-parallel] The {way} ran in parallel: {wall}, {s} faster than one after another.", w);
        }
        if (Double.isNaN(busy)) return;
        // Busy cores that bring no speed-up mean each job itself got slower beside the others.
        boolean slowerJobs = Notice.compare(job, m.baseline(), NOISE) == Notice.Outcome.MORE;
        if (outcome != Notice.Outcome.MORE && busy >= 1.5 && slowerJobs) {
            n.say("[" + way + "-side-by-side-slower] Yet they kept {busy} cores busy on average, so they did run"
                    + " side by side; but each job took {job} against {base} alone" + (m.workers() > m.cores()
                    ? " ({shared} if {n} jobs sharing {cores} cores were the only cost)." : "."), w);
        } else {
            n.either(Notice.compare(busy, usable, NOISE) == Notice.Outcome.LESS,
                    "[" + way + "-cores-idle] They kept {busy} cores busy on average, fewer than the {usable} they"
                            + " could use (for part of the time fewer workers were running, or other programs had"
                            + " the cores).",
                    "[" + way + "-cores-busy] They kept {busy} cores busy on average.", w);
        }
    }

    static String join(List<Long> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }
}
