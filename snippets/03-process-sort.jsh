//JAVA 25+
// Snippet 03: the sort in child processes. Open JDK 25's jshell with `./jbang jshell` (in the kit's
// folder) and paste the cells one at a time, or load them all at once:
//   ./jbang jshell snippets/03-process-sort.jsh
//
// A child JVM needs a main class it can load from files. A class you declare here lives only in
// this JShell session's memory, so a child could not find it (lesson 05 shows that failure). The
// worker below is therefore written to a source file and compiled once, with the JDK's compiler;
// each child JVM loads the class file (`java -cp folder SortWorker`), as the lessons' children do.

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
import javax.tools.ToolProvider;

// Cell 2: the worker, as a source file in a temporary folder, compiled there. Each child makes n
// random numbers, sorts them, and reports its own PID, its parent's PID and the time the job took.
Path folder = Files.createTempDirectory("process-sort");
Path worker = Files.writeString(folder.resolve("SortWorker.java"), """
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
int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, worker.toString());
System.out.println("worker compiled: " + (compiled == 0));

// Cell 3: the same `java` that runs these cells, found from java.home, and how many numbers each
// child sorts (the kit's tests make it smaller with -Dsnippet.size; yours is 2 000 000).
String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
int n = Integer.getInteger("snippet.size", 2_000_000);
System.out.println("this JVM is PID " + ProcessHandle.current().pid());

// Cell 4: start four children at once, then wait for each and print what it said.
// Their PIDs differ from this JVM's, and each names this JVM as its parent.
double runChildren(int count, int n) throws Exception {
    long start = System.nanoTime();
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < count; i++) {
        children.add(new ProcessBuilder(java, "-cp", folder.toString(), "SortWorker", String.valueOf(n))
                .redirectErrorStream(true).start());
    }
    for (Process child : children) {
        String said = new String(child.getInputStream().readAllBytes()).strip();
        System.out.printf("%s (exit code %d)%n", said, child.waitFor());
    }
    return (System.nanoTime() - start) / 1e9;
}
System.out.println("4 processes: wall time %.4f s".formatted(runChildren(4, n)));

// Cell 5: the cost of a process alone: four children that sort almost nothing. What is left is
// starting a JVM, loading the worker and exiting; a thread starts in well under a millisecond.
System.out.println("4 processes doing almost nothing: wall time %.4f s".formatted(runChildren(4, 10)));

// Cell 6: tidy up: the temporary folder, with the worker's source and class files.
try (var files = Files.walk(folder)) {
    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
}
