package support;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A model of CPython's global interpreter lock, to replay the article's threads-on-a-sort result
 * inside Java. A worker must hold the one lock to do any work. It works in small steps and calls
 * {@link #checkpoint()} between them; once it has held the lock for the switch interval and another
 * worker is waiting, it hands the lock over and queues for it again. CPython does the same every
 * 5 ms by default ({@code sys.getswitchinterval()}).
 *
 * <p>The gate also counts how many workers are inside at once, and remembers the peak. {@link #off()}
 * gives a gate with no lock that only counts: Java's own threads, for comparison.
 */
public final class Gil {
    private final ReentrantLock lock; // fair: the longest waiter gets the lock next, as a hand-over should
    private final long intervalNanos;
    private final Gauge working = new Gauge();
    private final ThreadLocal<long[]> heldSince = ThreadLocal.withInitial(() -> new long[1]);

    private Gil(boolean locked, long intervalNanos) {
        this.lock = locked ? new ReentrantLock(true) : null;
        this.intervalNanos = intervalNanos;
    }

    /** A global lock handed over every {@code intervalMillis} milliseconds. */
    public static Gil on(double intervalMillis) {
        return new Gil(true, Math.round(intervalMillis * 1_000_000));
    }

    /** No lock at all; only the count of workers working at once. */
    public static Gil off() {
        return new Gil(false, 0);
    }

    public boolean locked() { return lock != null; }

    /** Start working: take the lock (if any) and count in. */
    public void enter() {
        if (lock != null) {
            lock.lock();
            heldSince.get()[0] = System.nanoTime();
        }
        working.enter();
    }

    /** Between two steps of work: hand the lock over if our turn is up and someone is waiting. */
    public void checkpoint() {
        if (lock == null || !lock.hasQueuedThreads()) return;
        long[] since = heldSince.get();
        if (System.nanoTime() - since[0] < intervalNanos) return;
        exit();
        enter();
    }

    /**
     * Runs a step that must not hand the lock over, like a C call in CPython: no checkpoint inside.
     * (A hook for instrumentation: it marks where a worker's uninterruptible step begins and ends.)
     */
    public void uninterrupted(Runnable step) {
        step.run();
    }

    /** Stop working: count out and release the lock (if any). */
    public void exit() {
        working.exit();
        if (lock != null) lock.unlock();
    }

    /** The most workers that were ever working at the same moment. */
    public int peak() { return working.peak(); }
}
