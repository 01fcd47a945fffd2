import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Exercise 04, who-runs: the judge of exercises/04-who-runs.java (see Judge). */
final class WhoRunsJudge extends Judge {
    @Override
    String task() { return "Tell threads and processes apart by PID and thread id."; }

    @Override
    String hints() {
        return """
            ## Hint 1

            `ProcessHandle.current().pid()` is this process's PID, and `Thread.currentThread().threadId()`
            is the id of the thread that runs the line. Every thread of one process gets the same PID, and
            a thread id of its own.

            ## Hint 2

            For `fromThreads`: start `n` threads, each doing `answers.add(whoAmI())`, and join them all. Make
            the list with `Collections.synchronizedList(new ArrayList<>())`: a plain `ArrayList` may lose
            answers, or throw, when several threads add to it at once.

            ## Hint 3

            For `fromProcesses`: start `n` children with `javaCommand(Reporter.class).start()` and keep
            them in a list. Then, for each one, read its output
            (`new String(child.getInputStream().readAllBytes())`), wait for it with `waitFor()`, and add
            `Identity.parse(line)` to the answers.
            """;
    }

    @Override
    String judge() throws Unsolved {
        Method who = method("whoAmI"), fromThreads = method("fromThreads", int.class),
                fromProcesses = method("fromProcesses", int.class);
        long pid = ProcessHandle.current().pid();
        long[] me = identity(invoke(who));
        if (me[0] != pid) {
            throw new Unsolved("wrong-pid", "whoAmI() says PID %d, but this process is PID %d. ProcessHandle.current() knows the "
                    + "PID.", me[0], pid);
        }
        long[] elsewhere = new long[3];
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                long[] id = identity(invoke(who));
                elsewhere[0] = id[1];
                elsewhere[1] = Thread.currentThread().threadId();
                elsewhere[2] = 1;
            } catch (Unsolved e) {
                // reported below: elsewhere[2] stays 0
            }
        });
        join(other);
        long caller = Thread.currentThread().threadId();
        if (me[1] != caller || elsewhere[2] == 0 || elsewhere[0] != elsewhere[1]) {
            throw new Unsolved("wrong-thread", "whoAmI() says thread %d, but it was called on thread %d. Thread.currentThread() knows "
                    + "the thread's id.", me[1] != caller ? me[1] : elsewhere[0], me[1] != caller ? caller : elsewhere[1]);
        }

        List<long[]> threads = identities(invoke(fromThreads, 4));
        if (threads.size() != 4) {
            throw new Unsolved("wrong-answer-count", "fromThreads(4) returned %d answers instead of 4.%s", threads.size(), threads.size() < 4
                    ? " When several threads add to one list, the list must allow it (Collections.synchronizedList)." : "");
        }
        for (long[] id : threads) {
            if (id[0] != pid) throw new Unsolved("thread-pid-differs", "A thread answered PID %d, but all the threads of a process share its PID, %d.", id[0], pid);
        }
        Set<Long> threadIds = new HashSet<>();
        threads.forEach(id -> threadIds.add(id[1]));
        if (threadIds.equals(Set.of(caller))) {
            throw new Unsolved("no-new-thread", "All 4 answers came from thread %d, the thread that called fromThreads. Start a new "
                    + "thread for each answer.", caller);
        }
        if (threadIds.size() < 4) {
            throw new Unsolved("threads-reused", "The 4 answers came from only %d different threads: start a new thread for each answer.", threadIds.size());
        }

        List<long[]> processes;
        ChildWatch watch = new ChildWatch();
        try {
            processes = identities(invoke(fromProcesses, 3));
        } finally {
            watch.close();
        }
        if (processes.size() != 3) throw new Unsolved("wrong-answer-count", "fromProcesses(3) returned %d answers instead of 3.", processes.size());
        Set<Long> pids = new HashSet<>();
        processes.forEach(id -> pids.add(id[0]));
        if (pids.equals(Set.of(pid))) {
            throw new Unsolved("no-child-process", "All 3 answers say PID %d, which is this process. Start a child process for each answer: "
                    + "javaCommand(Reporter.class).start().", pid);
        }
        if (pids.size() < 3) throw new Unsolved("processes-reused", "The 3 answers came from only %d processes: start a child process for each answer.", pids.size());
        if (!watch.anyChildRan()) {
            throw new Unsolved("no-child-process", "fromProcesses started no child process, so its PIDs cannot be right. Start a child "
                    + "process for each answer: javaCommand(Reporter.class).start().");
        }
        return String.format("threads share PID %d; child processes are PIDs %s", pid, pids(pids));
    }

    /** The (pid, threadId) of an Identity record. */
    private long[] identity(Object identity) throws Unsolved {
        if (identity == null) throw new Unsolved("null-identity", "whoAmI() returned null: return an Identity.");
        try {
            Method pid = identity.getClass().getDeclaredMethod("pid"), thread = identity.getClass().getDeclaredMethod("threadId");
            pid.setAccessible(true);
            thread.setAccessible(true);
            return new long[] {(Long) pid.invoke(identity), (Long) thread.invoke(identity)};
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new Unsolved("changed-identity", "Identity must keep its two parts, pid and threadId, as in the starting file.");
        }
    }

    private List<long[]> identities(Object list) throws Unsolved {
        if (!(list instanceof List<?> answers)) throw new Unsolved("null-answers", "A list of answers was expected, and got null.");
        List<long[]> ids = new ArrayList<>();
        for (Object answer : answers.toArray()) ids.add(identity(answer));
        return ids;
    }
}
