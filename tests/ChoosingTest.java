import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import support.Host;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

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

    @Test
    void computingRowsSayHowManyCoresWereBusyAndTheOutputFitsOneHundredColumns() {
        // At the defaults, as a learner first runs it.
        Lesson.Run run = LESSON.runWithCsv();
        run.out().lines().forEach(l -> assertTrue(l.length() <= 100, l.length() + " columns: " + l));
        assertTrue(run.out().contains("cores_busy") && run.out().contains("What to notice"), run.out());
        Table t = run.table();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < t.rowCount(); i++) {
            boolean sort = t.stringColumn("workload").get(i).equals("sort");
            double busy = Lesson.coresBusy(t, i); // NaN where empty
            double wall = t.doubleColumn("wall_s").getDouble(i);
            if (sort && wall >= 1.1 * support.CpuClock.MIN_WALL_S) {
                // CPU time ÷ wall: threads from this process, processes from the children's own reports.
                assertTrue(busy > 0.1 && busy <= cores, "cores busy of " + t.row(i));
            } else if (sort && wall < 0.9 * support.CpuClock.MIN_WALL_S) {
                assertTrue(Double.isNaN(busy), "a phase too short for the CPU clock has no figure: " + t.row(i));
            } else if (!sort) {
                assertTrue(Double.isNaN(busy), "only computing rows have cores busy: " + t.row(i));
            }
        }
    }

    /** Where /dev/shm is too small (pretended), or missing (a faked macOS), the files go to the temporary folder. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-Dasynckit.shm.free=0", "-Dasynckit.os=mac"})
    void withoutRoomInDevShmTheMappedFilesGoToTheTemporaryFolder(String property) throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> before = choosingFolders(tmp);
        Path csv = Files.createTempFile("choosing", ".csv");
        csv.toFile().deleteOnExit();
        List<String> command = Lesson.java("Choosing", List.of("--workers", "2", "--seconds", "0.1", "--size", "300000",
                "--csv", csv.toString()));
        command.add(1, property);
        Process p = new ProcessBuilder(command).directory(Lesson.ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        if (property.contains("mac")) {
            assertTrue(out.contains("(no /dev/shm to write to here: using the temporary folder)"), out);
        } else if (Host.current().os() == Host.Os.LINUX && Files.isDirectory(Path.of("/dev/shm"))) {
            assertTrue(out.contains("(/dev/shm has 0.0 MB free, not room for two files of 1.2 MB: using the temporary folder)"), out);
        }
        Table t = Table.read().csv(CsvReadOptions.builder(csv.toFile()).build());
        Files.delete(csv);
        Table mmap = t.where(t.stringColumn("variant").isEqualTo("mmap"));
        assertEquals(2, mmap.rowCount());
        for (int i = 0; i < mmap.rowCount(); i++) assertEquals("ok", mmap.stringColumn("check").get(i), mmap.row(i).toString());
        Set<Path> left = choosingFolders(tmp);
        left.removeAll(before);
        assertTrue(left.isEmpty(), "the lesson left its files behind: " + left);
    }

    @Test
    void withRoomInDevShmTheFilesGoThereAndNothingIsSaid() {
        assumeTrue(Host.current().os() == Host.Os.LINUX && Files.isDirectory(Path.of("/dev/shm")));
        Lesson.Run run = LESSON.run("--workers", "1", "--seconds", "0", "--size", "1000").ok();
        assertFalse(run.out().contains("temporary folder"), run.out());
    }

    static Set<Path> choosingFolders(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("choosing-mmap") && Files.isDirectory(f))
                    .collect(Collectors.toSet());
        }
    }

    /**
     * Ctrl-C while children run: the lesson ends as a signal ends a JVM (130 for SIGINT, 143 for
     * SIGTERM), no child is left, and no line blames a child for dying of the lesson's own clean-up.
     * A terminal sends Ctrl-C's SIGINT to the whole process group, the children too, so that a child
     * may die before the lesson's shutdown hook starts: the group runs, repeated, test that race.
     */
    @ParameterizedTest(name = "SIGINT to the {0}")
    @ValueSource(strings = {"lesson", "group", "group", "group", "group", "group", "group"})
    void ctrlCStopsTheLessonAndItsChildrenWithoutBlamingAChild(String target) throws Exception {
        assumeTrue(Host.current().os() != Host.Os.WINDOWS, "needs kill -INT");
        boolean group = target.equals("group");
        assumeTrue(!group || Files.isExecutable(Path.of("/usr/bin/setsid")), "needs setsid for a process group of its own");
        List<String> command = Lesson.java("Choosing", List.of("--workers", "2", "--seconds", "1.5", "--size", "200000"));
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
            new ProcessBuilder("kill", "-INT", "--", group ? "-" + pid : pid).inheritIO().start().waitFor();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroy(); // SIGINT ignored where this test was started: SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the lesson did not end");
            String text = Files.readString(out);
            assertTrue(p.exitValue() == 130 || p.exitValue() == 143, "exit " + p.exitValue() + "\n" + text);
            for (ProcessHandle child : children) {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (child.isAlive() && System.nanoTime() < until) Thread.sleep(20);
                assertFalse(child.isAlive(), "child " + child.pid() + " outlived the lesson");
            }
            assertFalse(text.matches("(?s).*process \\d+ \\(PID \\d+\\) exited with code.*"), "a child was blamed:\n" + text);
            text.lines().filter(l -> l.startsWith("error:"))
                    .forEach(l -> assertTrue(l.contains("the lesson was interrupted"), "blames something else: " + l));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }
}
