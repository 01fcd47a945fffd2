import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every line a lesson prints fits a 100-column terminal: tables, progress lines and the closing paragraph. */
class OutputWidthTest {
    static final int COLUMNS = 100;

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("ThreadsSleep", List.of("--seconds", "0.1")),
                Arguments.of("ThreadsSleep", List.of("--virtual", "--tasks", "2000", "--seconds", "0.1")),
                Arguments.of("ThreadsSort", List.of("--size", "200_000")),
                Arguments.of("ThreadsSort", List.of("--size", "200_000", "--gil", "--threads", "6")),
                Arguments.of("ProcessSort", List.of("--size", "200_000", "--processes", "2")),
                Arguments.of("Pids", List.of("--processes", "1", "--virtual", "100")),
                Arguments.of("SpawnVsFork", List.of("--launches", "5", "--heap-mb", "64")),
                Arguments.of("Choosing", List.of("--seconds", "0.1", "--size", "100_000", "--workers", "2")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void everyLineFits(String lesson, List<String> args) {
        Lesson.Run run = new Lesson(lesson).run(args.toArray(String[]::new)).ok();
        List<String> wide = Stream.concat(run.out().lines(), run.err().lines())
                .filter(l -> l.length() > COLUMNS).toList();
        assertTrue(wide.isEmpty(), () -> wide.size() + " lines wider than " + COLUMNS + " columns, e.g. ("
                + wide.getFirst().length() + "):\n" + String.join("\n", wide.subList(0, Math.min(5, wide.size()))));
    }
}
