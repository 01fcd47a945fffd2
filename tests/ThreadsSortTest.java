import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import notice.ThreadsSortNotice;
import org.junit.jupiter.api.Test;
import support.Notice;
import tech.tablesaw.api.Table;

/** Lesson 02: threads on a CPU-bound job; the model GIL makes them take turns. */
@TimesSomething
class ThreadsSortTest {
    static final Lesson LESSON = new Lesson("ThreadsSort");
    static final int SIZE = 300_000;

    static Table workers(Table t) {
        return t.where(t.stringColumn("role").isEqualTo("worker"));
    }

    static void everyOutputIsASortedPermutationOfTheRightLength(Table t, int threads) {
        assertEquals(threads + 1, t.rowCount(), "a baseline row and one row per thread");
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals("ok", t.stringColumn("check").get(i), "row " + i + ": sorted, right length, same numbers");
            assertEquals(SIZE, t.numberColumn("size").getDouble(i));
        }
    }

    @Test
    void threadsRunAtTheSameMomentWithoutTheGil() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two cores");
        Table t = LESSON.runToTable("--threads", "4", "--size", "3_000_000", "--seed", "7");
        assertTrue(workers(t).numberColumn("peak_parallel").getDouble(0) >= 2,
                "at least two threads were working at once:\n" + t.print());
        assertEquals(4, workers(t).stringColumn("worker").countUnique());
    }

    @Test
    void underTheGilNoTwoThreadsEverWorkAtOnce() {
        Table t = LESSON.runToTable("--threads", "4", "--size", "3_000_000", "--gil", "--switch-interval", "1");
        assertEquals(1, workers(t).numberColumn("peak_parallel").getDouble(0), "one worker at a time:\n" + t.print());
        for (int i = 0; i < t.rowCount(); i++) assertEquals("ok", t.stringColumn("check").get(i));
    }

    @Test
    void resultsAreSortedPermutationsInEveryMode() {
        everyOutputIsASortedPermutationOfTheRightLength(LESSON.runToTable("--threads", "3", "--size", "300000"), 3);
        everyOutputIsASortedPermutationOfTheRightLength(LESSON.runToTable("--threads", "3", "--size", "300000", "--gil"), 3);
        everyOutputIsASortedPermutationOfTheRightLength(LESSON.runToTable("--threads", "3", "--size", "300000", "--boxed"), 3);
        everyOutputIsASortedPermutationOfTheRightLength(
                LESSON.runToTable("--threads", "3", "--size", "300000", "--shared-random"), 3);
    }

    @Test
    void everyThreadReportsThisProcess() {
        Lesson.Run run = LESSON.run("--threads", "3", "--size", "100000").ok();
        for (int i = 1; i <= 3; i++) {
            assertTrue(run.out().contains("Thread" + i + " finished, PID " + run.pid() + ", took"), run.out());
        }
    }

    @Test
    void underTheGilTheCsvRecordsOneCoreBusyAtMostAndTheThreadsFinishAtDifferentMoments() {
        Table t = LESSON.runToTable("--threads", "3", "--size", "1_000_000", "--gil", "--seed", "3");
        Table w = workers(t);
        assertEquals(1, w.numberColumn("peak_parallel").getDouble(0));
        for (int i = 0; i < t.rowCount(); i++) {
            double busy = Lesson.coresBusy(t, i), wall = t.numberColumn("wall_s").getDouble(i);
            if (wall >= 1.1 * support.CpuClock.MIN_WALL_S) {
                assertTrue(busy > 0 && busy <= Runtime.getRuntime().availableProcessors(), "cores busy:\n" + t.print());
            } else if (wall < 0.9 * support.CpuClock.MIN_WALL_S) { // (the clock's own wall may differ a little)
                assertTrue(Double.isNaN(busy), "too short a phase to measure: left empty\n" + t.print());
            }
        }
        long distinctEnds = java.util.stream.IntStream.range(0, w.rowCount())
                .mapToDouble(i -> w.numberColumn("start_s").getDouble(i) + w.numberColumn("task_s").getDouble(i))
                .distinct().count();
        assertEquals(3, distinctEnds, "no two threads finished at the same moment:\n" + t.print());
    }

    // ---- "What to notice", fed made-up measurements on both sides of each claim --------------------

    /** Measurements to start from: 4 threads on 4 cores, a 1 s baseline, nothing given on the command line. */
    static final class M {
        int threads = 4, cores = 4, peak = 4;
        boolean threadsGiven, gil, boxed, sharedRandom;
        double baseline = 1, wall = 1.05, slowest = 1.05, busyBaseline = 1, busy = 3.9;
        double[] finishes = {1.0, 1.01, 1.02, 1.05};
        long handovers;

        M speedUp(double s) { wall = threads * baseline / s; slowest = wall; return this; }

        Notice notice() {
            return ThreadsSortNotice.of(new ThreadsSortNotice.Measured(threads, cores, threadsGiven, gil, boxed,
                    sharedRandom, 5, baseline, wall, slowest, finishes, peak, busyBaseline, busy, handovers));
        }
    }

    static M gil() {
        M m = new M();
        m.gil = true;
        m.peak = 1;
        m.busy = 1.02;
        m.wall = 4.1;
        m.finishes = new double[] {2.0, 2.7, 3.4, 4.1};
        m.handovers = 40;
        return m;
    }

    static M twoOnTwo(double speedUp) {
        M m = new M();
        m.threads = 2;
        m.cores = 2;
        m.peak = 2;
        return m.speedUp(speedUp);
    }

    @Test
    void aSpeedUpBeyondTheCoresOrWithoutOverlapBlamesTheBaselineNotParallelism() {
        // Seen in a review: 2 threads, 2 cores, a slow first baseline gave 6.83x with the threads never overlapping.
        M beyond = twoOnTwo(6.83);
        beyond.peak = 1;
        Lesson.claims(beyond.notice(), "beyond-cores");
        Lesson.claimsNot(beyond.notice(), "parallel", "gain-without-overlap");
        assertTrue(beyond.notice().text().contains("6.83x"), "the speed-up is quoted: " + beyond.notice());

        M noOverlap = twoOnTwo(1.6);
        noOverlap.peak = 1;
        Lesson.claims(noOverlap.notice(), "gain-without-overlap", "never-overlapped");
        Lesson.claimsNot(noOverlap.notice(), "parallel", "beyond-cores", "overlapped");

        M unmeasured = new M().speedUp(3.6); // a phase too short for the CPU clock: no cores-busy figure
        unmeasured.busy = Double.NaN;
        Lesson.claims(unmeasured.notice(), "parallel");
        String text = unmeasured.notice().text();
        assertFalse(text.contains("n/a") || text.contains("NaN"), "no figure where none was measured: " + text);
    }

    @Test
    void parallelIsClaimedOnlyWhenTheSpeedUpAndTheCoresBusySayIt() {
        M fast = new M().speedUp(3.6);
        Lesson.claims(fast.notice(), "speed-up", "parallel");
        Lesson.claimsNot(fast.notice(), "baseline-starved", "slower", "no-faster");
        assertTrue(fast.notice().text().contains("90%"), "the efficiency is quoted: " + fast.notice());

        M twoThreads = twoOnTwo(0.99);
        twoThreads.threadsGiven = true;
        twoThreads.busy = 1.95; // the cores were busy: the threads slowed each other
        Lesson.claims(twoThreads.notice(), "no-faster", "slowed-by-sharing");
        Lesson.claimsNot(twoThreads.notice(), "parallel", "slower", "cores-elsewhere");

        M boxed = new M().speedUp(0.69);
        boxed.boxed = true;
        boxed.cores = 2;
        boxed.busy = 2.1;
        Lesson.claims(boxed.notice(), "slower", "slowed-by-memory", "boxed");
        Lesson.claimsNot(boxed.notice(), "parallel", "no-faster", "slowed-by-sharing");

        M shared = new M().speedUp(0.84);
        shared.sharedRandom = true;
        shared.cores = 2;
        shared.busy = 2.0;
        Lesson.claims(shared.notice(), "slowed-by-shared-random");
        Lesson.claimsNot(shared.notice(), "parallel", "slowed-by-sharing", "boxed");

        M quietCores = new M().speedUp(0.95);
        quietCores.busy = 0.9;
        Lesson.claims(quietCores.notice(), "no-faster", "cores-elsewhere");
        Lesson.claimsNot(quietCores.notice(), "slowed-by-sharing");

        M fastButOneCore = new M().speedUp(2);
        fastButOneCore.busy = 0.8;
        fastButOneCore.busyBaseline = 0.3; // a speed-up against a starved baseline proves nothing
        Lesson.claims(fastButOneCore.notice(), "baseline-starved", "gain-on-idle-cores");
        Lesson.claimsNot(fastButOneCore.notice(), "parallel");
        assertTrue(fastButOneCore.notice().text().contains("0.80"), "cores busy quoted: " + fastButOneCore.notice());
        assertTrue(fastButOneCore.notice().text().contains("0.30"), "the baseline's quoted: " + fastButOneCore.notice());
    }

    @Test
    void whyNoGainSaysOneCoreOrAnUnknownCoresBusy() {
        M single = new M().speedUp(1.0);
        single.cores = 1;
        Lesson.claims(single.notice(), "no-faster", "one-core");
        M tooShort = new M().speedUp(0.97);
        tooShort.busy = Double.NaN;
        Lesson.claims(tooShort.notice(), "no-faster", "busy-unknown");
        Lesson.claimsNot(tooShort.notice(), "one-core", "cores-elsewhere", "slowed-by-sharing");
    }

    @Test
    void moreThreadsThanCoresIsSaidToMeanSomeWaitedForACore() {
        M crowded = new M().speedUp(1.9);
        crowded.cores = 2;
        crowded.peak = 4;
        Lesson.claims(crowded.notice(), "waited-for-core");
        Lesson.claimsNot(crowded.notice(), "overlapped", "never-overlapped");
        M roomy = new M().speedUp(3.8);
        Lesson.claims(roomy.notice(), "overlapped");
        Lesson.claimsNot(roomy.notice(), "waited-for-core", "never-overlapped");
    }

    @Test
    void noAdviceToPassWhatWasPassedOrWhatIsAlreadyTheCase() {
        M defaults = new M().speedUp(1.9);
        defaults.cores = 2;
        Lesson.claims(defaults.notice(), "try-threads-as-cores");
        defaults.threadsGiven = true; // the learner chose --threads
        Lesson.claimsNot(defaults.notice(), "try-threads-as-cores");
        M matching = new M().speedUp(3.8); // threads already match the cores
        Lesson.claims(matching.notice(), "try-gil", "article-figures");
        Lesson.claimsNot(matching.notice(), "try-threads-as-cores", "try-gil-unboxed", "try-without-gil");
        Lesson.claimsNot(gil().notice(), "try-gil", "try-gil-unboxed");
        Lesson.claims(gil().notice(), "try-without-gil");
        M boxed = new M().speedUp(3.8);
        boxed.boxed = true; // the two cannot be combined
        Lesson.claims(boxed.notice(), "try-gil-unboxed");
        Lesson.claimsNot(boxed.notice(), "try-gil");
    }

    @Test
    void underTheGilTheRatioAndTheStaggerChooseTheSentences() {
        Notice n = gil().notice();
        Lesson.claims(n, "one-at-a-time", "about-n-jobs", "finished-in-turn", "article-figures", "gil-model",
                "gil-one-core");
        Lesson.claimsNot(n, "model-broken", "under-n-jobs", "over-n-jobs", "finished-together", "parallel",
                "speed-up", "never-handed-over");
        assertTrue(n.text().contains("2.0000, 2.7000, 3.4000 and 4.1000 s"), "the finishes are quoted: " + n);
        assertTrue(n.text().contains("40 times"), "the handovers are quoted: " + n);

        M quick = gil();
        quick.wall = 2.0;
        Lesson.claims(quick.notice(), "under-n-jobs");
        Lesson.claimsNot(quick.notice(), "about-n-jobs", "over-n-jobs");
        M slow = gil();
        slow.wall = 6.0;
        Lesson.claims(slow.notice(), "over-n-jobs");
        Lesson.claimsNot(slow.notice(), "about-n-jobs", "under-n-jobs");

        M together = gil();
        together.finishes = new double[] {4.0, 4.03, 4.06, 4.1};
        Lesson.claims(together.notice(), "finished-together");
        Lesson.claimsNot(together.notice(), "finished-in-turn");

        M busy = gil();
        busy.busy = 1.9;
        Lesson.claims(busy.notice(), "gil-beyond-one-core");
        Lesson.claimsNot(busy.notice(), "gil-one-core", "gil-cores-elsewhere");
        M starved = gil();
        starved.busy = 0.4;
        Lesson.claims(starved.notice(), "gil-cores-elsewhere");
        Lesson.claimsNot(starved.notice(), "gil-one-core", "gil-beyond-one-core");
        M unknown = gil();
        unknown.busy = Double.NaN;
        Lesson.claimsNot(unknown.notice(), "gil-one-core", "gil-beyond-one-core", "gil-cores-elsewhere");

        M broken = gil();
        broken.peak = 2;
        Lesson.claims(broken.notice(), "model-broken");
        Lesson.claimsNot(broken.notice(), "one-at-a-time");
    }

    @Test
    void withOneThreadThereIsNothingToRunInParallel() {
        M one = new M();
        one.threads = 1;
        one.peak = 1;
        one.wall = 1.02;
        one.finishes = new double[] {1.02};
        Lesson.claims(one.notice(), "one-as-baseline", "nothing-to-overlap");
        Lesson.claimsNot(one.notice(), "parallel", "speed-up", "one-below-baseline", "one-above-baseline");
        one.wall = 1.5;
        Lesson.claims(one.notice(), "one-above-baseline");
        one.wall = 0.7;
        Lesson.claims(one.notice(), "one-below-baseline");

        M oneUnderGil = gil();
        oneUnderGil.threads = 1;
        oneUnderGil.wall = 1.01;
        oneUnderGil.finishes = new double[] {1.01};
        Lesson.claims(oneUnderGil.notice(), "never-handed-over", "one-as-baseline");
        Lesson.claimsNot(oneUnderGil.notice(), "finished-in-turn", "finished-together", "about-n-jobs");
    }

    @Test
    void sharedRandomSaysWhetherTheThreadsGotInEachOthersWay() {
        M slowed = new M().speedUp(0.84);
        slowed.sharedRandom = true;
        slowed.slowest = 4.6; // 4 jobs of 1 s on 4 cores: about 1 s expected
        slowed.busy = 3.9;
        Lesson.claims(slowed.notice(), "shared-in-the-way", "try-snippet");
        Lesson.claimsNot(slowed.notice(), "shared-or-others", "shared-harmless", "shared-faster");
        assertTrue(slowed.notice().text().contains("4.6000 s"), "the slowest is quoted: " + slowed.notice());
        slowed.busy = 1.2;
        Lesson.claims(slowed.notice(), "shared-or-others");
        Lesson.claimsNot(slowed.notice(), "shared-in-the-way");
        M fine = new M().speedUp(3.7);
        fine.sharedRandom = true;
        fine.slowest = 1.05;
        Lesson.claims(fine.notice(), "shared-harmless");
        Lesson.claimsNot(fine.notice(), "shared-in-the-way", "shared-or-others");
        fine.slowest = 0.5;
        Lesson.claims(fine.notice(), "shared-faster");
        Lesson.claimsNot(fine.notice(), "shared-harmless", "shared-in-the-way");
        Lesson.claimsNot(new M().speedUp(3.7).notice(), "shared-harmless", "try-snippet");
    }

    @Test
    void everySentenceIsFilledAndTheAlwaysTrueOnesAreAlwaysThere() {
        for (M m : List.of(new M().speedUp(3.6), gil(), twoOnTwo(0.9))) {
            Notice n = m.notice();
            Lesson.claims(n, "free-threaded");
            assertFalse(n.text().contains("{") || n.text().contains("["), "a placeholder or claim tag left: " + n);
        }
    }
}
