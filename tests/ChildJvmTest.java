import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import support.ChildJvm;

/** ChildJvm's waits: results a child wrote just before it exited are never lost. */
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
    void resultsWrittenJustBeforeTheChildExitsAreReturned() throws Exception {
        ChildJvm.Child child = ChildJvm.start("chatty", List.of(), Chatty.class, List.of("2"), ChildJvmTest::slowly);
        assertEquals(List.of("r1", "r2"), child.awaitResults(2, 60));
        child.await(60);
    }

    @Test
    void aChildThatEndsShortOfResultsIsReportedWithWhatItGave() {
        ChildJvm.Child child = ChildJvm.start("chatty", List.of(), Chatty.class, List.of("1"), ChildJvmTest::slowly);
        var e = assertThrows(ChildJvm.ChildFailed.class, () -> child.awaitResults(2, 60));
        assertTrue(e.getMessage().matches("chatty \\(PID \\d+\\) ended after 1 of 2 results"), e.getMessage());
    }
}
