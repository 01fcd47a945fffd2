package notice;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import support.Lab;
import support.Notice;
import support.Notice.Outcome;

/**
 * Lesson 07's side-by-side table and its "What to notice", chosen from what one run measured, so that
 * a test can feed it made-up numbers on both sides of every claim. Seconds throughout; NaN where a
 * variant did not run (no Python, or no free-threaded build).
 */
public final class PythonBesideJavaNotice {
    private PythonBesideJavaNotice() {}

    /**
     * One run: {@code python} the interpreter's label ("CPython 3.11.7"), null when none ran, and
     * {@code ft} the free-threaded one's, null when none ran. {@code cpFinishes} and
     * {@code gilFinishes}: when CPython's threads and the model GIL's threads finished, after their
     * phase began, earliest first. {@code cpBaseBusy} and {@code jBaseBusy}: the cores the one-worker
     * runs kept busy (CPU time / wall time), NaN where unknown.
     */
    public record Measured(String workload, int workers, int cores, double sleep, String python,
                           String startMethod, double cpBase, double cpThreads, double cpProcesses,
                           double[] cpFinishes, String ft, double ftBase, double ftThreads, double jBase,
                           double jThreads, double jGil, double jProcesses, double[] gilFinishes,
                           double cpBaseBusy, double jBaseBusy) {}

    // Two times closer than this fraction of the larger are "about the same" on a busy 2-core machine.
    static final double NOISE = 0.25;
    // Threads "finished one after another" when no two finished closer than this fraction of one job.
    static final double STAGGER = 0.2;
    // A Java phase shorter than this is at the mercy of the scheduler on a busy machine.
    static final double SHORT = 0.1;

    public static Notice of(Measured m) {
        Notice n = new Notice();
        int w = m.workers();
        double cpRatio = m.cpThreads() / m.cpBase(), gilRatio = m.jGil() / m.jBase();
        Object[] v = {"n", w, "cores", m.cores(), "python", m.python(), "ft", m.ft(), "sleep", secs(m.sleep()),
                "cpBase", secs(m.cpBase()), "cpThreads", secs(m.cpThreads()), "cpProcesses", secs(m.cpProcesses()),
                "cpRatio", Notice.times(cpRatio), "cpProcSpeedUp", Notice.times(w * m.cpBase() / m.cpProcesses()),
                "ftBase", secs(m.ftBase()), "ftThreads", secs(m.ftThreads()),
                "ftSpeedUp", Notice.times(w * m.ftBase() / m.ftThreads()), "jBase", secs(m.jBase()),
                "jThreads", secs(m.jThreads()), "jGil", secs(m.jGil()), "jProcesses", secs(m.jProcesses()),
                "gilRatio", Notice.times(gilRatio), "jSpeedUp", Notice.times(w * m.jBase() / m.jThreads()),
                "cpFinishes", list(m.cpFinishes()), "gilFinishes", list(m.gilFinishes()),
                "method", m.startMethod(), "usable", Math.min(w, m.cores()),
                "perJob", String.format(Locale.ROOT, "%.0f times", m.cpBase() / m.jBase())};
        double quietest = Math.min(nanTo1(m.cpBaseBusy()), nanTo1(m.jBaseBusy()));
        if (m.workload().equals("sort") && Notice.compare(quietest, 1, NOISE) == Outcome.LESS) { // a sleeper needs none
            n.say("[busy-machine] Other programs were busy too: a one-worker run had only {busy} of a core on"
                    + " average, so every comparison below is rough.", "busy", String.format(Locale.ROOT, "%.2f", quietest));
        }
        if (m.python() == null) {
            n.say("[no-python] No CPython ran here, so this run has Java's side alone; the line at the top says"
                    + " what to install. The article's Python threads took 27.9 s for four jobs against 6.7 s for"
                    + " one (its figures, from a Ryzen 5600).");
        }
        if (w == 1) {
            n.say("[one-worker] With one worker of each kind nothing runs at the same moment: try --workers 2"
                    + " (or 4) to see threads take turns or share the cores.");
        } else if (m.workload().equals("sleep")) {
            sleeps(n, m, v);
        } else {
            if (m.python() != null) cpython(n, m, v, cpRatio);
            if (m.python() != null) finishes(n, m, v);
            if (m.python() != null) {
                n.say("[java-per-job] One Java job took {jBase}, {perJob} less than CPython's {cpBase}: the same numbers,"
                        + " in an int[] rather than a list of Python int objects, made and sorted by compiled code.", v);
            }
            if (m.jBase() < SHORT) {
                n.say("[java-too-short] Java times this short are noisy on a busy machine; --size 10_000_000 gives"
                        + " steadier ones (CPython then takes about five times as long as now).", v);
            }
            n.pick(Notice.compare(w * m.jBase() / m.jThreads(), 1, NOISE),
                    "[java-threads-no-gain] Java's {n} threads took {jThreads} against {jBase} for one ({jSpeedUp}"
                            + " speed-up): " + (m.cores() == 1 ? "this machine has one core." : "slower than one"
                            + " after another; other programs had the cores."),
                    "[java-threads-no-gain] Java's {n} threads took {jThreads} against {jBase} for one ({jSpeedUp}"
                            + " speed-up): " + (m.cores() == 1 ? "this machine has one core." : "no gain here; other"
                            + " programs had the cores, or the job is too short (try a larger --size)."),
                    w * m.jBase() / m.jThreads() > Math.min(w, m.cores()) * (1 + NOISE)
                            ? "[java-threads-beyond-cores] Java's {n} threads took {jThreads} against {jBase} for one:"
                            + " a speed-up of {jSpeedUp}, more than {usable} cores can give, so the lone thread was"
                            + " slowed (the JIT compiler, the garbage collector or other programs). Run it again."
                            : "[java-threads-parallel] Java's {n} threads took {jThreads} against {jBase} for one: a"
                            + " speed-up of {jSpeedUp}, with no GIL in the way.", v);
            if (m.python() == null) {
                n.say("Under the model GIL they took {jGil}, {gilRatio} one thread's time.", v);
            }
        }
        if (!m.workload().equals("sleep") || w == 1) {
            n.either(m.jProcesses() > m.jThreads() * (1 + NOISE),
                    "[java-processes-cost] The {n} child JVMs took {jProcesses}, more than the threads' {jThreads}:"
                            + " each pays for a JVM starting, before its job (the start column).",
                    "[java-processes-cheap] The {n} child JVMs took {jProcesses}, about the threads' {jThreads}:"
                            + " here a JVM's start weighed little next to the job.", v);
        }
        if (m.ft() != null && w > 1) {
            n.pick(Notice.compare(w * m.ftBase() / m.ftThreads(), 1, NOISE),
                    "[ft-no-gain] {ft}, built without a GIL, took {ftThreads} for {n} threads against {ftBase}"
                            + " for one: no faster here ({ftSpeedUp}).",
                    "[ft-no-gain] {ft}, built without a GIL, took {ftThreads} for {n} threads against {ftBase}"
                            + " for one: no faster here ({ftSpeedUp}).",
                    "[ft-parallel] {ft}, built without a GIL, took {ftThreads} for {n} threads against {ftBase}"
                            + " for one: a speed-up of {ftSpeedUp}, its threads computing at the same moment.", v);
        } else if (m.python() != null && m.ft() == null) {
            n.say("[no-ft] No free-threaded CPython (python3.13t, python3.14t) is on the PATH; with one there, this"
                    + " lesson runs it too, and its threads compute in parallel.");
        }
        return n;
    }

    // CPython's threads against one thread, its processes, and the model GIL's ratio beside CPython's.
    static void cpython(Notice n, Measured m, Object[] v, double cpRatio) {
        n.pick(Notice.compare(cpRatio, m.workers(), NOISE),
                "[cpython-threads-overlapped] {python}'s {n} threads took {cpThreads}, {cpRatio} one thread's"
                        + " {cpBase}: less than {n} jobs in a row, so either they ran at the same moment (no GIL?)"
                        + " or the lone thread was slowed by other programs.",
                "[cpython-threads-take-turns] {python}'s {n} threads took {cpThreads}, {cpRatio} one thread's"
                        + " {cpBase}: about {n} jobs in a row. They took turns on the GIL, as the article's did"
                        + " (27.9 s for four against 6.7 s for one, its figures).",
                "[cpython-threads-take-turns] {python}'s {n} threads took {cpThreads}, {cpRatio} one thread's"
                        + " {cpBase}: more than {n} jobs in a row. They took turns on the GIL, and handing it over"
                        + " (or other programs) cost extra.", v);
        n.pick(Notice.compare(m.workers() * m.cpBase() / m.cpProcesses(), 1, NOISE),
                "[cpython-processes-no-gain] Its {n} processes took {cpProcesses}, slower than {n} jobs in a row ("
                        + "{cpProcSpeedUp}): " + (m.cores() == 1 ? "this machine has one core." : "starting them, or"
                        + " other programs on the cores, ate the gain."),
                "[cpython-processes-no-gain] Its {n} processes took {cpProcesses}, no faster than {n} jobs in a row"
                        + " ({cpProcSpeedUp}): " + (m.cores() == 1 ? "this machine has one core." : "starting them,"
                        + " or other programs on the cores, ate the gain."),
                m.workers() * m.cpBase() / m.cpProcesses() > Math.min(m.workers(), m.cores()) * (1 + NOISE)
                        ? "[cpython-processes-beyond-cores] Its {n} processes took {cpProcesses}: a speed-up of"
                        + " {cpProcSpeedUp}, more than {usable} cores can give, so the lone thread was slowed by"
                        + " other programs. Run it again."
                        : "[cpython-processes-parallel] Its {n} processes took {cpProcesses}: a speed-up of"
                        + " {cpProcSpeedUp} over one thread, each process with an interpreter and a GIL of its own.", v);
        if (m.startMethod() != null) {
            n.say("[start-method] " + switch (m.startMethod()) {
                case "fork" -> "They were started with fork: each a copy of the Python process, made at once.";
                case "spawn" -> "They were started with spawn: each a fresh interpreter that imports the program"
                        + " again, which shows in the processes' start times.";
                case "forkserver" -> "They were started with forkserver: a clean server process, started once,"
                        + " forks each of them.";
                default -> "They were started with {method}.";
            } + " Try --start-method {others} to compare.", values(v, "others", String.join(" or ",
                    List.of("fork", "spawn", "forkserver").stream().filter(x -> !x.equals(m.startMethod())).toList())));
        }
        n.pick(Notice.compare(m.jGil() / m.jBase(), cpRatio, NOISE),
                "[gil-ratio-model-lower] Java's threads under the model GIL took {jGil}, {gilRatio} one thread's"
                        + " {jBase}: below CPython's {cpRatio}. The model lost less to handing the lock over, or"
                        + " Java's lone thread was slowed.",
                "[gil-ratio-close] Java's threads under the model GIL took {jGil}, {gilRatio} one thread's {jBase}:"
                        + " close to CPython's {cpRatio}. The model takes turns as CPython does.",
                "[gil-ratio-model-higher] Java's threads under the model GIL took {jGil}, {gilRatio} one thread's"
                        + " {jBase}: above CPython's {cpRatio}. Handing the model's lock over cost more, next to a"
                        + " Java job this short, than CPython's GIL did.", v);
    }

    // When each thread finished: one after another (about a sort apart), or close together.
    static void finishes(Notice n, Measured m, Object[] v) {
        boolean cp = staggered(m.cpFinishes(), m.cpBase()), model = staggered(m.gilFinishes(), m.jBase());
        n.either(cp, "[cpython-finish-staggered] CPython's threads finished one after another, at {cpFinishes} s"
                        + " after the start.",
                "[cpython-finish-together] CPython's threads finished close together, at {cpFinishes} s after the"
                        + " start.", v);
        n.either(model, "[model-finish-staggered] " + (cp ? "So did the model's" : "The model's finished one after"
                        + " another") + ", at {gilFinishes} s: a thread that reaches its sort keeps the lock until the"
                        + " sort returns, so the sorts ran in a row.",
                "[model-finish-together] The model's finished close together, at {gilFinishes} s.", v);
        if (cp != model) {
            n.say("[finish-shapes-differ] " + (model ? "When list.sort() returns, CPython may hand the GIL to a"
                    + " waiting thread before the first one reads its clock, so that one's finish waits for the"
                    + " next sort; the model lets go only when its whole job is done."
                    : "The model's sorts were too short here to spread its threads out: try a larger --size."));
        }
    }

    static void sleeps(Notice n, Measured m, Object[] v) {
        double slowest = Arrays.stream(new double[] {m.cpThreads(), m.ftThreads(), m.jThreads(), m.jGil()})
                .filter(d -> !Double.isNaN(d)).max().orElse(0);
        n.either(Notice.compare(slowest, m.sleep(), NOISE) != Outcome.MORE,
                "[sleep-overlapped] Every kind of thread slept at the same time: {n} sleeps of {sleep} took"
                        + (m.python() != null ? " {cpThreads} on CPython's threads," : "") + " {jThreads} on Java's"
                        + " and {jGil} under the model GIL. A sleeping thread holds no GIL (time.sleep lets go).",
                "[sleep-not-overlapped] Some threads did not sleep at the same time: {n} sleeps of {sleep} took"
                        + (m.python() != null ? " {cpThreads} on CPython's threads," : "") + " {jThreads} on Java's"
                        + " and {jGil} under the model GIL; other programs kept them from waking on time.", v);
        n.say("The processes overlap too, and add their start: " + (m.python() != null ? "CPython's took"
                + " {cpProcesses}, " : "") + "the child JVMs {jProcesses}.", v);
    }

    /** True when no two finishes are closer than STAGGER of one job. */
    static boolean staggered(double[] finishes, double job) {
        for (int i = 1; i < finishes.length; i++) if (finishes[i] - finishes[i - 1] < STAGGER * job) return false;
        return true;
    }

    static Object[] values(Object[] v, Object... more) {
        Object[] all = Arrays.copyOf(v, v.length + more.length);
        System.arraycopy(more, 0, all, v.length, more.length);
        return all;
    }

    static double nanTo1(double busy) { return Double.isNaN(busy) ? 1 : busy; }

    static String secs(double s) { return Double.isNaN(s) ? "n/a" : Notice.secs(s); }

    // Two decimals, or three where all are under a second (Java's jobs can take hundredths).
    static String list(double[] times) {
        if (times == null) return "n/a";
        String format = Arrays.stream(times).allMatch(t -> t < 1) ? "%.3f" : "%.2f";
        return Arrays.stream(times).mapToObj(t -> String.format(Locale.ROOT, format, t)).collect(Collectors.joining(", "));
    }

    // ---- From the lab's phases --------------------------------------------------------------------

    /** The phase measured under this role and variant, or null. */
    static Lab.Phase phase(List<Lab.Phase> phases, String role, String variant) {
        return phases.stream().filter(p -> p.role().equals(role) && p.variant().equals(variant)).findFirst().orElse(null);
    }

    static double wall(List<Lab.Phase> phases, String role, String variant) {
        Lab.Phase p = phase(phases, role, variant);
        return p == null ? Double.NaN : p.wall();
    }

    /** The numbers the notice reads, from the lab's phases; {@code py} and {@code ft} the variants' prefixes (null: none). */
    public static Measured measured(List<Lab.Phase> ps, String workload, int workers, double sleep, String py,
                                    String pyLabel, String ft, String ftLabel, String startMethod) {
        Lab.Phase cpThreads = py == null ? null : phase(ps, "worker", py + "-threads");
        return new Measured(workload, workers, Runtime.getRuntime().availableProcessors(), sleep, pyLabel,
                startMethod, wall(ps, "baseline", py + "-threads"), wall(ps, "worker", py + "-threads"),
                wall(ps, "worker", py + "-processes"), cpThreads == null ? null : cpThreads.finishes(), ftLabel,
                wall(ps, "baseline", ft + "-threads"), wall(ps, "worker", ft + "-threads"),
                wall(ps, "baseline", "java-threads"), wall(ps, "worker", "java-threads"), wall(ps, "worker", "java-gil"),
                wall(ps, "worker", "java-processes"), phase(ps, "worker", "java-gil").finishes(),
                busy(ps, py + "-threads"), busy(ps, "java-threads"));
    }

    static double busy(List<Lab.Phase> phases, String variant) {
        Lab.Phase p = phase(phases, "baseline", variant);
        return p == null ? Double.NaN : p.busy();
    }

    /**
     * The side-by-side table: one row per phase, its wall time, that time against the same runtime's
     * one worker (vs 1) and the speed-up (workers x one worker's time / wall), and when each
     * worker started and finished, in seconds after the phase began.
     */
    public static String table(List<Lab.Phase> phases) {
        StringBuilder out = new StringBuilder(String.format("%nSide by side (N workers; times in seconds after each"
                + " phase began)%n%-18s %-8s %2s %8s %8s %8s  %-19s %s%n", "variant", "role", "N", "wall_s",
                "vs 1", "speed-up", "started", "finished"));
        for (Lab.Phase p : phases) {
            String v = p.variant();
            Lab.Phase one = phase(phases, "baseline", v.substring(0, v.lastIndexOf('-')) + "-threads");
            double base = one == null ? Double.NaN : one.wall();
            double[] starts = p.tasks().stream().mapToDouble(t -> (t.startNanos() - p.t0()) / 1e9).sorted().toArray();
            out.append(String.format(Locale.ROOT, "%-18s %-8s %2d %8.4f %7.2fx %7.2fx  %-19s %s%n", v, p.role(),
                    p.tasks().size(), p.wall(), p.wall() / base, p.tasks().size() * base / p.wall(), few(starts),
                    few(p.finishes())));
        }
        return out.toString();
    }

    // The times in full where they fit the column (up to four), else as "first .. last".
    static String few(double[] times) {
        String all = Arrays.stream(times).mapToObj(t -> String.format(Locale.ROOT, "%.2f", t))
                .collect(Collectors.joining(" "));
        return all.length() <= 19 ? all : String.format(Locale.ROOT, "%.2f .. %.2f", times[0], times[times.length - 1]);
    }
}
