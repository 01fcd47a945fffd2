//JAVA 25+
// Snippet 07: CPython beside Java. Open JDK 25's jshell with `./jbang jshell` in the kit's folder
// (the cells run python/workers.py from there) and paste the cells one at a time, or load them all:
//   ./jbang jshell snippets/07-python-java.jsh
//
// The kit's Python program prints one line per worker, `worker index=1 pid=... start=... end=...`;
// these cells run it with ProcessBuilder, read its lines, and time the same job in Java's threads.

// Cell 0: these cells need JDK 25. An older jshell stops here, with one line that says so. (A plain
// jshell runs the cells in an agent JVM whose parent is jshell. Ending only the agent is not
// enough: jshell starts a new one and goes on with the next cell, so the agent ends jshell first.)
if (Runtime.version().feature() < 25) {
    System.err.println("These cells need JDK 25, this jshell is JDK " + Runtime.version().feature()
            + ": run ./jbang jshell snippets/07-python-java.jsh");
    if (System.getProperty("sun.java.command", "").startsWith("jdk.jshell.execution.RemoteExecutionControl")) {
        ProcessHandle.current().parent().ifPresent(jshell -> { jshell.destroy(); jshell.onExit().join(); });
    }
    System.exit(1);
}

// Cell 1: the imports used below.
import java.io.File;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;

// Cell 2: python3 on the PATH, if there is one (null if not).
String python = Stream.of(System.getenv("PATH").split(File.pathSeparator)).filter(d -> !d.isEmpty()).
        map(d -> Path.of(d, "python3")).filter(Files::isExecutable).findFirst().map(Path::toString).orElse(null);
System.out.println(python != null ? "python3 is " + python : "no python3 on the PATH: install CPython 3.8+");

// Cell 3: run the program with ProcessBuilder and wait for it; print each worker's line as the
// lessons do, and return the wall time from the first start to the last end (its clock is
// time.monotonic_ns(), nanoseconds).
double cpython(String mode, int workers, int size) throws Exception {
    Process p = new ProcessBuilder(python, "python/workers.py", "sort", "--mode", mode,
            "--workers", "" + workers, "--size", "" + size).redirectErrorStream(true).start();
    List<Map<String, String>> done = new ArrayList<>();
    for (String line : p.inputReader().lines().toList()) {
        if (!line.startsWith("worker ")) continue;
        Map<String, String> f = new HashMap<>();
        for (String pair : line.split(" ")) if (pair.contains("=")) f.put(pair.split("=")[0], pair.split("=", 2)[1]);
        done.add(f);
        System.out.printf("CPython %s %s, PID %s, sorted: %s%n", mode, f.get("index"), f.get("pid"), f.get("check"));
    }
    p.waitFor();
    long first = done.stream().mapToLong(f -> Long.parseLong(f.get("start"))).min().orElse(0);
    long last = done.stream().mapToLong(f -> Long.parseLong(f.get("end"))).max().orElse(0);
    return (last - first) / 1e9;
}

// Cell 4: one thread, two threads (one GIL: they take turns), two processes (a GIL each).
if (python != null) {
    double one = cpython("threads", 1, 500_000), two = cpython("threads", 2, 500_000);
    double processes = cpython("processes", 2, 500_000);
    System.out.printf("CPython: 1 thread %.2f s, 2 threads %.2f s (%.2fx), 2 processes %.2f s (%.2fx)%n",
            one, two, two / one, processes, processes / one);
} else {
    System.out.println("CPython: not run (no python3)");
}

// Cell 5: the same job in Java: make 500 000 numbers and sort them, on one thread, then on two.
double javaThreads(int workers) throws Exception {
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
        threads.add(Thread.ofPlatform().start(() -> Arrays.sort(new SplittableRandom().ints(500_000, 1, 100_001).toArray())));
    }
    for (Thread t : threads) t.join();
    return (System.nanoTime() - start) / 1e9;
}
for (int i = 0; i < 3; i++) javaThreads(1); // untimed: let the JIT compile the sort first
double javaOne = javaThreads(1), javaTwo = javaThreads(2);
System.out.println("Java: 1 thread %.2f s, 2 threads %.2f s (%.2fx)".formatted(javaOne, javaTwo, javaTwo / javaOne));
