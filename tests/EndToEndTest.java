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
 */
class EndToEndTest {
    /** Quick arguments per alias, so that each run takes seconds; a new alias must add its own. */
    static final Map<String, List<String>> QUICK = Map.of(
            "threads-sleep", List.of("--seconds", "0.2"),
            "threads-sort", List.of("--size", "200000", "--threads", "2"),
            "process-sort", List.of("--size", "200000", "--processes", "2"),
            "pids", List.of("--virtual", "200"),
            "spawn-vs-fork", List.of(),
            "launch-cost", List.of("--launches", "10", "--heap-mb", "128"),
            "jshell-trap", List.of(),
            "choosing", List.of("--workers", "2", "--seconds", "0.2", "--size", "200000"),
            "check", List.of("--list"));
    static final Duration FIRST_RUN = Duration.ofMinutes(10);

    /**
     * The runs below overlap (nothing is timed), so what only one of them must do comes first: on a
     * new machine, fetching JBang and the lessons' dependencies; then the lessons' shared sources are
     * compiled once here, for the alias whose run below reuses that build.
     */
    @BeforeAll
    static void fetchAndBuildOnce() throws Exception {
        JbangLauncherTest.Result r = JbangLauncherTest.run(List.of("./jbang", "build", "threads-sleep"), "", Map.of(), FIRST_RUN);
        assertEquals(0, r.exitCode(), r.describe());
    }

    @TestFactory
    @Execution(ExecutionMode.CONCURRENT)
    Stream<DynamicTest> everyAliasRunsThroughTheLauncher() throws IOException {
        return CatalogTest.aliases().keySet().stream().map(alias -> dynamicTest(alias, () -> {
            List<String> quick = QUICK.get(alias);
            assertNotNull(quick, "EndToEndTest.QUICK has no quick arguments for the alias " + alias);
            List<String> command = new java.util.ArrayList<>(List.of("./jbang", alias));
            command.addAll(quick);
            JbangLauncherTest.Result r = JbangLauncherTest.run(command, "", Map.of(), FIRST_RUN);
            assertEquals(0, r.exitCode(), r.describe());
            if (CatalogTest.lessonAliases().containsKey(alias)) {
                assertTrue(r.stdout().contains("What to notice") && r.stdout().matches("(?s).*\\n-{20,}\\n.*"),
                    "a summary table and the closing paragraph:\n" + r.describe());
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
                List.of("./jbang", "snippets/04-pids.jsh"), "", Map.of(), FIRST_RUN);
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stdout().contains("agent JVM of jshell: false"), r.describe());
        assertFalse(r.stdout().contains("Exception") || r.stderr().contains("Exception"), r.describe());
    }
}
