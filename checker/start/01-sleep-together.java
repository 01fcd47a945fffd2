///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+

// Exercise 01 — sleep together (after lesson 01, threads-sleep)
//
// Four tasks each wait one second. Run one after the other they need four seconds; on threads of
// their own they wait side by side and are all done after about one second.
//
// Your task: complete runAll below. It must run every task on a thread of its own, all of them at
// the same time, and return only once every task has finished.
//
// Run it:    ./jbang exercises/01-sleep-together.java
// Check it:  ./jbang check 1               Stuck?  ./jbang check --hint 1

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

class SleepTogether {

    /** Runs every task, all at the same time, and returns when all of them have finished. */
    static void runAll(List<Runnable> tasks) throws InterruptedException {
        // TODO: this loop runs the tasks one after the other, on the calling thread. Give every
        //       task a thread of its own and start them all; then wait for each one to finish.
        for (Runnable task : tasks) {
            task.run();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            int number = i;
            tasks.add(() -> {
                System.out.printf("task %d goes to sleep on %s%n", number, Thread.currentThread());
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.out.printf("task %d woke up%n", number);
            });
        }
        long start = System.nanoTime();
        runAll(tasks);
        System.out.printf("4 tasks of 1 s each took %.2f s in all%n", (System.nanoTime() - start) / 1e9);
    }
}
