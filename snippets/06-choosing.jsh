//JAVA 25+
// Snippet 06: choosing between threads and processes, in three small measurements. Open JDK 25's
// jshell with `./jbang jshell` (in the kit's folder) and paste the cells one at a time, or load them
// all at once:
//   ./jbang jshell snippets/06-choosing.jsh

// Cell 0: these cells need JDK 25. An older jshell stops here, with one line that says so. (A plain
// jshell runs the cells in an agent JVM whose parent is jshell. Ending only the agent is not
// enough: jshell starts a new one and goes on with the next cell, so the agent ends jshell first.)
if (Runtime.version().feature() < 25) {
    System.err.println("These cells need JDK 25, this jshell is JDK " + Runtime.version().feature()
            + ": run ./jbang jshell snippets/06-choosing.jsh");
    if (System.getProperty("sun.java.command", "").startsWith("jdk.jshell.execution.RemoteExecutionControl")) {
        ProcessHandle.current().parent().ifPresent(jshell -> { jshell.destroy(); jshell.onExit().join(); });
    }
    System.exit(1);
}

// Cell 1: the imports used below, and a stopwatch helper.
import java.io.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
double secondsSince(long startNanos) { return (System.nanoTime() - startNanos) / 1e9; }

// Cell 2: waiting. 1000 tasks that each sleep 0.5 s, on platform threads and then on virtual
// threads. Waits overlap on both; the virtual threads need no OS thread each.
double sleepAll(ExecutorService pool, int tasks) throws Exception {
    long start = System.nanoTime();
    try (pool) {
        for (int i = 0; i < tasks; i++) pool.submit(() -> { Thread.sleep(500); return null; });
    }
    return secondsSince(start);
}
System.out.println("1000 sleeps of 0.5 s: platform threads %.4f s, virtual threads %.4f s".formatted(
        sleepAll(Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory()), 1000),
        sleepAll(Executors.newVirtualThreadPerTaskExecutor(), 1000)));

// Cell 3: computing. The same four sorts one after another, then on four threads at once. Each
// sorts n numbers (the kit's tests make n smaller with -Dsnippet.size; yours is 2 000 000).
int n = Integer.getInteger("snippet.size", 2_000_000);
int[] sortedNumbers(long seed) {
    int[] data = new SplittableRandom(seed).ints(n, 1, 100_001).toArray();
    Arrays.sort(data);
    return data;
}
for (int i = 0; i < 3; i++) sortedNumbers(i);   // warm-up, so that the JIT has compiled the sort
double sortAll(ExecutorService pool) throws Exception {
    long start = System.nanoTime();
    try (pool) {
        for (int i = 0; i < 4; i++) { long seed = i; pool.submit(() -> sortedNumbers(seed)); }
    }
    return secondsSince(start);
}
System.out.println("4 sorts: one after another %.4f s, on 4 threads %.4f s (%d cores)".formatted(
        sortAll(Executors.newSingleThreadExecutor()), sortAll(Executors.newFixedThreadPool(4)),
        Runtime.getRuntime().availableProcessors()));

// Cell 4: sharing. A thread's result is already in this JVM: reading it is all it takes.
// (Each measurement sits inside a method: jshell compiles every top-level statement on its own,
// and timing across statements would time the compiler too.)
int[] mine = sortedNumbers(7);
double readInPlace(int[] numbers) {
    long start = System.nanoTime(), sum = 0;
    for (int v : numbers) sum += v;
    return sum > 0 ? secondsSince(start) : -1;
}
System.out.println("reading a thread's result in place: %.4f s".formatted(readInPlace(mine)));

// Cell 5: a child process must send its result. Here a child JVM sorts the same numbers and writes
// them down a pipe (its standard output); this JVM reads them back into an int[].
Path sender = Files.writeString(Files.createTempDirectory("choosing").resolve("Sender.java"), """
        import java.io.*;
        import java.util.*;
        class Sender {
            public static void main(String[] args) throws IOException {
                int n = Integer.parseInt(args[0]);
                int[] data = new SplittableRandom(7).ints(n, 1, 100_001).toArray();
                Arrays.sort(data);
                var out = new DataOutputStream(new BufferedOutputStream(System.out, 1 << 16));
                for (int v : data) out.writeInt(v);
                out.flush();
            }
        }
        """);
int[] received = new int[n];
double receive(Process child, int[] into) throws IOException {
    var in = new DataInputStream(new BufferedInputStream(child.getInputStream(), 1 << 16));
    into[0] = in.readInt();                      // waits until the child has sorted and starts sending
    long start = System.nanoTime();
    for (int i = 1; i < into.length; i++) into[i] = in.readInt();
    return secondsSince(start);
}
String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
Process child = new ProcessBuilder(javaBin, sender.toString(), String.valueOf(n)).start();
System.out.println("receiving a child's result through a pipe: %.4f s, same numbers: %b, exit code %d"
        .formatted(receive(child, received), Arrays.equals(received, mine), child.waitFor()));

// Cell 6: tidy up: the sender's source file and its temporary folder.
Files.delete(sender);
Files.delete(sender.getParent());
