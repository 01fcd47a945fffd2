import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import support.Host;
import tech.tablesaw.api.Table;

/** Lesson 06 (choosing): one run, both workloads on every variant, and Ctrl-C while its children run. */
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

    /**
     * Ctrl-C while children run: the lesson ends as a signal ends a JVM (130 for SIGINT, 143 for
     * SIGTERM), no child is left, and no line blames a child for dying of the lesson's own clean-up.
     * A terminal sends Ctrl-C's SIGINT to the whole process group, the children too, so that a child
     * may die before the lesson's shutdown hook starts: the group runs, repeated, test that race.
     */
    @ParameterizedTest(name = "SIGINT to the {0}")
    @ValueSource(strings = {"lesson", "group", "group", "group"})
    void ctrlCStopsTheLessonAndItsChildrenWithoutBlamingAChild(String target) throws Exception {
        assumeTrue(Host.current().os() != Host.Os.WINDOWS, "needs kill -INT");
        boolean group = target.equals("group");
        assumeTrue(!group || Files.isExecutable(Path.of("/usr/bin/setsid")), "needs setsid for a process group of its own");
        List<String> command = Lesson.java("Choosing", List.of("--workers", "2", "--seconds", "0.1", "--size", "200000"));
        if (group) command.addFirst("/usr/bin/setsid"); // its own group, as a terminal's foreground job
        Path out = Files.createTempFile("choosing", ".out");
        Process p = new ProcessBuilder(command).directory(Lesson.ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            List<ProcessHandle> children = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (children.isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
                children = p.descendants().toList();
            }
            assertFalse(children.isEmpty(), "the lesson started no child process:\n" + Files.readString(out));
            String pid = String.valueOf(p.pid());
            new ProcessBuilder("kill", Lesson.interruptSignal(), "--", group ? "-" + pid : pid).inheritIO().start().waitFor();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroy(); // the signal was not heard: SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the lesson did not end");
            String text = Files.readString(out);
            assertTrue(p.exitValue() == 130 || p.exitValue() == 143, "exit " + p.exitValue() + "\n" + text);
            for (ProcessHandle child : children) {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (child.isAlive() && System.nanoTime() < until) Thread.sleep(20);
                assertFalse(child.isAlive(), "child " + child.pid() + " outlived the lesson");
            }
            assertFalse(text.matches("(?s).*Process\\d+ \\(PID \\d+\\) exited with code.*"), "a child was blamed:\n" + text);
            text.lines().filter(l -> l.startsWith("error:"))
                    .forEach(l -> assertTrue(l.contains("the lesson was interrupted"), "blames something else: " + l));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }
}
