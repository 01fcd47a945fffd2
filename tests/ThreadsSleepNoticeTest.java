
import org.junit.jupiter.api.Test;

/** Lesson 01's "What to notice", fed made-up measurements on both sides of every claim it makes. */
class ThreadsSleepNoticeTest {

    // tasks, virtual, sleep, wall, peak asleep, OS threads, cores
    static String notice(int tasks, boolean virtual, double sleep, double wall, int peak, int os, int cores) {
        return ThreadsSleep.notice(new ThreadsSleep.Measured(tasks, virtual, sleep, wall, peak, os, cores));
    }

    @Test
    void zeroSecondSleepsClaimNoOverlapButTheCostOfThreads() {
        String t = notice(20, false, 0, 0.0208, 6, 20, 2);
        Lesson.has(t, "no wait to overlap", "starting and ending 20 platform threads cost", "0.0010 s per task");
        Lesson.hasNot(t, "overlapped", "about one sleep", "asleep at the same moment", "holds no core");
    }

    @Test
    void allAsleepAtOnceAndAWallOfOneSleepIsCalledOverlap() {
        String t = notice(4, false, 1, 1.02, 4, 4, 2);
        Lesson.has(t, "All 4 were asleep at the same moment: the waits overlapped", "about one sleep, not 4 sleeps");
        Lesson.hasNot(t, "in part", "did not overlap", "well under", "not shorter");
    }

    @Test
    void somePartlyAsleepAtOnceIsCalledAPartialOverlap() {
        String t = notice(4, false, 1, 1.05, 3, 4, 2);
        Lesson.has(t, "Up to 3 of the 4 were asleep at the same moment", "in part");
        Lesson.hasNot(t, "All 4 were asleep");
    }

    @Test
    void neverTwoAsleepAtOnceIsNoOverlap() {
        String t = notice(4, false, 0.1, 0.41, 1, 4, 2);
        Lesson.has(t, "did not overlap");
        Lesson.hasNot(t, "the waits overlapped", "about one sleep", "holds no core");
    }

    @Test
    void oneTaskHasNothingToOverlap() {
        String t = notice(1, false, 1, 1.01, 1, 1, 2);
        Lesson.has(t, "nothing to overlap");
        Lesson.hasNot(t, "overlapped", "about one sleep");
    }

    @Test
    void theWallTimeIsJudgedAgainstOneSleepAndAllSleepsWithANoiseMargin() {
        // Within the margin of one sleep: about one sleep.
        Lesson.has(notice(4, false, 1, 1.2, 4, 4, 2), "about one sleep");
        // Clearly more than one sleep, clearly less than all: overlap plus the cost of the threads.
        String between = notice(10_000, false, 1, 2.5, 10_000, 10_000, 2);
        Lesson.has(between, "more than one sleep, yet well under 10000 sleeps", "extra 1.5000 s");
        Lesson.hasNot(between, "about one sleep");
        // Sleeps so short that the threads' cost swamps them: no time saved.
        String swamped = notice(20, false, 0.0001, 0.02, 6, 20, 2);
        Lesson.has(swamped, "not shorter than 20 sleeps", "saved little");
        Lesson.hasNot(swamped, "about one sleep", "well under");
    }

    @Test
    void moreAsleepThanCoresIsSaidOnlyWhenItHappened() {
        Lesson.has(notice(8, false, 1, 1.01, 8, 8, 4), "More tasks were asleep at once (8) than there are cores (4)");
        String t = notice(4, false, 1, 1.01, 4, 4, 8);
        Lesson.hasNot(t, "More tasks were asleep at once");
        Lesson.has(t, "holds no core");
    }

    @Test
    void theGilSentenceIsAlwaysThere() {
        for (String t : new String[] {notice(4, false, 1, 1.01, 4, 4, 2), notice(20, true, 0, 0.01, 1, 1, 2)}) {
            Lesson.has(t, "time.sleep lets go of the GIL");
        }
    }

    @Test
    void virtualThreadsOnFewerCarriersThanTasksAreSaidToShareThem() {
        String few = notice(10_000, true, 1, 1.09, 10_000, 2, 2);
        Lesson.has(few, "carried by 2 OS thread(s)", "hands its carrier back");
        Lesson.hasNot(few, "--virtual", "--tasks");
        String each = notice(2, true, 1, 1.01, 2, 2, 2);
        Lesson.has(each, "one each here", "try --tasks 10000");
        Lesson.hasNot(each, "hands its carrier back", "--virtual");
    }

    @Test
    void platformThreadsOneOsThreadEachOrIdsReused() {
        Lesson.has(notice(4, false, 1, 1.01, 4, 4, 2), "an OS thread of its own (4 for 4 tasks)");
        String reused = notice(20, false, 0, 0.02, 3, 17, 2);
        Lesson.has(reused, "17 OS thread ids for 20 platform threads", "left its id to a later one");
        Lesson.hasNot(reused, "of its own (");
    }

    @Test
    void neverSuggestsAnOptionAlreadyGiven() {
        Lesson.has(notice(4, false, 1, 1.01, 4, 4, 2), "Try --virtual --tasks 10000");
        String many = notice(10_000, false, 1, 2.5, 10_000, 10_000, 2);
        Lesson.has(many, "Try the same with --virtual");
        Lesson.hasNot(many, "--tasks");
        Lesson.hasNot(notice(4, true, 1, 1.01, 4, 2, 2), "--virtual");
    }
}
