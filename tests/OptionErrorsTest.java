import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets one clear line and exit code 2, never a stack trace, and --help lists a lesson's
 * options. Nothing runs (the options are rejected first), so every command line here is answered in
 * one JVM (see OptionProbe); a few also run as the lesson's own JVM, which must answer the same.
 */
@TimesNothing
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
                Arguments.of("Choosing", List.of("--csv", "/proc/version/results.csv"), "cannot be written"),
                Arguments.of("Pids", List.of("--threads", "0"), "--threads must be from 1"),
                Arguments.of("Pids", List.of("--threads=-2"), "--threads must be from 1"),
                Arguments.of("Pids", List.of("--threads", "100000"), "--threads must be from 1"),
                Arguments.of("Pids", List.of("--processes", "0"), "--processes must be from 1"),
                Arguments.of("Pids", List.of("--processes", "500"), "--processes must be from 1"),
                Arguments.of("Pids", List.of("--virtual", "0"), "--virtual must be from 1"),
                Arguments.of("Pids", List.of("--virtual", "10_000_000"), "--virtual must be from 1"),
                Arguments.of("Pids", List.of("--virtual", "lots"), "'lots' is not a whole number"),
                Arguments.of("Pids", List.of("--processes", "99999999999"), "is too large"),
                Arguments.of("LaunchCost", List.of("--launches", "0"), "--launches must be from 1"),
                Arguments.of("LaunchCost", List.of("--launches", "200000"), "--launches must be from 1"),
                Arguments.of("LaunchCost", List.of("--launches", "many"), "'many' is not a whole number"),
                Arguments.of("LaunchCost", List.of("--heap-mb", "10"), "--heap-mb must be from 64"),
                Arguments.of("LaunchCost", List.of("--heap-mb=-1"), "--heap-mb must be from 64"),
                Arguments.of("LaunchCost", List.of("--heap-mb", "2_000_000_000"), "MB being free"),
                Arguments.of("LaunchCost", List.of("--fork"), "Unknown option: '--fork'"),
                Arguments.of("PythonBesideJava", List.of("--workers", "0"), "--workers must be from 1 to 64"),
                Arguments.of("PythonBesideJava", List.of("--workload", "spin"), "--workload must be sort or sleep"),
                Arguments.of("PythonBesideJava", List.of("--size", "0"), "--size must be from 1"),
                Arguments.of("PythonBesideJava", List.of("--size", "2e6"), "write 2_000_000"),
                Arguments.of("PythonBesideJava", List.of("--seconds", "61"), "--seconds must be from 0 to 60"),
                Arguments.of("PythonBesideJava", List.of("--start-method", "clone"), "--start-method must be fork, spawn or forkserver"),
                Arguments.of("PythonBesideJava", List.of("--timeout", "0"), "--timeout must be more than 0"),
                Arguments.of("PythonBesideJava", List.of("--timeout", "4000"), "at most 3600 s"),
                Arguments.of("PythonBesideJava", List.of("--worker", "2"), "did you mean --workers"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badOptions")
    @Execution(ExecutionMode.CONCURRENT)
    void badOptionGivesOneLineAndExitCode2(String lesson, List<String> args, String expected) {
        Lesson.assertRejected(ran(lesson, args), expected);
    }

    /** Each lesson's help, with the options it must list beyond --csv (which every lesson has). */
    static Stream<Arguments> lessons() {
        return Stream.of(
                Arguments.of("ThreadsSleep", List.of("--tasks=N", "--seconds=S", "--virtual")),
                Arguments.of("ThreadsSort", List.of("--threads=N", "--size=N", "--gil", "--sweep")),
                Arguments.of("ProcessSort", List.of("--processes=N", "--size=N", "--jvm-option=OPT", "--timeout=S")),
                Arguments.of("Pids", List.of("--threads=N", "--processes=N", "--virtual=N")),
                Arguments.of("SpawnVsFork", List.of()),
                Arguments.of("LaunchCost", List.of("--launches=N", "--heap-mb=MB")),
                Arguments.of("JShellTrap", List.of()),
                Arguments.of("Choosing", List.of("--workers=N", "--seconds=S", "--size=N", "--timeout=S")),
                Arguments.of("Sharing", List.of("--workers=N", "--size=N", "--timeout=S")),
                Arguments.of("PythonBesideJava", List.of("--workers=N", "--workload=W", "--size=N", "--seconds=S",
                        "--python=PATH", "--start-method=M", "--timeout=S", "--seed=N", "--sweep")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    @Execution(ExecutionMode.CONCURRENT)
    void helpListsTheOptionsAndExitsZero(String lesson, List<String> options) {
        Lesson.Run run = ran(lesson, List.of("--help")).ok();
        assertTrue(run.out().contains("Usage:"), run.out());
        for (String option : Stream.concat(Stream.of("--csv=FILE"), options.stream()).toList()) {
            assertTrue(run.out().contains(option), option + " in:\n" + run.out());
        }
    }

    /** A few command lines also run as the lesson's own JVM, to show that the probe answers as it would. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("alsoAsTheirOwnJvm")
    @Execution(ExecutionMode.CONCURRENT)
    void theLessonsOwnJvmAnswersAsTheProbeDoes(String lesson, List<String> args) {
        Lesson.Run own = new Lesson(lesson).run(List.of(Lesson.QUICK_JIT), args.toArray(String[]::new));
        Lesson.Run probed = ran(lesson, args);
        assertEquals(probed.exitCode(), own.exitCode(), own.err());
        assertEquals(probed.out(), own.out());
        assertEquals(probed.err(), own.err());
    }

    static Stream<Arguments> alsoAsTheirOwnJvm() {
        return Stream.of(Arguments.of("ThreadsSort", List.of("--size", "2_000_000_000")), // the heap check
                Arguments.of("Pids", List.of("--virtual", "lots")), Arguments.of("Sharing", List.of("--help")));
    }

    // ---- one JVM for every command line above ----------------------------------------------------------

    private static Map<List<String>, Lesson.Run> ran;

    /** What the lesson said to these arguments, from the one probe run (see OptionProbe). */
    static synchronized Lesson.Run ran(String lesson, List<String> args) {
        if (ran == null) ran = probe(Stream.concat(badOptions().map(a -> command(a.get())),
                Stream.concat(lessons().map(a -> List.of((String) a.get()[0], "--help")),
                        alsoAsTheirOwnJvm().map(a -> command(a.get())))).distinct().toList());
        List<String> command = Stream.concat(Stream.of(lesson), args.stream()).toList();
        return ran.get(command);
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(Object[] arguments) {
        return Stream.concat(Stream.of((String) arguments[0]), ((List<String>) arguments[1]).stream()).toList();
    }

    private static Map<List<String>, Lesson.Run> probe(List<List<String>> commands) {
        try {
            Path dir = Files.createTempDirectory("option-probe");
            Path input = dir.resolve("commands.txt");
            Files.write(input, commands.stream().map(c -> String.join("\t", c)).toList());
            Process p = new ProcessBuilder(Lesson.java("OptionProbe", List.of(Lesson.QUICK_JIT), List.of(dir.toString())))
                    .directory(Lesson.ROOT.toFile()).redirectInput(input.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("probe.log").toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("the option probe did not finish within 2 minutes");
            }
            assertEquals(0, p.exitValue(), () -> read(dir.resolve("probe.log")));
            Map<List<String>, Lesson.Run> runs = new HashMap<>();
            for (int i = 0; i < commands.size(); i++) {
                runs.put(commands.get(i), new Lesson.Run(Integer.parseInt(read(dir.resolve(i + ".code"))),
                        read(dir.resolve(i + ".out")), read(dir.resolve(i + ".err")), p.pid(), null));
            }
            return runs;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
