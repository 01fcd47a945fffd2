//JAVA 25+
// Snippet 01: threads that only wait. Paste the cells into `jshell` one at a time
// (or run the whole file with `jbang snippets/01-threads-sleep.jsh`).
//
// About the PID: a plain `jshell` compiles your cells in its own JVM but runs them in a second,
// "agent" JVM that it starts for you, so the PID printed below is the agent's, not jshell's.
// `jshell --execution local` (and `jbang`) run the cells inside jshell's own process instead.

// Cell 1: the imports used below.
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;

// Cell 2: a tiny helper that turns a System.nanoTime() reading into elapsed seconds.
double secondsSince(long startNanos) { return (System.nanoTime() - startNanos) / 1e9; }

// Cell 3: the task. It reports who runs it and in which process, waits, then says how long it took.
// Waiting needs no CPU, so several of these should overlap almost perfectly.
void nap(Duration pause) {
    String who = Thread.currentThread().getName();
    long pid = ProcessHandle.current().pid();
    System.out.printf("%s started, PID %d%n", who, pid);
    long start = System.nanoTime();
    try { Thread.sleep(pause); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    System.out.printf("%s done, PID %d, took %.4f s%n", who, pid, secondsSince(start));
}

// Cell 4: start `count` threads from a builder, wait for all of them, return the wall time.
// The builder names them Thread1, Thread2, ... (the counter starts at 1).
double runAll(Thread.Builder builder, int count, Runnable task) throws InterruptedException {
    long start = System.nanoTime();
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < count; i++) started.add(builder.start(task));
    for (Thread t : started) t.join();
    return secondsSince(start);
}

// Cell 5: four ordinary (platform) threads, one second each. Same PID everywhere, and the
// wall time is about one second, not four: the threads sleep at the same time.
double platformWall = runAll(Thread.ofPlatform().name("Thread", 1), 4, () -> nap(Duration.ofSeconds(1)));
System.out.printf("4 platform threads: wall time %.4f s%n", platformWall);

// Cell 6: the same experiment with virtual threads. They are cheap objects that the JVM
// schedules onto a few "carrier" platform threads, and unmount from them while sleeping.
double virtualWall = runAll(Thread.ofVirtual().name("Virtual", 1), 4, () -> nap(Duration.ofSeconds(1)));
System.out.printf("4 virtual threads: wall time %.4f s%n", virtualWall);

// Cell 7: now 10 000 virtual threads, each sleeping one second (too many to print each one).
// After waking up, each notes its carrier: toString() looks like
// "VirtualThread[#22]/runnable@ForkJoinPool-1-worker-1", and the carrier follows the '@'.
Set<String> carriers = ConcurrentHashMap.newKeySet();
double manyWall = runAll(Thread.ofVirtual(), 10_000, () -> {
    try { Thread.sleep(Duration.ofSeconds(1)); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    String me = Thread.currentThread().toString();
    carriers.add(me.substring(me.indexOf('@') + 1));
});
System.out.printf("10000 virtual threads: wall time %.4f s, carried by %d platform threads (%d cores)%n",
    manyWall, carriers.size(), Runtime.getRuntime().availableProcessors());
