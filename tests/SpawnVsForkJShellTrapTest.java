import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import notice.JShellTrapNotice;
import org.junit.jupiter.api.Test;
import support.Notice;
import tech.tablesaw.api.Table;

/** Lesson 05 (jshell-trap): a class defined in JShell cannot be a child JVM's main class. */
@TimesSomething
class SpawnVsForkJShellTrapTest {
    static final Lesson LESSON = new Lesson("JShellTrap");
    private static Lesson.Run shared;

    static synchronized Lesson.Run run() {
        if (shared == null) shared = LESSON.runWithCsv();
        return shared;
    }

    // ---- 3. the JShell trap, reproduced here with the jdk.jshell API -------------------------------

    @Test
    void aClassDefinedInJShellCannotBeTheMainClassOfAChildJvm() throws Exception {
        String name;
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (SnippetEvent e : shell.eval("class TrapWorker { public static void main(String[] a) { System.out.println(\"ran\"); } }")) {
                assertEquals(Snippet.Status.VALID, e.status(), "JShell defines the class");
            }
            String literal = shell.eval("TrapWorker.class.getName()").getLast().value();
            name = literal.substring(1, literal.length() - 1);
            assertEquals("true", shell.eval("new TrapWorker() instanceof TrapWorker").getLast().value(),
                    "the class works inside JShell");
            // While JShell still holds the class, a new JVM is asked to run it.
            Child trapped = java(name);
            assertNotEquals(0, trapped.exitCode(), "the child must fail: " + trapped);
            assertTrue(trapped.err().contains("Could not find or load main class " + name), trapped.err());
        }
        // The same command line with a compiled class on the class path works.
        Child compiled = java("JShellTrap$Worker");
        assertEquals(0, compiled.exitCode(), compiled.err());
        assertTrue(compiled.out().contains("@result check=ok"), compiled.out());

        // And the lesson shows the child's real error, as the child's JVM wrote it.
        assertTrue(run().out().matches("(?s).*\\| Error: Could not find or load main class NotebookWorker\\R.*"), run().out());
    }

    record Child(int exitCode, String out, String err) {}

    /** Runs `java -cp <this JVM's class path> mainClass`, as the lesson does. */
    static Child java(String mainClass) throws IOException, InterruptedException {
        Path out = Files.createTempFile("child", ".out"), err = Files.createTempFile("child", ".err");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream stdin = p.getOutputStream()) { // open until the end: the child watches it for its parent
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(mainClass + " did not end");
            }
        }
        Child child = new Child(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return child;
    }
    @Test
    void theCompiledWorkerRunsInAProcessOfItsOwnStartedByTheLesson() {
        Lesson.Run run = run();
        Matcher m = Pattern.compile("(?m)^JShellTrap\\$Worker started, PID (\\d+), parent PID (\\d+)$").matcher(run.out());
        assertTrue(m.find(), run.out());
        assertNotEquals(run.pid(), Long.parseLong(m.group(1)), "a child runs in a process of its own");
        assertEquals(run.pid(), Long.parseLong(m.group(2)), "the lesson started it");
        assertTrue(run.out().contains("hello from NotebookWorker on thread worker-1, PID " + run.pid()),
                "fix 2: a thread of the lesson's own JVM ran the JShell class:\n" + run.out());
        Table csv = run.table();
        assertEquals(List.of("jshell-class", "compiled-class"), csv.stringColumn("variant").asList());
        assertEquals(List.of("ok", "ok"), csv.stringColumn("check").asList(), "each child behaved as the lesson says");
        assertEquals(Long.parseLong(m.group(1)), (long) csv.numberColumn("pid").getDouble(1), "the CSV names the worker");
        assertNotEquals(run.pid(), (long) csv.numberColumn("pid").getDouble(0), "the trapped class ran in a child too");
        assertTrue(csv.numberColumn("startup_s").getDouble(1) > 0, "the compiled worker's JVM start-up is measured");
        assertEquals(Lesson.documentedColumns(), csv.columnNames());
    }

    @Test
    void everyLineFitsA100ColumnTerminal() {
        for (String line : run().out().lines().toList()) assertTrue(line.length() <= 100, line.length() + ": " + line);
    }

    // ---- "What to notice": chosen by how the attempts ended, both sides of each claim ---------------

    static Notice notice(boolean trapped, boolean threadRan) {
        return JShellTrapNotice.of(new JShellTrapNotice.Measured("NotebookWorker", trapped, trapped ? 1 : 0, 4321,
                0.125, threadRan));
    }

    @Test
    void theTrapIsCalledReproducedOnlyWhenTheChildFailed() {
        Notice good = notice(true, true);
        Lesson.claims(good, "trap-reproduced", "thread-ran", "rule");
        Lesson.claimsNot(good, "trap-missed", "thread-missed");
        Lesson.has(good.text(), "4321", "0.1250 s"); // the compiled worker's PID and start-up are quoted
        Notice bad = notice(false, true);
        Lesson.claims(bad, "trap-missed");
        Lesson.claimsNot(bad, "trap-reproduced");
    }

    @Test
    void theThreadIsSaidToHaveRunTheClassOnlyWhenItDid() {
        Notice n = notice(true, false);
        Lesson.claims(n, "thread-missed", "rule");
        Lesson.claimsNot(n, "thread-ran");
    }
}
