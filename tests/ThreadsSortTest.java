import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Lesson 02: threads on a CPU-bound job; the model GIL makes them take turns. */
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

    @Test
    void everyLineFitsInOneHundredColumns() {
        for (String[] args : List.of(new String[] {"--size", "1_000_000"}, new String[] {"--size", "1_000_000", "--gil"})) {
            Lesson.Run run = LESSON.run(args).ok();
            for (String line : run.out().lines().toList()) {
                assertTrue(line.length() <= 100, "longer than 100 columns (" + line.length() + "): " + line);
            }
        }
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

        String notice() {
            return ThreadsSort.notice(new ThreadsSort.Measured(threads, cores, threadsGiven, gil, boxed, sharedRandom,
                    5, baseline, wall, slowest, finishes, peak, busyBaseline, busy, handovers));
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

    static final String PARALLEL = "ran on several cores at once";

    @Test
    void aSpeedUpBeyondTheCoresOrWithoutOverlapBlamesTheBaselineNotParallelism() {
        // Seen in a review: 2 threads, 2 cores, a slow first baseline gave 6.83x with the threads never overlapping.
        M beyond = new M();
        beyond.threads = 2;
        beyond.cores = 2;
        beyond.peak = 1;
        beyond.speedUp(6.83);
        String n = beyond.notice();
        assertFalse(n.contains(PARALLEL), n);
        assertTrue(n.contains("more than 2 cores can give"), n);
        M noOverlap = new M();
        noOverlap.threads = 2;
        noOverlap.cores = 2;
        noOverlap.peak = 1;
        noOverlap.speedUp(1.6);
        n = noOverlap.notice();
        assertFalse(n.contains(PARALLEL), n);
        assertTrue(n.contains("never overlapped, so the gain cannot come from running at once"), n);
        M unmeasured = new M().speedUp(3.6); // a phase too short for the CPU clock: no cores-busy figure
        unmeasured.busy = Double.NaN;
        n = unmeasured.notice();
        assertTrue(n.contains(PARALLEL) && !n.contains("n/a") && !n.contains("NaN"), n);
    }

    @Test
    void parallelIsClaimedOnlyWhenTheSpeedUpAndTheCoresBusySayIt() {
        M fast = new M().speedUp(3.6);
        assertTrue(fast.notice().contains(PARALLEL), fast.notice());

        M twoThreads = new M();
        twoThreads.threads = 2;
        twoThreads.cores = 2;
        twoThreads.peak = 2;
        twoThreads.threadsGiven = true;
        twoThreads.speedUp(0.99);
        twoThreads.busy = 1.95;
        String n = twoThreads.notice();
        assertFalse(n.contains(PARALLEL), n);
        assertTrue(n.contains("no faster than running the jobs one after another"), n);
        assertTrue(n.contains("sharing memory bandwidth"), "the cores were busy: the threads slowed each other\n" + n);

        M boxed = new M().speedUp(0.69);
        boxed.boxed = true;
        boxed.cores = 2;
        boxed.busy = 2.1;
        n = boxed.notice();
        assertFalse(n.contains(PARALLEL), n);
        assertTrue(n.contains("slower than running the jobs one after another"), n);
        assertTrue(n.contains("garbage collector"), n);

        M shared = new M().speedUp(0.84);
        shared.sharedRandom = true;
        shared.cores = 2;
        shared.busy = 2.0;
        n = shared.notice();
        assertFalse(n.contains(PARALLEL), n);
        assertTrue(n.contains("queueing for the one shared Random"), n);

        M quietCores = new M().speedUp(0.95);
        quietCores.busy = 0.9;
        assertTrue(quietCores.notice().contains("other programs had the rest"), quietCores.notice());

        M fastButOneCore = new M().speedUp(2);
        fastButOneCore.busy = 0.8;
        fastButOneCore.busyBaseline = 0.3;
        n = fastButOneCore.notice();
        assertFalse(n.contains(PARALLEL), "a speed-up against a starved baseline proves nothing\n" + n);
        assertTrue(n.contains("only 0.80 cores were busy"), n);
        assertTrue(n.contains("the baseline had only 0.30 of a core"), n);
        assertFalse(fast.notice().contains("the baseline had only"), fast.notice());
    }

    @Test
    void moreThreadsThanCoresIsSaidToMeanSomeWaitedForACore() {
        M crowded = new M().speedUp(1.9);
        crowded.cores = 2;
        crowded.peak = 4;
        assertTrue(crowded.notice().contains("more than the 2 cores, so some of them were waiting for a core"),
                crowded.notice());
        M roomy = new M().speedUp(3.8);
        assertTrue(roomy.notice().contains("Up to 4 threads were inside the job at the same moment."), roomy.notice());
        assertFalse(roomy.notice().contains("waiting for a core"), roomy.notice());
    }

    @Test
    void noAdviceToPassWhatWasPassedOrWhatIsAlreadyTheCase() {
        M defaults = new M().speedUp(1.9);
        defaults.cores = 2;
        assertTrue(defaults.notice().contains("Try --threads 2"), defaults.notice());
        defaults.threadsGiven = true;
        assertFalse(defaults.notice().contains("Try --threads"), "the learner chose --threads\n" + defaults.notice());
        M matching = new M().speedUp(3.8);
        assertFalse(matching.notice().contains("Try --threads"), "threads already match the cores");
        assertTrue(matching.notice().contains("Try --gil"));
        assertFalse(gil().notice().contains("Try --gil"), gil().notice());
        M boxed = new M().speedUp(3.8);
        boxed.boxed = true;
        assertTrue(boxed.notice().contains("Try --gil (without --boxed)"), "the two cannot be combined");
        assertTrue(gil().notice().contains("Run without --gil"));
    }

    @Test
    void underTheGilTheRatioAndTheStaggerChooseTheSentences() {
        String n = gil().notice();
        assertTrue(n.contains("at most 1 thread worked at any moment"), n);
        assertTrue(n.contains("about 4 jobs one after another"), n);
        assertTrue(n.contains("finished one after another, at 2.0000, 2.7000, 3.4000 and 4.1000 s"), n);
        assertTrue(n.contains("one core's worth of work"), n);
        assertFalse(n.contains("That is the article's result"), n);

        M quick = gil();
        quick.wall = 2.0;
        assertTrue(quick.notice().contains("less than 4 jobs one after another"), quick.notice());
        M slow = gil();
        slow.wall = 6.0;
        assertTrue(slow.notice().contains("more than 4 jobs one after another"), slow.notice());

        M together = gil();
        together.finishes = new double[] {4.0, 4.03, 4.06, 4.1};
        n = together.notice();
        assertTrue(n.contains("finished close together"), n);
        assertFalse(n.contains("finished one after another"), n);

        M busy = gil();
        busy.busy = 1.9;
        assertTrue(busy.notice().contains("more than the one the lock allows"), busy.notice());
        M starved = gil();
        starved.busy = 0.4;
        assertTrue(starved.notice().contains("other programs shared the machine"), starved.notice());

        M broken = gil();
        broken.peak = 2;
        assertTrue(broken.notice().contains("the model is broken"), broken.notice());
    }

    @Test
    void withOneThreadThereIsNothingToRunInParallel() {
        M one = new M();
        one.threads = 1;
        one.peak = 1;
        one.wall = 1.02;
        one.finishes = new double[] {1.02};
        assertFalse(one.notice().contains(PARALLEL), one.notice());
        assertTrue(one.notice().contains("nothing to run at the same moment"), one.notice());
        M oneUnderGil = gil();
        oneUnderGil.threads = 1;
        oneUnderGil.wall = 1.01;
        oneUnderGil.finishes = new double[] {1.01};
        assertTrue(oneUnderGil.notice().contains("never changed hands"), oneUnderGil.notice());
        assertFalse(oneUnderGil.notice().contains("finished one after another"), oneUnderGil.notice());
    }

    @Test
    void sharedRandomSaysWhetherTheThreadsGotInEachOthersWay() {
        M slowed = new M().speedUp(0.84);
        slowed.sharedRandom = true;
        slowed.slowest = 4.6; // 4 jobs of 1 s on 4 cores: about 1 s expected
        slowed.busy = 3.9;
        assertTrue(slowed.notice().contains("the threads got in each other's way"), slowed.notice());
        slowed.busy = 1.2;
        assertTrue(slowed.notice().contains("other programs may have slowed the threads"), slowed.notice());
        assertFalse(slowed.notice().contains("the threads got in each other's way"), slowed.notice());
        M fine = new M().speedUp(3.7);
        fine.sharedRandom = true;
        fine.slowest = 1.05;
        assertTrue(fine.notice().contains("hardly got in each other's way"), fine.notice());
    }
}
