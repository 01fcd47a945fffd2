import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import support.LaunchReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.Table;

/**
 * Lesson 05 (launch-cost): every launch mechanism the lesson calls accepted really starts processes,
 * from a small and from a large JVM; its notice follows the numbers; its options are checked.
 */
class SpawnVsForkLaunchCostTest {
    static final Lesson LESSON = new Lesson("LaunchCost");
    static final int HEAP_MB = 256;
    private static Lesson.Run shared;

    /** One small run of the lesson, shared by the tests that read its output and CSV. */
    static synchronized Lesson.Run run() {
        if (shared == null) shared = LESSON.runWithCsv("--launches", "20", "--heap-mb", String.valueOf(HEAP_MB));
        return shared;
    }

    // ---- 2. launch mechanisms ---------------------------------------------------------------------

    @Test
    void everyAcceptedLaunchMechanismReallyStartsProcesses() {
        Lesson.Run run = run();
        List<String> accepted = listAfter(run.out(), "accepted here:");
        assertFalse(accepted.isEmpty(), "no mechanism accepted:\n" + run.out());
        if (System.getProperty("os.name").equals("Linux")) {
            assertTrue(accepted.containsAll(List.of("POSIX_SPAWN", "FORK")), "Linux accepts these: " + accepted);
        }
        assertTrue(run.out().replaceAll("\\s+", " ").contains("SPAWN is not a supported process launch mechanism"),
                "the rejected candidate shows the JDK's own error:\n" + run.out());

        Table csv = run.table();
        Set<String> variants = new HashSet<>(csv.stringColumn("variant").asList());
        assertEquals(new HashSet<>(accepted), variants, "one CSV variant per accepted mechanism");
        for (String mechanism : accepted) {
            // The JDK really used it, and the first process it started printed the PID Java was given.
            Matcher proof = Pattern.compile("(?m)^\\s*" + mechanism + "\\s+accepted, in force: (\\w+)\\R\\s+proof: "
                    + "(?:/bin/sh started as PID (\\d+) and said its PID is (\\d+)|.* exited with 0)$").matcher(run.out());
            assertTrue(proof.find(), mechanism + ": no proof of a launch in:\n" + run.out());
            assertEquals(mechanism, proof.group(1), mechanism + " is the mechanism in force in its child JVM");
            if (proof.group(2) != null) assertEquals(proof.group(2), proof.group(3), mechanism + ": the PIDs agree");

            Table rows = csv.where(csv.stringColumn("variant").isEqualTo(mechanism));
            assertEquals(Set.of("baseline", "worker"), new HashSet<>(rows.stringColumn("role").asList()),
                    mechanism + ": a small-heap and a large-heap row");
            for (int i = 0; i < rows.rowCount(); i++) {
                assertEquals("ok", rows.stringColumn("check").get(i),
                        mechanism + ": every launch exited 0 with a PID of its own");
                assertNotEquals(run.pid(), rows.numberColumn("pid").getDouble(i), "measured in a child JVM");
                double mean = rows.numberColumn("task_s").getDouble(i);
                assertTrue(mean > 0 && mean < 5, mechanism + ": a launch took " + mean + " s");
            }
            // The large parent really holds its memory: resident, not just reserved.
            Matcher large = Pattern.compile(mechanism + "\\s+large JVM \\(PID \\d+, resident (\\d+) MB\\)").matcher(run.out());
            assertTrue(large.find(), run.out());
            assertTrue(Integer.parseInt(large.group(1)) >= HEAP_MB * 0.9, mechanism + ": resident " + large.group(1) + " MB");
        }
        if (accepted.contains("VFORK") && Runtime.version().feature() == 25) {
            assertTrue(run.out().contains("| VFORK MODE DEPRECATED"), "JDK 25 warns about VFORK:\n" + run.out());
        }
    }

    @Test
    void everyLineFitsA100ColumnTerminal() {
        for (String line : run().out().lines().toList()) assertTrue(line.length() <= 100, line.length() + ": " + line);
    }

    @Test
    void csvKeepsTheSharedColumns() throws IOException {
        List<String> documented = Lesson.documentedColumns();
        assertEquals(documented, run().table().columnNames());
        assertTrue(run().out().contains("What to notice"), run().out());
    }

    // ---- "What to notice": chosen by the numbers, both sides of each claim --------------------------

    static LaunchReport.Launch launch(String mechanism, double smallMs, double largeMs) {
        return new LaunchReport.Launch(mechanism, smallMs, largeMs, 20);
    }

    static LaunchReport.Measured linux(List<LaunchReport.Launch> launches) {
        return new LaunchReport.Measured("Linux", true,
                launches.stream().map(LaunchReport.Launch::mechanism).toList(), List.of("SPAWN"), "VFORK MODE DEPRECATED",
                launches, 45, 300, 256, true);
    }

    @Test
    void onlyForkIsSaidToPayForTheParentsMemoryWhenOnlyForkGrew() {
        String text = LaunchCost.notice(linux(List.of(launch("POSIX_SPAWN", 1, 1.1), launch("FORK", 2, 10),
                launch("VFORK", 1, 0.4))));
        assertTrue(text.contains("FORK grew with the parent's memory (5.00x)"), text);
        assertTrue(text.contains("POSIX_SPAWN and VFORK took no longer beyond noise"), text);
        assertTrue(text.contains("only FORK paid"), text);
        assertFalse(text.contains("grew too"), text);
    }

    @Test
    void whenVforkGrowsTooTheNoticeDoesNotSayItBorrowsForFree() {
        // Seen with --launches 20 --heap-mb 256: VFORK large/small 3.2x.
        String text = LaunchCost.notice(linux(List.of(launch("POSIX_SPAWN", 1, 1.1), launch("FORK", 2, 10),
                launch("VFORK", 1, 3.2))));
        assertTrue(text.contains("VFORK grew too (3.20x), which copying does not explain"), text);
        assertTrue(text.contains("over 20 launches"), text);
        assertFalse(text.contains("only FORK"), text);
    }

    @Test
    void forkWithinNoiseIsCalledThatAndALargerHeapIsSuggestedOnlyIfNotGiven() {
        LaunchReport.Measured m = linux(List.of(launch("POSIX_SPAWN", 1, 1.1), launch("FORK", 2, 2.4)));
        String text = LaunchCost.notice(m);
        assertTrue(text.contains("FORK took no longer beyond noise with the parent's memory here (1.20x"), text);
        assertFalse(text.contains("FORK grew"), text);
        assertFalse(text.contains("--heap-mb"), "the learner gave --heap-mb: " + text);
        LaunchReport.Measured notGiven = new LaunchReport.Measured("Linux", true, m.accepted(),
                m.rejected(), m.vforkWarning(), m.launches(), 45, 300, 1024, false);
        assertTrue(LaunchCost.notice(notGiven).contains("a larger --heap-mb"), LaunchCost.notice(notGiven));
    }

    @Test
    void forkAgainstPosixSpawnFromTheLargeJvmFollowsTheNumbers() {
        assertTrue(LaunchCost.notice(linux(List.of(launch("POSIX_SPAWN", 1, 2), launch("FORK", 2, 50))))
                .contains("From the large JVM FORK took 50.0 ms against POSIX_SPAWN's 2.00 ms."));
        assertTrue(LaunchCost.notice(linux(List.of(launch("POSIX_SPAWN", 1, 2.1), launch("FORK", 2, 2))))
                .contains("FORK and POSIX_SPAWN took about the same (2.00 ms and 2.10 ms, within noise)"));
        assertTrue(LaunchCost.notice(linux(List.of(launch("POSIX_SPAWN", 1, 3), launch("FORK", 1, 1))))
                .contains("FORK was even faster than POSIX_SPAWN"));
    }

    @Test
    void onWindowsThereIsNoForkStoryAndNoResidentFigure() {
        List<LaunchReport.Launch> same = List.of(launch("default", 1, 1.1));
        LaunchReport.Measured m = new LaunchReport.Measured("Windows", false, List.of("default"),
                List.of(), "", same, -1, -1, 1024, false);
        String text = LaunchCost.notice(m);
        assertTrue(text.contains("On Windows the JDK ignores jdk.lang.Process.launchMechanism"), text);
        assertTrue(text.contains("took no longer from the large JVM"), text);
        assertFalse(text.contains("FORK") || text.contains("page tables") || text.contains("-1"), text);
        LaunchReport.Measured slower = new LaunchReport.Measured("Windows", false,
                List.of("default"), List.of(), "", List.of(launch("default", 1, 3)), -1, -1, 1024, false);
        assertTrue(LaunchCost.notice(slower).contains("Launching took longer from the large JVM (3.00x)"),
                LaunchCost.notice(slower));
    }

    @Test
    void theDeprecationSentenceFollowsWhatWasSeen() {
        List<LaunchReport.Launch> l = List.of(launch("POSIX_SPAWN", 1, 1), launch("FORK", 1, 5));
        String good = LaunchCost.notice(linux(l));
        assertTrue(good.contains("VFORK still works but is deprecated"), good);
        LaunchReport.Measured none = new LaunchReport.Measured("Linux", true, List.of("POSIX_SPAWN", "FORK"), List.of(),
                "", l, 45, 300, 256, true);
        String text = LaunchCost.notice(none);
        assertFalse(text.contains("deprecated"), text);
        assertTrue(text.contains("JDK " + Runtime.version().feature() + " accepted POSIX_SPAWN, FORK."), text);
        assertFalse(text.contains("rejected"), text);
    }

    @Test
    void growingMeansAtLeastOneAndAHalfTimes() {
        assertFalse(launch("FORK", 1, 1.45).grew());
        assertTrue(launch("FORK", 1, 1.6).grew());
        assertFalse(launch("FORK", 1, 0.3).grew(), "faster is not growth");
    }
    // ---- options ------------------------------------------------------------------------------------

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--launches", "0"), "--launches must be from 1"),
                Arguments.of(List.of("--launches", "200000"), "--launches must be from 1"),
                Arguments.of(List.of("--launches", "many"), "'many' is not a whole number"),
                Arguments.of(List.of("--heap-mb", "10"), "--heap-mb must be from 64"),
                Arguments.of(List.of("--heap-mb=-1"), "--heap-mb must be from 64"),
                Arguments.of(List.of("--heap-mb", "2_000_000_000"), "MB being free"),
                Arguments.of(List.of("--fork"), "Unknown option: '--fork'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void badOptionGivesOneLineAndExitCode2(List<String> args, String expected) {
        Lesson.assertRejected(LESSON.run(args.toArray(String[]::new)), expected);
    }

    @Test
    void helpListsTheOptions() {
        Lesson.Run run = LESSON.run("--help").ok();
        for (String option : List.of("--launches=N", "--heap-mb=MB", "--csv=FILE")) {
            assertTrue(run.out().contains(option), option + " in:\n" + run.out());
        }
    }

    // ---- reading the lesson's output ----------------------------------------------------------------

    /** "accepted here: A, B, C" as a list. */
    static List<String> listAfter(String out, String prefix) {
        return out.lines().map(String::strip).filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Arrays.stream(l.substring(prefix.length()).split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty() && !s.equals("none")).toList())
                .orElseGet(() -> fail("no line '" + prefix + "' in:\n" + out));
    }
}
