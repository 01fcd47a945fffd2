//JAVA 25+
// Snippet 03: the sort in child processes. Open JDK 25's jshell with `./jbang jshell` (in the kit's
// folder) and paste the cells one at a time, or load them all at once:
//   ./jbang jshell snippets/03-process-sort.jsh
//
// A child JVM needs a main class it can load from files. A class you declare here lives only in
// this JShell session's memory, so a child could not find it (lesson 05 shows that failure). The
// worker below is therefore written to a source file, and each child runs it with the source
// launcher (`java SortWorker.java`), which compiles it first: that is part of what the children cost.

// Cell 0: these cells need JDK 25. An older jshell stops here, with one line that says so. (A plain
// jshell runs the cells in an agent JVM whose parent is jshell. Ending only the agent is not
// enough: jshell starts a new one and goes on with the next cell, so the agent ends jshell first.)
if (Runtime.version().feature() < 25) {
    System.err.println("These cells need JDK 25, this jshell is JDK " + Runtime.version().feature()
            + ": run ./jbang jshell snippets/03-process-sort.jsh");
    if (System.getProperty("sun.java.command", "").startsWith("jdk.jshell.execution.RemoteExecutionControl")) {
        ProcessHandle.current().parent().ifPresent(jshell -> { jshell.destroy(); jshell.onExit().join(); });
    }
    System.exit(1);
}

// Cell 1: the imports used below.
import java.nio.file.*;
import java.util.*;

// Cell 2: the worker, as a source file in a temporary folder. Each child makes n random numbers,
// sorts them, and reports its own PID, its parent's PID and the time the job took inside it.
Path worker = Files.writeString(Files.createTempDirectory("process-sort").resolve("SortWorker.java"), """
        import java.util.*;
        class SortWorker {
            public static void main(String[] args) {
                int n = Integer.parseInt(args[0]);
                long start = System.nanoTime();
                int[] data = new SplittableRandom().ints(n, 1, 100_001).toArray();
                Arrays.sort(data);
                double took = (System.nanoTime() - start) / 1e9;
                long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                System.out.printf("child PID %d, parent PID %d, sorted %d numbers in %.4f s%n",
                        ProcessHandle.current().pid(), parent, n, took);
            }
        }
        """);

// Cell 3: the same `java` that runs these cells, found from java.home.
String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
System.out.println("this JVM is PID " + ProcessHandle.current().pid());

// Cell 4: start four children at once, then wait for each and print what it said.
// Their PIDs differ from this JVM's, and each names this JVM as its parent.
double runChildren(int count, int n) throws Exception {
    long start = System.nanoTime();
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < count; i++) {
        children.add(new ProcessBuilder(java, worker.toString(), String.valueOf(n)).redirectErrorStream(true).start());
    }
    for (Process child : children) {
        String said = new String(child.getInputStream().readAllBytes()).strip();
        System.out.printf("%s (exit code %d)%n", said, child.waitFor());
    }
    return (System.nanoTime() - start) / 1e9;
}
System.out.println("4 processes: wall time %.4f s".formatted(runChildren(4, 2_000_000)));

// Cell 5: the cost of a process alone: four children that sort almost nothing. What is left is
// starting a JVM, compiling the worker and exiting; a thread starts in well under a millisecond.
System.out.println("4 processes doing almost nothing: wall time %.4f s".formatted(runChildren(4, 10)));

// Cell 6: tidy up: the worker's source file and its temporary folder.
Files.delete(worker);
Files.delete(worker.getParent());
