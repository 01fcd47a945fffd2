import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Lesson 06 (choosing): one run, both workloads on every variant (Ctrl-C while its children run: ChoosingUntimedTest). */
@TimesSomething
class ChoosingTest {
    static final Lesson LESSON = new Lesson("Choosing");
    static final List<String> WORKLOADS = List.of("sleep", "sort"), VARIANTS = List.of("platform", "virtual", "processes", "gil");
    static final int WORKERS = 3;
    static final double SLEEP = 0.3;

    /** One small run that the tests below share (its process phases outlast the CPU clock's 0.1 s). */
    static Lesson.Run run;

    @BeforeAll
    static void runOnce() {
        run = LESSON.runWithCsv("--workers", String.valueOf(WORKERS), "--seconds", String.valueOf(SLEEP),
                "--size", "1_000_000");
    }

    static Table rows(String workload, String variant) {
        Table t = run.table();
        return t.where(t.stringColumn("workload").isEqualTo(workload).and(t.stringColumn("variant").isEqualTo(variant)));
    }

    static int peak(String workload, String variant) {
        return (int) rows(workload, variant).numberColumn("peak_parallel").getDouble(0);
    }

    @Test
    void everyWorkloadRanOnEveryVariantAndEveryOutputChecksOut() {
        for (String workload : WORKLOADS) {
            for (String variant : VARIANTS) {
                assertEquals(WORKERS, rows(workload, variant).rowCount(), workload + "/" + variant + ": one row per worker");
                assertTrue(run.out().matches("(?s).*\\n\\s+" + workload + "\\s+\\|\\s+" + variant + "\\s+\\|.*"),
                        "the printed decision table has a row for " + workload + "/" + variant + ":\n" + run.out());
            }
        }
        Table t = run.table();
        assertEquals(WORKLOADS.size() * VARIANTS.size() * WORKERS, t.rowCount(), "no other rows");
        for (int i = 0; i < t.rowCount(); i++) {
            String check = t.stringColumn("check").get(i);
            boolean sort = t.stringColumn("workload").get(i).equals("sort");
            assertTrue(sort ? check.equals("ok") : check.isEmpty() || check.equals("ok"), "row " + i + ": " + t.row(i));
        }
    }

    @Test
    void theModelGilLetsOneThreadComputeAtATimeButLetsWaitsOverlap() {
        assertEquals(1, peak("sort", "gil"), "one thread holding the lock at a time");
        assertEquals(1, peak("sleep", "gil"), "a sleeping thread lets go of the lock");
        assertTrue(rows("sleep", "gil").doubleColumn("wall_s").get(0) < WORKERS * SLEEP, "the waits overlapped under the GIL");
        assertEquals(WORKERS, peak("sleep", "platform"), "all slept at once");
        assertEquals(WORKERS, peak("sleep", "virtual"), "all slept at once");
    }

    @Test
    void threadsRunInTheLessonsProcessAndEachChildInItsOwn() {
        Set<Long> children = new HashSet<>();
        for (String workload : WORKLOADS) {
            for (String variant : VARIANTS) {
                Table rows = rows(workload, variant);
                for (int i = 0; i < rows.rowCount(); i++) {
                    long pid = (long) rows.numberColumn("pid").getDouble(i);
                    if (variant.equals("processes")) {
                        assertNotEquals(run.pid(), pid, "a child has a PID of its own");
                        assertTrue(children.add(pid), "a new child per task: " + pid);
                        assertTrue(rows.numberColumn("startup_s").getDouble(i) > 0, "a child's start-up is counted");
                    } else {
                        assertEquals(run.pid(), pid, workload + "/" + variant + " ran in the lesson's process");
                    }
                }
            }
        }
    }

    @Test
    void computingRowsSayHowManyCoresWereBusyAndEveryLineFitsOneHundredColumns() {
        run.out().lines().forEach(l -> assertTrue(l.length() <= 100, l.length() + " columns: " + l));
        Table t = run.table();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < t.rowCount(); i++) {
            double busy = Lesson.coresBusy(t, i); // NaN where empty
            double wall = t.doubleColumn("wall_s").getDouble(i);
            if (wall >= 1.1 * support.CpuClock.MIN_WALL_S) {
                // CPU time / wall: threads from this process, processes from the children's own reports.
                boolean sort = t.stringColumn("workload").get(i).equals("sort");
                assertTrue(busy >= 0 && busy <= cores && (!sort || busy > 0.1), "cores busy of " + t.row(i));
            } else if (wall < 0.9 * support.CpuClock.MIN_WALL_S) {
                assertTrue(Double.isNaN(busy), "a phase too short for the CPU clock has no figure: " + t.row(i));
            }
        }
    }
}
