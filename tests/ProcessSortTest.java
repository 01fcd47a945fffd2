import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Lesson 03: the sort in child JVMs — distinct PIDs, real results, the cores each phase kept busy.
 * Its clean failures and clean-up (no orphans), which time nothing, are in ProcessSortUntimedTest.
 */
@TimesSomething
class ProcessSortTest {
    static final Lesson LESSON = new Lesson("ProcessSort");
    static final int SIZE = 400_000;

    @Test
    void childrenHaveTheirOwnPidsAndTheLessonIsTheirParent() {
        Lesson.Run run = LESSON.runWithCsv("--processes", "3", "--size", String.valueOf(SIZE));
        Table t = run.table();
        Table children = t.where(t.stringColumn("variant").isEqualTo("processes"));
        assertEquals(3, children.rowCount());
        assertTrue(children.numberColumn("peak_parallel").getDouble(0) >= 2, "the children were alive at the same time");
        Set<Long> pids = new HashSet<>();
        for (int i = 0; i < 3; i++) pids.add((long) children.numberColumn("pid").getDouble(i));
        assertEquals(3, pids.size(), "distinct child PIDs");
        assertFalse(pids.contains(run.pid()), "a child's PID differs from the lesson's");

        Matcher started = Pattern.compile("Process \\d started, PID (\\d+), parent PID (\\d+)").matcher(run.out());
        int seen = 0;
        while (started.find()) {
            assertTrue(pids.contains(Long.parseLong(started.group(1))), run.out());
            assertEquals(run.pid(), Long.parseLong(started.group(2)), "each child's parent is the lesson");
            seen++;
        }
        assertEquals(3, seen, run.out());
        Table threads = t.where(t.stringColumn("variant").isEqualTo("threads"));
        for (int i = 0; i < threads.rowCount(); i++) assertEquals(run.pid(), (long) threads.numberColumn("pid").getDouble(i));
        // The threads' own lines, as in the article: "Thread2 started, PID 1234", the lesson's PID.
        Matcher thread = Pattern.compile("^Thread\\d started, PID (\\d+)$", Pattern.MULTILINE).matcher(run.out());
        int threadLines = 0;
        for (; thread.find(); threadLines++) assertEquals(run.pid(), Long.parseLong(thread.group(1)), run.out());
        assertEquals(3, threadLines, run.out());
    }

    @Test
    void everyResultIsSortedAndOfTheRightSize() {
        Table t = LESSON.runToTable("--processes", "2", "--size", String.valueOf(SIZE));
        assertEquals(1 + 2 + 2, t.rowCount(), "baseline, two threads, two processes");
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals("ok", t.stringColumn("check").get(i));
            assertEquals(SIZE, t.numberColumn("size").getDouble(i));
        }
        Table children = t.where(t.stringColumn("variant").isEqualTo("processes"));
        assertTrue(children.numberColumn("startup_s").min() > 0, "a JVM costs something to start");
    }

    @Test
    void threadsAreNamedAsInLesson02AndBothPhasesRecordTheCoresTheyKeptBusy() {
        // At the lesson's defaults, as a learner first runs it: every line also fits 100 columns.
        Lesson.Run run = LESSON.runWithCsv();
        for (String line : run.out().lines().toList()) assertTrue(line.length() <= 100, line.length() + " columns: " + line);
        Table t = run.table();
        Table threads = t.where(t.stringColumn("variant").isEqualTo("threads"));
        assertEquals(List.of("Thread1", "Thread2", "Thread3", "Thread4"), threads.stringColumn("worker").asList());
        for (String variant : List.of("threads", "processes")) {
            Table phase = t.where(t.stringColumn("variant").isEqualTo(variant));
            double busy = Lesson.coresBusy(phase, 0);
            // CPU time ÷ wall time: some CPU was spent, and no more than every core for the whole phase;
            // a phase too short for the CPU clock's ticks has no figure rather than a wrong one.
            double wall = phase.numberColumn("wall_s").getDouble(0);
            if (wall >= 1.1 * support.CpuClock.MIN_WALL_S) {
                assertTrue(busy > 0 && busy <= Runtime.getRuntime().availableProcessors(),
                        variant + ": cores busy " + busy);
            } else if (wall < 0.9 * support.CpuClock.MIN_WALL_S) {
                assertTrue(Double.isNaN(busy), variant + ": too short to measure, yet " + busy);
            }
            assertEquals(1, phase.column("cores_busy").countUnique(), "one figure per phase");
        }
    }
}
