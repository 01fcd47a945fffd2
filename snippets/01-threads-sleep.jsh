//JAVA 25+
// Snippet 01: threads that only wait. Open JDK 25's jshell with `./jbang jshell` (in the kit's
// folder) and paste the cells one at a time, or load them all at once:
//   ./jbang jshell snippets/01-threads-sleep.jsh
//
// About the PID: a plain `jshell` compiles your cells in its own JVM but runs them in a second,
// "agent" JVM that it starts for you, so the PID printed below is the agent's, not jshell's.
// `jshell --execution local` (and `jbang`) run the cells inside jshell's own process instead.

// Cell 0: these cells need JDK 25. An older jshell stops here, with one line that says so. (A plain
// jshell runs the cells in an agent JVM whose parent is jshell. Ending only the agent is not
// enough: jshell starts a new one and goes on with the next cell, so the agent ends jshell first.)
if (Runtime.version().feature() < 25) {
    System.err.println("These cells need JDK 25, this jshell is JDK " + Runtime.version().feature()
            + ": run ./jbang jshell snippets/01-threads-sleep.jsh");
    if (System.getProperty("sun.java.command", "").startsWith("jdk.jshell.execution.RemoteExecutionControl")) {
        ProcessHandle.current().parent().ifPresent(jshell -> { jshell.destroy(); jshell.onExit().join(); });
    }
    System.exit(1);
}

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
System.out.println("4 platform threads: wall time %.4f s".formatted(platformWall));

// Cell 6: the same experiment with virtual threads. They are cheap objects that the JVM
// schedules onto a few "carrier" platform threads, and unmount from them while sleeping.
double virtualWall = runAll(Thread.ofVirtual().name("Virtual", 1), 4, () -> nap(Duration.ofSeconds(1)));
System.out.println("4 virtual threads: wall time %.4f s".formatted(virtualWall));

// Cell 7: now 10 000 virtual threads, each sleeping one second (too many to print each one).
// After waking up, each notes its carrier: toString() looks like
// "VirtualThread[#22]/runnable@ForkJoinPool-1-worker-1", and the carrier follows the '@'.
Set<String> carriers = ConcurrentHashMap.newKeySet();
double manyWall = runAll(Thread.ofVirtual(), 10_000, () -> {
    try { Thread.sleep(Duration.ofSeconds(1)); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    String me = Thread.currentThread().toString();
    carriers.add(me.substring(me.indexOf('@') + 1));
});
System.out.println("10000 virtual threads: wall time %.4f s, carried by %d platform threads (%d cores)"
    .formatted(manyWall, carriers.size(), Runtime.getRuntime().availableProcessors()));
