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

/**
 * Lesson 05 (spawn-vs-fork): a child JVM does not inherit run-time state but receives what is passed
 * on purpose. The launch mechanisms are tested in SpawnVsForkLaunchCostTest, the JShell trap in
 * SpawnVsForkJShellTrapTest.
 */
class SpawnVsForkTest {
    static final Lesson LESSON = new Lesson("SpawnVsFork");
    private static Lesson.Run shared;

    /** One run of the lesson, shared by the tests that read its output and CSV. */
    static synchronized Lesson.Run run() {
        if (shared == null) shared = LESSON.runWithCsv();
        return shared;
    }

    // ---- 1. state crosses to a child JVM only when it is passed ----------------------------------

    @Test
    void childSeesNoRunTimeChangesButGetsWhatIsPassedThroughEveryChannel() {
        Lesson.Run run = run();
        // state | in this JVM | child A saw (sent nothing) | child B saw (sent it) | how B was sent it
        List<String> field = row(run.out(), "field Child.colour");
        assertTrue(field.get(1).startsWith("green"), "the parent changed the field: " + field);
        assertEquals("blue", field.get(2), "child A must see the field's initial value, not the parent's change");
        assertEquals("blue", field.get(3), "a field itself never crosses, only a value sent through a channel");

        List<String> property = row(run.out(), "property lesson.colour");
        assertEquals("(not set)", property.get(2), "child A must not see a property the parent set at run time");
        assertEquals("green", property.get(3), "child B was given -Dlesson.colour=green");

        for (String channel : List.of("argument --colour", "env LESSON_COLOUR", "standard input", "file")) {
            List<String> r = row(run.out(), channel);
            assertEquals("green", r.get(3), channel + ": child B must report the value it was sent\n" + run.out());
            assertTrue(r.get(2).equals("-") || r.get(2).equals("(not set)"), channel + ": child A was sent nothing: " + r);
        }

        // Both children are separate processes whose parent is the lesson.
        Matcher m = Pattern.compile("\\[SpawnVsFork\\$Child, PID (\\d+), parent PID (\\d+):").matcher(run.out());
        Set<Long> children = new HashSet<>();
        while (m.find()) {
            assertNotEquals(run.pid(), Long.parseLong(m.group(1)), "a child runs in a process of its own");
            assertEquals(run.pid(), Long.parseLong(m.group(2)), "the lesson started it");
            children.add(Long.parseLong(m.group(1)));
        }
        assertEquals(2, children.size(), "child A and child B:\n" + run.out());
        // One CSV row per child, each its own process.
        Table csv = run.table();
        assertEquals(List.of("child-a", "child-b"), csv.stringColumn("variant").asList());
        assertEquals(List.of("ok", "ok"), csv.stringColumn("check").asList(), "A saw blue, B saw green everywhere");
        Set<Long> pids = new HashSet<>();
        for (double pid : csv.numberColumn("pid").asDoubleArray()) pids.add((long) pid);
        assertEquals(children, pids, "the CSV names the same PIDs");
    }

    @Test
    void everyLineFitsA100ColumnTerminal() {
        for (String line : run().out().lines().toList()) assertTrue(line.length() <= 100, line.length() + ": " + line);
    }

    @Test
    void csvKeepsTheSharedColumns() throws IOException {
        List<String> documented = Lesson.documentedColumns();
        assertEquals(documented, run().table().columnNames());
        assertTrue(run().out().contains("What to notice"), run().out());
    }

    // ---- "What to notice": chosen by what the children saw, both sides of each claim ---------------

    @Test
    void theInheritanceSentencesFollowWhatWasSeen() {
        String good = SpawnVsFork.notice(new SpawnVsFork.Measured("blue", "(not set)", 5, 5));
        assertTrue(good.contains("Child A saw Child.colour = blue and lesson.colour not set"), good);
        assertTrue(good.contains("through all 5 channels"), good);
        assertTrue(new SpawnVsFork.Measured("blue", "(not set)", 5, 5).holds());
        SpawnVsFork.Measured bad = new SpawnVsFork.Measured("green", "green", 4, 5);
        String text = SpawnVsFork.notice(bad);
        assertTrue(text.contains("Child A saw Child.colour = green and lesson.colour = green"), text);
        assertTrue(text.contains("only 4 of the 5 channels"), text);
        assertFalse(text.contains("through all"), text);
        assertFalse(bad.holds(), "the lesson exits 1 when the story does not hold");
    }

    @Test
    void badOptionGivesOneLineAndExitCode2() {
        Lesson.assertRejected(LESSON.run("--launches=5"), "Unknown option: '--launches=5'");
    }

    // ---- reading the lesson's output ----------------------------------------------------------------

    /** The cells of the table row whose first cell is {@code label}. */
    static List<String> row(String out, String label) {
        return out.lines().map(l -> Arrays.stream(l.split("\\|")).map(String::strip).toList())
                .filter(cells -> cells.size() >= 4 && cells.getFirst().equals(label))
                .findFirst().orElseGet(() -> fail("no row '" + label + "' in:\n" + out));
    }
}
