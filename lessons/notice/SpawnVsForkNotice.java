package notice;

import support.Notice;

/**
 * Lesson 05 spawn-vs-fork's "What to notice": chosen by what the two children reported and by the
 * PIDs this JVM saw, so that a test can feed it made-up reports on both sides of every claim.
 */
public final class SpawnVsForkNotice {
    private SpawnVsForkNotice() {}

    /**
     * What one run saw: child A's static field and system property ("(not set)" when absent), how many
     * of the channels child B was sent carried green, the PIDs (this JVM's, each child's, and each
     * child's parent as the child reported it) and each child's JVM start-up and exit, in seconds.
     */
    public record Measured(String fieldSeenByA, String propertySeenByA, int channelsGreen, int channels,
                           long self, long pidA, long pidB, long parentOfA, long parentOfB,
                           double startupA, double startupB) {}

    public static Notice of(Measured m) {
        Notice n = new Notice();
        Object[] v = {"prop", "lesson.colour", "field", m.fieldSeenByA(), "value", m.propertySeenByA(),
                "n", m.channels(), "k", m.channelsGreen(), "self", m.self(), "a", m.pidA(), "b", m.pidB(),
                "pa", m.parentOfA(), "pb", m.parentOfB(), "sa", Notice.secs(m.startupA()),
                "sb", Notice.secs(m.startupB())};
        n.either(m.fieldSeenByA().equals("blue") && m.propertySeenByA().equals("(not set)"),
                "[a-fresh] Child A saw Child.colour = blue and {prop} not set, although this JVM had set both to"
                        + " green: a new JVM loads its classes afresh and runs their initialisers again, as Python's"
                        + " spawn does.",
                "[a-saw-changes] Child A saw Child.colour = {field} and {prop} = {value}: a fresh JVM should not"
                        + " see changes made at run time, so look at how it was started.", v);
        n.either(m.channelsGreen() == m.channels(),
                "[b-all-channels] Child B received green through all {n} channels it was sent: state crosses only"
                        + " when it is sent.",
                "[b-some-channels] Child B received green through only {k} of the {n} channels it was sent (see"
                        + " the table).", v);
        boolean own = m.pidA() != m.self() && m.pidB() != m.self() && m.pidA() != m.pidB()
                && m.parentOfA() == m.self() && m.parentOfB() == m.self();
        n.either(own,
                "[own-processes] Each child was a process of its own (PIDs {a} and {b}) whose parent was this JVM"
                        + " (PID {self}), and each spent {sa} and {sb} starting and ending a whole JVM around a few"
                        + " lines of work.",
                "[processes-unclear] The PIDs do not show two children of this JVM (PID {self}): child A was {a}"
                        + " with parent {pa}, child B {b} with parent {pb}.", v);
        n.say("[no-fork-in-java] Java has no way to start a child as a copy of itself, so nothing like Python's"
                + " fork start method exists here: ./jbang launch-cost shows where fork still hides, one level"
                + " down.");
        n.say("[since-article] Since the article, Python's default start method became spawn on macOS (3.8) and"
                + " stayed so on Windows, and became forkserver on Linux (3.14). The notebook failure is spawn's:"
                + " the child cannot find a function defined in __main__. Fork's real danger is copying a"
                + " process that runs several threads (3.12+ warns).");
        return n;
    }
}
