package support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A model of CPython's global interpreter lock (CPython 3.2 and later, {@code Python/ceval_gil.c}), to
 * replay the article's threads-on-a-sort result inside Java. A worker must hold the one lock to work.
 *
 * <ul>
 * <li>A thread that wants the lock waits one switch interval (5 ms by default, as
 *     {@code sys.getswitchinterval()}). If the lock has not changed hands by then, it sets a
 *     <em>drop request</em>.</li>
 * <li>The holder looks at the request only at a {@link #checkpoint()}, as CPython's eval loop does
 *     between bytecodes. Code in {@link #uninterrupted} has no checkpoint, like a C call such as
 *     {@code list.sort()}: the holder keeps the lock until the call returns, however long the others wait.</li>
 * <li>With no one waiting, nobody asks: the holder keeps the lock for as long as it works.</li>
 * </ul>
 *
 * <p>Is it fair? Not a queue, on purpose. CPython wakes one waiter through a condition variable, and
 * whichever thread gets the mutex first takes the lock: the order is the scheduler's. What CPython
 * does promise (FORCE_SWITCHING) is that a thread that drops the lock on request cannot take it straight
 * back: it waits until another thread has taken it. This model does the same, with a non-fair mutex and
 * timed waits. A fair FIFO lock would promise a round-robin order that CPython does not, and the
 * article's staggered finish does not come from the order anyway: it comes from sorts that never let go.
 *
 * <p>The gate also counts how many workers are inside at once, and remembers the peak. {@link #off()}
 * gives a gate with no lock that only counts: Java's own threads, for comparison. {@link #recording()}
 * makes a gate that also logs every step (for tests: who held the lock while who worked).
 */
public final class Gil {
    /** What a recording gate logs, in the order it happened. */
    public enum Kind {
        /** took the lock (or, without a lock, started working) */ TAKE,
        /** a checkpoint that kept working: nobody had asked for the lock */ STEP,
        /** let go of the lock: on request at a checkpoint, or at the end of the work */ DROP,
        /** an uninterruptible call began */ CALL_BEGIN,
        /** an uninterruptible call ended */ CALL_END
    }

    /** One logged step: the worker (its thread's name) and what it did. */
    public record Event(String worker, Kind kind) {}

    private final boolean locked;
    private final long intervalNanos;
    private final Gauge working = new Gauge();
    private final List<Event> log; // null unless recording

    // The state of the GIL, guarded by `mutex` (which is not the GIL: it is held for microseconds).
    private final ReentrantLock mutex = new ReentrantLock(); // non-fair: a waking thread may barge in
    private final Condition released = mutex.newCondition(); // the lock was let go
    private final Condition switched = mutex.newCondition(); // another thread took the lock
    private Thread holder, lastHolder;
    private long switches;      // how many times the lock went to a thread other than the last holder
    private int waiting;
    private volatile boolean dropRequest;

    private Gil(boolean locked, long intervalNanos, boolean recording) {
        this.locked = locked;
        this.intervalNanos = intervalNanos;
        this.log = recording ? Collections.synchronizedList(new ArrayList<>()) : null;
    }

    /** A global lock, with CPython's switch interval in milliseconds. */
    public static Gil on(double intervalMillis) {
        return new Gil(true, Math.max(1, Math.round(intervalMillis * 1_000_000)), false);
    }

    /** No lock at all; only the count of workers working at once. */
    public static Gil off() {
        return new Gil(false, 0, false);
    }

    /** The same kind of gate, which also logs every step for {@link #events()}. */
    public Gil recording() {
        return new Gil(locked, intervalNanos, true);
    }

    public boolean locked() { return locked; }

    /** Start working: take the lock (if any) and count in. */
    public void enter() {
        if (locked) take();
        working.enter();
        record(Kind.TAKE);
    }

    /** Between two steps of work: let go of the lock if a waiting thread has asked for it, then queue again. */
    public void checkpoint() {
        if (!locked || !dropRequest) {
            record(Kind.STEP);
            return;
        }
        record(Kind.DROP);
        working.exit();
        drop(true);
        take();
        working.enter();
        record(Kind.TAKE);
    }

    /** Runs a step that never lets go of the lock, like a C call in CPython: no checkpoint inside. */
    public void uninterrupted(Runnable step) {
        record(Kind.CALL_BEGIN);
        step.run();
        record(Kind.CALL_END);
    }

    /** Stop working: count out and let go of the lock (if any). */
    public void exit() {
        record(Kind.DROP);
        working.exit();
        if (locked) drop(false);
    }

    /** The most workers that were ever working at the same moment. */
    public int peak() { return working.peak(); }

    /** How many times the lock went from one thread to another (its first taker is not counted). */
    public long handovers() {
        mutex.lock();
        try {
            return Math.max(0, switches - 1);
        } finally {
            mutex.unlock();
        }
    }

    /** How many threads are waiting for the lock right now. */
    public int waiters() {
        mutex.lock();
        try {
            return waiting;
        } finally {
            mutex.unlock();
        }
    }

    /** True while a waiting thread has asked the holder to let go, and the holder has not yet. */
    public boolean dropRequested() { return dropRequest; }

    /** What a {@link #recording()} gate logged, in order; empty for one that does not record. */
    public List<Event> events() {
        if (log == null) return List.of();
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    private void record(Kind kind) {
        if (log != null) log.add(new Event(Thread.currentThread().getName(), kind));
    }

    // CPython's take_gil(): wait in slices of one interval; after a slice in which the lock did not
    // change hands, ask the holder to drop it.
    private void take() {
        Thread me = Thread.currentThread();
        boolean interrupted = false;
        mutex.lock();
        try {
            waiting++;
            while (holder != null) {
                long seen = switches;
                boolean timedOut;
                try {
                    timedOut = !released.await(intervalNanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: the work needs the lock; tell the thread afterwards
                    timedOut = false;
                }
                if (timedOut && holder != null && switches == seen) dropRequest = true;
            }
            waiting--;
            holder = me;
            if (lastHolder != me) {
                lastHolder = me;
                switches++;
                switched.signalAll();
            }
            dropRequest = false; // the new holder starts with a clean slate, as in CPython
        } finally {
            mutex.unlock();
        }
        if (interrupted) me.interrupt();
    }

    // CPython's drop_gil(): let go and wake one waiter. Dropped on request, wait until another thread
    // has taken the lock (FORCE_SWITCHING), so that the dropper cannot take it straight back.
    private void drop(boolean onRequest) {
        Thread me = Thread.currentThread();
        mutex.lock();
        try {
            holder = null;
            released.signal();
            while (onRequest && lastHolder == me && waiting > 0) switched.awaitUninterruptibly();
        } finally {
            mutex.unlock();
        }
    }
}
