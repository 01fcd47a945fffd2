import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import notice.PythonBesideJavaNotice;
import notice.PythonBesideJavaNotice.Measured;
import org.junit.jupiter.api.Test;
import support.Lab;
import support.Notice;
import support.Results.Task;

/** Lesson 07's "What to notice" and its side-by-side table, fed made-up measurements on both sides of each claim. */
@TimesNothing
class PythonBesideJavaNoticeTest {
    static final double NaN = Double.NaN;

    /** A sort run with CPython 3.11 (fork) and no free-threaded build, on a quiet machine. */
    record Run(int n, int cores, double cpBase, double cpThreads, double cpProcesses, double[] cpFinishes,
               double jBase, double jThreads, double jGil, double jProcesses, double[] gilFinishes) {
        // The reference run of the brief: CPython 3.11, 2 000 000 numbers, two workers, on 2 cores.
        static Run reference() {
            return new Run(2, 2, 1.18, 2.34, 1.18, new double[] {1.78, 2.34}, 0.15, 0.13, 0.31, 0.9,
                    new double[] {0.16, 0.31});
        }

        Run cpython(double threads, double processes, double... finishes) {
            return new Run(n, cores, cpBase, threads, processes, finishes, jBase, jThreads, jGil, jProcesses, gilFinishes);
        }

        Run java(double threads, double gil, double processes, double... finishes) {
            return new Run(n, cores, cpBase, cpThreads, cpProcesses, cpFinishes, jBase, threads, gil, processes, finishes);
        }

        Run on(int workers, int cpus) {
            return new Run(workers, cpus, cpBase, cpThreads, cpProcesses, cpFinishes, jBase, jThreads, jGil, jProcesses,
                    gilFinishes);
        }

        Measured measured() {
            return new Measured("sort", n, cores, NaN, "CPython 3.11.7", "fork", cpBase, cpThreads, cpProcesses,
                    cpFinishes, null, NaN, NaN, jBase, jThreads, jGil, jProcesses, gilFinishes, 0.99, 1.0);
        }

        Notice notice() { return PythonBesideJavaNotice.of(measured()); }
    }

    static Measured with(Measured m, String python, String ft, double ftBase, double ftThreads, String method,
                         double cpBusy, double jBusy) {
        return new Measured(m.workload(), m.workers(), m.cores(), m.sleep(), python, method, m.cpBase(), m.cpThreads(),
                m.cpProcesses(), m.cpFinishes(), ft, ftBase, ftThreads, m.jBase(), m.jThreads(), m.jGil(),
                m.jProcesses(), m.gilFinishes(), cpBusy, jBusy);
    }

    @Test
    void theReferenceRunTakesTurnsInCPythonAndInTheModelAndQuotesBothRatios() {
        Notice n = Run.reference().notice();
        Lesson.claims(n, "cpython-threads-take-turns", "cpython-processes-parallel", "gil-ratio-close",
                "cpython-finish-staggered", "model-finish-staggered", "java-threads-parallel", "java-processes-cost",
                "start-method", "no-ft");
        Lesson.claimsNot(n, "cpython-threads-overlapped", "cpython-processes-no-gain", "gil-ratio-model-lower",
                "gil-ratio-model-higher", "finish-shapes-differ", "no-python", "busy-machine", "one-worker");
        Lesson.has(n.text(), "1.98x", "2.07x"); // CPython's wall(2)/wall(1), and the model's
        Lesson.claims(n, "java-per-job"); // 1.18 s against 0.15 s
        Lesson.claimsNot(n, "java-too-short");
        Lesson.has(n.text(), "8 times less");
    }

    @Test
    void aJavaJobUnderATenthOfASecondIsCalledTooShortToTrust() {
        Notice shortJob = new Run(2, 2, 1.18, 2.34, 1.2, new double[] {1.78, 2.34}, 0.03, 0.02, 0.06, 0.8,
                new double[] {0.03, 0.06}).notice();
        Lesson.claims(shortJob, "java-too-short", "java-per-job");
        Lesson.has(shortJob.text(), "39 times less");
        Notice longJob = new Run(2, 2, 5.9, 11.7, 6.0, new double[] {9.0, 11.7}, 0.6, 0.35, 1.2, 1.5,
                new double[] {0.6, 1.2}).notice();
        Lesson.claims(longJob, "java-per-job", "gil-ratio-close");
        Lesson.claimsNot(longJob, "java-too-short");
    }

    @Test
    void cpythonThreadsWellUnderNJobsAreCalledOverlappedNotTakingTurns() {
        Notice n = Run.reference().cpython(1.3, 1.18, 1.2, 1.3).notice();
        Lesson.claims(n, "cpython-threads-overlapped");
        Lesson.claimsNot(n, "cpython-threads-take-turns");
        Lesson.claims(Run.reference().cpython(3.2, 1.18, 1.78, 3.2).notice(), "cpython-threads-take-turns"); // slower than 2 jobs
    }

    @Test
    void cpythonProcessesGainOnlyWhenTheNumbersSaySo() {
        Lesson.claims(Run.reference().cpython(2.34, 2.4, 1.78, 2.34).on(2, 1).notice(), "cpython-processes-no-gain");
        Notice tooGood = Run.reference().cpython(2.34, 0.5, 1.78, 2.34).notice(); // 4.7x on 2 cores
        Lesson.claims(tooGood, "cpython-processes-beyond-cores");
        Lesson.claimsNot(tooGood, "cpython-processes-parallel", "cpython-processes-no-gain");
    }

    @Test
    void theModelsRatioIsComparedWithCPythonsOnBothSides() {
        Lesson.claims(Run.reference().java(0.08, 0.18, 0.9, 0.1, 0.18).notice(), "gil-ratio-model-lower"); // 1.2x
        Notice higher = Run.reference().java(0.08, 0.6, 0.9, 0.3, 0.6).notice(); // 4x
        Lesson.claims(higher, "gil-ratio-model-higher");
        Lesson.claimsNot(higher, "gil-ratio-close", "gil-ratio-model-lower");
    }

    @Test
    void finishTimesAreJudgedAgainstOneJobAndADifferenceIsExplained() {
        Notice together = Run.reference().cpython(2.34, 1.18, 2.33, 2.34).notice();
        Lesson.claims(together, "cpython-finish-together", "model-finish-staggered", "finish-shapes-differ");
        Lesson.claimsNot(together, "cpython-finish-staggered");
        Notice modelTogether = Run.reference().java(0.08, 0.31, 0.9, 0.305, 0.31).notice();
        Lesson.claims(modelTogether, "model-finish-together", "cpython-finish-staggered", "finish-shapes-differ");
        // The brief's four threads: 3.11, 3.74, 4.33 and 4.95 s for a job of 1.18 s, one sort apart.
        Notice four = Run.reference().on(4, 2).cpython(4.75, 2.4, 3.11, 3.74, 4.33, 4.95)
                .java(0.16, 0.62, 1.5, 0.16, 0.31, 0.46, 0.62).notice();
        Lesson.claims(four, "cpython-finish-staggered", "model-finish-staggered", "cpython-threads-take-turns");
        Lesson.claimsNot(four, "finish-shapes-differ");
    }

    @Test
    void javaThreadsAndProcessesOnBothSides() {
        Lesson.claims(Run.reference().java(0.3, 0.31, 0.9, 0.16, 0.31).notice(), "java-threads-no-gain");
        Lesson.claims(Run.reference().java(0.02, 0.31, 0.9, 0.16, 0.31).notice(), "java-threads-beyond-cores");
        Notice cheap = Run.reference().java(0.08, 0.31, 0.09, 0.16, 0.31).notice();
        Lesson.claims(cheap, "java-processes-cheap");
        Lesson.claimsNot(cheap, "java-processes-cost");
    }

    @Test
    void withoutPythonOnlyJavasSideIsClaimed() {
        Measured m = Run.reference().measured();
        Measured none = new Measured("sort", 2, 2, NaN, null, null, NaN, NaN, NaN, null, null, NaN, NaN, m.jBase(),
                m.jThreads(), m.jGil(), m.jProcesses(), m.gilFinishes(), NaN, 1.0);
        Notice n = PythonBesideJavaNotice.of(none);
        Lesson.claims(n, "no-python", "java-threads-parallel", "java-processes-cost");
        Lesson.claimsNot(n, "cpython-threads-take-turns", "cpython-processes-parallel", "gil-ratio-close", "no-ft", "java-per-job",
                "start-method", "cpython-finish-staggered", "busy-machine");
        Lesson.has(n.text(), "2.07x"); // the model's ratio still quoted
    }

    @Test
    void aFreeThreadedBuildIsJudgedByItsOwnSpeedUp() {
        Measured m = Run.reference().measured();
        Notice parallel = PythonBesideJavaNotice.of(with(m, m.python(), "CPython 3.14.0t", 1.4, 1.45, "fork", 1, 1));
        Lesson.claims(parallel, "ft-parallel");
        Lesson.claimsNot(parallel, "ft-no-gain", "no-ft");
        Notice serial = PythonBesideJavaNotice.of(with(m, m.python(), "CPython 3.14.0t", 1.4, 2.8, "fork", 1, 1));
        Lesson.claims(serial, "ft-no-gain");
        Lesson.claimsNot(serial, "ft-parallel");
    }

    @Test
    void aBusyBaselineAndTheStartMethodAreSaidOnlyWhenSo() {
        Measured m = Run.reference().measured();
        Lesson.claims(PythonBesideJavaNotice.of(with(m, m.python(), null, NaN, NaN, "spawn", 0.5, 1)), "busy-machine",
                "start-method");
        Lesson.claimsNot(PythonBesideJavaNotice.of(with(m, m.python(), null, NaN, NaN, null, NaN, 0.9)), "busy-machine",
                "start-method");
    }

    @Test
    void oneWorkerHasNothingToCompare() {
        Notice n = Run.reference().on(1, 2).cpython(1.18, 1.2, 1.18).java(0.15, 0.15, 0.6, 0.15).notice();
        Lesson.claims(n, "one-worker");
        Lesson.claimsNot(n, "cpython-threads-take-turns", "gil-ratio-close", "java-threads-parallel");
    }

    @Test
    void sleepsOverlapWhenEveryThreadTookAboutOneSleep() {
        Measured m = new Measured("sleep", 4, 2, 1, "CPython 3.11.7", "fork", 1.0, 1.01, 1.05, new double[] {1, 1, 1, 1},
                null, NaN, NaN, 1.0, 1.01, 1.02, 1.5, new double[] {1, 1, 1, 1}, 0.01, 0.01);
        Notice n = PythonBesideJavaNotice.of(m);
        Lesson.claims(n, "sleep-overlapped");
        Lesson.claimsNot(n, "sleep-not-overlapped", "cpython-threads-take-turns", "busy-machine"); // too short to tell
        Measured slow = new Measured("sleep", 4, 2, 1, "CPython 3.11.7", "fork", 1.0, 2.1, 1.05, new double[] {1, 1, 2, 2},
                null, NaN, NaN, 1.0, 1.01, 1.02, 1.5, new double[] {1, 1, 1, 1}, NaN, NaN);
        Lesson.claims(PythonBesideJavaNotice.of(slow), "sleep-not-overlapped");
    }

    @Test
    void theTableComparesEachPhaseWithItsOwnRuntimesOneWorker() {
        List<Lab.Phase> phases = List.of(phase("baseline", "cpython-threads", 1.0, 1.0),
                phase("worker", "cpython-threads", 2.0, 1.5, 2.0), phase("worker", "cpython-processes", 1.0, 1.0, 1.0),
                phase("baseline", "java-threads", 0.1, 0.1), phase("worker", "java-gil", 0.2, 0.1, 0.2),
                phase("worker", "java-processes", 0.5, 0.5, 0.5, 0.5, 0.5, 0.5));
        List<String> rows = PythonBesideJavaNotice.table(phases).lines().filter(l -> l.matches("\\w[\\w-]+ +(baseline|worker).*")).toList();
        assertEquals(6, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).matches("cpython-threads +worker +2 +2\\.0000 +2\\.00x +1\\.00x +0\\.00 0\\.00 +1\\.50 2\\.00"), rows.get(1));
        assertTrue(rows.get(4).matches("java-gil +worker +2 +0\\.2000 +2\\.00x +1\\.00x .*"), rows.get(4)); // against java's one thread
        assertTrue(rows.get(5).endsWith("0.50 .. 0.50"), "more than four workers: first .. last: " + rows.get(5));
        String late = PythonBesideJavaNotice.table(List.of(phase("baseline", "cpython-threads", 7, 7),
                phase("worker", "cpython-threads", 28, 19, 23, 25.5, 28))).lines().toList().getLast();
        assertTrue(late.endsWith("19.00 .. 28.00") && late.length() <= 100, "four late times: first .. last: " + late);
        for (String line : PythonBesideJavaNotice.table(phases).lines().toList()) assertTrue(line.length() <= 100, line);
    }

    // A phase that began at 0 whose tasks all started at 0 and ended at these times.
    static Lab.Phase phase(String role, String variant, double wall, double... ends) {
        List<Task> tasks = java.util.Arrays.stream(ends)
                .mapToObj(e -> new Task("w", 1, "tid 1", 0, Math.round(e * 1e9), "ok")).toList();
        return new Lab.Phase(role, variant, 0, Math.round(wall * 1e9), 1, tasks.size(), tasks);
    }
}
