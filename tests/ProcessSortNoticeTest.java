import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import notice.ProcessSortNotice;
import org.junit.jupiter.api.Test;
import support.Notice;

/** Lesson 03's "What to notice", fed made-up measurements on both sides of every claim it makes. */
@TimesNothing
class ProcessSortNoticeTest {
    static final long PID = 100;
    static final List<Long> CHILDREN = List.of(201L, 202L, 203L, 204L), THREADS = List.of(PID, PID, PID, PID);

    /** Four workers on four cores, a 1 s baseline; the numbers that matter to a test are given. */
    static Notice notice(double threadsWall, double processesWall, double threadJob, double processJob,
                         double threadsBusy, double processesBusy, List<String> options) {
        return ProcessSortNotice.of(new ProcessSortNotice.Measured(4, 4, 1.0, threadsWall, processesWall, threadJob,
                processJob, 0.3, threadsBusy, processesBusy, PID, CHILDREN, THREADS, options));
    }

    static Notice notice(double threadsWall, double processesWall) {
        return notice(threadsWall, processesWall, 1.0, 1.3, 3.9, 3.9, List.of());
    }

    @Test
    void aSpeedUpBeyondTheCoresBlamesTheBaseline() {
        Notice beyond = notice(0.5, 1.5); // 4 jobs of 1 s in 0.5 s on 4 cores: 8x, more than the cores give
        Lesson.claims(beyond, "threads-baseline-slow", "processes-parallel");
        Lesson.claimsNot(beyond, "threads-parallel", "processes-baseline-slow");
    }

    @Test
    void inParallelOnlyWhenTheSpeedUpIsClearlyAboveOne() {
        Notice both = notice(1.1, 1.5); // 4 jobs of 1 s: 3.64x and 2.67x
        Lesson.claims(both, "threads-parallel", "processes-parallel");
        assertTrue(both.text().contains("3.64x") && both.text().contains("2.67x"), "the speed-ups are quoted: " + both);
        Notice none = notice(4.1, 4.0); // 0.98x and 1.00x: noise
        Lesson.claims(none, "threads-no-faster", "processes-no-faster");
        Lesson.claimsNot(none, "threads-parallel", "processes-parallel", "threads-slower", "processes-slower");
    }

    @Test
    void theSlowRunsSeenByTheReviewAreCalledSlower() {
        // Seen: threads 0.73x; processes 0.33x with --processes 8 --size 1_000_000.
        Notice t = notice(4 / 0.73, 4 / 0.33);
        Lesson.claims(t, "threads-slower", "processes-slower");
        Lesson.claimsNot(t, "threads-parallel", "processes-parallel", "threads-no-faster", "processes-no-faster");
    }

    @Test
    void threadsAgainstProcessesFollowsTheWallTimesWithANoiseMargin() {
        Lesson.claims(notice(1.1, 1.5), "threads-first");
        Notice same = notice(1.1, 1.2);
        Lesson.claims(same, "about-as-long");
        Lesson.claimsNot(same, "threads-first", "processes-first");
        Notice procs = notice(1.5, 1.1);
        Lesson.claims(procs, "processes-first");
        Lesson.claimsNot(procs, "threads-first", "about-as-long");
    }

    @Test
    void theJobInAProcessIsComparedWithTheJobOnAThread() {
        Lesson.claims(notice(1.1, 1.5, 1.0, 1.4, 3.9, 3.9, List.of()), "job-slower-in-process");
        Notice same = notice(1.1, 1.5, 1.0, 1.05, 3.9, 3.9, List.of());
        Lesson.claims(same, "job-as-long-in-process");
        Lesson.claimsNot(same, "job-slower-in-process", "job-quicker-in-process");
        Notice quicker = notice(1.1, 1.5, 1.0, 0.7, 3.9, 3.9, List.of());
        Lesson.claims(quicker, "job-quicker-in-process");
        Lesson.claimsNot(quicker, "job-slower-in-process");
    }

    @Test
    void coresBusyExplainsNoSpeedUpOnlyWhenTheNumbersSaySo() {
        // Busy cores, no speed-up, and each job slower than alone: they ran side by side, each job slower.
        Notice busy = notice(4.0, 1.5, 3.8, 1.3, 3.5, 3.9, List.of());
        Lesson.claims(busy, "threads-side-by-side-slower", "processes-cores-busy");
        Lesson.claimsNot(busy, "threads-cores-idle", "threads-cores-busy");
        // Few cores busy: said, with the number of cores the work could have used.
        Notice idle = notice(4.0, 1.5, 1.0, 1.3, 1.1, 3.9, List.of());
        Lesson.claims(idle, "threads-cores-idle");
        Lesson.claimsNot(idle, "threads-side-by-side-slower", "threads-cores-busy");
        // Unknown CPU time: nothing said about busy cores.
        Notice unknown = notice(1.1, 1.5, 1.0, 1.3, Double.NaN, Double.NaN, List.of());
        for (String claim : unknown.claims()) {
            assertTrue(!claim.contains("cores") && !claim.contains("side-by-side"), "a claim on busy cores: " + claim);
        }
        assertTrue(!unknown.text().contains("NaN"), unknown.text());
    }

    @Test
    void moreJobsThanCoresGiveTheCoreSharingReference() {
        Notice t = ProcessSortNotice.of(new ProcessSortNotice.Measured(4, 2, 0.2, 0.8, 1.5, 0.6, 0.9, 0.5, 1.9, 1.8,
                PID, CHILDREN, THREADS, List.of()));
        Lesson.claims(t, "best-speed-up", "threads-side-by-side-slower");
        // At best 2.00x on 2 cores; 0.4 s per job if four jobs sharing two cores were the only cost.
        assertTrue(t.text().contains("2.00x") && t.text().contains("0.4000 s"), t.text());
    }

    @Test
    void oneWorkerHasNothingSideBySide() {
        Notice t = ProcessSortNotice.of(new ProcessSortNotice.Measured(1, 4, 1.0, 1.0, 1.4, 1.0, 1.1, 0.3, 1.0, 1.0,
                PID, List.of(201L), List.of(PID), List.of()));
        Lesson.claims(t, "one-worker");
        Lesson.claimsNot(t, "best-speed-up", "threads-parallel", "processes-parallel", "threads-no-faster");
    }

    @Test
    void pidsAreJudgedFromTheMeasuredPids() {
        Lesson.claims(notice(1.1, 1.5), "own-pids");
        Notice odd = ProcessSortNotice.of(new ProcessSortNotice.Measured(4, 4, 1.0, 1.1, 1.5, 1.0, 1.3, 0.3, 3.9, 3.9,
                PID, List.of(201L, 201L, 203L, 204L), THREADS, List.of()));
        Lesson.claims(odd, "odd-pids");
        Lesson.claimsNot(odd, "own-pids");
        Notice threadElsewhere = ProcessSortNotice.of(new ProcessSortNotice.Measured(4, 4, 1.0, 1.1, 1.5, 1.0, 1.3,
                0.3, 3.9, 3.9, PID, CHILDREN, List.of(PID, PID, PID, 999L), List.of()));
        Lesson.claims(threadElsewhere, "odd-pids");
    }

    @Test
    void neverSuggestsAFlagTheLearnerPassed() {
        Lesson.claims(notice(1.1, 1.5), "try-no-cds", "try-c1-only");
        Notice c1 = notice(1.1, 1.5, 1.0, 1.3, 3.9, 3.9, List.of("-XX:TieredStopAtLevel=1"));
        Lesson.claims(c1, "try-no-cds");
        Lesson.claimsNot(c1, "try-c1-only");
        Lesson.claimsNot(notice(1.1, 1.5, 1.0, 1.3, 3.9, 3.9, List.of("-Xshare:auto")), "try-no-cds");
        Lesson.claimsNot(notice(1.1, 1.5, 1.0, 1.3, 3.9, 3.9, List.of("-Xshare:off", "-XX:TieredStopAtLevel=4")),
                "try-no-cds", "try-c1-only");
    }

    @Test
    void tellsThisLessonsStartUpFromLesson05s() {
        Lesson.claims(notice(1.1, 1.5), "startup", "whole-jvm", "gil-processes");
        assertTrue(notice(1.1, 1.5).text().contains("0.3000 s"), "the median start-up is quoted");
    }
}
