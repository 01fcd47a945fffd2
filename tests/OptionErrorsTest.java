import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets one clear line and exit code 2, never a stack trace. Nothing runs (the options are
 * rejected first), so these runs are only JVM starts: they overlap, with the quick compiler only.
 */
class OptionErrorsTest {

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("ThreadsSleep", List.of("--tasks", "0"), "--tasks must be from 1"),
                Arguments.of("ThreadsSleep", List.of("--tasks", "-3"), "--tasks must be from 1"),
                Arguments.of("ThreadsSleep", List.of("--tasks", "20000"), "add --virtual"),
                Arguments.of("ThreadsSleep", List.of("--virtual", "--tasks", "5000000"), "--tasks must be from 1"),
                Arguments.of("ThreadsSleep", List.of("--seconds=-1"), "--seconds must be from 0"),
                Arguments.of("ThreadsSleep", List.of("--seconds", "1e9"), "--seconds must be from 0"),
                Arguments.of("ThreadsSleep", List.of("--seconds", "soon"), "'soon'"),
                Arguments.of("ThreadsSleep", List.of("--tasks", "four"), "'four' is not a whole number"),
                Arguments.of("ThreadsSleep", List.of("--frobnicate"), "Unknown option: '--frobnicate'"),
                Arguments.of("ThreadsSleep", List.of("--csv"), "Missing required parameter"),
                Arguments.of("ThreadsSort", List.of("--threads", "0"), "--threads must be from 1"),
                Arguments.of("ThreadsSort", List.of("--threads", "99999"), "--threads must be from 1"),
                Arguments.of("ThreadsSort", List.of("--size", "-5"), "--size must be at least 1"),
                Arguments.of("ThreadsSort", List.of("--size", "ten"), "'ten' is not a whole number"),
                Arguments.of("ThreadsSort", List.of("--size", "99999999999"), "'99999999999' is too large"),
                Arguments.of("ThreadsSort", List.of("--size", "2_000_000_000"), "heap"),
                Arguments.of("ThreadsSort", List.of("--boxed", "--gil"), "cannot be combined"),
                Arguments.of("ThreadsSort", List.of("--gil", "--switch-interval", "0"), "--switch-interval must be"),
                Arguments.of("ThreadsSort", List.of("--seed", "x"), "'x' is not a whole number"),
                Arguments.of("ProcessSort", List.of("--processes", "0"), "--processes must be from 1 to 64"),
                Arguments.of("ProcessSort", List.of("--timeout", "0"), "--timeout must be more than 0"),
                Arguments.of("ProcessSort", List.of("--jvm-option", "Xshare:off"), "--jvm-option takes a JVM flag"),
                Arguments.of("ProcessSort", List.of("--jvm-option=-jar"), "--jvm-option takes a JVM flag"),
                Arguments.of("ProcessSort", List.of("--size", "2_000_000_000"), "heap"),
                Arguments.of("Choosing", List.of("--workers", "0"), "--workers must be from 1 to 64"),
                Arguments.of("Choosing", List.of("--seconds", "61"), "--seconds must be from 0 to 60"),
                Arguments.of("Choosing", List.of("--size", "0"), "--size must be from 1"),
                Arguments.of("Choosing", List.of("--timeout=-1"), "--timeout must be more than 0"),
                Arguments.of("Sharing", List.of("--workers", "65"), "--workers must be from 1 to 64"),
                Arguments.of("Sharing", List.of("--size", "0"), "--size must be from 1"),
                Arguments.of("Sharing", List.of("--timeout", "0"), "--timeout must be more than 0"),
                Arguments.of("Sharing", List.of("--seconds", "1"), "Unknown options: '--seconds'"), // choosing's, not sharing's
                // A mistyped option gets picocli's guess; a number in scientific notation, how to write it.
                Arguments.of("ThreadsSort", List.of("--thread", "4"), "did you mean --threads?"),
                Arguments.of("ProcessSort", List.of("--procesess", "2"), "did you mean --processes?"),
                Arguments.of("ThreadsSort", List.of("--size", "1e6"), "write 1_000_000"),
                Arguments.of("Choosing", List.of("--size", "2.5e6"), "write 2_500_000"),
                // --csv is tried before the run, so a long run cannot lose its results at the end.
                Arguments.of("ThreadsSleep", List.of("--csv", "/proc/no-such-folder/results.csv"), "cannot be written"),
                Arguments.of("ThreadsSort", List.of("--csv", "."), "is a folder"),
                Arguments.of("Choosing", List.of("--csv", "/proc/version/results.csv"), "cannot be written"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badOptions")
    @Execution(ExecutionMode.CONCURRENT)
    void badOptionGivesOneLineAndExitCode2(String lesson, List<String> args, String expected) {
        Lesson.assertRejected(new Lesson(lesson).run(List.of(Lesson.QUICK_JIT), args.toArray(String[]::new)), expected);
    }

    @ParameterizedTest
    @MethodSource("lessons")
    @Execution(ExecutionMode.CONCURRENT)
    void helpListsTheOptionsAndExitsZero(String lesson) {
        Lesson.Run run = new Lesson(lesson).run(List.of(Lesson.QUICK_JIT), "--help").ok();
        assertTrue(run.out().contains("--csv=FILE") && run.out().contains("Usage:"), run.out());
    }

    static Stream<String> lessons() {
        return Stream.of("ThreadsSleep", "ThreadsSort", "ProcessSort", "Pids", "SpawnVsFork", "LaunchCost", "JShellTrap",
                "Choosing", "Sharing");
    }
}
