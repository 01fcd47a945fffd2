import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import notice.PidsNotice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import support.ProcessTree;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Lesson 04: threads share the lesson's PID, children have PIDs of their own and the lesson as
 * parent, and a few native threads carry many virtual threads. The assertions are about identities
 * and relationships, never timings, so they hold on a loaded machine.
 */
@TimesSomething
class PidsTest {
    static final Lesson LESSON = new Lesson("Pids");
    static final int THREADS = 6, PROCESSES = 3, VIRTUAL = 1000;
    /** "Thread1: PID 1234, thread id 31, native thread 1240" (and main, and the first virtual threads). */
    static final Pattern THREAD_LINE = Pattern.compile(
            "^(main|Thread\\d+|Virtual\\d+): PID (\\d+), thread id (\\d+), (?:carried by )?native thread (\\d+|n/a)$",
            Pattern.MULTILINE);
    /** "Process 1 started, PID 1250, parent PID 1234", as each child printed it from inside. */
    static final Pattern PROCESS_LINE = Pattern.compile("^Process (\\d+) started, PID (\\d+), parent PID (\\d+)$",
            Pattern.MULTILINE);

    // One run serves every test below: the lesson takes a few seconds, most of it starting JVMs.
    static Lesson.Run run;
    static Table csv;
    static long pid;

    @BeforeAll
    static void runTheLessonOnce() throws IOException {
        Path file = Files.createTempFile("pids", ".csv");
        try {
            run = LESSON.run("--threads", "" + THREADS, "--processes", "" + PROCESSES, "--virtual", "" + VIRTUAL,
                    "--csv", file.toString()).ok();
            csv = Table.read().csv(CsvReadOptions.builder(file.toFile()).build());
        } finally {
            Files.deleteIfExists(file);
        }
        pid = run.pid();
    }

    record ThreadLine(String name, long pid, long threadId, String nativeId) {}

    static List<ThreadLine> threadLines() {
        List<ThreadLine> lines = new ArrayList<>();
        Matcher m = THREAD_LINE.matcher(run.out());
        while (m.find()) lines.add(new ThreadLine(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), m.group(4)));
        return lines;
    }

    static List<ThreadLine> platformLines() {
        return threadLines().stream().filter(l -> !l.name().startsWith("Virtual")).toList();
    }

    /** Child index -> {PID, parent PID}, from the lines the children printed. */
    static Map<Integer, long[]> processLines() {
        Map<Integer, long[]> children = new TreeMap<>();
        Matcher m = PROCESS_LINE.matcher(run.out());
        while (m.find()) {
            children.put(Integer.parseInt(m.group(1)), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        return children;
    }

    static Table rows(String variant) {
        return csv.where(csv.stringColumn("variant").isEqualTo(variant));
    }

    static List<Long> pids(Table rows) {
        return rows.numberColumn("pid").asList().stream().map(Number::longValue).toList();
    }

    @Test
    void everyThreadReportsTheLessonsPid() {
        List<ThreadLine> platform = platformLines();
        assertEquals(1 + THREADS, platform.size(), "a line for main and for each thread:\n" + run.out());
        for (ThreadLine line : threadLines()) assertEquals(pid, line.pid(), line + " is in the lesson's process");
        assertEquals(THREADS, rows("platform").rowCount());
        assertEquals(VIRTUAL, rows("virtual").rowCount());
        assertTrue(pids(rows("platform")).stream().allMatch(p -> p == pid), "CSV: every platform thread in PID " + pid);
        assertTrue(pids(rows("virtual")).stream().allMatch(p -> p == pid), "CSV: every virtual thread in PID " + pid);
    }

    @Test
    void javaThreadIdsAreDistinct() {
        List<ThreadLine> lines = threadLines();
        assertTrue(lines.size() > THREADS, "main, the platform threads and the first virtual threads:\n" + run.out());
        assertEquals(lines.size(), new HashSet<>(lines.stream().map(ThreadLine::threadId).toList()).size(),
                "each thread has its own Java thread id: " + lines);
    }

    @Test
    void platformThreadsRunOnDistinctNativeThreads() {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "native thread ids are shown on Linux only");
        List<ThreadLine> platform = platformLines();
        assertTrue(platform.stream().allMatch(l -> l.nativeId().matches("\\d+")), "numeric native ids: " + platform);
        assertEquals(platform.size(), new HashSet<>(platform.stream().map(ThreadLine::nativeId).toList()).size(),
                "main and each platform thread are distinct OS threads: " + platform);
        List<String> osThreads = rows("platform").stringColumn("os_thread").asList();
        assertTrue(osThreads.stream().allMatch(t -> t.matches("tid \\d+")), "CSV os_thread: " + osThreads);
        assertEquals(THREADS, new HashSet<>(osThreads).size(), "CSV: distinct OS threads " + osThreads);
    }

    @Test
    void childrenHaveTheirOwnPidsAndTheLessonAsTheirParent() {
        Map<Integer, long[]> children = processLines();
        assertEquals(PROCESSES, children.size(), "a line from each child:\n" + run.out());
        List<Long> childPids = children.values().stream().map(c -> c[0]).toList();
        assertEquals(PROCESSES, new HashSet<>(childPids).size(), "distinct child PIDs " + childPids);
        for (var child : children.entrySet()) {
            assertNotEquals(pid, child.getValue()[0], "child " + child.getKey() + " is another process");
            assertEquals(pid, child.getValue()[1], "child " + child.getKey() + " (PID " + child.getValue()[0]
                    + ") names the lesson as its parent");
        }
        Table processes = rows("processes");
        assertEquals(new HashSet<>(childPids), new HashSet<>(pids(processes)), "the CSV has the PIDs the children reported");
        assertEquals(PROCESSES, processes.stringColumn("check").countOccurrences("ok"), "each child's parent was checked");
    }

    @Test
    void theDescendantsSnapshotListsEveryChildWhileItIsAlive() {
        String out = run.out();
        int start = out.indexOf("Live processes below this lesson (PID " + pid + ")");
        assertTrue(start >= 0, "a snapshot of descendants():\n" + out);
        String snapshot = out.substring(start, out.indexOf("\n\n", start));
        for (var child : processLines().entrySet()) {
            // pid | parent pid | started as | command
            Pattern row = Pattern.compile("^\\s*" + child.getValue()[0] + "\\s*\\|\\s*" + pid + "\\s*\\|\\s*Process "
                    + child.getKey() + "\\s*\\|.*Pids\\$Child " + child.getKey() + "\\b", Pattern.MULTILINE);
            assertTrue(row.matcher(snapshot).find(), "child " + child.getKey() + " in the snapshot:\n" + snapshot);
        }
        assertTrue(rows("processes").numberColumn("peak_parallel").asList().stream().allMatch(n -> n.intValue() == PROCESSES),
                "CSV: all children alive at the snapshot");
    }

    @Test
    void virtualThreadsRanOnFewerNativeThreadsThanThereWereVirtualThreads() {
        Table virtual = rows("virtual");
        int carriers = virtual.stringColumn("os_thread").countUnique();
        assertTrue(carriers >= 1 && carriers < VIRTUAL, VIRTUAL + " virtual threads on " + carriers + " native threads");
        assertEquals(VIRTUAL, virtual.numberColumn("peak_parallel").getDouble(0), "all alive at the same moment");
        assertTrue(run.out().contains("Virtual threads per native (carrier) thread"), run.out());
    }

    @Test
    void theCsvHasTheReadmesColumnsAndTheNoticeIsThere() throws IOException {
        List<String> documented = Lesson.documentedColumns();
        assertEquals(documented, csv.columnNames());
        assertTrue(csv.stringColumn("lesson").asList().stream().allMatch("04-pids"::equals));
        assertTrue(run.out().contains("What to notice") && run.out().contains("PID " + pid), run.out());
    }

    @Test
    void everyLineFitsA100ColumnTerminal() {
        for (String line : run.out().lines().toList()) assertTrue(line.length() <= 100, line.length() + ": " + line);
    }

    /** Where there is no /proc (faked here), the native ids come from jcmd and are still those of distinct threads. */
    @Test
    void withoutProcTheNativeIdsComeFromJcmd() {
        Lesson.Run mac = LESSON.run(List.of("-Dasynckit.os=mac"), "--threads", "3", "--processes", "1", "--virtual", "50").ok();
        assertTrue(mac.out().contains("On macOS there is no /proc: native thread ids come from `jcmd PID Thread.print`."),
                mac.out());
        Matcher m = THREAD_LINE.matcher(mac.out());
        List<String> platform = new ArrayList<>();
        while (m.find()) if (!m.group(1).startsWith("Virtual")) platform.add(m.group(4));
        assertEquals(4, platform.size(), "main and 3 threads:\n" + mac.out());
        assertTrue(platform.stream().allMatch(id -> id.matches("\\d+")), "numeric native ids from jcmd: " + platform);
        assertEquals(4, new HashSet<>(platform).size(), "distinct OS threads: " + platform);
        assertTrue(mac.out().matches("(?s).*Process 1: its main thread has thread id \\d+, native thread \\d+\\R.*"),
                "the child asked jcmd too:\n" + mac.out());
        assertTrue(mac.out().matches("(?s).*carried by native thread \\d+\\R.*"), "carriers too:\n" + mac.out());
        assertFalse(mac.out().contains("Linux numbers threads"), "no Linux story on macOS:\n" + mac.out());
    }

    @Test
    void theNativeNoteSaysWhereIdsComeFromOrThatTheyCannotBeShown() {
        assertEquals("", PidsNotice.nativeNote(support.Host.current(), true, false));
        String jcmd = PidsNotice.nativeNote(new support.Host(support.Host.Os.WINDOWS, false), false, true);
        assertTrue(jcmd.startsWith("On Windows") && jcmd.contains("jcmd"), jcmd);
        String none = PidsNotice.nativeNote(new support.Host(support.Host.Os.MAC, false), false, false);
        assertTrue(none.startsWith("On macOS") && none.contains("n/a"), none);
    }

    @Test
    void aLongCommandKeepsItsProgramAndItsEnd() {
        String command = "java -Dasynckit.parent.pid=14924 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp ... Pids$Child 1";
        String shown = ProcessTree.shorten(command, ProcessTree.COMMAND_WIDTH);
        assertEquals(ProcessTree.COMMAND_WIDTH, shown.length(), shown);
        assertTrue(shown.startsWith("java ...") && shown.endsWith("Pids$Child 1"), shown);
        assertEquals("java -version", ProcessTree.shorten("java -version", ProcessTree.COMMAND_WIDTH));
    }
}
