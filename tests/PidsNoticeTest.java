import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import notice.PidsNotice;
import org.junit.jupiter.api.Test;
import support.Host;
import support.Notice;

/** Lesson 04's "What to notice", fed made-up ids on both sides of every claim it makes. */
@TimesNothing
class PidsNoticeTest {
    static final long PID = 100;

    /** A run as it should go on Linux: 4 threads in PID 100, 2 children of it, 1000 virtual threads on 2 carriers. */
    record Run(long mainNative, List<Long> threadPids, long javaIds, List<Long> natives, List<Long> childPids,
               List<Long> parents, List<Long> childMainIds, int alive, List<Long> virtualPids, int peak, int carriers,
               Host.Os os) {
        static Run linux() {
            return new Run(101, List.of(PID, PID, PID, PID), 4, List.of(121L, 122L, 123L, 124L), List.of(201L, 202L),
                    List.of(PID, PID), List.of(3L, 3L), 2, Collections.nCopies(1000, PID), 1000, 2, Host.Os.LINUX);
        }

        Notice notice() {
            return PidsNotice.of(new PidsNotice.Measured(PID, os, threadPids.size(), threadPids, javaIds, 3, mainNative,
                    natives, childPids, parents, childMainIds, alive, 0.25, virtualPids.size(), virtualPids, peak,
                    carriers));
        }
    }

    @Test
    void aRunThatGoesAsExpectedMakesTheExpectedClaims() {
        Notice n = Run.linux().notice();
        Lesson.claims(n, "threads-share-pid", "own-java-ids", "native-each", "linux-counter", "main-not-first-thread",
                "children-own-pids", "lesson-is-parent", "same-thread-id", "all-alive-in-snapshot", "child-startup",
                "virtual-share-pid", "few-carriers", "jshell-pid");
        Lesson.claimsNot(n, "threads-pid-odd", "java-ids-shared", "native-unknown", "native-some-unknown", "main-native",
                "main-first-thread", "children-pids-odd", "parent-mismatch", "thread-id-per-process",
                "some-alive-in-snapshot", "virtual-odd", "carrier-each");
        assertTrue(n.text().contains("0.2500 s"), "the median start-up is quoted: " + n.text());
    }

    @Test
    void aThreadInAnotherProcessIsNotCalledShared() {
        Run r = Run.linux();
        Notice n = new Run(r.mainNative(), List.of(PID, PID, PID, 999L), 4, r.natives(), r.childPids(), r.parents(),
                r.childMainIds(), 2, r.virtualPids(), 1000, 2, r.os()).notice();
        Lesson.claims(n, "threads-pid-odd");
        Lesson.claimsNot(n, "threads-share-pid");
    }

    @Test
    void javaThreadIdsAreJudgedFromTheCount() {
        Run r = Run.linux();
        Notice n = new Run(r.mainNative(), r.threadPids(), 3, r.natives(), r.childPids(), r.parents(), r.childMainIds(),
                2, r.virtualPids(), 1000, 2, r.os()).notice();
        Lesson.claims(n, "java-ids-shared");
        Lesson.claimsNot(n, "own-java-ids");
    }

    @Test
    void nativeIdsAreJudgedFromWhatWasSeen() {
        Run r = Run.linux();
        Notice unknown = new Run(-1, r.threadPids(), 4, List.of(-1L, -1L, -1L, -1L), r.childPids(), r.parents(),
                r.childMainIds(), 2, r.virtualPids(), 1000, 2, Host.Os.MAC).notice();
        Lesson.claims(unknown, "native-unknown");
        Lesson.claimsNot(unknown, "native-each", "linux-counter", "main-native");
        Notice some = new Run(101, r.threadPids(), 4, List.of(121L, 122L, -1L, -1L), r.childPids(), r.parents(),
                r.childMainIds(), 2, r.virtualPids(), 1000, 2, r.os()).notice();
        Lesson.claims(some, "native-some-unknown");
        Lesson.claimsNot(some, "native-each");
        Notice mac = new Run(101, r.threadPids(), 4, r.natives(), r.childPids(), r.parents(), r.childMainIds(), 2,
                r.virtualPids(), 1000, 2, Host.Os.MAC).notice();
        Lesson.claims(mac, "native-each", "main-native");
        Lesson.claimsNot(mac, "linux-counter", "main-first-thread", "main-not-first-thread");
        Notice first = new Run(PID, r.threadPids(), 4, r.natives(), r.childPids(), r.parents(), r.childMainIds(), 2,
                r.virtualPids(), 1000, 2, r.os()).notice();
        Lesson.claims(first, "main-first-thread");
        Lesson.claimsNot(first, "main-not-first-thread");
    }

    @Test
    void childrenAreJudgedFromWhatTheySaidAndTheSnapshot() {
        Run r = Run.linux();
        Notice odd = new Run(101, r.threadPids(), 4, r.natives(), List.of(201L, PID), List.of(PID, 1L), List.of(3L, 5L), 1,
                r.virtualPids(), 1000, 2, r.os()).notice();
        Lesson.claims(odd, "children-pids-odd", "parent-mismatch", "thread-id-per-process", "some-alive-in-snapshot");
        Lesson.claimsNot(odd, "children-own-pids", "lesson-is-parent", "same-thread-id", "all-alive-in-snapshot");
        Notice same = new Run(101, r.threadPids(), 4, r.natives(), List.of(201L, 201L), r.parents(), r.childMainIds(),
                2, r.virtualPids(), 1000, 2, r.os()).notice();
        Lesson.claims(same, "children-pids-odd");
    }

    @Test
    void carriersAreJudgedFromTheirCount() {
        Run r = Run.linux();
        Notice one = new Run(101, r.threadPids(), 4, r.natives(), r.childPids(), r.parents(), r.childMainIds(), 2,
                List.of(PID), 1, 1, r.os()).notice();
        Lesson.claims(one, "carrier-each", "virtual-share-pid");
        Lesson.claimsNot(one, "few-carriers");
        Notice notAllAlive = new Run(101, r.threadPids(), 4, r.natives(), r.childPids(), r.parents(), r.childMainIds(),
                2, r.virtualPids(), 600, 2, r.os()).notice();
        Lesson.claims(notAllAlive, "virtual-odd", "few-carriers");
        Lesson.claimsNot(notAllAlive, "virtual-share-pid");
    }
}
