import static org.junit.jupiter.api.Assertions.assertTrue;

import notice.SharingNotice;
import notice.SharingNotice.Measured;
import org.junit.jupiter.api.Test;
import support.Notice;

/** Lesson 06's second part (sharing): its "What to notice", fed made-up numbers on both sides of each claim. */
@TimesNothing
class SharingNoticeTest {
    // workers, size, sort, threads, pipe, mmap (seconds), files in /dev/shm
    static Notice notice(double sort, double threads, double pipe, double mmap, boolean inMemory) {
        return SharingNotice.of(new Measured(4, 2_000_000, sort, threads, pipe, mmap, inMemory));
    }

    /** A typical run: reading in place takes milliseconds, processes pay tens of them. */
    static Notice typical() {
        return notice(0.40, 0.006, 0.060, 0.090, true);
    }

    @Test
    void theTypicalRunFindsThreadsCheapest() {
        Notice n = typical();
        Lesson.claims(n, "threads-cheapest", "pipe-faster", "files-in-memory", "copy-small", "threads-for-sharing");
        Lesson.claimsNot(n, "sharing-same", "threads-slower", "compare-again", "mmap-faster", "files-on-disk");
        Lesson.has(n.text(), "32.0 MB", "10.00x", "15 %"); // the data moved, 0.06/0.006, 0.06/0.40
    }

    @Test
    void withinNoiseOrTwentyMillisecondsIsATieAndNoConclusion() {
        Notice tiny = notice(0.40, 0.001, 0.012, 0.015, true); // all under 20 ms apart: jitter
        Lesson.claims(tiny, "sharing-same", "pipe-mmap-same", "compare-again");
        Lesson.claimsNot(tiny, "threads-cheapest", "threads-for-sharing");
        Notice close = notice(4.0, 0.50, 0.52, 0.80, true); // 4 % apart
        Lesson.claims(close, "sharing-same");
    }

    @Test
    void threadsSlowerThanProcessesIsCalledUnusual() {
        Notice n = notice(0.40, 0.65, 0.19, 0.28, true); // seen on a machine with a load of 26
        Lesson.claims(n, "threads-slower", "compare-again");
        Lesson.claimsNot(n, "threads-cheapest", "threads-for-sharing");
    }

    @Test
    void thePipeAndTheMappedFileAreComparedBothWays() {
        Lesson.claims(notice(0.40, 0.006, 0.060, 0.090, true), "pipe-faster");
        Lesson.claims(notice(0.40, 0.006, 0.090, 0.060, true), "mmap-faster");
        Lesson.claims(notice(0.40, 0.006, 0.060, 0.062, true), "pipe-mmap-same");
    }

    @Test
    void whereTheFilesLivedIsSaid() {
        Lesson.claims(notice(0.40, 0.006, 0.060, 0.090, false), "files-on-disk");
        Lesson.claimsNot(notice(0.40, 0.006, 0.060, 0.090, false), "files-in-memory");
    }

    @Test
    void theCopyIsWeighedAgainstTheWork() {
        Lesson.claims(notice(0.40, 0.006, 0.090, 0.099, true), "copy-small");  // 22 % of the sort
        Notice large = notice(0.20, 0.006, 0.090, 0.120, true);              // 45 %
        Lesson.claims(large, "copy-large");
        Lesson.claimsNot(large, "copy-small");
        Lesson.has(large.text(), "45 %");
    }

    @Test
    void everyLineFitsOneHundredColumnsInAsciiWithNoTagPrinted() {
        String text = typical().text();
        Notice.wrap(text, 2, 96).lines().forEach(l -> assertTrue(l.length() <= 100, l.length() + ": " + l));
        assertTrue(text.chars().allMatch(c -> c < 128) && !text.contains("["), text);
    }
}
