//JAVA 25+
// Snippet 04: whose PID is it? Open JDK 25's jshell with `./jbang jshell` (in the kit's folder) and
// paste the cells one at a time, or load them all at once:
//   ./jbang jshell snippets/04-pids.jsh
//
// A PID belongs to a process; every thread of that process reports the same one. Each thread also
// has a Java thread id, and on Linux an OS ("native") thread id. A child process gets a new PID.
//
// Mind which process "this JVM" is. A plain `jshell` compiles your cells in its own JVM but runs
// them in a second, "agent" JVM that it starts as its child: the PID printed below is the
// agent's, and its parent is jshell. `jshell --execution local` (which is what JBang uses) runs the
// cells inside jshell's own process instead, so there the parent is your shell.

// Cell 0: these cells need JDK 25. An older jshell stops here, with one line that says so. (A plain
// jshell runs the cells in an agent JVM whose parent is jshell. Ending only the agent is not
// enough: jshell starts a new one and goes on with the next cell, so the agent ends jshell first.)
if (Runtime.version().feature() < 25) {
    System.err.println("These cells need JDK 25, this jshell is JDK " + Runtime.version().feature()
            + ": run ./jbang jshell snippets/04-pids.jsh");
    if (System.getProperty("sun.java.command", "").startsWith("jdk.jshell.execution.RemoteExecutionControl")) {
        ProcessHandle.current().parent().ifPresent(jshell -> { jshell.destroy(); jshell.onExit().join(); });
    }
    System.exit(1);
}

// Cell 1: the imports used below.
import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

// Cell 2: the process running these cells, and the one that started it. In a plain jshell the
// command line ends with jdk.jshell.execution.RemoteExecutionControl: the agent JVM.
ProcessHandle self = ProcessHandle.current();
System.out.println("This JVM: PID %d, parent PID %s, agent JVM of jshell: %b".formatted(self.pid(),
    self.parent().map(p -> String.valueOf(p.pid())).orElse("unknown"),
    self.info().commandLine().orElse("").contains("RemoteExecutionControl")));

// Cell 3: the OS thread running the caller. Linux shows it as the link /proc/thread-self, which
// points at /proc/PID/task/TID; elsewhere there is no such link and we say "n/a".
String nativeThread() {
    Path link = Path.of("/proc/thread-self");
    if (!Files.isSymbolicLink(link)) return "n/a";
    try { return Files.readSymbolicLink(link).getFileName().toString(); }
    catch (IOException e) { return "n/a"; }
}

// Cell 4: one line saying who is running: thread name, process, Java thread id, OS thread.
String whoAmI() {
    Thread me = Thread.currentThread();
    return String.format("%s: PID %d, thread id %d, native thread %s",
        me.getName(), ProcessHandle.current().pid(), me.threadId(), nativeThread());
}
System.out.println(whoAmI());

// Cell 5: four platform threads. Each waits until all four have spoken, so they are alive at the
// same moment: one PID for all, but a Java id and an OS thread each.
Set<Long> threadPids = ConcurrentHashMap.newKeySet();
void fourThreads() throws InterruptedException {
    CountDownLatch allSpoke = new CountDownLatch(4);
    List<Thread> started = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
        started.add(Thread.ofPlatform().name("Thread" + i).start(() -> {
            System.out.println(whoAmI());
            threadPids.add(ProcessHandle.current().pid());
            allSpoke.countDown();
            try { allSpoke.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }));
    }
    for (Thread t : started) t.join();
}
fourThreads();
System.out.println("the 4 threads reported %d PID(s), the same as this JVM's: %b"
    .formatted(threadPids.size(), threadPids.equals(Set.of(self.pid()))));

// Cell 6: 1000 virtual threads, all alive at once, note the OS thread carrying them. A few
// carrier threads run them all (a waiting virtual thread gives its carrier back).
Set<String> carriers = ConcurrentHashMap.newKeySet();
void manyVirtual(int count) throws InterruptedException {
    CountDownLatch allStarted = new CountDownLatch(count);
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
        started.add(Thread.ofVirtual().start(() -> {
            carriers.add(nativeThread());
            allStarted.countDown();
            try { allStarted.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }));
    }
    for (Thread t : started) t.join();
}
manyVirtual(1000);
System.out.println("1000 virtual threads in PID %d ran on %d native thread(s): %s"
    .formatted(self.pid(), carriers.size(), carriers));

// Cell 7: a child process. ProcessBuilder starts the JDK's own `java` (found through java.home,
// so nothing else need be installed) on a tiny source file. The child prints its PID and its
// parent, as it sees them, then waits for its standard input to close, so it stays alive until
// we let it go. (`java -version` would end too soon to ask it anything.)
Path childSource = Files.writeString(Files.createTempDirectory("pids").resolve("Child.java"), """
    void main() throws Exception {
        ProcessHandle me = ProcessHandle.current();
        System.out.println("child: PID " + me.pid() + ", parent " + me.parent().map(ProcessHandle::pid).orElse(-1L));
        System.in.read(); // returns when the parent closes our input
    }
    """);
String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
Process child = new ProcessBuilder(javaBin, childSource.toString()).redirectErrorStream(true).start();
BufferedReader fromChild = child.inputReader();

// Cell 8: the child's own words (this waits for it to start, about a second), then the same
// relationship seen from here, and the children of this JVM while the child is alive.
String report = fromChild.readLine();
System.out.println(report);
System.out.println("the child's parent is this JVM: "
    + report.equals("child: PID " + child.pid() + ", parent " + self.pid()));
self.children().forEach(p -> System.out.printf("  child of PID %d: PID %d, %s%n",
    self.pid(), p.pid(), p.info().command().orElse("?")));

// Cell 9: let the child go (close its input), wait for its exit, and tidy up the source file.
child.getOutputStream().close();
System.out.println("child exited with " + child.waitFor());
Files.delete(childSource);
Files.delete(childSource.getParent());
