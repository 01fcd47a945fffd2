import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import support.CPython;
import tech.tablesaw.api.Table;

/**
 * Lesson 07 and the kit's Python program: the program's lines parse and its sorts check out; the
 * lesson's CSV holds one variant per runtime, CPython's threads take turns and its processes do not.
 * What times nothing (no Python outlives the lesson, runs without Python, on other systems, output
 * width) is in PythonBesideJavaUntimedTest.
 */
@TimesSomething
class PythonBesideJavaTest {
    static final Lesson LESSON = new Lesson("PythonBesideJava");
    static final Path WORKERS = Lesson.ROOT.resolve("python/workers.py");
    static final Path PYTHON = CPython.onPath("python3");
    static final List<String> JAVA_VARIANTS = List.of("java-threads", "java-gil", "java-processes");

    @TempDir
    Path temp;

    // ---- python/workers.py on its own ---------------------------------------------------------------

    record Ran(List<Map<String, String>> workers, Map<String, String> summary, long clock, long before, long after,
               long pid) {}

    static Ran workers(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), WORKERS.toString()));
        command.addAll(List.of(args));
        long before = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        long after = System.nanoTime();
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        Map<String, String> clock = lines.stream().filter(l -> l.startsWith("clock ")).map(CPython::fields).findFirst().orElseThrow();
        return new Ran(lines.stream().filter(l -> l.startsWith("worker ")).map(CPython::fields).toList(),
                lines.stream().filter(l -> l.startsWith("summary ")).map(CPython::fields).findFirst().orElseThrow(),
                Long.parseLong(clock.get("now")), before, after, p.pid());
    }

    static long n(Map<String, String> line, String key) { return Long.parseLong(line.get(key)); }

    @ParameterizedTest
    @ValueSource(strings = {"threads", "fork", "spawn", "forkserver"})
    void theProgramsLinesParseTheirSortsCheckOutAndTheirClockIsJavas(String how) throws Exception {
        assumeTrue(PYTHON != null, "no python3 on the PATH");
        boolean threads = how.equals("threads");
        Ran r = threads ? workers("sort", "--workers", "3", "--size", "20000", "--mode", "threads")
                : workers("sort", "--workers", "3", "--size", "20000", "--mode", "processes", "--start-method", how);
        assertEquals(List.of("1", "2", "3"), r.workers().stream().map(w -> w.get("index")).sorted().toList());
        for (Map<String, String> w : r.workers()) {
            assertEquals("ok", w.get("check"), w.toString());
            assertTrue(n(w, "launched") <= n(w, "start") && n(w, "start") < n(w, "end"), w.toString());
            // On Linux time.monotonic_ns() is CLOCK_MONOTONIC, System.nanoTime()'s clock.
            assertTrue(r.before() <= n(w, "launched") && n(w, "end") <= r.after(), "on the test's clock: " + w);
        }
        assertTrue(r.before() <= r.clock() && r.clock() <= r.after(), "the clock line reads Java's clock");
        Set<String> pids = r.workers().stream().map(w -> w.get("pid")).collect(Collectors.toSet());
        Set<String> tids = r.workers().stream().map(w -> w.get("thread")).collect(Collectors.toSet());
        assertEquals(threads ? Set.of("" + r.pid()) : 3, threads ? pids : pids.size(), "PIDs: " + pids);
        assertEquals(3, tids.size(), "an OS thread each: " + tids);
        if (!threads) assertFalse(pids.contains("" + r.pid()), "a process each, not the interpreter that started them");
        assertEquals(threads ? "none" : how, r.summary().get("start_method"));
        assertTrue(r.summary().get("python").matches("3\\.\\d+\\.\\d+") && r.summary().get("gil").matches("enabled|disabled"),
                r.summary().toString());
        assertTrue(n(r.summary(), "cpu") > 0 && n(r.summary(), "wall") > 0, r.summary().toString());
    }

    @Test
    void theCheckRejectsWhatIsNotASortedCopyOfTheNumbers() throws Exception {
        assumeTrue(PYTHON != null, "no python3 on the PATH");
        String code = "import sys; sys.path.insert(0, 'python'); import workers as w;"
                + " n, t = w.make_and_sort(1000, 7);"
                + " print(w.check(n, 1000, t), w.check(n[::-1], 1000, t), w.check(n[:-1], 1000, t),"
                + " w.check(n[:-1] + [n[-1] + 1], 1000, t))";
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", code).directory(Lesson.ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("True False False False", out, "sorted: ok; reversed, short or changed: not");
    }

    @Test
    void sleepingWorkersOverlapOnThreadsAndOnProcesses() throws Exception {
        assumeTrue(PYTHON != null, "no python3 on the PATH");
        for (String mode : List.of("threads", "processes")) {
            Ran r = workers("sleep", "--workers", "3", "--seconds", "0.5", "--mode", mode);
            long lastStart = r.workers().stream().mapToLong(w -> n(w, "start")).max().orElseThrow();
            long firstEnd = r.workers().stream().mapToLong(w -> n(w, "end")).min().orElseThrow();
            assertTrue(lastStart < firstEnd, mode + ": all three asleep at one moment");
            assertTrue(r.workers().stream().allMatch(w -> w.get("check").isEmpty()), "nothing to check in a sleep");
        }
    }

    // ---- The lesson ---------------------------------------------------------------------------------

    static Set<String> variants(Table t, String role) {
        return new HashSet<>(t.where(t.stringColumn("role").isEqualTo(role)).stringColumn("variant").asList());
    }

    static Table rows(Table t, String role, String variant) {
        return t.where(t.stringColumn("role").isEqualTo(role).and(t.stringColumn("variant").isEqualTo(variant)));
    }

    static Set<Long> pids(Table rows) {
        return java.util.Arrays.stream(rows.numberColumn("pid").asDoubleArray()).mapToObj(d -> (long) d).collect(Collectors.toSet());
    }

    static double wall(Table t, String role, String variant) { return rows(t, role, variant).doubleColumn("wall_s").get(0); }

    @Test
    void oneRunPoolsEveryRuntimeUnderItsOwnVariantInTheKitsColumns() {
        assumeTrue(PYTHON != null, "no python3 on the PATH");
        Lesson.Run run = LESSON.runWithCsv("--workers", "2", "--size", "200_000", "--seed", "7");
        Table t = run.table();
        assertEquals(Lesson.documentedColumns(), t.columnNames());
        assertEquals(Set.of("cpython-threads", "cpython-processes", "java-threads", "java-gil", "java-processes"),
                variants(t, "worker"));
        assertEquals(Set.of("cpython-threads", "java-threads"), variants(t, "baseline"));
        assertTrue(t.stringColumn("check").asList().stream().allMatch("ok"::equals), "every sort checked out");
        assertTrue(t.stringColumn("lesson").asList().stream().allMatch("07-python-beside-java"::equals));
        // Threads share a PID: the interpreter's, or the lesson's. Processes each have their own.
        Set<Long> cpThreads = pids(rows(t, "worker", "cpython-threads"));
        assertEquals(1, cpThreads.size());
        assertNotEquals(run.pid(), cpThreads.iterator().next(), "CPython's threads live in the interpreter's process");
        assertEquals(Set.of(run.pid()), pids(rows(t, "worker", "java-threads")));
        for (String processes : List.of("cpython-processes", "java-processes")) {
            Set<Long> pids = pids(rows(t, "worker", processes));
            assertEquals(2, pids.size(), processes);
            assertFalse(pids.contains(run.pid()), processes);
        }
        // Each CPython worker's start and end sit on the lesson's time line, within its phase.
        for (int i = 0; i < t.rowCount(); i++) {
            double start = t.doubleColumn("start_s").get(i), end = start + t.doubleColumn("task_s").get(i);
            assertTrue(start >= 0 && end <= t.doubleColumn("wall_s").get(i) + 0.001, "row " + i + " within its phase");
        }
        assertTrue(run.out().contains("CPython 3.") && run.out().contains("Thread1 started, PID "), run.out());
    }

    @Test
    void cpythonThreadsNeverBeatOneThreadByAWideMarginWhileItsProcessesDoOnTwoCores() {
        assumeTrue(PYTHON != null, "no python3 on the PATH");
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one core: processes cannot gain");
        List<String> runs = new ArrayList<>();
        for (int run = 1; run <= 3; run++) { // other work on the machine comes and goes: up to three tries
            Table t = LESSON.runToTable("--workers", "2", "--size", "1_000_000");
            // Whatever else runs on the machine: one GIL keeps at most about one core busy, and the two
            // processes are in their job at the same moment (not one after the other).
            double busy = Lesson.coresBusy(rows(t, "worker", "cpython-threads"), 0);
            assertTrue(busy < 1.4, "one GIL: at most about one core busy: " + busy);
            Table processes = rows(t, "worker", "cpython-processes");
            assertEquals(2, processes.intColumn("peak_parallel").get(0), "both processes at once");
            // Wall times say more only where the phases had their cores: the threads one core (else a
            // slowed one-thread run flatters them), the processes two (which only their CPU time shows).
            double baseBusy = Lesson.coresBusy(rows(t, "baseline", "cpython-threads"), 0);
            double processesBusy = Lesson.coresBusy(processes, 0);
            double base = wall(t, "baseline", "cpython-threads"), threads = wall(t, "worker", "cpython-threads");
            if (baseBusy >= 0.7 && busy >= 0.7) {
                assertTrue(2 * base / threads < 1.6, "CPython's threads took turns: 2 x " + base + " s vs " + threads + " s");
            }
            if (busy >= 0.7 && processesBusy >= 1.3) {
                double wall = processes.doubleColumn("wall_s").get(0);
                assertTrue(wall < 0.8 * threads, "CPython's processes ran at once: " + wall + " s vs threads " + threads + " s");
                return;
            }
            runs.add("cores busy: one thread " + baseBusy + ", threads " + busy + ", processes " + processesBusy);
        }
        assumeTrue(false, "other work never left the processes two cores (or the threads one): " + runs);
    }

    /** Runs the lesson with this PATH. */
    static Lesson.Run withPath(String path, String... args) throws Exception {
        return withEnv(Map.of("PATH", path), args);
    }

    /** Runs the lesson with these environment variables set. */
    static Lesson.Run withEnv(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder b = new ProcessBuilder(Lesson.java("PythonBesideJava", List.of(args))).directory(Lesson.ROOT.toFile());
        b.environment().putAll(env);
        Process p = b.start();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes()));
            } catch (IOException e) {
                err.complete(e.toString());
            }
        });
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        return new Lesson.Run(p.exitValue(), out, err.get(), p.pid(), null);
    }

    @Test
    void aBuildWithItsGilOnIsNotRunAsAFreeThreadedOneEvenWhenNamedLikeOne() throws Exception {
        assumeTrue(PYTHON != null, "no python3 on the PATH");
        // An interpreter of its own (a venv's, so not the python3 the lesson runs first), named like a
        // free-threaded build but with its GIL on.
        Path venv = temp.resolve("venv");
        Process make = new ProcessBuilder(PYTHON.toString(), "-m", "venv", "--without-pip", venv.toString()).inheritIO().start();
        assumeTrue(make.waitFor() == 0, "python3 -m venv is not available here");
        Path bin = Files.createDirectory(temp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("python3.13t"), venv.resolve("bin").resolve("python3"));
        Lesson.Run run = withPath(bin + java.io.File.pathSeparator + System.getenv("PATH"),
                "--workers", "1", "--size", "10_000").ok();
        assertFalse(run.out().contains("cpython-ft"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches(".*free-threaded build run.*none without a GIL on the PATH.*")), run.out());
    }

    @Test
    void aStartMethodThisPythonDoesNotOfferIsRefusedBeforeAnythingRuns() throws Exception {
        assumeTrue(PYTHON != null, "no python3 on the PATH");
        // A Python that offers spawn alone, as on Windows: sitecustomize runs at every start.
        Path site = Files.createDirectory(temp.resolve("site"));
        Files.writeString(site.resolve("sitecustomize.py"),
                "import multiprocessing\nmultiprocessing.get_all_start_methods = lambda: ['spawn']\n");
        Lesson.assertRejected(withEnv(Map.of("PYTHONPATH", site.toString()), "--start-method", "fork"),
                "--start-method fork is not offered by CPython");
    }
}
