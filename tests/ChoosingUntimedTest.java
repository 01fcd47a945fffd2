import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import support.Host;

/** Lesson 06 (choosing) stopped by Ctrl-C while its children run. Nothing is timed: the runs overlap. */
@TimesNothing
class ChoosingUntimedTest {

    /**
     * Ctrl-C while children run: the lesson ends as a signal ends a JVM (130 for SIGINT, 143 for
     * SIGTERM), no child is left, and no line blames a child for dying of the lesson's own clean-up.
     * A terminal sends Ctrl-C's SIGINT to the whole process group, the children too, so that a child
     * may die before the lesson's shutdown hook starts: the group runs, repeated, test that race.
     */
    @ParameterizedTest(name = "SIGINT to the {0}")
    @ValueSource(strings = {"lesson", "group", "group", "group"})
    @Execution(ExecutionMode.CONCURRENT)
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
