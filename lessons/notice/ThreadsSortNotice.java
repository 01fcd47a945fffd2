package notice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import support.CpuClock;
import support.Notice;
import support.Notice.Outcome;

/**
 * Lesson 02's "What to notice": chosen from what one run measured, so that a test can feed it made-up
 * numbers on both sides of every claim. Each sentence that states an outcome names its claim; a
 * difference within noise is called that.
 */
public final class ThreadsSortNotice {
    private ThreadsSortNotice() {}

    /**
     * One run's measurements: seconds, except {@code busy} and {@code busyBaseline} (cores busy: CPU
     * time / wall time, NaN where unknown). {@code finishes}: when each thread finished, after the start
     * of the threads, in order. {@code threadsGiven}: the learner passed --threads.
     */
    public record Measured(int threads, int cores, boolean threadsGiven, boolean gil, boolean boxed,
                           boolean sharedRandom, double switchMillis, double baseline, double wall, double slowest,
                           double[] finishes, int peak, double busyBaseline, double busy, long handovers) {
        public double speedUp() { return threads * baseline / wall; }

        public int usableCores() { return Math.min(threads, cores); }

        /** The smallest gap between two threads finishing one after the other. */
        public double closestFinishes() {
            double closest = Double.POSITIVE_INFINITY;
            for (int i = 1; i < finishes.length; i++) closest = Math.min(closest, finishes[i] - finishes[i - 1]);
            return closest;
        }
    }

    // A difference smaller than this fraction of the larger number is called noise.
    static final double NOISE = 0.15;
    // Under the model GIL, threads "finished one after another" when no two finished closer than this
    // fraction of one whole job (the article's were 0.36 to 0.62 of a job apart; a sort is most of ours).
    static final double STAGGER = 0.2;

    public static Notice of(Measured m) {
        Notice n = new Notice();
        if (Notice.compare(m.busyBaseline(), 1, 0.25) == Outcome.LESS) {
            n.say("[baseline-starved] Other programs were busy too: the baseline had only {busyBaseline} of a core"
                    + " on average, so every comparison with it below is rough.", values(m));
        }
        if (m.gil()) underTheGil(n, m);
        else javaThreads(n, m);
        n.say("[free-threaded] Since the article, CPython has gained a free-threaded build (3.13t, supported from"
                + " 3.14) whose threads do sort in parallel, and NumPy's sort lets go of the GIL.");
        if (m.boxed()) {
            n.say("[boxed] With --boxed every number is an Integer object: making them allocates, and the sort"
                    + " follows a reference to each. Compare this baseline with one from a run without --boxed.");
        }
        if (m.sharedRandom()) sharedRandom(n, m);
        return n;
    }

    static void javaThreads(Notice n, Measured m) {
        Object[] v = values(m);
        if (m.threads() == 1) {
            n.pick(Notice.compare(m.wall(), m.baseline(), NOISE),
                    "[one-below-baseline] One thread took {wall}, less than the baseline's {baseline}: the"
                            + " difference is noise, and",
                    "[one-as-baseline] One thread took {wall}, about the baseline's {baseline}:",
                    "[one-above-baseline] One thread took {wall}, more than the baseline's {baseline}: other"
                            + " programs may have had the core, and", v);
            n.say("[nothing-to-overlap] with one thread there is nothing to run at the same moment.");
        } else {
            n.say("[speed-up] The {threads} threads did {work} of work (threads x baseline) in {wall}: a speed-up"
                    + " of {speedUp} on {cores} cores.", v);
            Outcome gain = Notice.compare(m.speedUp(), 1, NOISE);
            boolean busyKnown = !Double.isNaN(m.busy());
            boolean manyCoresBusy = busyKnown && Notice.compare(m.busy(), 1, NOISE) == Outcome.MORE;
            if (gain == Outcome.MORE && Notice.compare(m.speedUp(), m.usableCores(), NOISE) == Outcome.MORE) {
                // More than the cores can give: the baseline was slow, not the threads fast.
                n.say("[beyond-cores] That is more than {usable} cores can give, so the baseline itself was slowed"
                        + " down (the JIT compiler or the garbage collector still at work, or other programs): this"
                        + " run says nothing about parallel threads. Run it again, or with a larger --size.", v);
            } else if (gain == Outcome.MORE && m.peak() <= 1) {
                n.say("[gain-without-overlap] Yet the threads never overlapped, so the gain cannot come from running"
                        + " at once: the baseline was slowed down. Run it again, or with a larger --size.", v);
            } else if (gain == Outcome.MORE && (manyCoresBusy || !busyKnown)) {
                n.say("[parallel] Threads that compute ran on several cores at once: the JVM has no global"
                        + " interpreter lock. That is {efficiency} of what {usable} cores allow{busyPart}.",
                        values(m, "busyPart", busyKnown ? ", with " + busy(m.busy()) + " cores busy on average" : ""));
            } else if (gain == Outcome.MORE) {
                n.say("[gain-on-idle-cores] Yet only {busy} cores were busy on average, so the threads cannot have"
                        + " run on several cores for long, and the speed-up is not what it seems (the baseline had"
                        + " {busyBaseline} of a core). Other programs shared the machine; run it again when it is"
                        + " quieter.", v);
            } else { // less or about the same: no gain
                n.either(gain == Outcome.LESS,
                        "[slower] That is slower than running the jobs one after another.",
                        "[no-faster] That is no faster than running the jobs one after another.", v);
                whyNoGain(n, m, v);
            }
            if (m.peak() > m.cores()) {
                n.say("[waited-for-core] Up to {peak} threads were inside the job at the same moment (started, not"
                        + " yet finished): more than the {cores} cores, so some of them were waiting for a core.", v);
            } else if (m.peak() > 1) {
                n.say("[overlapped] Up to {peak} threads were inside the job at the same moment.", v);
            } else {
                n.say("[never-overlapped] The threads never overlapped: each finished before the next one started,"
                        + " so nothing could run at the same moment.", v);
            }
        }
        n.say("[article-figures] The article's Python threads took turns instead: its four finished after 18.8,"
                + " 22.9, 25.5 and 27.9 s, against 6.7 s for one job alone (the article's figures).");
        n.either(m.boxed(),
                "[try-gil-unboxed] Try --gil without --boxed (the two cannot be combined) to replay that with a"
                        + " model of Python's lock.",
                "[try-gil] Try --gil to replay that with a model of Python's lock.");
        if (!m.threadsGiven() && m.threads() != m.cores()) {
            n.say("[try-threads-as-cores] Try --threads {cores} to match the cores.", v);
        }
    }

    // The threads did not gain: say what the cores-busy figure points to.
    static void whyNoGain(Notice n, Measured m, Object[] v) {
        if (m.cores() == 1) {
            n.say("[one-core] This machine offers one core, so the threads could only take turns on it.");
        } else if (Double.isNaN(m.busy())) {
            n.say("[busy-unknown] The threads took under 0.1 s, too short for the CPU clock (it ticks every 10 ms),"
                    + " so whether the cores were busy is not known: try a larger --size.");
        } else if (Notice.compare(m.busy(), m.usableCores(), 0.25) != Outcome.LESS) {
            // The cores were busy, so the threads ran at once: what slowed each of them depends on the job.
            String[] why = m.sharedRandom() ? new String[] {"slowed-by-shared-random", "queueing for the one shared"
                    + " Random"} : m.boxed() ? new String[] {"slowed-by-memory", "held back by memory and the garbage"
                    + " collector rather than by the cores"} : new String[] {"slowed-by-sharing", "sharing memory"
                    + " bandwidth and caches"};
            n.say("[" + why[0] + "] Yet {busy} cores were busy on average: the threads did run at the same moment,"
                    + " but each ran slower than alone, {cause}.", values(m, "cause", why[1]));
        } else {
            n.say("[cores-elsewhere] Only {busy} cores were busy on average, of the {usable} the threads could use:"
                    + " other programs had the rest. Run it again when the machine is quieter.", v);
        }
    }

    static void underTheGil(Notice n, Measured m) {
        Object[] v = values(m);
        n.either(m.peak() <= 1,
                "[one-at-a-time] Under the model GIL a thread must hold one lock to work, and at most {peak} thread"
                        + " worked at any moment.",
                "[model-broken] Under the model GIL a thread must hold one lock to work, yet {peak} threads were"
                        + " working at one moment: the model is broken.", v);
        if (m.threads() == 1) {
            n.say("[never-handed-over] With one thread nobody asks for the lock, so it never changed hands;");
            n.pick(Notice.compare(m.wall(), m.baseline(), NOISE),
                    "[one-below-baseline] the wall time, {wall}, is less than the baseline's {baseline} (noise).",
                    "[one-as-baseline] the wall time, {wall}, is about the baseline's {baseline}.",
                    "[one-above-baseline] the wall time, {wall}, is more than the baseline's {baseline}: other"
                            + " programs may have had the core.", v);
        } else {
            n.pick(Notice.compare(m.wall() / m.baseline(), m.threads(), NOISE),
                    "[under-n-jobs] The wall time, {wall}, is {ratio} the baseline of {baseline}: less than {threads}"
                            + " jobs one after another, so the baseline itself was probably slowed down; run it"
                            + " again.",
                    "[about-n-jobs] The wall time, {wall}, is {ratio} the baseline of {baseline}: about {threads} jobs"
                            + " one after another, as if there were one thread.",
                    "[over-n-jobs] The wall time, {wall}, is {ratio} the baseline of {baseline}: more than {threads}"
                            + " jobs one after another, so handing the lock over cost time too, or other programs"
                            + " shared the cores.", v);
            n.either(m.closestFinishes() >= STAGGER * m.baseline(),
                    "[finished-in-turn] The threads finished one after another, at {finishes} after the start: a"
                            + " thread that reaches its sort keeps the lock until the sort returns (one call, as"
                            + " list.sort() is one C call in CPython), so the sorts ran in a row while the numbers"
                            + " were made in turns.",
                    "[finished-together] The threads finished close together, at {finishes} after the start (the"
                            + " closest {closest} apart), not spread out one after another.", v);
            n.say("[article-figures] The article's four Python threads finished after 18.8, 22.9, 25.5 and 27.9 s,"
                    + " against 6.7 s for one job alone (the article's figures).");
        }
        n.say("[gil-model] The model: a thread that has waited {interval} ms for the lock, without it changing"
                + " hands, asks for it, and the holder lets go at its next checkpoint, between two batches of"
                + " numbers; the sort has none. The lock changed hands {handovers} times.", v);
        if (!Double.isNaN(m.busy())) {
            n.pick(Notice.compare(m.busy(), 1, 0.3),
                    "[gil-cores-elsewhere] Only {busy} cores were busy on average: other programs shared the"
                            + " machine.",
                    "[gil-one-core] {busy} cores were busy on average: one core's worth of work at a time, of"
                            + " {cores}.",
                    "[gil-beyond-one-core] {busy} cores were busy on average, more than the one the lock allows: the"
                            + " JIT compiler and the garbage collector work outside it.", v);
        }
        n.say("[try-without-gil] Run without --gil to see Java's threads share the cores.");
    }

    static void sharedRandom(Notice n, Measured m) {
        // With a generator each, the slowest of N jobs on C cores would take about N / min(N, C) baselines.
        double expected = m.baseline() * m.threads() / m.usableCores();
        // Threads that retry a compare-and-set keep their cores busy; idle cores point to other programs.
        boolean coresBusy = Double.isNaN(m.busy())
                || Notice.compare(m.busy(), m.usableCores(), 0.25) != Outcome.LESS;
        Object[] v = values(m, "expected", Notice.secs(expected));
        switch (Notice.compare(m.slowest(), expected, 0.25)) {
            case LESS -> n.say("[shared-faster] With --shared-random all threads draw from one java.util.Random,"
                    + " yet the slowest thread took {slowest}, less than the {expected} expected from the baseline"
                    + " and the cores.", v);
            case SAME -> n.say("[shared-harmless] With --shared-random all threads draw from one java.util.Random,"
                    + " yet the slowest thread took {slowest}, about the {expected} expected from the baseline and"
                    + " the cores: the threads hardly got in each other's way here.", v);
            case MORE -> n.either(coresBusy,
                    "[shared-in-the-way] With --shared-random every draw updates the seed of one java.util.Random"
                            + " with a compare-and-set, and the threads got in each other's way: the slowest thread"
                            + " took {slowest}, against {expected} expected from the baseline and the cores.",
                    "[shared-or-others] With --shared-random every draw updates the seed of one java.util.Random"
                            + " with a compare-and-set, but only {busy} cores were busy, so other programs may have"
                            + " slowed the threads as much as the sharing did: the slowest thread took {slowest},"
                            + " against {expected} expected from the baseline and the cores.", v);
        }
        n.say("[try-snippet] snippets/02-threads-sort.jsh times the drawing alone.");
    }

    // The named values the sentences above fill in.
    static Object[] values(Measured m, Object... more) {
        List<Object> v = new ArrayList<>(List.of(
                "threads", m.threads(), "cores", m.cores(), "usable", m.usableCores(), "peak", m.peak(),
                "baseline", Notice.secs(m.baseline()), "wall", Notice.secs(m.wall()),
                "work", Notice.secs(m.threads() * m.baseline()), "slowest", Notice.secs(m.slowest()),
                "speedUp", Notice.times(m.speedUp()), "ratio", Notice.times(m.wall() / m.baseline()),
                "efficiency", String.format(Locale.ROOT, "%.0f%%", 100 * m.speedUp() / m.usableCores()),
                "busy", busy(m.busy()), "busyBaseline", busy(m.busyBaseline()),
                "interval", String.format(Locale.ROOT, "%s", m.switchMillis()), "handovers", m.handovers(),
                "finishes", listOfTimes(m.finishes()), "closest", Notice.secs(m.closestFinishes())));
        v.addAll(Arrays.asList(more));
        return v.toArray();
    }

    // "0.41, 0.55, 0.77 and 0.92 s"; for many threads, the first and the last.
    static String listOfTimes(double[] s) {
        if (s.length == 1) return Notice.secs(s[0]);
        if (s.length > 6) return "from " + Notice.secs(s[0]) + " to " + Notice.secs(s[s.length - 1]);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            b.append(i == 0 ? "" : i == s.length - 1 ? " and " : ", ").append(String.format(Locale.ROOT, "%.4f", s[i]));
        }
        return b.append(" s").toString();
    }

    static String busy(double cores) { return CpuClock.text(cores); }
}
