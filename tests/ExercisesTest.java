import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

/**
 * The workshop exercises and their checker, the way a maintainer of rustlings checks theirs: every
 * exercise as shipped fails its check, every reference solution passes, and deliberately wrong
 * solutions fail with the message a learner needs. The checker never touches exercises/ here: what
 * a test changes, it changes in a temporary copy (--dir).
 */
class ExercisesTest {
    static final Path ROOT = Lesson.ROOT;
    /**
     * The starting files as shipped. Never exercises/: those are the learner's working copies, and
     * the tests must pass however far a learner has got with them.
     */
    static final Path START = ROOT.resolve("checker/start"), SOLUTIONS = ROOT.resolve("solutions"),
            WRONG = ROOT.resolve("tests/fixtures/exercises");
    static final Exercises EXERCISES = Exercises.in(ROOT);
    /** The message each exercise gives as shipped: the starting code is the naive version of the job. */
    static final Map<Integer, String> AS_SHIPPED = Map.of(
            1, "The tasks ran one after another",
            2, "The jobs ran one after another",
            3, "no worker process was started",
            4, "whoAmI() says PID 0",
            5, "The child answered 0",
            6, "increment() still loses updates");

    @TempDir
    Path temp;

    // ---- the files ------------------------------------------------------------------------------

    @Test
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

    // ---- every exercise, judged -----------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyExerciseAsShippedFailsItsCheck() {
        return EXERCISES.all().stream().map(exercise -> dynamicTest(exercise.label(), () -> {
            Verifier.Result result = verify(START, exercise);
            assertFalse(result.solved(), exercise.label() + " as shipped passed its check: " + result.text());
            assertFalse(result.compileError(), exercise.label() + " as shipped must compile:\n" + result.text());
            assertTrue(result.text().contains(AS_SHIPPED.get(exercise.number())), "unexpected message: " + result.text());
        }));
    }

    @TestFactory
    Stream<DynamicTest> deliberatelyWrongSolutionsFailWithTheExpectedMessage() throws IOException {
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
            Matcher expect = Pattern.compile("^// Expect: (.+)$", Pattern.MULTILINE).matcher(Files.readString(fixture));
            assertTrue(expect.find(), name + " says which message it expects on a line '// Expect: ...'");
            Path dir = Files.createDirectories(temp.resolve(name));
            Files.copy(fixture, dir.resolve(fileName));
            Verifier.Result result = verify(dir, exercise);
            assertFalse(result.solved(), name + " passed: " + result.text());
            assertTrue(result.text().contains(expect.group(1)), name + ": unexpected message: " + result.text());
        }));
    }

    @Test
    void aCheckThatHangsIsStoppedAndLeavesNoChildProcessBehind() throws Exception {
        Path dir = copyOf(START);
        Path file = dir.resolve("03-worker-processes.java");
        String marker = "987654321987654"; // a worker with this share would compute for days
        Files.writeString(file, Files.readString(file).replace("        return work(0, n);",
                "        Process worker = javaCommand(Worker.class, \"0\", \"" + marker + "\").start();\n"
                        + "        return worker.waitFor();"));
        Verifier check = new Verifier(dir);
        check.timeout = 4;
        Verifier.Result result = check.verify(EXERCISES.all().get(2));
        assertFalse(result.solved());
        assertTrue(result.text().startsWith("The check did not end within 4.0 s, so it was stopped."), result.text());
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false)).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), left, "the exercise's worker outlived the check");
    }

    // ---- on a machine with one CPU ---------------------------------------------------------------

    /**
     * Every check can be passed on one CPU, and still catches what it must there: the check JVM runs
     * under {@code taskset}, so it, the exercise's threads and every process it starts get one CPU
     * (and the JVM's availableProcessors() says 1), as on a one-CPU machine.
     */
    @TestFactory
    Stream<DynamicTest> onOneCpuEverySolutionPassesAndTheWrongOnesStillFail() throws IOException {
        List<String> oneCpu = oneCpu();
        List<DynamicTest> tests = new ArrayList<>();
        for (Exercises.Exercise exercise : EXERCISES.all()) {
            tests.add(dynamicTest("solution " + exercise.label(), () -> {
                Verifier.Result result = verify(SOLUTIONS, exercise, oneCpu);
                assertTrue(result.solved(), exercise.label() + " failed on 1 CPU: " + result.text());
                if (exercise.number() == 2) {
                    assertTrue(result.text().contains("with 1 core, jobs side by side cannot be shown"), result.text());
                }
                if (exercise.number() == 3) assertTrue(result.text().contains("alive at once on 1 core"), result.text());
            }));
        }
        tests.add(dynamicTest("02 as shipped", () -> {
            Verifier.Result result = verify(START, EXERCISES.all().get(1), oneCpu);
            assertFalse(result.solved(), "sequential passed on 1 CPU: " + result.text());
            assertTrue(result.text().contains("The jobs ran one after another on the calling thread"), result.text());
        }));
        for (String wrong : List.of("02-all-cores.thread-per-job", "06-counter-race.volatile")) {
            tests.add(dynamicTest(wrong, () -> {
                Path fixture = WRONG.resolve(wrong + ".java");
                Matcher expect = Pattern.compile("^// Expect: (.+)$", Pattern.MULTILINE).matcher(Files.readString(fixture));
                assertTrue(expect.find());
                String fileName = wrong.substring(0, wrong.indexOf('.')) + ".java";
                Path dir = Files.createDirectories(temp.resolve("one-cpu-" + wrong));
                Files.copy(fixture, dir.resolve(fileName));
                Exercises.Exercise exercise = EXERCISES.all().stream().filter(e -> e.fileName().equals(fileName)).findFirst().orElseThrow();
                Verifier.Result result = verify(dir, exercise, oneCpu);
                assertFalse(result.solved(), wrong + " passed on 1 CPU: " + result.text());
                assertTrue(result.text().contains(expect.group(1)), wrong + ": unexpected message: " + result.text());
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
    void aWrongCheapestFixIsAnsweredWithTheLearnersOwnTimesNotARanking() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("synchronized"));
        Path file = dir.resolve("06-counter-race.java");
        String solution = Files.readString(SOLUTIONS.resolve("06-counter-race.java"));
        String changed = solution.replace("void increment() {", "synchronized void increment() {")
                .replace("Fix CHEAPEST_FIX = Fix.COUNT_PER_THREAD_THEN_ADD", "Fix CHEAPEST_FIX = Fix.SYNCHRONIZED");
        assertFalse(changed.equals(solution));
        Files.writeString(file, changed);
        Verifier.Result result = verify(dir, EXERCISES.all().get(5));
        assertFalse(result.solved(), result.text());
        assertTrue(result.text().startsWith("Not SYNCHRONIZED"), result.text());
        assertTrue(result.text().matches(".*Timed just now .*: [0-9.]+ s sharing your Counter, [0-9.]+ s counting per "
                + "thread.*"), result.text());
        assertFalse(result.text().contains("slowest"), "an unmeasured ranking: " + result.text());
    }

    @Test
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
    static Verifier.Result verify(Path dir, Exercises.Exercise exercise) throws Exception {
        return verify(dir, exercise, List.of());
    }

    /** The same, with the check JVM started behind {@code launcher} (e.g. taskset). */
    static Verifier.Result verify(Path dir, Exercises.Exercise exercise, List<String> launcher) throws Exception {
        Verifier check = new Verifier(dir);
        check.launcher = launcher;
        return check.verify(exercise);
    }

    // ---- the command, as a learner runs it ------------------------------------------------------

    @Test
    void everySolutionPassesAndTheProgressReachesTheEnd() {
        Run run = check("", "--dir", SOLUTIONS.toString());
        assertEquals(0, run.exitCode(), run.describe());
        int at = 0;
        for (Exercises.Exercise exercise : EXERCISES.all()) {
            int line = run.out().indexOf("✔ " + exercise.label(), at);
            assertTrue(line > at, "✔ " + exercise.label() + " in order:\n" + run.describe());
            at = line;
        }
        assertTrue(run.out().contains("[" + "#".repeat(24) + "] 6/6 done"), run.describe());
        assertFalse(run.out().contains("✘"), run.describe());
        // The check's tasks sleep less than the learner's file does, and the line says so beside its time.
        assertTrue(run.out().contains("s in all, with the check's 0.1 s sleeps"), run.describe());
        run.out().lines().forEach(line -> assertTrue(line.length() <= 100, "wider than 100 columns: " + line));
    }

    @Test
    void itStopsAtTheFirstUnsolvedExerciseAndCountsWhatIsDone() throws IOException {
        Path dir = copyOf(START);
        for (String solved : List.of("01-sleep-together.java", "02-all-cores.java")) {
            Files.copy(SOLUTIONS.resolve(solved), dir.resolve(solved), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Run run = check("", "--dir", dir.toString());
        assertEquals(1, run.exitCode(), run.describe());
        assertTrue(run.out().contains("✔ 01 sleep-together") && run.out().contains("✔ 02 all-cores"), run.describe());
        assertTrue(run.out().contains("✘ 03 worker-processes"), run.describe());
        assertFalse(run.out().contains("04 who-runs"), "it stops at the first unsolved:\n" + run.describe());
        assertTrue(run.out().contains("[########----------------] 2/6 done"), run.describe());
        assertTrue(run.out().contains(AS_SHIPPED.get(3)), run.describe());
        assertTrue(run.out().contains("Run ./jbang check --hint 3 for a hint."), run.describe());
    }

    @Test
    void aCompileErrorShowsTheCompilersMessageNotAStackTrace() throws IOException {
        Path dir = copyOf(START);
        Path file = dir.resolve("01-sleep-together.java");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int broken = lines.indexOf("            task.run();");
        assertTrue(broken > 0);
        lines.set(broken, "            task.run()"); // the classic: a missing semicolon
        Files.write(file, lines);
        Run run = check("", "--dir", dir.toString());
        assertEquals(1, run.exitCode(), run.describe());
        assertTrue(run.out().contains("✘ 01 sleep-together"), run.describe());
        assertTrue(run.out().contains("does not compile yet"), run.describe());
        assertTrue(run.out().contains("01-sleep-together.java:" + (broken + 1) + ": error: ';' expected"), run.describe());
        assertFalse((run.out() + run.err()).contains("\tat ") || (run.out() + run.err()).contains("Exception"),
                "no stack trace:\n" + run.describe());
    }

    @Test
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

    @Test
    void badOptionsGiveOneErrorLineAndExitCode2() {
        for (List<String> args : List.of(List.of("--hint", "7"), List.of("--reset", "0"), List.of("--hint", "1", "--reset", "1"),
                List.of("--hint", "1", "--level", "5"), List.of("--level", "2"), List.of("--no-such-option"),
                List.of("--dir", ROOT.resolve("no-such-folder").toString()))) {
            Run run = check("", args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), args + "\n" + run.describe());
            assertEquals(1, run.err().lines().filter(l -> l.startsWith("error: ")).count(), args + "\n" + run.describe());
            assertFalse(run.err().contains("\tat "), run.describe());
        }
    }

    @Test
    void watchChecksAgainWhenAFileIsSaved() throws Exception {
        Path dir = copyOf(START);
        Path out = temp.resolve("watch.out");
        Process watch = new ProcessBuilder(command("--watch", "--dir", dir.toString())).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitOutput(watch, out, "✘ 01 sleep-together", 1);
            awaitOutput(watch, out, "Watching", 1);
            Files.copy(SOLUTIONS.resolve("01-sleep-together.java"), dir.resolve("01-sleep-together.java"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            awaitOutput(watch, out, "✘ 02 all-cores", 1);
            String text = Files.readString(out);
            assertTrue(text.contains("✔ 01 sleep-together") && text.contains("[####--------------------] 1/6 done"), text);
            assertTrue(watch.isAlive(), "it goes on watching until Ctrl-C");
        } finally {
            watch.descendants().forEach(ProcessHandle::destroyForcibly);
            watch.destroyForcibly().waitFor();
        }
    }

    @Test
    void oneExerciseIsCheckedOnItsOwnWhateverTheOnesBeforeIt() throws IOException {
        Path dir = copyOf(START);
        Files.copy(SOLUTIONS.resolve("05-pass-the-state.java"), dir.resolve("05-pass-the-state.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run solved = check("", "5", "--dir", dir.toString());
        assertEquals(0, solved.exitCode(), solved.describe());
        assertTrue(solved.out().startsWith("✔ 05 pass-the-state"), solved.describe());
        assertFalse(solved.out().contains("01 sleep-together") || solved.out().contains("done"), solved.describe());

        Run unsolved = check("", "3", "--dir", dir.toString());
        assertEquals(1, unsolved.exitCode(), unsolved.describe());
        assertTrue(unsolved.out().startsWith("✘ 03 worker-processes"), unsolved.describe());
        assertTrue(unsolved.out().contains(AS_SHIPPED.get(3)), unsolved.describe());
        assertTrue(unsolved.out().contains("Run ./jbang check --hint 3 for a hint."), unsolved.describe());
        assertFalse(unsolved.out().contains("01 sleep-together"), unsolved.describe());
        unsolved.out().lines().forEach(line -> assertTrue(line.length() <= 100, "wider than 100 columns: " + line));
    }

    /** A fresh clone has no exercises/: the first run copies the starting files there, and --reset works. */
    @Test
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

    /** The checker's command, run in the kit's folder with the test's JDK and class path. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstdout.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), "Check"));
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
