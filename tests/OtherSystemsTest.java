import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson as if on macOS and on Windows: the operating system is faked with -Dasynckit.os (the
 * one seam, support/Host), so the lesson takes the paths it would take there. Each must finish,
 * say in one line what it cannot show there (a line that starts "On macOS" or "On Windows"), and
 * print no "-1" where a figure could not be read. Nothing is timed here: the runs overlap, with the
 * quick compiler only, at small sizes.
 */
@TimesNothing
class OtherSystemsTest {
    /** A figure of -1 standing alone ("-1 MB", "= -1"), not a name such as pool-1-thread-1. */
    static final Pattern MINUS_ONE = Pattern.compile("(?<![\\w-])-1(?![\\w.-])");

    static Stream<Arguments> lessonsOnOtherSystems() {
        List<List<String>> lessons = List.of(
                List.of("ThreadsSleep", "--tasks", "4", "--seconds", "0.2"),
                List.of("ThreadsSleep", "--virtual", "--tasks", "100", "--seconds", "0.2"),
                List.of("ThreadsSort", "--threads", "2", "--size", "100000"),
                List.of("ProcessSort", "--processes", "2", "--size", "100000"),
                List.of("Pids", "--threads", "2", "--processes", "2", "--virtual", "100"),
                List.of("LaunchCost", "--launches", "5", "--heap-mb", "64"), // the smallest parent heap allowed
                List.of("Choosing", "--workers", "2", "--seconds", "0.2", "--size", "200000"),
                List.of("Sharing", "--workers", "2", "--size", "200000"));
        return Stream.of("mac", "windows").flatMap(os -> lessons.stream().map(l -> Arguments.of(os, l)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("lessonsOnOtherSystems")
    @Execution(ExecutionMode.CONCURRENT)
    void runsSaysWhatItCannotShowAndPrintsNoMinusOne(String os, List<String> lesson) {
        String name = os.equals("mac") ? "macOS" : "Windows";
        Lesson.Run run = new Lesson(lesson.getFirst()).run(List.of(Lesson.QUICK_JIT, "-Dasynckit.os=" + os),
                lesson.subList(1, lesson.size()).toArray(String[]::new)).ok();
        List<String> saying = run.out().lines().filter(l -> l.strip().startsWith("On " + name + " ")).toList();
        assertFalse(saying.isEmpty(), "a line saying what " + name + " cannot show:\n" + run.out());
        for (String line : saying) assertTrue(line.length() <= 100, "fits 100 columns: " + line);
        assertFalse(MINUS_ONE.matcher(run.out()).find(), "a -1 figure:\n" + run.out());
        assertEquals("", run.err().lines().filter(l -> l.contains("Exception")).findFirst().orElse(""), run.err());
    }

    /**
     * Lessons that show the same on every system (05's spawn-vs-fork and jshell-trap use no OS
     * figure): they still run there, with no -1 figure and no exception.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("sameEverywhere")
    @Execution(ExecutionMode.CONCURRENT)
    void runsTheSameWithNoMinusOne(String os, String lesson) {
        Lesson.Run run = new Lesson(lesson).run(List.of(Lesson.QUICK_JIT, "-Dasynckit.os=" + os)).ok();
        assertFalse(MINUS_ONE.matcher(run.out()).find(), "a -1 figure:\n" + run.out());
        assertEquals("", run.err().lines().filter(l -> l.contains("Exception")).findFirst().orElse(""), run.err());
    }

    static Stream<Arguments> sameEverywhere() {
        return Stream.of("mac", "windows").flatMap(os -> Stream.of("SpawnVsFork", "JShellTrap")
                .map(l -> Arguments.of(os, l)));
    }
}
