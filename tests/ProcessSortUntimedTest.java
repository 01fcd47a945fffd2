import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Lesson 03 when things go wrong: a child that fails or hangs, and the lesson stopped by SIGTERM or
 * SIGKILL mid-run, leave one clear error line and no child JVM behind. Nothing here is timed (the
 * tests wait for children and for deadlines), so the cases run side by side.
 */
@TimesNothing
class ProcessSortUntimedTest {
    static final Lesson LESSON = ProcessSortTest.LESSON;

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aChildThatFailsGivesOneClearErrorWithItsExitCode() {
        Lesson.Run run = LESSON.run("--processes", "2", "--size", "1000", "--jvm-option=-XX:+NoSuchFlagForThisTest");
        assertEquals(1, run.exitCode(), run.err());
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).matches("error: process 1 \\(PID \\d+\\) exited with code 1: .*Unrecognized VM option.*"), errors.get(0));
        assertTrue(errors.get(0).length() <= 100, "the error line fits 100 columns: " + errors.get(0));
        assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aChildThatHangsIsKilledByTheTimeout() {
        // A child waiting for a debugger that never comes: a classic way to hang a JVM.
        Lesson.Run run = LESSON.run("--processes", "1", "--size", "1000", "--timeout", "2",
                "--jvm-option=-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0");
        assertEquals(1, run.exitCode(), run.err());
        Matcher m = Pattern.compile("error: process 1 \\(PID (\\d+)\\) ran longer than the 2.0 s timeout and was killed")
                .matcher(run.err());
        assertTrue(m.find(), run.err());
        long child = Long.parseLong(m.group(1));
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the hung child is gone");
    }

    static final String WAIT_FOR_DEBUGGER = "--jvm-option=-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0";

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sigtermMidRunLeavesNoChildJvmBehind() throws Exception {
        // The children hang before their main even starts, so only the lesson's own clean-up can end them.
        assertNoOrphansAfter(false, "--processes", "2", "--size", "1000", "--timeout", "600", WAIT_FOR_DEBUGGER);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sigkillLeavesNoChildJvmBehind() throws Exception {
        // No clean-up runs on SIGKILL: the busy children notice on their own that their parent is gone,
        // long before their work is done. The interpreter alone (-Xint) makes their work take several
        // seconds (the parent's, compiled, a fraction of one), so the lesson starts them without delay.
        assertNoOrphansAfter(true, "--processes", "2", "--size", "15_000_000", "--jvm-option=-Xint", "--timeout", "600");
    }

    static void assertNoOrphansAfter(boolean sigkill, String... args) throws Exception {
        Process lesson = LESSON.start(args);
        List<ProcessHandle> children = List.of();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (children.size() < 2 && System.nanoTime() < deadline && lesson.isAlive()) {
                Thread.sleep(100);
                children = lesson.descendants().filter(ProcessSortUntimedTest::isJava).toList();
            }
            assertEquals(2, children.size(), "the lesson started its two children");
            if (sigkill) lesson.destroyForcibly(); else lesson.destroy(); // SIGKILL or SIGTERM
            lesson.waitFor();
            deadline = System.nanoTime() + 3_000_000_000L;
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) Thread.sleep(100);
            assertNotEquals(0, children.size());
            assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "a child JVM outlived the lesson");
        } finally { // even when the test fails, leave nothing running
            lesson.descendants().forEach(ProcessHandle::destroyForcibly);
            lesson.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    static boolean isJava(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }
}
