package support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts how many workers are inside a section right now, and remembers the most there ever were. */
public final class Gauge {
    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public void enter() { peak.accumulateAndGet(now.incrementAndGet(), Math::max); }

    public void exit() { now.decrementAndGet(); }

    /** The most workers that were ever inside at the same moment. */
    public int peak() { return peak.get(); }

    /**
     * The same count after the fact: the most of these intervals ({start, end} System.nanoTime pairs)
     * that overlap at one moment. An interval that ends as another starts does not overlap it.
     */
    public static int peakOverlap(List<long[]> intervals) {
        List<long[]> events = new ArrayList<>(); // {time, +1 for a start or -1 for an end}
        for (long[] i : intervals) {
            events.add(new long[] {i[0], 1});
            events.add(new long[] {i[1], -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1])); // ends first
        int now = 0, peak = 0;
        for (long[] e : events) peak = Math.max(peak, now += (int) e[1]);
        return peak;
    }
}
