import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Lesson 06: one run, every workload on every variant, and the cost of sharing results. */
class ChoosingTest {
    static final Lesson LESSON = new Lesson("Choosing");
    static final Map<String, List<String>> EXPECTED = Map.of(
            "sleep", List.of("platform", "virtual", "processes", "gil"),
            "sort", List.of("platform", "virtual", "processes", "gil"),
            "share", List.of("threads", "pipe", "mmap"));

    @Test
    void theDecisionTableHasARowForEveryVariantAndWorkload() {
        Lesson.Run run = LESSON.runWithCsv("--workers", "2", "--seconds", "0.2", "--size", "200000");
        Table t = run.table();
        for (var workload : EXPECTED.entrySet()) {
            for (String variant : workload.getValue()) {
                Table rows = t.where(t.stringColumn("workload").isEqualTo(workload.getKey())
                        .and(t.stringColumn("variant").isEqualTo(variant)));
                assertEquals(2, rows.rowCount(), workload.getKey() + "/" + variant + ": one row per worker");
                assertTrue(run.out().matches("(?s).*\\n\\s+" + workload.getKey() + "\\s+\\|\\s+" + variant + "\\s+\\|.*"),
                        "the printed decision table has a row for " + workload.getKey() + "/" + variant + ":\n" + run.out());
            }
        }
        assertEquals(t.rowCount(), 2 * (4 + 4 + 3), "no other rows");
        for (int i = 0; i < t.rowCount(); i++) {
            String check = t.stringColumn("check").get(i);
            assertTrue(check.isEmpty() || check.equals("ok"), "row " + i + " failed its check: " + t.row(i));
        }
        for (String workload : List.of("sort", "share")) {
            Table rows = t.where(t.stringColumn("workload").isEqualTo(workload));
            for (int i = 0; i < rows.rowCount(); i++) assertEquals("ok", rows.stringColumn("check").get(i), rows.row(i).toString());
        }
    }

    @Test
    void theModelGilLetsOneThreadComputeAtATimeButLetsWaitsOverlap() {
        Table t = LESSON.runToTable("--workers", "3", "--seconds", "0.3", "--size", "300000");
        Table gil = t.where(t.stringColumn("variant").isEqualTo("gil"));
        Table sortGil = gil.where(gil.stringColumn("workload").isEqualTo("sort"));
        assertEquals(1, sortGil.numberColumn("peak_parallel").getDouble(0), "one thread computing at a time");
        Table sleepGil = gil.where(gil.stringColumn("workload").isEqualTo("sleep"));
        assertTrue(sleepGil.numberColumn("wall_s").getDouble(0) < 3 * 0.3, "the waits overlapped under the GIL");
        Table sleepPlatform = t.where(t.stringColumn("workload").isEqualTo("sleep").and(t.stringColumn("variant").isEqualTo("platform")));
        assertEquals(3, sleepPlatform.numberColumn("peak_parallel").getDouble(0), "all three slept at once");
        Table procs = t.where(t.stringColumn("variant").isEqualTo("processes"));
        long lesson = (long) sleepPlatform.numberColumn("pid").getDouble(0);
        for (int i = 0; i < procs.rowCount(); i++) assertNotEquals(lesson, (long) procs.numberColumn("pid").getDouble(i));
    }
}
