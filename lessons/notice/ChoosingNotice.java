package notice;

import java.util.List;
import java.util.Locale;
import support.Notice;
import support.Notice.Outcome;

/**
 * Lesson 06's "What to notice" (choosing): chosen from what one run measured, so that a test can feed it
 * made-up numbers on both sides of every claim. Each sentence that states an outcome names its claim.
 */
public final class ChoosingNotice {
    private ChoosingNotice() {}

    /** The four ways the lesson runs each workload, in the order it runs them. */
    public static final List<String> VARIANTS = List.of("platform", "virtual", "processes", "gil");

    /** One number per variant of a workload: a wall time, or the cores kept busy (NaN: not measured). */
    public record ByVariant(double platform, double virtual, double processes, double gil) {
        public double of(String variant) {
            return switch (variant) {
                case "platform" -> platform;
                case "virtual" -> virtual;
                case "processes" -> processes;
                case "gil" -> gil;
                default -> throw new IllegalArgumentException(variant);
            };
        }
    }

    /** What one run measured: wall times of the waiting and the computing phases, and the sorts' cores busy. */
    public record Measured(int workers, double seconds, int cores, ByVariant sleep, ByVariant sort, ByVariant sortBusy) {}

    // Two times are the same, for the paragraph, when they differ by under 10 % of the larger one, or by
    // under 20 ms (thread start-up and timer jitter): on a busy laptop that much moves from run to run.
    static final double NOISE = 0.10, NOISE_FLOOR_S = 0.02;

    static Outcome versus(double a, double b) {
        return Math.abs(a - b) <= NOISE_FLOOR_S ? Outcome.SAME : Notice.compare(a, b, NOISE);
    }

    /** The variants within noise of the fastest one (just the fastest, when it is ahead by more). */
    public static List<String> fastest(ByVariant walls) {
        double best = VARIANTS.stream().mapToDouble(walls::of).min().orElseThrow();
        return VARIANTS.stream().filter(v -> versus(walls.of(v), best) == Outcome.SAME).toList();
    }

    /** "[sort-fastest] ... (fastest: x)", a tie, or too short to rank: the claim named after the workload. */
    static String ranking(String workload, ByVariant walls) {
        List<String> tied = fastest(walls);
        if (tied.size() == 1) return "[" + workload + "-fastest] fastest: " + tied.getFirst();
        if (tied.stream().allMatch(v -> walls.of(v) <= NOISE_FLOOR_S)) { // a 6x gap between 1 and 6 ms is jitter
            return "[" + workload + "-too-short] " + (tied.size() == VARIANTS.size() ? "all four" : and(tied))
                    + " under 20 ms: too short to rank";
        }
        if (tied.size() == VARIANTS.size()) return "[" + workload + "-all-tied] all four tied, within noise";
        return "[" + workload + "-tied] " + and(tied) + " tied for fastest, within noise";
    }

    /** A claim-bearing sentence whose claim is chosen by {@code ranking}: the tag moves to the front. */
    static String ranked(String ranking, String sentence) {
        int close = ranking.indexOf(']');
        return ranking.substring(0, close + 1) + " " + sentence.replace("{fastest}", ranking.substring(close + 2));
    }

    static String and(List<String> names) {
        if (names.size() < 2) return String.join("", names);
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    static String cores(double cores) {
        return Double.isNaN(cores) ? "unknown" : String.format(Locale.ROOT, "%.2f", cores);
    }

    public static Notice of(Measured m) {
        Notice n = new Notice();
        ByVariant sleep = m.sleep(), sort = m.sort(), busy = m.sortBusy();
        n.say(ranked(ranking("wait", sleep), "Waiting: {w} tasks of {s} took {p} on platform threads, {v} on virtual"
                        + " threads, {pr} in processes and {g} under the model GIL ({fastest})."),
                "w", m.workers(), "s", Notice.secs(m.seconds()), "p", Notice.secs(sleep.platform()),
                "v", Notice.secs(sleep.virtual()), "pr", Notice.secs(sleep.processes()), "g", Notice.secs(sleep.gil()));

        // Overlapped: a thread variant closer to one sleep than to all the sleeps one after another.
        // (Processes are judged apart: their wall time also holds JVM start-ups.)
        double halfway = m.seconds() * (1 + 0.5 * (m.workers() - 1));
        List<String> apart = List.of("platform", "virtual", "gil").stream().filter(v -> sleep.of(v) >= halfway).toList();
        boolean judged = m.seconds() > 0 && m.workers() > 1 && m.seconds() * (m.workers() - 1) > NOISE_FLOOR_S;
        boolean overlapped = judged && apart.isEmpty();
        Object[] waits = {"w", m.workers(), "s", Notice.secs(m.seconds()), "serial", Notice.secs(m.workers() * m.seconds()),
                "apart", and(apart)};
        if (m.seconds() == 0) {
            n.say("[no-wait] With --seconds 0 there was no wait, so nothing to overlap: these times are what starting"
                    + " and ending the tasks cost.");
        } else if (m.workers() == 1) {
            n.say("[one-worker] With one worker there was no other wait to overlap with.");
        } else if (!judged) {
            n.say("[too-short-to-tell] Sleeps of {s} are too short to tell an overlap from noise.", waits);
        } else {
            n.either(overlapped,
                    "[waits-overlapped] On every kind of thread the waits overlapped: about one sleep in all, not {w}"
                            + " in a row ({serial}), even under the GIL, which a waiting thread lets go of.",
                    "[waits-apart] The waits did not overlap on {apart} this time (closer to {w} sleeps in a row,"
                            + " {serial}, than to one): other work on the machine may have held them up.", waits);
        }
        n.pick(versus(sleep.processes(), sleep.platform()),
                "[wait-processes-sooner] Processes were done sooner than platform threads, though each had a JVM to"
                        + " start first: other work on the machine likely slowed the threads.",
                "[wait-processes-same] Processes took about as long as platform threads (within noise): starting"
                        + " their JVMs cost little here.",
                "[wait-processes-startup] Each process also had a JVM to start: {extra} more than platform threads.",
                "extra", Notice.secs(sleep.processes() - sleep.platform()));

        int parallel = Math.min(m.cores(), m.workers()); // how many sorts could run at one moment
        n.say(ranked(ranking("sort", sort), "Computing: {w} sorts took {p} on platform threads, {v} on virtual"
                        + " threads, {pr} in processes and {g} under the model GIL ({fastest}), keeping {bp}, {bv},"
                        + " {bpr} and {bg} of the {cores} cores busy."),
                "w", m.workers(), "p", Notice.secs(sort.platform()), "v", Notice.secs(sort.virtual()),
                "pr", Notice.secs(sort.processes()), "g", Notice.secs(sort.gil()), "bp", cores(busy.platform()),
                "bv", cores(busy.virtual()), "bpr", cores(busy.processes()), "bg", cores(busy.gil()), "cores", m.cores());
        Object[] gil = {"ratio", Notice.times(sort.gil() / sort.platform()), "bp", cores(busy.platform()),
                "bg", cores(busy.gil()), "parallel", parallel};
        n.pick(versus(sort.gil(), sort.platform()),
                "[gil-faster] The sorts were faster under the model GIL than on free platform threads ({ratio} the"
                        + " time), which taking turns cannot cause: other work on the machine likely slowed the free"
                        + " threads.",
                m.workers() == 1
                        ? "[gil-same-one-worker] Under the model GIL the sorts took about as long as on free platform"
                                + " threads (within noise): with one worker there is no one to take turns with."
                        : parallel == 1
                        ? "[gil-same-one-core] Under the model GIL the sorts took about as long as on free platform"
                                + " threads (within noise): with one core, free threads take turns as well."
                        : "[gil-same-held-back] Under the model GIL the sorts took about as long as on free platform"
                                + " threads (within noise), though {parallel} could have sorted at once: other work on"
                                + " the machine may have held the free threads back ({bp} cores busy).",
                "[gil-took-turns] Under the model GIL the threads took turns, each holding the lock through its whole"
                        + " sort: {ratio} the time of free platform threads ({bg} cores busy against {bp}). That is"
                        + " why Python turns to processes for computing.", gil);
        Outcome threadsVsProcesses = versus(sort.platform(), sort.processes());
        n.pick(threadsVsProcesses,
                "[threads-beat-processes] Platform threads beat processes ({p} against {pr}): Java has no GIL to"
                        + " escape, so processes only added cost, a JVM each to start and code its JIT had not"
                        + " compiled yet.",
                "[threads-processes-same] Platform threads and processes took about as long (within noise): at this"
                        + " size a JVM's start-up hardly counts beside the sort.",
                "[processes-beat-threads] Processes beat platform threads this time, which is unusual on the JVM"
                        + " (there is no GIL to escape): other work on the machine likely got in the way.",
                "p", Notice.secs(sort.platform()), "pr", Notice.secs(sort.processes()));

        boolean forThreads = threadsVsProcesses != Outcome.MORE;
        if (forThreads && overlapped) {
            n.say("[threads-for-both] So on the JVM, by these numbers: threads for both kinds of work (virtual"
                    + " threads once the waits number in thousands), and processes when you need isolation (a crash"
                    + " or a memory limit of their own), planning then for moving the data: ./jbang sharing measures"
                    + " what that costs.");
        } else if (forThreads && !judged) {
            n.say("[threads-for-computing] So on the JVM, by these numbers: threads for computing, and processes"
                    + " when you need isolation (a crash or a memory limit of their own), planning then for moving"
                    + " the data (./jbang sharing); this run had no waits to compare.");
        } else {
            n.say("[mixed] These numbers do not all point the same way on this run; compare a second run before"
                    + " choosing.");
        }
        return n;
    }
}
