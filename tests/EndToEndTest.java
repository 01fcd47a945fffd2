import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The learner's own path, end to end: every catalog alias and every snippet run through
 * {@code ./jbang}, which fetches JBang, compiles the lesson with its //SOURCES and //DEPS, and runs it.
 */
class EndToEndTest {
    /** Quick arguments per alias, so that each run takes seconds; a new alias must add its own. */
    static final Map<String, List<String>> QUICK = Map.of(
            "threads-sleep", List.of("--seconds", "0.2"),
            "threads-sort", List.of("--size", "200000", "--threads", "2"),
            "process-sort", List.of("--size", "200000", "--processes", "2"),
            "pids", List.of("--virtual", "200"),
            "spawn-vs-fork", List.of("--launches", "10", "--heap-mb", "128"),
            "choosing", List.of("--workers", "2", "--seconds", "0.2", "--size", "200000"));
    static final Duration FIRST_RUN = Duration.ofMinutes(10);

    @TestFactory
    Stream<DynamicTest> everyAliasRunsThroughTheLauncher() throws IOException {
        return CatalogTest.aliases().keySet().stream().map(alias -> dynamicTest(alias, () -> {
            List<String> quick = QUICK.get(alias);
            assertNotNull(quick, "EndToEndTest.QUICK has no quick arguments for the alias " + alias);
            List<String> command = new java.util.ArrayList<>(List.of("./jbang", alias));
            command.addAll(quick);
            JbangLauncherTest.Result r = JbangLauncherTest.run(command, "", Map.of(), FIRST_RUN);
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.stdout().contains("Summary") && r.stdout().contains("What to notice"), r.describe());
            assertFalse(r.stderr().contains("WARNING") || r.stderr().contains("SLF4J"), "a clean run:\n" + r.stderr());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySnippetRunsThroughTheLauncher() throws IOException {
        List<Path> snippets;
        try (Stream<Path> files = Files.list(Lesson.ROOT.resolve("snippets"))) {
            snippets = files.filter(p -> p.toString().endsWith(".jsh")).sorted().toList();
        }
        assertFalse(snippets.isEmpty());
        return snippets.stream().map(snippet -> dynamicTest(snippet.getFileName().toString(), () -> {
            JbangLauncherTest.Result r = JbangLauncherTest.run(
                    List.of("./jbang", "snippets/" + snippet.getFileName()), "", Map.of(), FIRST_RUN);
            assertEquals(0, r.exitCode(), r.describe());
            assertFalse(r.stdout().isBlank(), r.describe());
            assertFalse(r.stdout().contains("Exception") || r.stderr().contains("Exception"), r.describe());
        }));
    }
}
