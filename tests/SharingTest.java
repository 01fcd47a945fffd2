import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import support.Host;
import support.MappedFiles;
import tech.tablesaw.api.Table;

/** Lesson 06, part two (sharing): every result reaches the parent intact, by each way, and no file is left. */
@TimesSomething
class SharingTest {
    static final Lesson LESSON = new Lesson("Sharing");
    static final Path TMP = Path.of(System.getProperty("java.io.tmpdir")), SHM = Path.of("/dev/shm");

    static Table rows(Table t, String workload, String variant) {
        return t.where(t.stringColumn("workload").isEqualTo(workload).and(t.stringColumn("variant").isEqualTo(variant)));
    }

    @Test
    void everyResultArrivesIntactOneAtATimeAndNoFileIsLeft() throws IOException {
        Set<Path> before = leftBehind();
        Lesson.Run run = LESSON.runWithCsv("--workers", "2", "--size", "300_000");
        Table t = run.table();
        assertEquals(2, rows(t, "sort", "threads").rowCount(), "the threads' sort, for scale");
        Set<Long> children = new HashSet<>();
        for (String variant : List.of("threads", "pipe", "mmap")) {
            Table share = rows(t, "share", variant);
            assertEquals(2, share.rowCount(), variant + ": one hand-over per worker");
            for (int i = 0; i < share.rowCount(); i++) {
                assertEquals("ok", share.stringColumn("check").get(i), "received intact: " + share.row(i));
                assertEquals(1, share.numberColumn("peak_parallel").getDouble(i), "one hand-over at a time");
                long pid = (long) share.numberColumn("pid").getDouble(i);
                if (variant.equals("threads")) {
                    assertEquals(run.pid(), pid, "a thread's result is in the lesson's own process");
                } else {
                    assertNotEquals(run.pid(), pid, "a process's result comes from another process");
                    assertTrue(children.add(pid), "a new child per worker and way: " + pid);
                }
            }
        }
        assertEquals(8, t.rowCount(), "no other rows");
        run.out().lines().forEach(l -> assertTrue(l.length() <= 100, l.length() + " columns: " + l));
        if (Host.current().os() == Host.Os.LINUX && Files.isDirectory(SHM)) { // with room there: the files go there, unsaid
            assertFalse(run.out().contains("temporary folder"), run.out());
        }
        Set<Path> left = leftBehind();
        left.removeAll(before);
        assertTrue(left.isEmpty(), "the lesson left its mapped files behind: " + left);
    }

    /** Where /dev/shm is too small (pretended), or missing (a faked macOS), the files go to the temporary folder. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-D" + MappedFiles.SHM_FREE + "=0", "-Dasynckit.os=mac"})
    void withoutRoomInDevShmTheMappedFilesGoToTheTemporaryFolder(String property) throws IOException {
        Set<Path> before = leftBehind();
        Path csv = Files.createTempFile("sharing", ".csv");
        Lesson.Run run = LESSON.run(List.of(property), "--workers", "2", "--size", "300000", "--csv", csv.toString()).ok();
        if (property.contains("mac")) {
            assertTrue(run.out().contains("(no /dev/shm to write to here: using the temporary folder)"), run.out());
        } else if (Host.current().os() == Host.Os.LINUX && Files.isDirectory(SHM)) {
            assertTrue(run.out().contains("(/dev/shm has 0.0 MB free, not room for two files of 1.2 MB: using the"
                    + " temporary folder)"), run.out());
        }
        Table t = Table.read().csv(csv.toFile());
        Files.delete(csv);
        Table mmap = rows(t, "share", "mmap");
        assertEquals(2, mmap.rowCount());
        for (int i = 0; i < mmap.rowCount(); i++) assertEquals("ok", mmap.stringColumn("check").get(i), mmap.row(i).toString());
        Set<Path> left = leftBehind();
        left.removeAll(before);
        assertTrue(left.isEmpty(), "the lesson left its files behind: " + left);
    }

    /** Ctrl-C while the children wait to write their mapped files: no child, and no file, outlives the lesson. */
    @Test
    void ctrlCDuringTheMappedFilesLeavesNoChildAndNoFile() throws Exception {
        assumeTrue(Host.current().os() != Host.Os.WINDOWS, "needs kill -INT");
        Set<Path> before = leftBehind();
        Process p = LESSON.start("--workers", "2", "--size", "300000");
        try {
            List<ProcessHandle> writers = List.of();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (writers.isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
                writers = p.descendants().filter(c -> c.info().arguments()
                        .map(a -> List.of(a).contains("mmap")).orElse(false)).toList();
            }
            assertFalse(writers.isEmpty(), "no child writing a mapped file was seen");
            assertFalse(leftBehind().equals(before), "the files' folder exists while the children run");
            new ProcessBuilder("kill", Lesson.interruptSignal(), String.valueOf(p.pid())).inheritIO().start().waitFor();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroy(); // the signal was not heard: SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the lesson did not end");
            assertTrue(p.exitValue() == 130 || p.exitValue() == 143, "exit " + p.exitValue());
            for (ProcessHandle child : writers) {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (child.isAlive() && System.nanoTime() < until) Thread.sleep(20);
                assertFalse(child.isAlive(), "child " + child.pid() + " outlived the lesson");
            }
            Set<Path> left = leftBehind();
            left.removeAll(before);
            assertTrue(left.isEmpty(), "an interrupted lesson left its files behind: " + left);
        } finally {
            p.destroyForcibly();
        }
    }

    /** The lesson's folders of mapped files, in /dev/shm and in the temporary folder. */
    static Set<Path> leftBehind() throws IOException {
        Set<Path> found = new HashSet<>();
        for (Path dir : List.of(TMP, SHM)) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                found.addAll(files.filter(f -> f.getFileName().toString().startsWith(MappedFiles.PREFIX))
                        .collect(Collectors.toSet()));
            }
        }
        return found;
    }
}
