import static org.junit.jupiter.api.Assertions.assertTrue;

import notice.ThreadsSleepNotice;
import org.junit.jupiter.api.Test;
import support.Notice;

/** Lesson 01's "What to notice", fed made-up measurements on both sides of every claim it makes. */
@TimesNothing
class ThreadsSleepNoticeTest {

    // tasks, virtual, sleep, wall, peak asleep, OS threads, cores
    static Notice notice(int tasks, boolean virtual, double sleep, double wall, int peak, int os, int cores) {
        return ThreadsSleepNotice.of(new ThreadsSleepNotice.Measured(tasks, virtual, sleep, wall, peak, os, cores));
    }

    @Test
    void zeroSecondSleepsClaimNoOverlapButTheCostOfThreads() {
        Notice n = notice(20, false, 0, 0.0208, 6, 20, 2);
        Lesson.claims(n, "no-wait");
        Lesson.claimsNot(n, "all-overlapped", "some-overlapped", "about-one-sleep", "more-than-cores", "no-core-held");
        assertTrue(n.text().contains("0.0010 s"), "the cost per task is quoted: " + n.text()); // 0.0208 s / 20
    }

    @Test
    void allAsleepAtOnceAndAWallOfOneSleepIsCalledOverlap() {
        Notice n = notice(4, false, 1, 1.02, 4, 4, 2);
        Lesson.claims(n, "all-overlapped", "about-one-sleep");
        Lesson.claimsNot(n, "some-overlapped", "no-overlap", "under-all-sleeps", "no-saving");
    }

    @Test
    void somePartlyAsleepAtOnceIsCalledAPartialOverlap() {
        Notice n = notice(4, false, 1, 1.05, 3, 4, 2);
        Lesson.claims(n, "some-overlapped");
        Lesson.claimsNot(n, "all-overlapped");
    }

    @Test
    void neverTwoAsleepAtOnceIsNoOverlap() {
        Notice n = notice(4, false, 0.1, 0.41, 1, 4, 2);
        Lesson.claims(n, "no-overlap");
        Lesson.claimsNot(n, "all-overlapped", "some-overlapped", "about-one-sleep", "no-core-held", "more-than-cores");
    }

    @Test
    void oneTaskHasNothingToOverlap() {
        Notice n = notice(1, false, 1, 1.01, 1, 1, 2);
        Lesson.claims(n, "one-task");
        Lesson.claimsNot(n, "all-overlapped", "some-overlapped", "about-one-sleep");
    }

    @Test
    void theWallTimeIsJudgedAgainstOneSleepAndAllSleepsWithANoiseMargin() {
        Lesson.claims(notice(4, false, 1, 1.2, 4, 4, 2), "about-one-sleep"); // within the margin of one sleep
        Notice between = notice(10_000, false, 1, 2.5, 10_000, 10_000, 2);
        Lesson.claims(between, "under-all-sleeps");
        Lesson.claimsNot(between, "about-one-sleep", "no-saving");
        assertTrue(between.text().contains("1.5000 s"), "the extra time is quoted: " + between.text());
        Notice swamped = notice(20, false, 0.0001, 0.02, 6, 20, 2); // the threads' cost swamps the sleeps
        Lesson.claims(swamped, "no-saving");
        Lesson.claimsNot(swamped, "about-one-sleep", "under-all-sleeps");
    }

    @Test
    void moreAsleepThanCoresIsSaidOnlyWhenItHappened() {
        Lesson.claims(notice(8, false, 1, 1.01, 8, 8, 4), "more-than-cores");
        Notice n = notice(4, false, 1, 1.01, 4, 4, 8);
        Lesson.claims(n, "no-core-held");
        Lesson.claimsNot(n, "more-than-cores");
    }

    @Test
    void theGilSentenceIsAlwaysThere() {
        Lesson.claims(notice(4, false, 1, 1.01, 4, 4, 2), "gil-sleep");
        Lesson.claims(notice(20, true, 0, 0.01, 1, 1, 2), "gil-sleep");
    }

    @Test
    void virtualThreadsOnFewerCarriersThanTasksAreSaidToShareThem() {
        Notice few = notice(10_000, true, 1, 1.09, 10_000, 2, 2);
        Lesson.claims(few, "few-carriers");
        Lesson.claimsNot(few, "carrier-each", "try-virtual", "try-virtual-many");
        Notice each = notice(2, true, 1, 1.01, 2, 2, 2);
        Lesson.claims(each, "carrier-each");
        Lesson.claimsNot(each, "few-carriers", "try-virtual", "try-virtual-many");
    }

    @Test
    void platformThreadsOneOsThreadEachOrIdsReused() {
        Lesson.claims(notice(4, false, 1, 1.01, 4, 4, 2), "os-thread-each");
        Notice reused = notice(20, false, 0, 0.02, 3, 17, 2);
        Lesson.claims(reused, "os-thread-reused");
        Lesson.claimsNot(reused, "os-thread-each");
    }

    @Test
    void suggestsVirtualThreadsOnlyToPlatformRuns() {
        Lesson.claims(notice(4, false, 1, 1.01, 4, 4, 2), "try-virtual-many");
        Notice many = notice(10_000, false, 1, 2.5, 10_000, 10_000, 2);
        Lesson.claims(many, "try-virtual");
        Lesson.claimsNot(many, "try-virtual-many");
        Lesson.claimsNot(notice(4, true, 1, 1.01, 4, 2, 2), "try-virtual", "try-virtual-many");
    }
}
