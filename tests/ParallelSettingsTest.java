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
 * would run it beside the others); a method may be, when nothing it does is timed, and then every
 * test of its class is.
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

    /**
     * JUnit runs a class's CONCURRENT methods beside its other methods, not after them: a class that
     * had both would let its timed tests share the machine. So in each class every test is CONCURRENT
     * (it times nothing) or none is; the untimed tests of a lesson that times something live in a class
     * of their own (ProcessSortUntimedTest beside ProcessSortTest).
     */
    @Test
    void noClassMixesConcurrentTestsWithOthers() throws IOException {
        List<String> mixed = new ArrayList<>();
        try (Stream<Path> files = Files.list(Lesson.ROOT.resolve("tests"))) {
            for (Path file : files.filter(p -> p.toString().endsWith("Test.java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                List<String> concurrent = new ArrayList<>(), others = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).strip().matches("@(Test|ParameterizedTest|TestFactory)\\b.*")) continue;
                    boolean isConcurrent = false;
                    int at = i; // the annotations (some over several lines), then the method
                    for (; at < lines.size() && !lines.get(at).matches("    \\w[\\w<>, ]* \\w+\\(.*"); at++) {
                        isConcurrent |= lines.get(at).contains("ExecutionMode.CONCURRENT");
                    }
                    (isConcurrent ? concurrent : others).add(lines.get(at).strip());
                    i = at;
                }
                if (!concurrent.isEmpty() && !others.isEmpty()) mixed.add(file.getFileName() + ": " + others);
            }
        }
        assertEquals(List.of(), mixed, "tests beside CONCURRENT ones in their class: mark them CONCURRENT if they"
                + " time nothing, else move them (or the CONCURRENT ones) to a class of their own");
    }
}
