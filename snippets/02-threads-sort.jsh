//JAVA 25+
// Snippet 02: threads that keep the CPU busy. Open JDK 25's jshell with `./jbang jshell` (in the
// kit's folder) and paste the cells one at a time, or load them all at once:
//   ./jbang jshell snippets/02-threads-sort.jsh
// Java has no global interpreter lock: the threads of one JVM can execute at the same
// moment, one per core, so CPU-heavy work gets faster with threads until the cores run out.

// Cell 0: these cells need JDK 25. An older jshell stops here, with one line that says so. (A plain
// jshell runs the cells in an agent JVM whose parent is jshell. Ending only the agent is not
// enough: jshell starts a new one and goes on with the next cell, so the agent ends jshell first.)
if (Runtime.version().feature() < 25) {
    System.err.println("These cells need JDK 25, this jshell is JDK " + Runtime.version().feature()
            + ": run ./jbang jshell snippets/02-threads-sort.jsh");
    if (System.getProperty("sun.java.command", "").startsWith("jdk.jshell.execution.RemoteExecutionControl")) {
        ProcessHandle.current().parent().ifPresent(jshell -> { jshell.destroy(); jshell.onExit().join(); });
    }
    System.exit(1);
}

// Cell 1: the imports used below.
import java.util.*;
import java.util.function.IntFunction;

// Cell 2: the size of one job, how many threads share the work, and how many cores can run them.
// (The kit's tests run these cells with a smaller size, set by -Dsnippet.size; yours is 2 000 000.)
int n = Integer.getInteger("snippet.size", 2_000_000);
int threads = 4;
long seed = 2024;
System.out.println("%d threads, %d numbers each, %d cores available"
    .formatted(threads, n, Runtime.getRuntime().availableProcessors()));

// Cell 3: helpers. The stopwatch sits inside one method on purpose: jshell compiles every top-level
// statement on its own, so timing across several statements would also time the compiler.
double secondsSince(long startNanos) { return (System.nanoTime() - startNanos) / 1e9; }
boolean isSorted(int[] a) {
    for (int i = 1; i < a.length; i++) if (a[i - 1] > a[i]) return false;
    return true;
}
// Start `count` platform threads named Thread1, Thread2, ..., wait for all, return the wall time.
double inParallel(int count, IntFunction<Runnable> taskFor) throws InterruptedException {
    long start = System.nanoTime();
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < count; i++) started.add(Thread.ofPlatform().name("Thread" + (i + 1)).start(taskFor.apply(i)));
    for (Thread t : started) t.join();
    return secondsSince(start);
}

// Cell 4: the work: n random ints in [1, 100 000] from the task's OWN generator (nothing shared
// between threads), then sorted.
int[] sortedRandomNumbers(long taskSeed) {
    SplittableRandom random = new SplittableRandom(taskSeed);
    int[] numbers = new int[n];
    for (int i = 0; i < n; i++) numbers[i] = random.nextInt(1, 100_001);
    Arrays.sort(numbers);
    return numbers;
}

// Cell 5: the task around the work: who runs it, in which process, how long it took, sorted or not.
double sortTask(long taskSeed) {
    String who = Thread.currentThread().getName();
    long pid = ProcessHandle.current().pid();
    System.out.printf("%s started, PID %d%n", who, pid);
    long start = System.nanoTime();
    int[] numbers = sortedRandomNumbers(taskSeed);
    double took = secondsSince(start);
    System.out.printf("%s done, PID %d, took %.4f s, sorted: %b%n", who, pid, took, isSorted(numbers));
    return took;
}

// Cell 6: the baseline, on the current thread. A few silent runs come first so that the JIT
// compiler has turned the loops into machine code; otherwise we would be timing the warm-up.
for (int i = 0; i < 5; i++) sortedRandomNumbers(seed);
double baseline = sortTask(seed);

// Cell 7: four platform threads at once, each with its own seed. Strictly one after another the
// four sorts would need about 4 x baseline; the speed-up is bounded by the number of cores.
// Each sort takes only a few hundredths of a second, so a busy machine blurs it: run it again.
double wall = inParallel(threads, i -> () -> sortTask(seed + 1 + i));
System.out.println("wall time %.4f s for %d sorts, about %.4f s one after another: speed-up %.2fx"
    .formatted(wall, threads, threads * baseline, threads * baseline / wall));

// Cell 8: why each task has its own generator. java.util.Random is thread-safe: every draw updates
// its one seed with an atomic compare-and-set, so threads sharing an instance get in each other's
// way. Each thread draws n numbers, all from ONE shared Random, then each from its own Random.
// (One silent round first, for the JIT again.) The gap grows with the number of cores.
Runnable draw(Random r) {
    return () -> {
        long sum = 0;
        for (int k = 0; k < n; k++) sum += r.nextInt(1, 100_001);
        if (sum == 42) System.out.println("(never printed; using the sum keeps the loop alive)");
    };
}
Random shared = new Random(seed);
{ inParallel(threads, i -> draw(i % 2 == 0 ? shared : new Random(i))); } // braces: no value to show
double sharedTime = inParallel(threads, i -> draw(shared));
double ownTime = inParallel(threads, i -> draw(new Random(seed + i)));
System.out.println("shared Random %.4f s, one Random per thread %.4f s: sharing takes %.1fx as long"
    .formatted(sharedTime, ownTime, sharedTime / ownTime));
