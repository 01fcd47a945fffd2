import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The learner's own path, end to end: every catalog alias, and a snippet, run through
 * {@code ./jbang}, which fetches JBang, compiles the lesson with its //SOURCES and //DEPS, and runs it.
 * Every line a lesson prints there must also fit 100 columns in ASCII (see {@link OutputWidthTest}).
 */
@TimesNothing
class EndToEndTest {
    /** Quick arguments per alias, so that each run takes seconds; a new alias must add its own. */
    static final Map<String, List<String>> QUICK = Map.ofEntries(
            Map.entry("threads-sleep", List.of("--seconds", "0.2")),
            Map.entry("threads-sort", List.of("--size", "200000", "--threads", "2")),
            Map.entry("process-sort", List.of("--size", "200000", "--processes", "2")),
            Map.entry("pids", List.of("--virtual", "200")),
            Map.entry("spawn-vs-fork", List.of()),
            Map.entry("launch-cost", List.of("--launches", "10", "--heap-mb", "128")),
            Map.entry("jshell-trap", List.of()),
            Map.entry("choosing", List.of("--workers", "2", "--seconds", "0.2", "--size", "200000")),
            Map.entry("sharing", List.of("--workers", "2", "--size", "200000")),
            Map.entry("python-beside-java", List.of("--workers", "2", "--size", "200000")),
            Map.entry("check", List.of("--list")),
            Map.entry("report", List.of("tests/fixtures/report/ana-01.csv", "tests/fixtures/report/ben-02-sweep.csv",
                    "--out", "target/end-to-end-report")));
    static final Duration FIRST_RUN = Duration.ofMinutes(10);

    /**
     * JBang's JVM (and, up to JBang 0.134, the lesson's too) with the quick compiler only: these runs
     * time nothing, and JBang starting up is most of what they cost.
     */
    static final Map<String, String> QUICK_JBANG = Map.of("JBANG_JAVA_OPTIONS", Lesson.QUICK_JIT);
    /**
     * The lessons' output in UTF-8, whatever this machine's locale, so that a character outside ASCII
     * shows as itself (in a plain POSIX locale it would print as "?", and pass for ASCII).
     */
    static final Map<String, String> UTF8 = Map.of("LC_ALL", "C.UTF-8");
    /** The first lesson alias, which runs alone before the others overlap (see {@link #firstRunAlone()}), and its run. */
    private static String first;
    private static JbangLauncherTest.Result firstRun;

    /**
     * The runs overlap (nothing is timed), so what only one of them must do happens first, in a run
     * of its own: on a new machine, fetching JBang and the lessons' dependencies, and compiling the
     * lessons' shared sources. Its test below checks this run.
     */
    @BeforeAll
    static void firstRunAlone() throws Exception {
        first = CatalogTest.lessonAliases().keySet().stream().sorted().findFirst().orElseThrow();
        firstRun = runAlias(first);
    }

    static JbangLauncherTest.Result runAlias(String alias) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("./jbang", alias));
        command.addAll(QUICK.getOrDefault(alias, List.of()));
        Map<String, String> env = new java.util.HashMap<>(QUICK_JBANG);
        env.putAll(UTF8);
        return JbangLauncherTest.run(command, "", env, FIRST_RUN);
    }

    @TestFactory
    @Execution(ExecutionMode.CONCURRENT)
    Stream<DynamicTest> everyAliasRunsThroughTheLauncher() throws IOException {
        return CatalogTest.aliases().keySet().stream().map(alias -> dynamicTest(alias, () -> {
            assertNotNull(QUICK.get(alias), "EndToEndTest.QUICK has no quick arguments for the alias " + alias);
            JbangLauncherTest.Result r = alias.equals(first) ? firstRun : runAlias(alias);
            assertEquals(0, r.exitCode(), r.describe());
            if (CatalogTest.lessonAliases().containsKey(alias)) {
                assertTrue(r.stdout().contains("What to notice") && r.stdout().matches("(?s).*\\n-{20,}\\n.*"),
                    "a summary table and the closing paragraph:\n" + r.describe());
                OutputWidthTest.assertFitsInAscii(r.stdout());
                OutputWidthTest.assertFitsInAscii(r.stderr().replaceAll("(?m)^\\[jbang\\].*$", "")); // JBang's own lines aside
            } else if (alias.equals("report")) { // the instructors' page
                assertTrue(r.stdout().contains("Report written to target/end-to-end-report"), r.describe());
            } else { // the exercise checker
                assertTrue(r.stdout().contains("01 sleep-together") && r.stdout().contains("exercises/"), r.describe());
            }
            assertFalse(r.stderr().contains("WARNING") || r.stderr().contains("SLF4J"), "a clean run:\n" + r.stderr());
        }));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aSnippetRunsThroughTheLauncherInItsOwnProcess() throws Exception {
        // SnippetsTest runs every snippet in jshell; this proves the `./jbang snippets/x.jsh` path, where
        // JBang runs the cells in jshell's own process (so the PID printed is the one JBang started).
        JbangLauncherTest.Result r = JbangLauncherTest.run(
                List.of("./jbang", "snippets/04-pids.jsh"), "", QUICK_JBANG, FIRST_RUN);
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stdout().contains("agent JVM of jshell: false"), r.describe());
        assertFalse(r.stdout().contains("Exception") || r.stderr().contains("Exception"), r.describe());
    }
}
