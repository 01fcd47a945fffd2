import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import support.Gauge;

/** Exercise 01, sleep-together: the judge of exercises/01-sleep-together.java (see Judge). */
final class SleepTogetherJudge extends Judge {
    @Override
    String task() { return "Make four sleeping tasks finish in about the time of one, with threads."; }

    @Override
    String hints() {
        return """
            ## Hint 1

            A thread runs a task when you start it, and `start()` returns at once: the task goes on
            running while your loop carries on. `thread.join()` waits until a thread's task is done.

            ## Hint 2

            Use two loops. The first makes a thread for every task and starts it, keeping the threads in a
            list (`Thread.ofPlatform().start(task)` does both). The second joins each thread in the list.
            If you join inside the first loop, each task still waits for the one before it.
            """;
    }

    @Override
    String judge() throws Unsolved {
        Method runAll = method("runAll", List.class);
        int n = 4;
        Gauge asleep = new Gauge();
        CountDownLatch allAsleep = new CountDownLatch(n);
        AtomicBoolean gaveUp = new AtomicBoolean();
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        AtomicInteger finished = new AtomicInteger();
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int slot = i;
            tasks.add(() -> {
                runs.incrementAndGet(slot);
                asleep.enter();
                try {
                    // Sleep until all four are asleep together, or one second at most. Tasks on threads
                    // of their own all get there at once; tasks run one by one never do (and after the
                    // first has waited its second, the others stop waiting).
                    allAsleep.countDown();
                    if (!gaveUp.get() && !allAsleep.await(1, TimeUnit.SECONDS)) gaveUp.set(true);
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    asleep.exit();
                    finished.incrementAndGet();
                }
            });
        }
        long start = System.nanoTime();
        invoke(runAll, tasks);
        double took = (System.nanoTime() - start) / 1e9;
        int finishedOnReturn = finished.get();
        if (finishedOnReturn < n) {
            waitFor(() -> finished.get() == n, 5);
            if (finished.get() > finishedOnReturn) {
                throw new Unsolved("returned-early", "runAll returned while %d of the %d tasks were still asleep. Wait for every thread "
                        + "to finish (join) before runAll returns.", n - finishedOnReturn, n);
            }
            throw new Unsolved("tasks-missing", "Only %d of the %d tasks ran. runAll must run every task in the list.", finishedOnReturn, n);
        }
        for (int i = 0; i < n; i++) {
            if (runs.get(i) != 1) throw new Unsolved("task-repeated", "Task %d ran %d times; every task must run exactly once.", i + 1, runs.get(i));
        }
        int peak = asleep.peak();
        if (peak == 1) {
            throw new Unsolved("one-after-another", "The tasks ran one after another: never more than 1 of the %d was asleep at a time. "
                    + "Start a thread for every task before you wait for any of them.", n);
        }
        if (peak < n) {
            throw new Unsolved("too-few-at-once", "At most %d of the %d tasks were asleep at the same time. Start all the threads first, "
                    + "then wait for each one.", peak, n);
        }
        // The check's tasks sleep 0.1 s, not the 1 s of the learner's file: say so beside the time.
        return String.format("%d tasks asleep at once: %.2f s in all, with the check's 0.1 s sleeps", peak, took);
    }
}
