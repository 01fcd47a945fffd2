package notice;

import support.Notice;

/**
 * Lesson 05 jshell-trap's "What to notice": chosen by how the three attempts ended, so that a test
 * can feed it made-up outcomes on both sides of every claim.
 */
public final class JShellTrapNotice {
    private JShellTrapNotice() {}

    /**
     * What one run saw: the JShell class's name, whether the child asked to run it failed to find it
     * (and its exit code), the compiled worker's PID and its JVM start-up and exit in seconds, and
     * whether a thread of this JVM ran the JShell class.
     */
    public record Measured(String trapClass, boolean trapReproduced, int trapExit, long compiledPid,
                           double compiledStartup, boolean threadRan) {}

    public static Notice of(Measured m) {
        Notice n = new Notice();
        Object[] v = {"c", m.trapClass(), "exit", m.trapExit(), "pid", m.compiledPid(),
                "startup", Notice.secs(m.compiledStartup())};
        n.either(m.trapReproduced(),
                "[trap-reproduced] JShell's {c}, defined from memory, could not be a child's main class (exit code"
                        + " {exit}), just as a spawned Python worker cannot find a notebook's function.",
                "[trap-missed] JShell's {c} did not fail as a child's main class here (exit code {exit}), which"
                        + " this lesson does not expect: see the child's output above.", v);
        n.say("The compiled class, started by the same kind of command line, ran as PID {pid} after {startup} of"
                + " JVM start-up and exit.", v);
        n.either(m.threadRan(),
                "[thread-ran] A thread of this JVM ran the JShell class with no trouble: it shares the memory"
                        + " that holds the class.",
                "[thread-missed] The thread of this JVM did not report back from the JShell class, which this"
                        + " lesson does not expect: see its line above.", v);
        n.say("[rule] The rule behind both fixes: a new JVM only knows what it can load from its class path, so"
                + " work meant for another process belongs in a compiled file; work that must use what lives in"
                + " memory stays in this JVM, on a thread.");
        return n;
    }
}
