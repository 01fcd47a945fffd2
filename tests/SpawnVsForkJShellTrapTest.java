import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.Table;

/** Lesson 05 (jshell-trap): a class defined in JShell cannot be a child JVM's main class. */
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
        Child compiled = java("SpawnVsFork$Child");
        assertEquals(0, compiled.exitCode(), compiled.err());
        assertTrue(compiled.out().contains("static field=blue"), compiled.out());

        // And the lesson shows the child's real error.
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
        Matcher m = Pattern.compile("\\[JShellTrap\\$Worker, PID (\\d+), parent PID (\\d+):").matcher(run.out());
        assertTrue(m.find(), run.out());
        assertNotEquals(run.pid(), Long.parseLong(m.group(1)), "a child runs in a process of its own");
        assertEquals(run.pid(), Long.parseLong(m.group(2)), "the lesson started it");
        assertTrue(run.out().contains("hello from NotebookWorker on thread worker-1, PID " + run.pid()),
                "fix 2: a thread of the lesson's own JVM ran the JShell class:\n" + run.out());
        Table csv = run.table();
        assertEquals(List.of("jshell-class", "compiled-class"), csv.stringColumn("variant").asList());
        assertEquals(List.of("ok", "ok"), csv.stringColumn("check").asList(), "each child behaved as the lesson says");
        assertEquals(Lesson.documentedColumns(), csv.columnNames());
    }

    @Test
    void everyLineFitsA100ColumnTerminal() {
        for (String line : run().out().lines().toList()) assertTrue(line.length() <= 100, line.length() + ": " + line);
    }

    @Test
    void theTrapSentenceFollowsWhatWasSeen() {
        String good = JShellTrap.notice(new JShellTrap.Measured("NotebookWorker", true));
        assertTrue(good.contains("could not be a child's main class"), good);
        assertFalse(good.contains("did not fail"), good);
        String bad = JShellTrap.notice(new JShellTrap.Measured("NotebookWorker", false));
        assertTrue(bad.contains("did not fail as a child's main class"), bad);
        assertFalse(bad.contains("could not be a child's main class"), bad);
    }
}
