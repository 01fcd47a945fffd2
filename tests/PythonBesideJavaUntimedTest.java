import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.Table;

/**
 * Lesson 07 where nothing is timed: no Python outlives a killed lesson, without Python the Java half
 * runs and one line says what to install, it runs as on macOS and Windows, and every line fits 100
 * columns in ASCII. The tests mostly wait for the lesson and its children, so they run side by side.
 */
@TimesNothing
class PythonBesideJavaUntimedTest {
    @TempDir
    Path temp;

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void withoutPythonTheJavaHalfRunsAndOneLineSaysWhatToInstall() throws Exception {
        Path csv = temp.resolve("no-python.csv");
        Lesson.Run named = PythonBesideJavaTest.LESSON.run("--python", "/nonexistent/python3", "--size", "100_000", "--csv", csv.toString()).ok();
        Lesson.Run bare = PythonBesideJavaTest.withPath(Files.createDirectory(temp.resolve("empty-bin")).toString(), "--size", "100_000").ok();
        for (Lesson.Run run : List.of(named, bare)) {
            List<String> install = run.out().lines().filter(l -> l.contains("install CPython 3.8+")).toList();
            assertEquals(1, install.size(), run.out());
            assertTrue(install.getFirst().length() <= 100, install.getFirst());
            assertFalse(run.out().lines().anyMatch(l -> l.startsWith("CPython ")), "no Python ran:\n" + run.out());
            assertTrue(run.out().contains("What to notice"), run.out());
        }
        Table t = Table.read().csv(csv.toFile());
        assertEquals(new HashSet<>(PythonBesideJavaTest.JAVA_VARIANTS), PythonBesideJavaTest.variants(t, "worker"));
        assertTrue(t.stringColumn("check").asList().stream().allMatch("ok"::equals));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aKilledLessonLeavesNoPythonBehindNotEvenItsWorkerProcesses() throws Exception {
        assumeTrue(PythonBesideJavaTest.PYTHON != null, "no python3 on the PATH");
        // Sleeps of 3 s: its two thread phases come first, and the processes must outlast the 2 s below.
        Process lesson = PythonBesideJavaTest.LESSON.start("--workload", "sleep", "--seconds", "3", "--workers", "2");
        List<ProcessHandle> pythons = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pythons.size() < 3 && System.nanoTime() < deadline) { // the interpreter and its two worker processes
            Thread.sleep(50);
            pythons = lesson.descendants().filter(h -> h.info().command().orElse("").contains("python")).toList();
        }
        assertEquals(3, pythons.size(), "the processes phase began");
        lesson.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); // well before their sleeps end
        while (pythons.stream().anyMatch(PythonBesideJavaUntimedTest::running) && System.nanoTime() < deadline) Thread.sleep(50);
        List<String> alive = pythons.stream().filter(PythonBesideJavaUntimedTest::running).map(h -> h.pid() + " (parent "
                + h.parent().map(ProcessHandle::pid).orElse(-1L) + ": " + h.info().commandLine().orElse("?") + ")").toList();
        pythons.forEach(ProcessHandle::destroyForcibly);
        assertTrue(alive.isEmpty(), "left running after the lesson was killed: " + alive);
    }

    /**
     * Alive and not a zombie: a process that has ended but whose exit nobody has collected yet still
     * counts as alive for ProcessHandle, and an orphan waits for the system's first process to
     * collect it (here, a container's, which may take its time). A zombie runs nothing.
     */
    static boolean running(ProcessHandle h) {
        try {
            String stat = Files.readString(Path.of("/proc", "" + h.pid(), "stat"));
            return h.isAlive() && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return h.isAlive(); // gone from /proc, or no /proc
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--size 200_000 --workers 6", "--workload sleep --seconds 0.2 --start-method spawn",
            "--python /nonexistent --size 100_000"})
    @Execution(ExecutionMode.CONCURRENT)
    void everyLineFitsAHundredColumnsInAscii(String args) {
        Lesson.Run run = PythonBesideJavaTest.LESSON.run(List.of(Lesson.QUICK_JIT, "-Dstdout.encoding=UTF-8"), args.split(" ")).ok();
        OutputWidthTest.assertFitsInAscii(run.out());
        OutputWidthTest.assertFitsInAscii(run.err());
        assertTrue(run.out().contains("What to notice"), run.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mac", "windows"})
    @Execution(ExecutionMode.CONCURRENT)
    void onOtherSystemsItRunsAndSaysWhatItCannotShow(String os) {
        Lesson.Run run = PythonBesideJavaTest.LESSON.run(List.of(Lesson.QUICK_JIT, "-Dasynckit.os=" + os), "--size", "100_000").ok();
        String name = os.equals("mac") ? "macOS" : "Windows";
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("On " + name + " ")), run.out());
        assertFalse(OtherSystemsTest.MINUS_ONE.matcher(run.out()).find(), "a -1 figure:\n" + run.out());
        // Windows names its interpreter python.exe, which this Linux PATH has not: the install line.
        if (os.equals("windows")) assertTrue(run.out().contains("No python3.exe on the PATH"), run.out());
    }
}
