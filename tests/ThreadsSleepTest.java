import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Lesson 01: sleeping threads overlap, in one process. */
@TimesSomething
class ThreadsSleepTest {
    static final Lesson LESSON = new Lesson("ThreadsSleep");

    @Test
    void fourPlatformThreadsSleepAtTheSameTimeInOneProcess() {
        Lesson.Run run = LESSON.run("--tasks", "4", "--seconds", "0.5").ok();
        String pid = String.valueOf(run.pid());
        // Every thread's start and finish line names this very process.
        for (int i = 1; i <= 4; i++) {
            assertTrue(run.out().contains("Thread" + i + " started, PID " + pid), run.out());
            assertTrue(run.out().matches("(?s).*Thread" + i + " finished, PID " + pid + ", took 0\\.5\\d* s.*"), run.out());
        }
        assertTrue(run.out().contains("What to notice"), run.out());
        assertFitsOneHundredColumns(run.out());
    }

    @Test
    void csvShowsDistinctThreadsOnePidAndAWallTimeOfAboutOneSleep() {
        Table t = LESSON.runToTable("--tasks", "4", "--seconds", "0.5");
        assertEquals(4, t.rowCount());
        Set<Double> pids = new HashSet<>(t.numberColumn("pid").asList().stream().map(Number::doubleValue).toList());
        assertEquals(1, pids.size(), "all threads report one PID");
        assertEquals(4, t.stringColumn("worker").countUnique(), "thread names are distinct");
        double wall = t.numberColumn("wall_s").getDouble(0);
        assertTrue(wall >= 0.5 && wall < 1.5, "4 x 0.5 s sleeps took " + wall + " s of wall time");
        assertEquals(4, t.numberColumn("peak_parallel").getDouble(0), "all four were asleep at once");
    }

    @Test
    void tenThousandVirtualThreadsSleepInAboutOneSleepOnAFewCarriers() {
        Lesson.Run run = LESSON.runWithCsv("--virtual", "--tasks", "10000", "--seconds", "0.5");
        assertFitsOneHundredColumns(run.out());
        Table t = run.table();
        assertEquals(10_000, t.rowCount());
        double wall = t.numberColumn("wall_s").getDouble(0);
        assertTrue(wall < 3 * 0.5, "10 000 virtual 0.5 s sleeps took " + wall + " s of wall time");
        int carriers = t.stringColumn("os_thread").countUnique();
        assertTrue(carriers >= 1 && carriers < 10_000 / 10,
                "a few OS threads carry all the virtual threads, got " + carriers);
        assertTrue(t.numberColumn("peak_parallel").getDouble(0) > carriers,
                "more virtual threads asleep at once than there are carriers");
    }

    @Test
    void aboveThirtyTwoTasksTheOutputSaysWhatItLeavesOut() {
        Lesson.Run run = LESSON.runWithCsv("--tasks", "40", "--seconds", "0.2");
        Table t = run.table();
        assertEquals(40, t.rowCount());
        assertFalse(run.out().contains(" started, PID "), "no line per task above 32 tasks:\n" + run.out());
        assertTrue(run.out().contains("no line per task"), "and it says so:\n" + run.out());
        // The per-OS-thread table shows 12 rows and counts the rest.
        int osThreads = t.stringColumn("os_thread").countUnique();
        assertTrue(osThreads > 12, "40 platform threads ran on " + osThreads + " OS threads");
        assertTrue(run.out().contains("... and " + (osThreads - 12) + " more OS threads"), run.out());
        assertTrue(run.out().contains("mean task (s)") && !run.out().contains("[task_s]"), "plain headers:\n" + run.out());
        assertFitsOneHundredColumns(run.out());
    }

    @Test
    void zeroSecondSleepsRunAndRecordNoSleep() {
        Table t = LESSON.runToTable("--tasks", "20", "--seconds", "0");
        assertEquals(20, t.rowCount());
        assertEquals(0.0, t.numberColumn("sleep_s").getDouble(0));
        assertTrue(t.numberColumn("peak_parallel").getDouble(0) >= 1);
    }

    /** The kit's rule: every line a lesson prints fits a 100-column terminal. */
    static void assertFitsOneHundredColumns(String out) {
        for (String line : out.lines().toList()) {
            assertTrue(line.length() <= 100, line.length() + " columns: " + line);
        }
    }
}
