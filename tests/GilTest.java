import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import support.Gil;
import support.Gil.Event;
import support.Gil.Kind;
import support.SortWork;

/**
 * The model GIL, proved from its own log rather than from timings: one worker at a time, a sort never
 * interleaved with other work, and the lock handed over only when a waiter asked and the holder
 * reached a checkpoint.
 */
@TimesSomething
class GilTest {

    /** Runs lesson 02's job on {@code threads} threads at once through {@code gil}; returns the outputs. */
    static List<SortWork.Sorted> sortOnThreads(Gil gil, int threads, int size) throws InterruptedException {
        List<SortWork.Sorted> out = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            long seed = i;
            workers.add(Thread.ofPlatform().name("W" + i).start(() -> {
                try {
                    ready.await();
                    gil.enter();
                    SortWork.Sorted s;
                    try {
                        s = SortWork.primitive(size, new SplittableRandom(seed), gil);
                    } finally {
                        gil.exit();
                    }
                    synchronized (out) { out.add(s); }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        ready.countDown();
        for (Thread t : workers) t.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        return out;
    }

    /**
     * What is wrong with a log, if anything: two workers working at once (a TAKE while another holds
     * the lock, or a step by a worker that does not hold it), or another worker's step between one
     * worker's CALL_BEGIN and CALL_END.
     */
    static List<String> violations(List<Event> log) {
        List<String> wrong = new ArrayList<>();
        String holder = null, inCall = null;
        for (int i = 0; i < log.size(); i++) {
            Event e = log.get(i);
            if (inCall != null && !e.worker().equals(inCall)) {
                wrong.add(i + ": " + e + " while " + inCall + " was inside an uninterruptible call");
            }
            switch (e.kind()) {
                case TAKE -> {
                    if (holder != null) wrong.add(i + ": " + e + " while " + holder + " held the lock");
                    holder = e.worker();
                }
                case DROP -> {
                    if (!e.worker().equals(holder)) wrong.add(i + ": " + e + " but the holder was " + holder);
                    if (e.worker().equals(inCall)) wrong.add(i + ": " + e + " inside its own uninterruptible call");
                    holder = null;
                }
                case STEP, CALL_BEGIN, CALL_END -> {
                    if (!e.worker().equals(holder)) wrong.add(i + ": " + e + " but the holder was " + holder);
                    if (e.kind() == Kind.CALL_BEGIN) inCall = e.worker();
                    if (e.kind() == Kind.CALL_END) inCall = null;
                }
            }
        }
        return wrong;
    }

    static void assertNoViolations(List<Event> log) {
        List<String> wrong = violations(log);
        assertTrue(wrong.isEmpty(), wrong.size() + " violations in a log of " + log.size() + " events, the first: "
                + wrong.subList(0, Math.min(5, wrong.size())));
    }

    static Map<String, Integer> count(List<Event> log, Kind kind) {
        Map<String, Integer> n = new HashMap<>();
        for (Event e : log) if (e.kind() == kind) n.merge(e.worker(), 1, Integer::sum);
        return n;
    }

    @Test
    void oneWorkerAtATimeAndNoSortIsEverInterleavedWithOtherWork() throws InterruptedException {
        Gil gil = Gil.on(0.2).recording();
        List<SortWork.Sorted> out = sortOnThreads(gil, 4, 3_000_000);
        List<Event> log = gil.events();

        assertNoViolations(log); // one worker at a time, sorts not interleaved
        assertEquals(1, gil.peak(), "the gate's own count agrees");
        assertEquals(Map.of("W0", 1, "W1", 1, "W2", 1, "W3", 1), count(log, Kind.CALL_BEGIN), "one sort each");
        // Not a run one after another in disguise: the lock changed hands while the numbers were made.
        assertTrue(count(log, Kind.TAKE).values().stream().anyMatch(n -> n >= 2),
                "some worker had to let go of the lock and take it again: " + count(log, Kind.TAKE));
        assertTrue(gil.handovers() > 3, "more hand-overs than the three between whole jobs: " + gil.handovers());
        for (SortWork.Sorted s : out) assertTrue(s.check(3_000_000));
    }

    @Test
    void aThreadThatDropsTheLockOnRequestCannotTakeItStraightBack() throws InterruptedException {
        Gil gil = Gil.on(0.2).recording();
        sortOnThreads(gil, 3, 2_000_000);
        List<Event> log = gil.events();
        int onRequest = 0;
        for (int i = 0; i + 1 < log.size(); i++) {
            Event e = log.get(i);
            boolean workerGoesOn = log.subList(i + 1, log.size()).stream().anyMatch(l -> l.worker().equals(e.worker()));
            if (e.kind() != Kind.DROP || !workerGoesOn) continue;
            onRequest++;
            Event next = log.get(i + 1);
            assertEquals(Kind.TAKE, next.kind(), "after a drop, someone takes the lock: " + next);
            assertFalse(next.worker().equals(e.worker()), "event " + i + ": " + e.worker() + " took the lock straight back");
        }
        assertTrue(onRequest > 0, "some drop on request happened");
    }

    @Test
    void withNobodyWaitingNobodyAsksAndTheLockNeverChangesHands() throws InterruptedException {
        Gil gil = Gil.on(0.1).recording();
        sortOnThreads(gil, 1, 2_000_000);
        List<Event> log = gil.events();
        assertEquals(Map.of("W0", 1), count(log, Kind.TAKE), "taken once, at the start");
        assertEquals(Map.of("W0", 1), count(log, Kind.DROP), "let go once, at the end");
        assertTrue(count(log, Kind.STEP).get("W0") > 400, "it passed its checkpoints without letting go");
        assertEquals(0, gil.handovers());
    }

    @Test
    void theHolderKeepsTheLockUntilAWaiterHasWaitedTheInterval() throws InterruptedException {
        Gil gil = Gil.on(60_000).recording(); // a minute: far longer than the jobs
        sortOnThreads(gil, 3, 300_000);
        List<Event> log = gil.events();
        assertNoViolations(log);
        assertEquals(Map.of("W0", 1, "W1", 1, "W2", 1), count(log, Kind.TAKE), "no one let go before the end of its job");
        assertEquals(2, gil.handovers(), "the lock changed hands between whole jobs only");
    }

    @Test
    void anUninterruptibleCallKeepsTheLockWhenAskedAndTheNextCheckpointLetsGo() throws Exception {
        Gil gil = Gil.on(1).recording();
        AtomicBoolean otherWorked = new AtomicBoolean();
        gil.enter();
        Thread other = Thread.ofPlatform().name("other").start(() -> {
            gil.enter();
            otherWorked.set(true);
            gil.exit();
        });
        gil.uninterrupted(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!gil.dropRequested() && System.nanoTime() < deadline) Thread.onSpinWait();
            assertTrue(gil.dropRequested(), "the waiting thread asked for the lock after one interval");
            sleep(20); // twenty more intervals: still no hand-over inside the call
            assertFalse(otherWorked.get(), "the waiting thread did not work during the call");
        });
        assertEquals(0, gil.handovers());
        gil.checkpoint(); // the request is honoured here: the other thread works before we take the lock back
        assertTrue(otherWorked.get(), "the checkpoint handed the lock over");
        assertEquals(2, gil.handovers(), "over, and back");
        gil.exit();
        other.join();
        assertTrue(otherWorked.get());
        assertNoViolations(gil.events());
    }

    @Test
    void theLogCheckerCatchesOverlapsAndInterleavedCalls() {
        List<Event> good = List.of(ev("A", Kind.TAKE), ev("A", Kind.STEP), ev("A", Kind.DROP), ev("B", Kind.TAKE),
                ev("B", Kind.CALL_BEGIN), ev("B", Kind.CALL_END), ev("B", Kind.DROP));
        assertEquals(List.of(), violations(good));
        List<Event> twoAtOnce = List.of(ev("A", Kind.TAKE), ev("B", Kind.TAKE), ev("A", Kind.DROP), ev("B", Kind.DROP));
        assertFalse(violations(twoAtOnce).isEmpty(), "two holders");
        List<Event> stepWithoutLock = List.of(ev("A", Kind.TAKE), ev("B", Kind.STEP), ev("A", Kind.DROP));
        assertFalse(violations(stepWithoutLock).isEmpty(), "a step by a worker without the lock");
        List<Event> callInterleaved = List.of(ev("A", Kind.TAKE), ev("A", Kind.CALL_BEGIN), ev("A", Kind.DROP),
                ev("B", Kind.TAKE), ev("B", Kind.DROP), ev("A", Kind.TAKE), ev("A", Kind.CALL_END), ev("A", Kind.DROP));
        assertFalse(violations(callInterleaved).isEmpty(), "another worker inside a call");
    }

    @Test
    void withoutALockTheSameLogShowsWorkersOverlapping() throws InterruptedException {
        // The control: Java's own threads, on a gate with no lock, do work at the same moment, and the
        // checker says so. (Needs two cores to overlap for sure.)
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2);
        Gil off = Gil.off().recording();
        sortOnThreads(off, 4, 3_000_000);
        assertFalse(violations(off.events()).isEmpty(), "four threads without a lock overlapped");
        assertTrue(off.peak() >= 2);
    }

    static Event ev(String worker, Kind kind) { return new Event(worker, kind); }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
