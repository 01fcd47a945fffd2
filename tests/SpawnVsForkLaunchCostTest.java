import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import notice.LaunchCostNotice;
import org.junit.jupiter.api.Test;
import support.Notice;
import tech.tablesaw.api.Table;

/**
 * Lesson 05 (launch-cost): every launch mechanism the lesson calls accepted really starts processes,
 * from a small and from a large JVM; its notice follows the numbers; its options are checked.
 */
@TimesSomething
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
            Matcher proof = Pattern.compile("(?m)^" + mechanism + " +accepted, in force: (\\w+) \\(child JVM PID (\\d+)\\)"
                    + "\\R +proof: (?:/bin/sh started as PID (\\d+) and said its PID is (\\d+)|.* exited with 0)$")
                    .matcher(run.out());
            assertTrue(proof.find(), mechanism + ": no proof of a launch in:\n" + run.out());
            assertEquals(mechanism, proof.group(1), mechanism + " is the mechanism in force in its child JVM");
            if (proof.group(3) != null) assertEquals(proof.group(3), proof.group(4), mechanism + ": the PIDs agree");
            long child = Long.parseLong(proof.group(2));
            assertNotEquals(run.pid(), child, "measured in a child JVM");

            // A small-heap row and a large-heap row, measured by the same child JVM: only its memory differs.
            Table rows = csv.where(csv.stringColumn("variant").isEqualTo(mechanism));
            assertEquals(List.of("baseline", "worker"), rows.stringColumn("role").asList(), mechanism);
            assertEquals(List.of("small-heap", "heap-" + HEAP_MB + "MB"), rows.stringColumn("worker").asList(), mechanism);
            for (int i = 0; i < rows.rowCount(); i++) {
                assertEquals("ok", rows.stringColumn("check").get(i),
                        mechanism + ": every launch exited 0 with a PID of its own");
                assertEquals(child, (long) rows.numberColumn("pid").getDouble(i), mechanism + ": the child that measured");
                double mean = rows.numberColumn("task_s").getDouble(i), loop = rows.numberColumn("wall_s").getDouble(i);
                assertTrue(mean > 0 && mean < 5, mechanism + ": a launch took " + mean + " s");
                assertTrue(loop >= mean, mechanism + ": the loop of launches lasts at least one launch");
            }
            // Once the child holds its memory, it really holds it: resident, not just reserved.
            Matcher large = Pattern.compile("(?m)^ +holding " + HEAP_MB + " MB, resident (\\d+) MB: \\d+ launches")
                    .matcher(run.out().substring(proof.end()));
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
    void csvKeepsTheSharedColumns() {
        assertEquals(Lesson.documentedColumns(), run().table().columnNames());
    }

    // ---- "What to notice": chosen by the numbers, both sides of each claim --------------------------

    static LaunchCostNotice.Launch launch(String mechanism, double smallMs, double largeMs) {
        return new LaunchCostNotice.Launch(mechanism, smallMs, largeMs, 20);
    }

    static LaunchCostNotice.Measured linux(List<LaunchCostNotice.Launch> launches) {
        return measured(launches, "VFORK MODE DEPRECATED", true);
    }

    static LaunchCostNotice.Measured measured(List<LaunchCostNotice.Launch> launches, String vfork, boolean heapGiven) {
        return new LaunchCostNotice.Measured("Linux", true, 25, launches.stream().map(LaunchCostNotice.Launch::mechanism)
                .toList(), List.of("SPAWN"), vfork, launches, 45, 300, 256, heapGiven);
    }

    static Notice notice(LaunchCostNotice.Measured m) { return LaunchCostNotice.of(m); }

    @Test
    void onlyForkIsSaidToPayForTheParentsMemoryWhenOnlyForkGrew() {
        Notice n = notice(linux(List.of(launch("POSIX_SPAWN", 1, 1.1), launch("FORK", 2, 10), launch("VFORK", 1, 0.4))));
        Lesson.claims(n, "accepted", "fork-grew", "only-fork-paid", "fork-slower", "no-fork-start-method");
        Lesson.claimsNot(n, "others-grew", "fork-flat", "no-copy", "grew-unexplained");
        Lesson.has(n.text(), "5.00x", "10.0 ms", "1.10 ms"); // FORK's ratio, and both means from the large JVM
    }

    @Test
    void whenVforkGrowsTooTheNoticeDoesNotSayItBorrowsForFree() {
        // Seen with --launches 20 --heap-mb 256: VFORK large/small 3.2x.
        Notice n = notice(linux(List.of(launch("POSIX_SPAWN", 1, 1.1), launch("FORK", 2, 10), launch("VFORK", 1, 3.2))));
        Lesson.claims(n, "fork-grew", "others-grew");
        Lesson.claimsNot(n, "only-fork-paid");
        Lesson.has(n.text(), "3.20x", "20 launches");
    }

    @Test
    void forkWithinNoiseIsCalledThatAndALargerHeapIsSuggestedOnlyIfNotGiven() {
        List<LaunchCostNotice.Launch> flat = List.of(launch("POSIX_SPAWN", 1, 1.1), launch("FORK", 2, 2.4));
        Notice given = notice(measured(flat, "", true));
        Lesson.claims(given, "fork-flat");
        Lesson.claimsNot(given, "fork-grew", "try-larger-heap");
        Lesson.has(given.text(), "1.20x");
        Lesson.claims(notice(measured(flat, "", false)), "fork-flat", "try-larger-heap");
    }

    @Test
    void forkAgainstPosixSpawnFromTheLargeJvmFollowsTheNumbers() {
        Notice slower = notice(linux(List.of(launch("POSIX_SPAWN", 1, 2), launch("FORK", 2, 50))));
        Lesson.claims(slower, "fork-slower");
        Lesson.claimsNot(slower, "fork-same", "fork-faster");
        Lesson.has(slower.text(), "50.0 ms", "2.00 ms");
        Notice same = notice(linux(List.of(launch("POSIX_SPAWN", 1, 2.1), launch("FORK", 2, 2))));
        Lesson.claims(same, "fork-same");
        Lesson.claimsNot(same, "fork-slower", "fork-faster");
        Lesson.claims(notice(linux(List.of(launch("POSIX_SPAWN", 1, 3), launch("FORK", 1, 1)))), "fork-faster");
    }

    @Test
    void onWindowsThereIsNoForkStoryAndNoResidentFigure() {
        Notice same = notice(new LaunchCostNotice.Measured("Windows", false, 25, List.of("default"), List.of(), "",
                List.of(launch("default", 1, 1.1)), -1, -1, 1024, false));
        Lesson.claims(same, "no-fork-here", "no-copy");
        Lesson.claimsNot(same, "accepted", "fork-grew", "fork-flat", "fork-slower", "grew-unexplained");
        Lesson.hasNot(same.text(), "-1"); // no resident figure where there is none
        Notice slower = notice(new LaunchCostNotice.Measured("Windows", false, 25, List.of("default"), List.of(), "",
                List.of(launch("default", 1, 3)), -1, -1, 1024, false));
        Lesson.claims(slower, "grew-unexplained");
        Lesson.claimsNot(slower, "no-copy");
        Lesson.has(slower.text(), "3.00x");
    }

    @Test
    void theDeprecationSentenceFollowsWhatWasSeen() {
        List<LaunchCostNotice.Launch> l = List.of(launch("POSIX_SPAWN", 1, 1), launch("FORK", 1, 5));
        Lesson.claims(notice(linux(l)), "vfork-deprecated");
        Notice none = notice(new LaunchCostNotice.Measured("Linux", true, 25, List.of("POSIX_SPAWN", "FORK"), List.of(),
                "", l, 45, 300, 256, true));
        Lesson.claims(none, "accepted");
        Lesson.claimsNot(none, "vfork-deprecated");
        Lesson.has(none.text(), "POSIX_SPAWN, FORK");
        Lesson.hasNot(none.text(), "rejected");
    }

    @Test
    void growingMeansAtLeastOneAndAHalfTimes() {
        assertFalse(launch("FORK", 1, 1.45).grew());
        assertTrue(launch("FORK", 1, 1.6).grew());
        assertFalse(launch("FORK", 1, 0.3).grew(), "faster is not growth");
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
