//JAVA 25+
// Snippet 05: every child JVM starts from scratch, and a class typed into JShell cannot start one.
// Open JDK 25's jshell with `./jbang jshell` (in the kit's folder) and paste the cells one at a time,
// or load them all at once:
//   ./jbang jshell snippets/05-spawn-vs-fork.jsh
//
// The article's caveat: a Python "spawn" child is a fresh interpreter, so it sees nothing the parent
// changed at run time, and it cannot find a function defined only in a notebook. A new JVM is always
// such a fresh start. The cells below show both halves of that, with nothing but the JDK: the
// lessons ./jbang spawn-vs-fork and ./jbang jshell-trap (./jbang launch-cost has no cell here).

// Cell 0: these cells need JDK 25. An older jshell stops here, with one line that says so. (A plain
// jshell runs the cells in an agent JVM whose parent is jshell. Ending only the agent is not
// enough: jshell starts a new one and goes on with the next cell, so the agent ends jshell first.)
if (Runtime.version().feature() < 25) {
    System.err.println("These cells need JDK 25, this jshell is JDK " + Runtime.version().feature()
            + ": run ./jbang jshell snippets/05-spawn-vs-fork.jsh");
    if (System.getProperty("sun.java.command", "").startsWith("jdk.jshell.execution.RemoteExecutionControl")) {
        ProcessHandle.current().parent().ifPresent(jshell -> { jshell.destroy(); jshell.onExit().join(); });
    }
    System.exit(1);
}

// Cell 1: the imports used below.
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.TimeUnit;

// Cell 2: a helper that runs a command, waits for it (at most `limit`) and keeps what it printed,
// standard output and standard error together, line by line. The child writes into a file, not a
// pipe: reading a pipe to its end would wait for as long as the child runs, and no limit could
// apply. A child still running at the limit (or when you interrupt the cell) is stopped.
Duration limit = Duration.ofMinutes(1);
record Ran(long pid, int exitCode, boolean stopped, List<String> lines) {
    String firstLine() { return lines.isEmpty() ? "(nothing)" : lines.getFirst(); }
}
Ran run(List<String> command) throws Exception {
    Path said = Files.createTempFile("snippet05-", ".txt");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(said.toFile()).start();
    try {
        boolean stopped = !p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (stopped) p.destroyForcibly().waitFor();
        return new Ran(p.pid(), p.exitValue(), stopped, Files.readAllLines(said));
    } finally {
        if (p.isAlive()) p.destroyForcibly().waitFor(); // the cell was interrupted: stop the child too
        Files.delete(said);
    }
}

// Cell 3: the `java` program of the JDK running this session, and the class path of this JVM.
String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
String classPath = System.getProperty("java.class.path");

// Cell 4: a class defined right here, in the session. It says hello and shows one system property.
class Greeter {
    public static void main(String[] args) {
        System.out.println("hello from Greeter, PID " + ProcessHandle.current().pid()
                + ", lesson.colour = " + System.getProperty("lesson.colour"));
    }
}

// Cell 5: inside this JVM it works. Note who loaded it: JShell's own class loader, which defines
// classes from bytes it compiled in memory. No Greeter.class file exists anywhere on disk.
Greeter.main(new String[0]);
System.out.println("Greeter was loaded by " + Greeter.class.getClassLoader().getClass().getName());

// Cell 6: the trap. Ask a NEW JVM to run Greeter as its main class, with this JVM's class path.
// JShell wraps what you type, so the class's real (binary) name is longer than "Greeter": ask the
// class itself. The child looks for that class in the folders and jars of the class path, finds
// nothing and stops. Its first line of output is printed below (the second names the cause).
System.out.println("JShell named the class " + Greeter.class.getName());
Ran trapped = run(List.of(javaBin, "-cp", classPath, Greeter.class.getName()));
System.out.println("child exit code " + trapped.exitCode() + ", it said: " + trapped.firstLine());

// The fix, in words: a child JVM can only run classes it can load from files. Put the worker in a
// source file, compile it, and put the folder (or jar) on the child's class path, as the lessons do
// with their nested worker classes. Or do not start a JVM at all: a thread of this JVM can use
// Greeter directly, because the class lives here.

// Cell 7: the fix, for real. The same class written to a file and compiled with the JDK's compiler;
// now the same kind of command line works.
Path dir = Files.createTempDirectory("snippet05");
Path source = Files.writeString(dir.resolve("Greeter.java"), """
        public class Greeter {
            public static void main(String[] args) {
                System.out.println("hello from Greeter, PID " + ProcessHandle.current().pid()
                        + ", lesson.colour = " + System.getProperty("lesson.colour"));
            }
        }
        """);
int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString());
Ran fixed = run(List.of(javaBin, "-cp", dir.toString(), "Greeter"));
System.out.println("compiled: " + (compiled == 0) + "; child exit code " + fixed.exitCode() + ", it said: " + fixed.firstLine());

// Cell 8: run-time state does not cross. Set a system property in this JVM now: a thread here sees
// it at once, a child JVM does not...
// (The braces make the three lines one cell, which has no value for jshell to show.)
{
    System.setProperty("lesson.colour", "green");
    Thread here = Thread.ofPlatform().start(() -> Greeter.main(new String[0]));
    here.join();
}
Ran child = run(List.of(javaBin, "-cp", dir.toString(), "Greeter"));
System.out.println("child, property set here at run time: " + child.firstLine());

// Cell 9: ...unless it is passed on purpose, here as a -D option on the child's command line.
Ran told = run(List.of(javaBin, "-Dlesson.colour=" + System.getProperty("lesson.colour"), "-cp", dir.toString(), "Greeter"));
System.out.println("child, started with -Dlesson.colour=green: " + told.firstLine());

// Cell 10: tidy up the temporary folder.
try (var files = Files.walk(dir)) {
    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
}
