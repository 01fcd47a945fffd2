///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+

// Exercise 06 — a race on a shared counter (after lesson 06, choosing)
//
// Threads share their process's memory, which makes sharing data easy, and makes races easy too:
// count++ reads the count, adds one and writes it back, and two threads that read the same old
// value both write back the same new one. One of the two increments is lost.
//
// Your task, in two parts:
//   1. make Counter.increment() safe when many threads call it at once (no update may be lost);
//   2. answer the question at CHEAPEST_FIX. Run the file after each fix you try: it times them.
//
// Run it:    ./jbang exercises/06-counter-race.java
// Check it:  ./jbang check 6               Stuck?  ./jbang check --hint 6

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

class CounterRace {

    /** One counter that many threads add to at the same time. */
    static final class Counter {
        // Solution: a LongAdder. synchronized or an AtomicLong are just as correct; which of the
        // three is fastest depends on the machine and the JVM, so run the file and compare.
        private final LongAdder count = new LongAdder();

        void increment() {
            count.increment();
        }

        long total() {
            return count.sum();
        }
    }

    /** The ways to get the right total when many threads count. */
    enum Fix {
        TODO,
        /** increment() is synchronized: a thread holds the counter's lock while it adds one. */
        SYNCHRONIZED,
        /** the count is an AtomicLong: incrementAndGet() adds one in a single indivisible step. */
        ATOMIC,
        /** the count is a LongAdder: threads add to cells of their own, summed when total() asks. */
        LONG_ADDER,
        /** nothing is shared: each thread counts in a local variable; the totals are added after join. */
        COUNT_PER_THREAD_THEN_ADD
    }

    // Solution: threads that share nothing while they count never wait for each other.
    static final Fix CHEAPEST_FIX = Fix.COUNT_PER_THREAD_THEN_ADD;

    /** Given: {@code threads} threads call counter.increment() {@code times} times each, all at once. */
    static long countTogether(Counter counter, int threads, int times) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < times; i++) {
                    counter.increment();
                }
            }));
        }
        go.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        return counter.total();
    }

    /** Given: the same count with nothing shared: each thread counts on its own; the sums are added after join. */
    static long countPerThread(int threads, int times) throws InterruptedException {
        long[] sums = new long[threads];
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int slot = t;
            started.add(Thread.ofPlatform().start(() -> {
                Thread me = Thread.currentThread();
                long mine = 0;
                // Every round also reads this thread's interrupt flag, which another thread could set:
                // so the JIT must run each round. A bare `mine++` loop it may replace by its result
                // (mine = times), and then this would time nothing at all.
                for (int i = 0; i < times && !me.isInterrupted(); i++) {
                    mine++;
                }
                sums[slot] = mine;
            }));
        }
        long total = 0;
        for (int t = 0; t < threads; t++) {
            started.get(t).join(); // after join, the thread's sum is safe to read
            total += sums[t];
        }
        return total;
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = 4, times = 5_000_000;
        long expected = (long) threads * times;
        // Three rounds of each, so that warming up (the JIT compiling the loops) favours neither.
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            long got = countTogether(new Counter(), threads, times);
            System.out.printf("Counter:            %,d of %,d (lost %,d) in %.3f s%n",
                    got, expected, expected - got, (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            got = countPerThread(threads, times);
            System.out.printf("count per thread:   %,d of %,d in %.3f s%n", got, expected, (System.nanoTime() - start) / 1e9);
        }
        System.out.println("Your answer: CHEAPEST_FIX = " + CHEAPEST_FIX);
    }
}
