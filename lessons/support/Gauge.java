package support;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts how many workers are inside a section right now, and remembers the most there ever were. */
public final class Gauge {
    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public void enter() { peak.accumulateAndGet(now.incrementAndGet(), Math::max); }

    public void exit() { now.decrementAndGet(); }

    /** The most workers that were ever inside at the same moment. */
    public int peak() { return peak.get(); }
}
