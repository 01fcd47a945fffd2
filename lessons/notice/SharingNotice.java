package notice;

import java.util.Locale;
import support.Notice;
import support.Notice.Outcome;

/**
 * Lesson 06's second part, sharing: its "What to notice", chosen from what one run measured, so that a
 * test can feed it made-up numbers on both sides of every claim. Each sentence that states an outcome
 * names its claim.
 */
public final class SharingNotice {
    private SharingNotice() {}

    /**
     * What one run measured, in seconds: the threads' sort (the work whose results are handed over), and
     * the time to hand all results over by each way; {@code inMemory}: the mapped files were in /dev/shm.
     */
    public record Measured(int workers, int size, double sort, double threads, double pipe, double mmap,
                           boolean inMemory) {}

    // As in lesson 06's first part: the same within 10 % of the larger, or within 20 ms (timer jitter).
    static final double NOISE = 0.10, NOISE_FLOOR_S = 0.02;
    // Sending the results back is "small beside the work" under this share of the sort's time.
    static final double SMALL_SHARE = 0.25;

    static Outcome versus(double a, double b) {
        return Math.abs(a - b) <= NOISE_FLOOR_S ? Outcome.SAME : Notice.compare(a, b, NOISE);
    }

    static String rate(double megabytes, double seconds) {
        return seconds <= 0 ? "too fast to time" : String.format(Locale.ROOT, "%,.0f MB/s", megabytes / seconds);
    }

    public static Notice of(Measured m) {
        Notice n = new Notice();
        double mb = (double) m.workers() * m.size() * Integer.BYTES / 1e6;
        double process = Math.min(m.pipe(), m.mmap()); // the cheaper way for a process
        Object[] v = {"w", m.workers(), "mb", String.format(Locale.ROOT, "%,.1f MB", mb), "t", Notice.secs(m.threads()),
                "pipe", Notice.secs(m.pipe()), "mmap", Notice.secs(m.mmap()), "sort", Notice.secs(m.sort()),
                "pipeRate", rate(mb, m.pipe()), "mmapRate", rate(mb, m.mmap()), "cheaper", Notice.secs(process),
                "share", String.format(Locale.ROOT, "%.0f %%", 100 * process / m.sort()),
                "ratio", Notice.times(process / m.threads())};
        n.say("{w} workers each sorted their numbers ({mb} in all); the parent then took every result in turn.", v);

        Outcome sharing = versus(m.threads(), process);
        n.pick(sharing,
                "[threads-cheapest] Threads cost least: their results already lay in the parent's memory, and reading"
                        + " them took {t}, while processes had to send theirs back, in {pipe} through a pipe ({pipeRate})"
                        + " and {mmap} through a memory-mapped file ({mmapRate}).",
                "[sharing-same] Threads read their results where they lay in {t}; processes sent theirs back in {pipe}"
                        + " through a pipe and {mmap} through a memory-mapped file, within noise of the threads: at"
                        + " this size moving the data cost little.",
                "[threads-slower] Reading the threads' results where they lay ({t}) took longer than receiving the"
                        + " processes' ({pipe} by pipe, {mmap} by mapped file), which is unusual: the machine was likely"
                        + " busy.", v);

        n.pick(versus(m.pipe(), m.mmap()),
                "[pipe-faster] The pipe beat the mapped file here: the file's pages had to be made and faulted in, once"
                        + " in the child that wrote them and once in the parent that read them, which cost more than the"
                        + " kernel's copy through a pipe.",
                "[pipe-mmap-same] The pipe and the mapped file took about as long (within noise): a pipe copies every"
                        + " byte through the kernel, a mapped file shares the pages but makes each one first.",
                "[mmap-faster] The mapped file beat the pipe: the parent read the very pages the child wrote, while a"
                        + " pipe copies every byte through the kernel, a buffer at a time.", v);
        n.either(m.inMemory(),
                "[files-in-memory] The mapped files lived in /dev/shm, memory only, never on a disk.",
                "[files-on-disk] The mapped files lived in the temporary folder, on a file system that may write them to"
                        + " disk; in /dev/shm (Linux, memory only) they would be cheaper.");

        n.either(process < SMALL_SHARE * m.sort(),
                "[copy-small] The cheaper way back, {cheaper}, was {share} of the {sort} the threads took to make and sort"
                        + " these numbers: for work this heavy, the copy is affordable.",
                "[copy-large] The cheaper way back, {cheaper}, was {share} of the {sort} the threads took to make and sort"
                        + " these numbers: here moving the results is a real part of the job.", v);

        if (sharing == Outcome.LESS) {
            n.say("[threads-for-sharing] So when workers hand large results to each other, threads are the cheap way"
                    + " (one address space; here the processes' cheaper way took {ratio} their time); a process"
                    + " pays for every byte it sends back, so give it little to send (a sum, a count, a slice) or a"
                    + " file to share.", v);
        } else {
            n.say("[compare-again] These numbers do not make threads the cheaper way on this run; try a larger --size,"
                    + " or a second run, before drawing a conclusion.");
        }
        return n;
    }
}
