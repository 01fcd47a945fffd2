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
 * A class that times something (a speed-up, an overlap, cores busy) must never share the machine with
 * another class's runs (tests/junit-platform.properties): it says so with {@link TimesSomething}, the
 * others with {@link TimesNothing}, and JUnit's resource lock does the rest.
 */
@TimesNothing
class ParallelSettingsTest {

    @Test
    void classesMayRunSideBySideAndMethodsOnlyWhenMarked() throws IOException {
        Properties settings = new Properties();
        try (InputStream in = ParallelSettingsTest.class.getResourceAsStream("/junit-platform.properties")) {
            settings.load(in);
        }
        assertEquals("true", settings.getProperty("junit.jupiter.execution.parallel.enabled"));
        assertEquals("concurrent", settings.getProperty("junit.jupiter.execution.parallel.mode.classes.default"));
        assertEquals("same_thread", settings.getProperty("junit.jupiter.execution.parallel.mode.default"));
    }

    /** Without a mark, a class would run beside the timed ones; with both, it would not be clear which it is. */
    @Test
    void everyTestClassSaysWhetherItTimesSomething() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path file : testClasses()) {
            List<String> lines = Files.readAllLines(file);
            long marks = lines.stream().filter(l -> l.equals("@TimesSomething") || l.equals("@TimesNothing")).count();
            if (marks != 1) wrong.add(file.getFileName() + " (" + marks + " marks)");
        }
        assertEquals(List.of(), wrong, "mark each test class @TimesSomething or @TimesNothing, above its declaration");
    }

    /**
     * A class that times something runs its tests one after another whatever they say (JUnit's rule
     * for a class that holds a resource), so a CONCURRENT method there would only mislead a reader.
     */
    @Test
    void noTimedClassMarksAMethodConcurrent() throws IOException {
        List<String> misleading = new ArrayList<>();
        for (Path file : testClasses()) {
            String text = Files.readString(file);
            if (text.contains("\n@TimesSomething\n") && text.contains("ExecutionMode.CONCURRENT")) {
                misleading.add(file.getFileName().toString());
            }
        }
        assertEquals(List.of(), misleading, "move the untimed tests to a @TimesNothing class of their own"
                + " (as ProcessSortUntimedTest beside ProcessSortTest)");
    }

    /** No class is concurrent as a whole: that would make all of its methods concurrent by default. */
    @Test
    void noTestClassIsConcurrentAsAWhole() throws IOException {
        List<String> concurrent = new ArrayList<>();
        for (Path file : testClasses()) {
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
        assertEquals(List.of(), concurrent, "mark the methods CONCURRENT instead, never a whole class");
    }

    static List<Path> testClasses() throws IOException {
        try (Stream<Path> files = Files.list(Lesson.ROOT.resolve("tests"))) {
            return files.filter(p -> p.toString().endsWith("Test.java")).sorted().toList();
        }
    }
}
