import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The workshop exercises and their checker, the way a maintainer of rustlings checks theirs: every
 * exercise as shipped fails its check, every reference solution passes, and deliberately wrong
 * solutions fail for the reason a learner needs to hear. The checker never touches exercises/ here:
 * what a test changes, it changes in a temporary copy (--dir).
 *
 * <p>What a check found is read from its {@link Verdict} (verdict, reason id, cores), never from its
 * wording, which may change. Checks that start JVMs run side by side ({@code CONCURRENT}): nothing
 * here is timed, and every judge is made to hold on a loaded machine.
 */
@TimesNothing
class ExercisesTest {
    static final Path ROOT = Lesson.ROOT;
    /**
     * The starting files as shipped. Never exercises/: those are the learner's working copies, and
     * the tests must pass however far a learner has got with them.
     */
    static final Path START = ROOT.resolve("checker/start"), SOLUTIONS = ROOT.resolve("solutions"),
            WRONG = ROOT.resolve("tests/fixtures/exercises");
    static final Exercises EXERCISES = Exercises.in(ROOT);
    /** Why each exercise fails as shipped (the verdict's reason): the starting code is the naive version of the job. */
    static final Map<Integer, String> AS_SHIPPED = Map.of(
            1, "one-after-another",
            2, "one-after-another",
            3, "no-worker-process",
            4, "wrong-pid",
            5, "state-not-passed",
            6, "lost-updates");
    /** A deliberately wrong solution says why it must fail on a line {@code // Expect: reason=ID}. */
    static final Pattern EXPECT = Pattern.compile("^// Expect: reason=([a-z0-9-]+)$", Pattern.MULTILINE);

    @TempDir
    Path temp;

    // ---- the files ------------------------------------------------------------------------------

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void everyExerciseHasItsFilesInLessonOrder() throws IOException {
        List<String> expected = EXERCISES.all().stream().map(Exercises.Exercise::fileName).toList();
        assertEquals(expected, javaFiles(START), "checker/start/ holds exactly the checker's exercises");
        assertEquals(expected, javaFiles(SOLUTIONS), "one reference solution per exercise");
        for (int i = 0; i < EXERCISES.all().size(); i++) {
            Exercises.Exercise exercise = EXERCISES.all().get(i);
            assertEquals(i + 1, exercise.number(), "numbered in order");
            for (Path file : List.of(START.resolve(exercise.fileName()), SOLUTIONS.resolve(exercise.fileName()))) {
                List<String> lines = Files.readAllLines(file);
                assertEquals("///usr/bin/env jbang \"$0\" \"$@\" ; exit $?", lines.get(0), file + " runs with JBang");
                assertTrue(lines.contains("//JAVA 25+"), file + " says //JAVA 25+");
                assertTrue(lines.contains("class " + exercise.className() + " {"), file + " declares the non-public class " + exercise.className());
                assertFalse(lines.stream().anyMatch(l -> l.startsWith("//DEPS") || l.startsWith("//SOURCES")), file + " needs the JDK only");
            }
            String shipped = Files.readString(START.resolve(exercise.fileName()));
            assertTrue(shipped.contains("// TODO"), exercise.fileName() + " shows where to work with // TODO");
            assertTrue(shipped.contains("./jbang check --hint " + exercise.number()), exercise.fileName() + " says how to get a hint");
            assertFalse(Files.readString(SOLUTIONS.resolve(exercise.fileName())).contains("// TODO"), "the solution of " + exercise.label() + " leaves no TODO");
            assertFalse(exercise.hints().isEmpty(), "at least one hint for " + exercise.label());
            assertFalse(exercise.task().isBlank(), "a task for " + exercise.label());
            assertTrue(exercise.lesson().matches(String.format("%02d [a-z-]+", exercise.number())), exercise.lesson());
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theWorkingCopiesAreNotTrackedAndEachStartingFileIsKeptOnce() throws IOException {
        assertTrue(Files.readAllLines(ROOT.resolve(".gitignore")).contains("exercises/"), "exercises/ is the learner's");
        assertFalse(Files.exists(ROOT.resolve("checker/originals")), "one copy of each starting file: checker/start/");
        try (Stream<Path> files = Files.walk(ROOT.resolve("checker/judges"))) {
            List<String> judges = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Judge.java")).sorted().toList();
            assertEquals(EXERCISES.all().stream().map(e -> e.className() + "Judge.java").sorted().toList(), judges,
                    "one judge per exercise, named after its class");
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theCheckersDependenciesMatchThePom() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher deps = Pattern.compile("^//DEPS ([\\w.-]+):([\\w.-]+):([\\w.-]+)$", Pattern.MULTILINE)
                .matcher(Files.readString(ROOT.resolve("checker/check.java")));
        assertTrue(deps.find(), "check.java declares picocli");
        do {
            Matcher property = Pattern.compile("<artifactId>" + Pattern.quote(deps.group(2))
                    + "</artifactId>\\s*<version>\\$\\{([\\w.]+)}</version>").matcher(pom);
            assertTrue(property.find(), deps.group(2) + " is not in the pom");
            assertTrue(pom.contains("<" + property.group(1) + ">" + deps.group(3) + "</"), deps.group() + " but the pom pins another version");
        } while (deps.find());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void everyUnsolvedSaysWhyWithAReasonId() throws IOException {
        // Unsolved("reason-id", "format", args...): a sentence given as the reason would fail only when reached.
        Pattern unsolved = Pattern.compile("new Unsolved\\(\\s*\"([^\"]*)\"");
        int found = 0;
        try (Stream<Path> files = Files.walk(ROOT.resolve("checker"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = unsolved.matcher(Files.readString(file));
                while (m.find()) {
                    found++;
                    assertTrue(Verdict.REASON.matcher(m.group(1)).matches(), file.getFileName() + ": not a reason id: " + m.group(1));
                }
            }
        }
        assertTrue(found > 20, "the judges' Unsolved calls were not found: " + found);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theVerdictLineReadsBackAsWritten() {
        Exercises.Exercise exercise = EXERCISES.all().get(2);
        Verdict fail = Verdict.fail(exercise, "no-worker-process", 2, "what the learner reads, with = and \"quotes\"");
        assertEquals("check exercise=03 name=worker-processes verdict=fail reason=no-worker-process cores=2", fail.line());
        assertEquals(new Verdict(3, "worker-processes", false, "no-worker-process", 2, null), Verdict.parse(fail.line()));
        Verdict pass = Verdict.pass(exercise, 1, "3 workers at once");
        assertEquals("check exercise=03 name=worker-processes verdict=pass cores=1", pass.line());
        assertEquals(List.of(Verdict.parse(pass.line()), Verdict.parse(fail.line())),
                Verdict.in("✔ 03 worker-processes\n" + pass.line() + "\nsome text\n" + fail.line() + "\n"));
        assertEquals("check exercise=01 name=sleep-together verdict=fail reason=compile-error",
                Verdict.fail(EXERCISES.all().getFirst(), Verdict.COMPILE_ERROR, 0, "the compiler's words").line());
        for (String bad : List.of("A sentence", "Lost-updates", "lost updates", "lost_updates", "")) {
            assertThrows(IllegalArgumentException.class, () -> Verdict.fail(exercise, bad, 2, "text"), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Verdict.parse("check exercise=03 verdict=maybe"));
    }

    // ---- every exercise, judged -----------------------------------------------------------------

    @TestFactory
    @Execution(ExecutionMode.CONCURRENT)
    Stream<DynamicTest> everyExerciseAsShippedFailsItsCheck() {
        return EXERCISES.all().stream().map(exercise -> dynamicTest(exercise.label(), () -> {
            Verdict verdict = verify(START, exercise);
            assertFalse(verdict.solved(), exercise.label() + " as shipped passed its check: " + verdict.text());
            assertFalse(verdict.compileError(), exercise.label() + " as shipped must compile:\n" + verdict.text());
            assertEquals(AS_SHIPPED.get(exercise.number()), verdict.reason(), verdict.text());
            assertEquals(exercise.number(), verdict.exercise());
            assertEquals(exercise.slug(), verdict.name());
        }));
    }

    @TestFactory
    @Execution(ExecutionMode.CONCURRENT)
    Stream<DynamicTest> deliberatelyWrongSolutionsFailForTheExpectedReason() throws IOException {
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(WRONG)) {
            fixtures = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        // One of each kind at least: sequential instead of threads, state still missing, a race still there.
        List<String> names = fixtures.stream().map(p -> p.getFileName().toString()).toList();
        for (String kind : List.of("01-sleep-together.join-in-loop", "03-worker-processes.one-by-one",
                "05-pass-the-state.system-property", "06-counter-race.volatile")) {
            assertTrue(names.contains(kind + ".java"), "missing the wrong solution " + kind);
        }
        return fixtures.stream().map(fixture -> dynamicTest(fixture.getFileName().toString(), () -> {
            String name = fixture.getFileName().toString(), fileName = name.substring(0, name.indexOf('.')) + ".java";
            Exercises.Exercise exercise = EXERCISES.all().stream().filter(e -> e.fileName().equals(fileName)).findFirst().orElseThrow();
            Matcher expect = EXPECT.matcher(Files.readString(fixture));
            assertTrue(expect.find(), name + " says why it must fail on a line '// Expect: reason=ID'");
            Path dir = Files.createDirectories(temp.resolve(name));
            Files.copy(fixture, dir.resolve(fileName));
            Verdict verdict = verify(dir, exercise);
            assertFalse(verdict.solved(), name + " passed: " + verdict.text());
            assertEquals(expect.group(1), verdict.reason(), name + ": " + verdict.text());
        }));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aCheckThatHangsIsStoppedAndLeavesNoChildProcessBehind() throws Exception {
        Path dir = copyOf(START);
        Path file = dir.resolve("03-worker-processes.java");
        String marker = "hangs-" + ProcessHandle.current().pid() + "-" + System.nanoTime(); // names the worker
        // The worker is a JVM that waits for ever, on this test's class path: a hung child that burns no CPU.
        Files.writeString(file, Files.readString(file).replace("        return work(0, n);",
                "        Process worker = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), \"-cp\",\n"
                        + "                System.getProperty(\"java.class.path\"), \"" + Hangs.class.getName() + "\", \""
                        + marker + "\").start();\n"
                        + "        return worker.waitFor();"));
        Verifier check = new Verifier(dir);
        check.timeout = 4;
        Verdict verdict = check.verify(EXERCISES.all().get(2));
        assertFalse(verdict.solved());
        assertEquals(Verdict.TIMEOUT, verdict.reason(), verdict.text());
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false)).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), left, "the exercise's worker outlived the check");
    }

    /** A child JVM that waits for ever (until it is killed). */
    static final class Hangs {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    // ---- on a machine with one CPU ---------------------------------------------------------------

    /**
     * Every check can be passed on one CPU, and still catches what it must there: the check JVM runs
     * under {@code taskset}, so it, the exercise's threads and every process it starts get one CPU
     * (and the JVM's availableProcessors() says 1), as on a one-CPU machine.
     */
    @TestFactory
    @Execution(ExecutionMode.CONCURRENT)
    Stream<DynamicTest> onOneCpuEverySolutionPassesAndTheWrongOnesStillFail() throws IOException {
        List<String> oneCpu = oneCpu();
        List<DynamicTest> tests = new ArrayList<>();
        for (Exercises.Exercise exercise : EXERCISES.all()) {
            tests.add(dynamicTest("solution " + exercise.label(), () -> {
                Verdict verdict = verify(SOLUTIONS, exercise, oneCpu);
                assertTrue(verdict.solved(), exercise.label() + " failed on 1 CPU: " + verdict.text());
                assertEquals(1, verdict.cores(), "judged with one CPU");
            }));
        }
        tests.add(dynamicTest("02 as shipped", () -> {
            Verdict verdict = verify(START, EXERCISES.all().get(1), oneCpu);
            assertFalse(verdict.solved(), "sequential passed on 1 CPU: " + verdict.text());
            assertEquals("on-calling-thread", verdict.reason(), verdict.text());
        }));
        for (String wrong : List.of("02-all-cores.thread-per-job", "06-counter-race.volatile")) {
            tests.add(dynamicTest(wrong, () -> {
                Path fixture = WRONG.resolve(wrong + ".java");
                Matcher expect = EXPECT.matcher(Files.readString(fixture));
                assertTrue(expect.find());
                String fileName = wrong.substring(0, wrong.indexOf('.')) + ".java";
                Path dir = Files.createDirectories(temp.resolve("one-cpu-" + wrong));
                Files.copy(fixture, dir.resolve(fileName));
                Exercises.Exercise exercise = EXERCISES.all().stream().filter(e -> e.fileName().equals(fileName)).findFirst().orElseThrow();
                Verdict verdict = verify(dir, exercise, oneCpu);
                assertFalse(verdict.solved(), wrong + " passed on 1 CPU: " + verdict.text());
                assertEquals(expect.group(1), verdict.reason(), wrong + ": " + verdict.text());
                assertEquals(1, verdict.cores(), "judged with one CPU");
            }));
        }
        return tests.stream();
    }

    /** {@code taskset -c N}, N the first CPU this process may use; the tests above are skipped without taskset. */
    static List<String> oneCpu() throws IOException {
        Path taskset = Path.of("/usr/bin/taskset"), status = Path.of("/proc/self/status");
        assumeTrue(Files.isExecutable(taskset) && Files.isReadable(status), "needs taskset (Linux) to run on one CPU");
        String allowed = Files.readAllLines(status).stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                .findFirst().orElseThrow().split(":")[1].strip();
        return List.of(taskset.toString(), "-c", allowed.split("[-,]")[0]);
    }

    // ---- what the messages say ----------------------------------------------------------------

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theTimingSentenceForCheapestFixFollowsTheMeasuredTimes() {
        String less = CounterRaceJudge.timing(4, 1_000_000, 0.240, 0.006);
        assertTrue(less.contains("0.240 s sharing your Counter, 0.006 s counting per thread, 40x less."), less);
        String same = CounterRaceJudge.timing(4, 1_000_000, 0.010, 0.009);
        assertTrue(same.endsWith("about the same here (within noise)."), same);
        String more = CounterRaceJudge.timing(4, 1_000_000, 0.010, 0.030);
        assertTrue(more.contains("here counting per thread was the slower"), more);
        for (String sentence : List.of(less, same, more)) {
            assertTrue(sentence.startsWith("Timed just now with your Counter and the file's own methods, 4 threads adding "
                    + "1,000,000 each:"), sentence);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aWrongCheapestFixIsAnsweredWithTheLearnersOwnTimesNotARanking() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("synchronized"));
        Path file = dir.resolve("06-counter-race.java");
        String solution = Files.readString(SOLUTIONS.resolve("06-counter-race.java"));
        String changed = solution.replace("void increment() {", "synchronized void increment() {")
                .replace("Fix CHEAPEST_FIX = Fix.COUNT_PER_THREAD_THEN_ADD", "Fix CHEAPEST_FIX = Fix.SYNCHRONIZED");
        assertFalse(changed.equals(solution));
        Files.writeString(file, changed);
        Verdict verdict = verify(dir, EXERCISES.all().get(5));
        assertFalse(verdict.solved(), verdict.text());
        assertEquals("wrong-answer", verdict.reason(), verdict.text());
        // What this test is about is the wording: the learner's own two times, measured just now.
        assertTrue(verdict.text().matches(".*Timed just now .*: [0-9.]+ s sharing your Counter, [0-9.]+ s counting per "
                + "thread.*"), verdict.text());
        assertFalse(verdict.text().contains("slowest"), "an unmeasured ranking: " + verdict.text());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theWorkerStartTheCheckSuggestsCompilesInTheExercise() throws IOException {
        String exercise = Files.readString(START.resolve("03-worker-processes.java"));
        String body = "        return work(0, n);";
        assertTrue(exercise.contains(body));
        Path dir = Files.createDirectories(temp.resolve("suggestion"));
        Path file = dir.resolve("03-worker-processes.java");
        Files.writeString(file, exercise.replace(body, "        long from = 0, to = n;\n        Process worker = "
                + WorkerProcessesJudge.START_WORKER + ";\n        return Long.parseLong(new String(worker.getInputStream().readAllBytes()).strip());"));
        Path classes = Files.createDirectories(temp.resolve("suggestion-classes"));
        assertEquals(null, Verifier.compile(file, classes), "the suggested call does not compile");
        String broken = exercise.replace(body, "        long from = 0, to = n;\n        javaCommand(Worker.class, from, to).start();\n" + body);
        Files.writeString(file, broken);
        assertNotNull(Verifier.compile(file, classes), "the old suggestion, which does not compile, must fail here");
    }

    /** Compiles and judges one file in this JVM, the way the checker does for a learner. */
    static Verdict verify(Path dir, Exercises.Exercise exercise) throws Exception {
        return verify(dir, exercise, List.of());
    }

    /** The same, with the check JVM started behind {@code launcher} (e.g. taskset). */
    static Verdict verify(Path dir, Exercises.Exercise exercise, List<String> launcher) throws Exception {
        Verifier check = new Verifier(dir);
        check.launcher = launcher;
        return check.verify(exercise);
    }

    // ---- the command, as a learner runs it ------------------------------------------------------

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void everySolutionPassesAndTheProgressReachesTheEnd() {
        Run run = check("", "--verdicts", "--dir", SOLUTIONS.toString());
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals(EXERCISES.all().stream().map(e -> e.number() + " pass").toList(), verdicts(run), run.describe());
        int at = 0;
        for (Exercises.Exercise exercise : EXERCISES.all()) {
            int line = run.out().indexOf("✔ " + exercise.label(), at);
            assertTrue(line > at, "✔ " + exercise.label() + " in order:\n" + run.describe());
            at = line;
        }
        assertTrue(run.out().contains("[" + "#".repeat(24) + "] 6/6 done"), run.describe());
        assertFalse(run.out().contains("✘"), run.describe());
        run.out().lines().forEach(line -> assertTrue(line.length() <= 100, "wider than 100 columns: " + line));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void itStopsAtTheFirstUnsolvedExerciseAndCountsWhatIsDone() throws IOException {
        Path dir = copyOf(START);
        for (String solved : List.of("01-sleep-together.java", "02-all-cores.java")) {
            Files.copy(SOLUTIONS.resolve(solved), dir.resolve(solved), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Run run = check("", "--verdicts", "--dir", dir.toString());
        assertEquals(1, run.exitCode(), run.describe());
        assertEquals(List.of("1 pass", "2 pass", "3 fail " + AS_SHIPPED.get(3)), verdicts(run), "it stops at the first unsolved");
        assertTrue(run.out().contains("✔ 01 sleep-together") && run.out().contains("✔ 02 all-cores"), run.describe());
        assertTrue(run.out().contains("✘ 03 worker-processes"), run.describe());
        assertFalse(run.out().contains("04 who-runs"), "it stops at the first unsolved:\n" + run.describe());
        assertTrue(run.out().contains("[########----------------] 2/6 done"), run.describe());
        assertTrue(run.out().contains("./jbang check --hint 3"), run.describe());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aCompileErrorShowsTheCompilersMessageNotAStackTrace() throws IOException {
        Path dir = copyOf(START);
        Path file = dir.resolve("01-sleep-together.java");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int broken = lines.indexOf("            task.run();");
        assertTrue(broken > 0);
        lines.set(broken, "            task.run()"); // the classic: a missing semicolon
        Files.write(file, lines);
        Run run = check("", "--verdicts", "--dir", dir.toString());
        assertEquals(1, run.exitCode(), run.describe());
        assertEquals(List.of("1 fail " + Verdict.COMPILE_ERROR), verdicts(run), run.describe());
        assertTrue(run.out().contains("✘ 01 sleep-together"), run.describe());
        assertTrue(run.out().contains("01-sleep-together.java:" + (broken + 1) + ": error: ';' expected"), run.describe());
        assertFalse((run.out() + run.err()).contains("\tat ") || (run.out() + run.err()).contains("Exception"),
                "no stack trace:\n" + run.describe());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void resetRestoresTheOriginalBytesAfterAskingFirst() throws IOException {
        Path dir = copyOf(START);
        Path file = dir.resolve("04-who-runs.java");
        byte[] original = Files.readAllBytes(START.resolve("04-who-runs.java"));
        Files.writeString(file, "class WhoRuns { /* the learner's own attempt */ }\n");

        Run declined = check("n\n", "--reset", "4", "--dir", dir.toString());
        assertEquals(0, declined.exitCode(), declined.describe());
        assertTrue(declined.out().contains("[y/N]") && declined.out().contains("Nothing was changed."), declined.describe());
        assertEquals("class WhoRuns { /* the learner's own attempt */ }\n", Files.readString(file), "a 'no' leaves the file alone");

        Run confirmed = check("y\n", "--reset", "4", "--dir", dir.toString());
        assertEquals(0, confirmed.exitCode(), confirmed.describe());
        assertArrayEquals(original, Files.readAllBytes(file), "restored byte for byte");

        Files.delete(file);
        Run scripted = check("", "--reset", "04", "--yes", "--dir", dir.toString());
        assertEquals(0, scripted.exitCode(), scripted.describe());
        assertArrayEquals(original, Files.readAllBytes(file), "--yes restores a deleted file without asking");
        assertFalse(scripted.out().contains("[y/N]"), scripted.describe());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void hintsListAndSolutionsAreThereOnRequest() throws IOException {
        Run first = check("", "--hint", "3");
        assertEquals(0, first.exitCode(), first.describe());
        assertTrue(first.out().startsWith("Hint 1 of 2 for 03 worker-processes:"), first.describe());
        assertTrue(first.out().contains("./jbang check --hint 3 --level 2"), first.describe());
        Run last = check("", "--hint", "3", "--level", "2");
        assertTrue(last.out().startsWith("Hint 2 of 2") && last.out().contains("That was the last hint"), last.describe());

        Run list = check("", "--list");
        assertEquals(0, list.exitCode(), list.describe());
        int at = 0;
        for (Exercises.Exercise exercise : EXERCISES.all()) {
            int line = list.out().indexOf(exercise.label(), at);
            assertTrue(line >= at && list.out().contains(exercise.task()), exercise.label() + " listed in order:\n" + list.describe());
            at = line;
        }

        String solution = Files.readString(SOLUTIONS.resolve("05-pass-the-state.java"));
        Run declined = check("\n", "--solution", "5");
        assertEquals(0, declined.exitCode(), declined.describe());
        assertTrue(declined.out().contains("Show it? [y/N]") && !declined.out().contains("class PassTheState"), declined.describe());
        Run shown = check("yes\n", "--solution", "5");
        assertTrue(shown.out().contains(solution), shown.describe());
    }

    @TestFactory
    @Execution(ExecutionMode.CONCURRENT)
    Stream<DynamicTest> badOptionsGiveOneErrorLineAndExitCode2() {
        return Stream.of(List.of("--hint", "7"), List.of("--reset", "0"), List.of("--hint", "1", "--reset", "1"),
                List.of("--hint", "1", "--level", "5"), List.of("--level", "2"), List.of("--no-such-option"),
                List.of("--dir", ROOT.resolve("no-such-folder").toString())).map(args -> dynamicTest(args.toString(), () -> {
            Run run = check("", args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), args + "\n" + run.describe());
            assertEquals(1, run.err().lines().filter(l -> l.startsWith("error: ")).count(), args + "\n" + run.describe());
            assertFalse(run.err().contains("\tat "), run.describe());
        }));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void watchChecksAgainWhenAFileIsSaved() throws Exception {
        Path dir = copyOf(START);
        Path out = temp.resolve("watch.out");
        Process watch = new ProcessBuilder(command("--watch", "--verdicts", "--dir", dir.toString())).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitOutput(watch, out, "Watching", 1);
            assertEquals(List.of("1 fail " + AS_SHIPPED.get(1)), verdicts(Files.readString(out)));
            Files.copy(SOLUTIONS.resolve("01-sleep-together.java"), dir.resolve("01-sleep-together.java"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            awaitOutput(watch, out, "✘ 02 all-cores", 1);
            awaitOutput(watch, out, "[####--------------------] 1/6 done", 1);
            assertEquals(List.of("1 fail " + AS_SHIPPED.get(1), "1 pass", "2 fail " + AS_SHIPPED.get(2)),
                    verdicts(Files.readString(out)), "checked again, in order, after the save");
            assertTrue(watch.isAlive(), "it goes on watching until Ctrl-C");
        } finally {
            watch.descendants().forEach(ProcessHandle::destroyForcibly);
            watch.destroyForcibly().waitFor();
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void oneExerciseIsCheckedOnItsOwnWhateverTheOnesBeforeIt() throws IOException {
        Path dir = copyOf(START);
        Files.copy(SOLUTIONS.resolve("05-pass-the-state.java"), dir.resolve("05-pass-the-state.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run solved = check("", "5", "--verdicts", "--dir", dir.toString());
        assertEquals(0, solved.exitCode(), solved.describe());
        assertEquals(List.of("5 pass"), verdicts(solved), solved.describe());
        assertTrue(solved.out().startsWith("✔ 05 pass-the-state"), solved.describe());
        assertFalse(solved.out().contains("01 sleep-together") || solved.out().contains("done"), solved.describe());

        Run unsolved = check("", "3", "--verdicts", "--dir", dir.toString());
        assertEquals(1, unsolved.exitCode(), unsolved.describe());
        assertEquals(List.of("3 fail " + AS_SHIPPED.get(3)), verdicts(unsolved), unsolved.describe());
        assertTrue(unsolved.out().startsWith("✘ 03 worker-processes"), unsolved.describe());
        assertTrue(unsolved.out().contains("./jbang check --hint 3"), unsolved.describe());
        assertFalse(unsolved.out().contains("01 sleep-together"), unsolved.describe());
        unsolved.out().lines().forEach(line -> assertTrue(line.length() <= 100, "wider than 100 columns: " + line));
    }

    /** A fresh clone has no exercises/: the first run copies the starting files there, and --reset works. */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aFreshCloneGetsItsWorkingCopiesFromTheStartingFiles() throws IOException {
        Path kit = temp.resolve("clone");
        for (String folder : List.of("checker/start", "solutions")) {
            Path to = Files.createDirectories(kit.resolve(folder));
            for (String name : javaFiles(ROOT.resolve(folder))) Files.copy(ROOT.resolve(folder).resolve(name), to.resolve(name));
        }
        Run list = checkIn(kit, "", "--list");
        assertEquals(0, list.exitCode(), list.describe());
        assertTrue(list.out().startsWith("Copied 6 starting files into exercises/: edit them there."), list.describe());
        for (String name : javaFiles(START)) {
            assertArrayEquals(Files.readAllBytes(START.resolve(name)), Files.readAllBytes(kit.resolve("exercises").resolve(name)), name);
        }
        Path file = kit.resolve("exercises/02-all-cores.java");
        Files.writeString(file, "class AllCores { /* the learner's own attempt */ }\n");
        Run again = checkIn(kit, "", "--list");
        assertFalse(again.out().contains("Copied"), "a learner's copies are left alone:\n" + again.describe());
        assertEquals("class AllCores { /* the learner's own attempt */ }\n", Files.readString(file));
        Run reset = checkIn(kit, "", "--reset", "2", "--yes");
        assertEquals(0, reset.exitCode(), reset.describe());
        assertArrayEquals(Files.readAllBytes(START.resolve("02-all-cores.java")), Files.readAllBytes(file), "reset on a clone");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theAdderStartTheCheckSuggestsCompilesInTheExercise() throws IOException {
        String exercise = Files.readString(START.resolve("05-pass-the-state.java"));
        String start = "javaCommand(Adder.class).start()";
        assertTrue(exercise.contains(start));
        Path dir = Files.createDirectories(temp.resolve("adder"));
        Path file = dir.resolve("05-pass-the-state.java");
        Files.writeString(file, exercise.replace(start, PassTheStateJudge.START_ADDER));
        Path classes = Files.createDirectories(temp.resolve("adder-classes"));
        assertEquals(null, Verifier.compile(file, classes), "the suggested call does not compile");
        Files.writeString(file, exercise.replace(start, "javaCommand(Adder.class, ...).start()"));
        assertNotNull(Verifier.compile(file, classes), "the old suggestion, which does not compile, must fail here");
    }

    // ---- helpers --------------------------------------------------------------------------------

    record Run(int exitCode, String out, String err) {
        String describe() { return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err; }
    }

    /** The verdicts a run printed (with --verdicts), each as "N pass" or "N fail REASON", in order. */
    static List<String> verdicts(Run run) {
        return verdicts(run.out());
    }

    static List<String> verdicts(String output) {
        return Verdict.in(output).stream()
                .map(v -> v.exercise() + (v.solved() ? " pass" : " fail " + v.reason())).toList();
    }

    /**
     * The checker's command, run in the kit's folder with the test's JDK and class path. Its JVM
     * compiles with the quick (C1) compiler only, which halves the CPU a short run spends compiling
     * (javac's own code, mostly); the judge JVMs it starts do not inherit that.
     */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Dstdout.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), "Check"));
        command.addAll(List.of(args));
        return command;
    }

    Run check(String stdin, String... args) {
        return checkIn(ROOT, stdin, args);
    }

    /** The checker run in {@code folder}, as if that were the kit. */
    Run checkIn(Path folder, String stdin, String... args) {
        try {
            Path in = Files.writeString(Files.createTempFile(temp, "in", ".txt"), stdin);
            Path out = Files.createTempFile(temp, "out", ".txt"), err = Files.createTempFile(temp, "err", ".txt");
            Process p = new ProcessBuilder(command(args)).directory(folder.toFile())
                    .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("the checker did not finish within 3 minutes: " + args);
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Path copyOf(Path folder) throws IOException {
        Path copy = Files.createTempDirectory(temp, "exercises-");
        for (String name : javaFiles(folder)) Files.copy(folder.resolve(name), copy.resolve(name));
        return copy;
    }

    static List<String> javaFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java")).sorted().toList();
        }
    }

    static void awaitOutput(Process process, Path out, String text, double minutes) throws Exception {
        long deadline = System.nanoTime() + (long) (minutes * 60e9);
        while (System.nanoTime() < deadline) {
            if (Files.readString(out).contains(text)) return;
            assertTrue(process.isAlive(), "the checker ended early:\n" + Files.readString(out));
            Thread.sleep(100);
        }
        fail("no '" + text + "' within " + minutes + " min:\n" + Files.readString(out));
    }
}
