import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import support.ChildJvm;

/** ChildJvm's waits: results a child wrote just before it exited are never lost. The tests overlap. */
@TimesNothing
class ChildJvmTest {
    static final int CHATTER = 300;

    /** A child that talks, writes its results and exits at once: args = how many results. */
    static final class Chatty {
        public static void main(String[] args) {
            for (int i = 0; i < CHATTER; i++) System.out.println("line " + i);
            for (int i = 1; i <= Integer.parseInt(args[0]); i++) System.out.println(ChildJvm.RESULT + "r" + i);
        }
    }

    /**
     * A slow reader of the child's ordinary lines: the child has long exited (its output waits in the
     * pipe) when its result lines are read, the race awaitResults once lost ("ended after 2 of 2 results").
     */
    static void slowly(String line) {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @RepeatedTest(20)
    @Execution(ExecutionMode.CONCURRENT) // the more the machine is loaded, the likelier the race it guards
    void resultsWrittenJustBeforeTheChildExitsAreReturned() throws Exception {
        ChildJvm.Child child = ChildJvm.start("chatty", List.of(), Chatty.class, List.of("2"), ChildJvmTest::slowly);
        assertEquals(List.of("r1", "r2"), child.awaitResults(2, 60));
        child.await(60);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aChildThatEndsShortOfResultsIsReportedWithWhatItGave() {
        ChildJvm.Child child = ChildJvm.start("chatty", List.of(), Chatty.class, List.of("1"), ChildJvmTest::slowly);
        var e = assertThrows(ChildJvm.ChildFailed.class, () -> child.awaitResults(2, 60));
        assertTrue(e.getMessage().matches("chatty \\(PID \\d+\\) ended after 1 of 2 results"), e.getMessage());
    }

    /** A child that reports the variable named by args[0], and the first line of its standard input. */
    static final class Echo {
        public static void main(String[] args) throws Exception {
            String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
            ChildJvm.exitWithParent();
            ChildJvm.report("env", System.getenv(args[0]));
            ChildJvm.report("stdin", line);
            ChildJvm.report("with=sign", "a=b");
            if (args.length > 1) System.exit(Integer.parseInt(args[1]));
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void optionsSendAnEnvironmentVariableAndALineOfStandardInput() throws Exception {
        List<String> command = ChildJvm.command(List.of(), Echo.class, List.of("CHILDJVM_TEST"));
        ChildJvm.Child child = ChildJvm.start("echo", command, line -> {},
                ChildJvm.Options.NONE.withEnv("CHILDJVM_TEST", "sent").withStdin("a line")).await(60);
        assertEquals(Map.of("env", "sent", "stdin", "a line", "with", "sign=a=b"), child.result(),
                "key=value, split at the first '='");
        assertEquals("sent", child.get("env"));
        assertEquals("?", child.get("missing"));
        assertEquals("null", ChildJvm.start("echo", command, line -> {}, ChildJvm.Options.NONE.withStdin(""))
                .await(60).get("env"), "without Options the variable is not set");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void finishReturnsAFailingChildsExitCodeAndItsStandardError() throws Exception {
        List<String> command = ChildJvm.command(List.of(), System.getProperty("java.class.path"), "NoSuchMainClass",
                List.of());
        ChildJvm.Child child = ChildJvm.start("missing", command, line -> {});
        assertNotEquals(0, child.finish(60));
        assertEquals(child.exitCode(), 1);
        assertTrue(child.err().stream().anyMatch(l -> l.contains("Could not find or load main class NoSuchMainClass")),
                String.valueOf(child.err()));
        ChildJvm.Child exits3 = ChildJvm.start("echo", ChildJvm.command(List.of(), Echo.class, List.of("X", "3")),
                line -> {}, ChildJvm.Options.NONE.withStdin("x"));
        assertEquals(3, exits3.finish(60));
        assertEquals("x", exits3.get("stdin"), "its results are read to the end");
    }
}
