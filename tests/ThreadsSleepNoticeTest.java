import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Lesson 01's "What to notice", fed made-up measurements on both sides of every claim it makes. */
class ThreadsSleepNoticeTest {

    // tasks, virtual, sleep, wall, peak asleep, OS threads, cores
    static String notice(int tasks, boolean virtual, double sleep, double wall, int peak, int os, int cores) {
        return ThreadsSleep.notice(new ThreadsSleep.Measured(tasks, virtual, sleep, wall, peak, os, cores));
    }

    static void has(String text, String... parts) {
        for (String p : parts) assertTrue(text.contains(p), "expected '" + p + "' in: " + text);
    }

    static void hasNot(String text, String... parts) {
        for (String p : parts) assertFalse(text.contains(p), "did not expect '" + p + "' in: " + text);
    }

    @Test
    void zeroSecondSleepsClaimNoOverlapButTheCostOfThreads() {
        String t = notice(20, false, 0, 0.0208, 6, 20, 2);
        has(t, "no wait to overlap", "starting and ending 20 platform threads cost", "0.0010 s per task");
        hasNot(t, "overlapped", "about one sleep", "asleep at the same moment", "holds no core");
    }

    @Test
    void allAsleepAtOnceAndAWallOfOneSleepIsCalledOverlap() {
        String t = notice(4, false, 1, 1.02, 4, 4, 2);
        has(t, "All 4 were asleep at the same moment: the waits overlapped", "about one sleep, not 4 sleeps");
        hasNot(t, "in part", "did not overlap", "well under", "not shorter");
    }

    @Test
    void somePartlyAsleepAtOnceIsCalledAPartialOverlap() {
        String t = notice(4, false, 1, 1.05, 3, 4, 2);
        has(t, "Up to 3 of the 4 were asleep at the same moment", "in part");
        hasNot(t, "All 4 were asleep");
    }

    @Test
    void neverTwoAsleepAtOnceIsNoOverlap() {
        String t = notice(4, false, 0.1, 0.41, 1, 4, 2);
        has(t, "did not overlap");
        hasNot(t, "the waits overlapped", "about one sleep", "holds no core");
    }

    @Test
    void oneTaskHasNothingToOverlap() {
        String t = notice(1, false, 1, 1.01, 1, 1, 2);
        has(t, "nothing to overlap");
        hasNot(t, "overlapped", "about one sleep");
    }

    @Test
    void theWallTimeIsJudgedAgainstOneSleepAndAllSleepsWithANoiseMargin() {
        // Within the margin of one sleep: about one sleep.
        has(notice(4, false, 1, 1.2, 4, 4, 2), "about one sleep");
        // Clearly more than one sleep, clearly less than all: overlap plus the cost of the threads.
        String between = notice(10_000, false, 1, 2.5, 10_000, 10_000, 2);
        has(between, "more than one sleep, yet well under 10000 sleeps", "extra 1.5000 s");
        hasNot(between, "about one sleep");
        // Sleeps so short that the threads' cost swamps them: no time saved.
        String swamped = notice(20, false, 0.0001, 0.02, 6, 20, 2);
        has(swamped, "not shorter than 20 sleeps", "saved little");
        hasNot(swamped, "about one sleep", "well under");
    }

    @Test
    void moreAsleepThanCoresIsSaidOnlyWhenItHappened() {
        has(notice(8, false, 1, 1.01, 8, 8, 4), "More tasks were asleep at once (8) than there are cores (4)");
        String t = notice(4, false, 1, 1.01, 4, 4, 8);
        hasNot(t, "More tasks were asleep at once");
        has(t, "holds no core");
    }

    @Test
    void theGilSentenceIsAlwaysThere() {
        for (String t : new String[] {notice(4, false, 1, 1.01, 4, 4, 2), notice(20, true, 0, 0.01, 1, 1, 2)}) {
            has(t, "time.sleep lets go of the GIL");
        }
    }

    @Test
    void virtualThreadsOnFewerCarriersThanTasksAreSaidToShareThem() {
        String few = notice(10_000, true, 1, 1.09, 10_000, 2, 2);
        has(few, "carried by 2 OS thread(s)", "hands its carrier back");
        hasNot(few, "--virtual", "--tasks");
        String each = notice(2, true, 1, 1.01, 2, 2, 2);
        has(each, "one each here", "try --tasks 10000");
        hasNot(each, "hands its carrier back", "--virtual");
    }

    @Test
    void platformThreadsOneOsThreadEachOrIdsReused() {
        has(notice(4, false, 1, 1.01, 4, 4, 2), "an OS thread of its own (4 for 4 tasks)");
        String reused = notice(20, false, 0, 0.02, 3, 17, 2);
        has(reused, "17 OS thread ids for 20 platform threads", "left its id to a later one");
        hasNot(reused, "of its own (");
    }

    @Test
    void neverSuggestsAnOptionAlreadyGiven() {
        has(notice(4, false, 1, 1.01, 4, 4, 2), "Try --virtual --tasks 10000");
        String many = notice(10_000, false, 1, 2.5, 10_000, 10_000, 2);
        has(many, "Try the same with --virtual");
        hasNot(many, "--tasks");
        hasNot(notice(4, true, 1, 1.01, 4, 2, 2), "--virtual");
    }
}
