import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
}
