import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import notice.SpawnVsForkNotice;
import org.junit.jupiter.api.Test;
import support.Notice;
import tech.tablesaw.api.Table;

/**
 * Lesson 05 (spawn-vs-fork): a child JVM does not inherit run-time state but receives what is passed
 * on purpose. The launch mechanisms are tested in SpawnVsForkLaunchCostTest, the JShell trap in
 * SpawnVsForkJShellTrapTest.
 */
@TimesSomething
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
        Table csv = run.table();
        assertEquals(List.of("child-a", "child-b"), csv.stringColumn("variant").asList());
        assertEquals(List.of("ok", "ok"), csv.stringColumn("check").asList(), "A saw blue, B saw green everywhere");
    }

    @Test
    void eachChildIsAFreshProcessOfItsOwnStartedByTheLesson() {
        Lesson.Run run = run();
        Matcher m = Pattern.compile("(?m)^SpawnVsFork\\$Child started, PID (\\d+), parent PID (\\d+)$").matcher(run.out());
        Set<Long> children = new HashSet<>();
        while (m.find()) {
            assertNotEquals(run.pid(), Long.parseLong(m.group(1)), "a child runs in a process of its own");
            assertEquals(run.pid(), Long.parseLong(m.group(2)), "the lesson started it");
            children.add(Long.parseLong(m.group(1)));
        }
        assertEquals(2, children.size(), "child A and child B:\n" + run.out());
        Table csv = run.table();
        Set<Long> pids = new HashSet<>();
        for (double pid : csv.numberColumn("pid").asDoubleArray()) pids.add((long) pid);
        assertEquals(children, pids, "the CSV names the same PIDs");
        for (int i = 0; i < csv.rowCount(); i++) { // a whole JVM started and ended around each child's work
            double startup = csv.numberColumn("startup_s").getDouble(i);
            assertTrue(startup > 0 && startup < 120, "startup_s of a fresh JVM: " + startup);
        }
    }

    @Test
    void everyLineFitsA100ColumnTerminal() {
        for (String line : run().out().lines().toList()) assertTrue(line.length() <= 100, line.length() + ": " + line);
    }

    @Test
    void csvKeepsTheSharedColumns() {
        assertEquals(Lesson.documentedColumns(), run().table().columnNames());
    }

    @Test
    void badOptionGivesOneLineAndExitCode2() {
        Lesson.assertRejected(LESSON.run("--launches=5"), "Unknown option: '--launches=5'");
    }

    // ---- "What to notice": chosen by what the children saw, both sides of each claim ---------------

    // A saw (field, property), B's channels green of 5, then this JVM's PID, the children's and their parents
    static Notice notice(String field, String property, int green, long self, long a, long b, long pa, long pb) {
        return SpawnVsForkNotice.of(new SpawnVsForkNotice.Measured(field, property, green, 5, self, a, b, pa, pb,
                0.25, 0.375));
    }

    @Test
    void aChildThatSawNothingOfTheParentsChangesIsCalledFresh() {
        Notice n = notice("blue", "(not set)", 5, 100, 101, 102, 100, 100);
        Lesson.claims(n, "a-fresh", "b-all-channels", "own-processes", "no-fork-in-java", "since-article");
        Lesson.claimsNot(n, "a-saw-changes", "b-some-channels", "processes-unclear");
        Lesson.has(n.text(), "0.2500 s", "0.3750 s", "101", "102"); // this run's numbers are quoted
    }

    @Test
    void aChildThatSawTheChangesOrMissedAChannelIsSaidToHave() {
        Notice n = notice("green", "green", 4, 100, 101, 102, 100, 100);
        Lesson.claims(n, "a-saw-changes", "b-some-channels");
        Lesson.claimsNot(n, "a-fresh", "b-all-channels");
        Lesson.claims(notice("blue", "green", 5, 100, 101, 102, 100, 100), "a-saw-changes"); // the property alone
    }

    @Test
    void childrenAreCalledOwnProcessesOnlyWhenThePidsShowIt() {
        Lesson.claims(notice("blue", "(not set)", 5, 100, 100, 102, 100, 100), "processes-unclear"); // A is this JVM
        Lesson.claims(notice("blue", "(not set)", 5, 100, 101, 101, 100, 100), "processes-unclear"); // one PID for both
        Notice orphan = notice("blue", "(not set)", 5, 100, 101, 102, 1, 100); // A's parent is another process
        Lesson.claims(orphan, "processes-unclear");
        Lesson.claimsNot(orphan, "own-processes");
    }

    // ---- reading the lesson's output ----------------------------------------------------------------

    /** The cells of the table row whose first cell is {@code label}. */
    static List<String> row(String out, String label) {
        return out.lines().map(l -> Arrays.stream(l.split("\\|")).map(String::strip).toList())
                .filter(cells -> cells.size() >= 4 && cells.getFirst().equals(label))
                .findFirst().orElseGet(() -> fail("no row '" + label + "' in:\n" + out));
    }
}
