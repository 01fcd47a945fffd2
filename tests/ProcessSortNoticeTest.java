
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lesson 03's "What to notice", fed made-up measurements on both sides of every claim it makes. */
class ProcessSortNoticeTest {
    static final long PID = 100;
    static final List<Long> CHILDREN = List.of(201L, 202L, 203L, 204L), THREADS = List.of(PID, PID, PID, PID);

    /** Four workers on four cores, a 1 s baseline; the numbers that matter to a test are given. */
    static String notice(double threadsWall, double processesWall, double threadJob, double processJob,
                         double threadsBusy, double processesBusy, List<String> options) {
        return ProcessSort.notice(new ProcessSort.Measured(4, 4, 1.0, threadsWall, processesWall, threadJob,
                processJob, 0.3, threadsBusy, processesBusy, PID, CHILDREN, THREADS, options));
    }

    static String notice(double threadsWall, double processesWall) {
        return notice(threadsWall, processesWall, 1.0, 1.3, 3.9, 3.9, List.of());
    }

    @Test
    void aSpeedUpBeyondTheCoresBlamesTheBaseline() {
        String beyond = notice(0.5, 1.5); // 4 jobs of 1 s in 0.5 s on 4 cores: 8x, more than the cores give
        Lesson.has(beyond, "more than 4 cores can give, so the baseline was slowed down");
        Lesson.hasNot(beyond, "The threads ran in parallel");
    }

    @Test
    void inParallelOnlyWhenTheSpeedUpIsClearlyAboveOne() {
        String both = notice(1.1, 1.5); // 4 jobs of 1 s: 3.64x and 2.67x
        Lesson.has(both, "The threads ran in parallel: 1.1000 s, 3.64x faster", "The processes ran in parallel: 1.5000 s, 2.67x");
        String none = notice(4.1, 4.0); // 0.98x and 1.00x: noise
        Lesson.has(none, "threads took 4.1000 s: no faster than one after another (0.98x, within noise of 1x)",
                "processes took 4.0000 s: no faster");
        Lesson.hasNot(none, "in parallel");
    }

    @Test
    void theSlowRunsSeenByTheReviewAreCalledSlower() {
        // Seen: threads 0.73x; processes 0.33x with --processes 8 --size 1_000_000.
        String t = notice(4 / 0.73, 4 / 0.33);
        Lesson.has(t, "The threads took 5.4795 s: slower than one after another (0.73x)",
                "The processes took 12.1212 s: slower than one after another (0.33x)");
        Lesson.hasNot(t, "in parallel", "without the cost", "threads get there", "no faster");
    }

    @Test
    void threadsAgainstProcessesFollowsTheWallTimesWithANoiseMargin() {
        Lesson.has(notice(1.1, 1.5), "The threads finished first (1.1000 s against 1.5000 s)");
        String same = notice(1.1, 1.2);
        Lesson.has(same, "about as long (1.1000 s and 1.2000 s, within noise");
        Lesson.hasNot(same, "finished first");
        String procs = notice(1.5, 1.1);
        Lesson.has(procs, "Here the processes finished first (1.1000 s against 1.5000 s)");
        Lesson.hasNot(procs, "The threads finished first");
    }

    @Test
    void theJobInAProcessIsComparedWithTheJobOnAThread() {
        Lesson.has(notice(1.1, 1.5, 1.0, 1.4, 3.9, 3.9, List.of()), "took longer in a process (1.4000 s)", "starts cold");
        String same = notice(1.1, 1.5, 1.0, 1.05, 3.9, 3.9, List.of());
        Lesson.has(same, "about as long in a process (1.0500 s) as on a thread (1.0000 s)");
        Lesson.hasNot(same, "starts cold");
        String quicker = notice(1.1, 1.5, 1.0, 0.7, 3.9, 3.9, List.of());
        Lesson.has(quicker, "quicker in a process (0.7000 s)");
        Lesson.hasNot(quicker, "starts cold");
    }

    @Test
    void coresBusyExplainsNoSpeedUpOnlyWhenTheNumbersSaySo() {
        // Busy cores, no speed-up, and each job slower than alone: they ran side by side, each job slower.
        String busy = notice(4.0, 1.5, 3.8, 1.3, 3.5, 3.9, List.of());
        Lesson.has(busy, "Yet they kept 3.50 cores busy on average, so they did run side by side; but each job took "
                + "3.8000 s against 1.0000 s alone.");
        // Few cores busy: said, with the number of cores the work could have used.
        String idle = notice(4.0, 1.5, 1.0, 1.3, 1.1, 3.9, List.of());
        Lesson.has(idle, "They kept 1.10 cores busy on average, fewer than the 4 they could use");
        Lesson.hasNot(idle, "Yet they kept");
        // Unknown CPU time: nothing said about busy cores.
        String unknown = notice(1.1, 1.5, 1.0, 1.3, Double.NaN, Double.NaN, List.of());
        Lesson.hasNot(unknown, "cores busy on average", "NaN");
    }

    @Test
    void moreJobsThanCoresGiveTheCoreSharingReference() {
        String t = ProcessSort.notice(new ProcessSort.Measured(4, 2, 0.2, 0.8, 1.5, 0.6, 0.9, 0.5, 1.9, 1.8,
                PID, CHILDREN, THREADS, List.of()));
        Lesson.has(t, "at best go 2.00x faster", "each job took 0.6000 s against 0.2000 s alone (0.4000 s if 4 jobs "
                + "sharing 2 cores were the only cost)");
    }

    @Test
    void oneWorkerHasNothingSideBySide() {
        String t = ProcessSort.notice(new ProcessSort.Measured(1, 4, 1.0, 1.0, 1.4, 1.0, 1.1, 0.3, 1.0, 1.0,
                PID, List.of(201L), List.of(PID), List.of()));
        Lesson.has(t, "With one worker nothing runs side by side");
        Lesson.hasNot(t, "in parallel", "at best");
    }

    @Test
    void pidsAreJudgedFromTheMeasuredPids() {
        Lesson.has(notice(1.1, 1.5), "Each child is a JVM with a PID of its own (201, 202, 203, 204)", "share this process's PID 100");
        String odd = ProcessSort.notice(new ProcessSort.Measured(4, 4, 1.0, 1.1, 1.5, 1.0, 1.3, 0.3, 3.9, 3.9,
                PID, List.of(201L, 201L, 203L, 204L), THREADS, List.of()));
        Lesson.has(odd, "not what one would expect");
        Lesson.hasNot(odd, "PID of its own");
    }

    @Test
    void neverSuggestsAFlagTheLearnerPassed() {
        String none = notice(1.1, 1.5);
        Lesson.has(none, "--jvm-option=-Xshare:off", "--jvm-option=-XX:TieredStopAtLevel=1");
        String c1 = notice(1.1, 1.5, 1.0, 1.3, 3.9, 3.9, List.of("-XX:TieredStopAtLevel=1"));
        Lesson.has(c1, "--jvm-option=-Xshare:off");
        Lesson.hasNot(c1, "TieredStopAtLevel");
        String cds = notice(1.1, 1.5, 1.0, 1.3, 3.9, 3.9, List.of("-Xshare:auto"));
        Lesson.hasNot(cds, "Xshare");
        Lesson.hasNot(notice(1.1, 1.5, 1.0, 1.3, 3.9, 3.9, List.of("-Xshare:off", "-XX:TieredStopAtLevel=4")), "try ");
    }

    @Test
    void tellsThisLessonsStartUpFromLesson05s() {
        Lesson.has(notice(1.1, 1.5), "a whole JVM starting and exiting", "lesson 05 times only the OS's part",
                "fork or posix_spawn");
    }
}
