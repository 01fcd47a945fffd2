import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every line a lesson prints fits a 100-column terminal (tables, progress lines and the closing paragraph),
 * and is plain ASCII, so it reads the same in a console whose encoding is not UTF-8 (a bare POSIX locale,
 * an old Windows console), where "..." as one character would print as "?". EndToEndTest checks
 * this on every lesson's run through JBang; the runs here are those whose output takes another
 * shape: many rows, some left out, and more threads than cores.
 */
@TimesNothing
class OutputWidthTest {
    static final int COLUMNS = 100;

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("ThreadsSleep", List.of("--virtual", "--tasks", "2000", "--seconds", "0.1")),
                Arguments.of("ThreadsSleep", List.of("--tasks", "40", "--seconds", "0.1")), // rows left out
                Arguments.of("ThreadsSort", List.of("--size", "200_000", "--gil", "--threads", "6")),
                Arguments.of("Pids", List.of("--processes", "3", "--threads", "6", "--virtual", "100")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    @Execution(ExecutionMode.CONCURRENT) // nothing here is timed: the runs may overlap
    void everyLineFits(String lesson, List<String> args) {
        // UTF-8 out, whatever this machine's locale: a character outside ASCII shows as itself, not as "?".
        Lesson.Run run = new Lesson(lesson).run(List.of(Lesson.QUICK_JIT, "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8"),
                args.toArray(String[]::new)).ok();
        assertFitsInAscii(run.out() + run.err());
    }

    /** Fails unless every line of {@code output} fits {@link #COLUMNS} columns and is plain ASCII. */
    static void assertFitsInAscii(String output) {
        List<String> wide = output.lines().filter(l -> l.length() > COLUMNS).toList();
        assertTrue(wide.isEmpty(), () -> wide.size() + " lines wider than " + COLUMNS + " columns, e.g. ("
                + wide.getFirst().length() + "):\n" + String.join("\n", wide.subList(0, Math.min(5, wide.size()))));
        List<String> notAscii = output.lines().filter(l -> l.chars().anyMatch(c -> c > 127)).toList();
        assertTrue(notAscii.isEmpty(), () -> "lines that are not plain ASCII:\n" + String.join("\n", notAscii));
    }
}
