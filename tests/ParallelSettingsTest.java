import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tests run side by side only inside their own class (tests/junit-platform.properties): a class that
 * times something (a speed-up, an overlap, cores busy) must never share the machine with another
 * class's runs. So classes run one after another, and no class is marked CONCURRENT as a whole (that
 * would run it beside the others); a method may be, when nothing it does is timed.
 */
class ParallelSettingsTest {

    @Test
    void classesRunOneAfterAnother() throws IOException {
        Properties settings = new Properties();
        try (InputStream in = ParallelSettingsTest.class.getResourceAsStream("/junit-platform.properties")) {
            settings.load(in);
        }
        assertEquals("same_thread", settings.getProperty("junit.jupiter.execution.parallel.mode.classes.default"));
        assertEquals("same_thread", settings.getProperty("junit.jupiter.execution.parallel.mode.default"));
    }

    @Test
    void noTestClassIsConcurrentAsAWhole() throws IOException {
        List<String> concurrent = new ArrayList<>();
        try (Stream<Path> files = Files.list(Lesson.ROOT.resolve("tests"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).startsWith("@Execution(") || !lines.get(i).contains("CONCURRENT")) continue;
                    int next = i + 1; // the annotated declaration, after any other annotations
                    while (next < lines.size() && lines.get(next).startsWith("@")) next++;
                    if (next < lines.size() && lines.get(next).matches("(\\w+ )*class \\w+.*")) {
                        concurrent.add(file.getFileName() + ": " + lines.get(next).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), concurrent, "mark the methods CONCURRENT instead, never a whole class");
    }
}
