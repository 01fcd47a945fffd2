package notice;

import support.Notice;

/**
 * Lesson 01's "What to notice": chosen from what one run measured, so that a test can feed it made-up
 * numbers on both sides of every claim. Each sentence that states an outcome names its claim.
 */
public final class ThreadsSleepNotice {
    private ThreadsSleepNotice() {}

    /** What one run measured: seconds; {@code peakAsleep} is the most tasks asleep at one moment. */
    public record Measured(int tasks, boolean virtual, double sleep, double wall, int peakAsleep, int osThreads,
                           int cores) {}

    // Two wall times closer than this fraction of the larger are "about the same" on a busy machine.
    static final double NOISE = 0.25;

    public static Notice of(Measured m) {
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
            n.say("[no-wait] With sleeps of 0 s there is no wait to overlap: that wall time is what starting and"
                    + " ending {tasks} {kind} threads cost, about {per} per task.", v);
        } else if (m.tasks() == 1) {
            n.say("[one-task] With one task there is nothing to overlap.", v);
        } else if (m.peakAsleep() <= 1) {
            n.say("[no-overlap] No two of them were asleep at the same moment: the waits did not overlap.", v);
        } else {
            // The overlap itself is measured (the most tasks asleep at one moment); the wall time says what it saved.
            n.either(m.peakAsleep() >= m.tasks(),
                    "[all-overlapped] All {tasks} were asleep at the same moment: the waits overlapped.",
                    "[some-overlapped] Up to {peak} of the {tasks} were asleep at the same moment: the waits"
                            + " overlapped, in part (some had woken before others went to sleep).", v);
            if (Notice.compare(m.wall(), m.sleep(), NOISE) != Notice.Outcome.MORE) {
                n.say("[about-one-sleep] So the wall time was about one sleep, not {tasks} sleeps.", v);
            } else if (Notice.compare(m.wall(), all, NOISE) == Notice.Outcome.LESS) {
                n.say("[under-all-sleeps] The wall time was more than one sleep, yet well under {tasks} sleeps:"
                        + " the extra {extra} went to starting, waking and ending {tasks} threads.", v);
            } else {
                n.say("[no-saving] Yet the wall time was not shorter than {tasks} sleeps one after another: each"
                        + " sleep is short next to what starting and ending a thread costs, so the overlap saved"
                        + " little.", v);
            }
            n.either(m.peakAsleep() > m.cores(),
                    "[more-than-cores] More tasks were asleep at once ({peak}) than there are cores ({cores}):"
                            + " a sleeping thread is parked on a timer and holds no core.",
                    "[no-core-held] A sleeping thread is parked on a timer and holds no core, so sleeps can"
                            + " overlap even with"
                            + " more threads than cores.", v);
        }
        n.say("[gil-sleep] In the article's Python, sleeping threads overlap because time.sleep lets go of the GIL, the"
                + " lock a thread needs to run Python code, for the whole of its wait.");
        if (m.virtual()) {
            n.either(m.osThreads() < m.tasks(),
                    "[few-carriers] The {tasks} virtual threads were carried by {os} OS thread(s): a virtual"
                            + " thread that waits hands its carrier back, so a few carriers serve many sleepers.",
                    "[carrier-each] The {tasks} virtual threads ran on {os} OS threads, one each here"
                            + (m.tasks() < 1000 ? "; with many more (try --tasks 10000) a few carriers serve"
                            + " them all." : "."), v);
        } else {
            n.either(m.osThreads() >= m.tasks(),
                    "[os-thread-each] Each platform thread ran on an OS thread of its own ({os} for {tasks}"
                            + " tasks).",
                    "[os-thread-reused] {os} OS thread ids for {tasks} platform threads: each platform thread is"
                            + " an OS thread, but one that had already ended left its id to a later one.", v);
            n.either(m.tasks() >= 1000, "[try-virtual] Try the same with --virtual: a few OS threads carry them all.",
                    "[try-virtual-many] Try --virtual --tasks 10000 to see a few OS threads carry ten thousand"
                            + " sleeping tasks.");
        }
        return n;
    }
}
