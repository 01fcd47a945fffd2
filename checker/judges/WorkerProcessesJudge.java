import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Exercise 03, worker-processes: the judge of exercises/03-worker-processes.java (see Judge). */
final class WorkerProcessesJudge extends Judge {
    @Override
    String task() { return "Start worker processes, hand each its share, add up their results."; }

    @Override
    String hints() {
        return """
            ## Hint 1

            With `share = n / workers`, worker `w` gets the numbers from `w * share` up to (not including)
            `(w + 1) * share`, except the last one, which goes all the way to `n` and so also takes what the
            division left over. `javaCommand(Worker.class, String.valueOf(from), String.valueOf(to)).start()`
            starts a worker and returns its `Process`.

            ## Hint 2

            Start all the workers in one loop and keep their `Process` objects in a list; only then, in a
            second loop, read each one's result: `new String(process.getInputStream().readAllBytes()).strip()`
            is the line it printed, and `Long.parseLong` turns it into a number. `process.waitFor()` waits
            for the worker to end. Reading the first worker while the others still compute is fine: they
            all started already.
            """;
    }

    @Override
    String judge() throws Unsolved {
        Method total = method("total", long.class, int.class);
        long n = 300_000_001; // enough work that the workers are seen running side by side
        int workers = 3;
        long got;
        ChildWatch watch = new ChildWatch();
        try {
            got = (Long) invoke(total, n, workers);
        } finally {
            watch.close();
        }
        Map<Long, List<String>> children = watch.children();
        if (!watch.anyChildRan()) {
            throw new Unsolved("no-worker-process", "total did the whole job in this process: no worker process was started. Start one "
                    + "per share with " + START_WORKER + ".");
        }
        long expected = work(0, n);
        if (got != expected) {
            String shares = children.values().stream().map(WorkerProcessesJudge::share).filter(Objects::nonNull)
                    .sorted(Comparator.comparingLong(s -> s[0])).map(s -> "[" + s[0] + ", " + s[1] + ")")
                    .collect(Collectors.joining(" "));
            throw new Unsolved("wrong-total", "The workers' results add up to %d, but the job over 0 .. %d gives %d.%s Together the "
                    + "shares must hold every number from 0 to %d exactly once.", got, n - 1, expected,
                    shares.isEmpty() ? "" : " The shares were " + shares + ".", n - 1);
        }
        if (children.size() != workers) {
            throw new Unsolved("wrong-worker-count", "total started %d worker process%s for %d shares: start exactly one per share.",
                    children.size(), children.size() == 1 ? "" : "es", workers);
        }
        if (watch.peak() < workers) {
            throw new Unsolved("one-after-another", "The workers ran one after another: at most %d was running at a time. Start every "
                    + "worker before you wait for any of them.", watch.peak());
        }
        waitFor(() -> children.keySet().stream().noneMatch(Judge::alive), 5);
        if (children.keySet().stream().anyMatch(Judge::alive)) {
            throw new Unsolved("worker-left-running", "A worker was still running after total returned. Read each worker's result and wait "
                    + "for it to end (waitFor).");
        }
        // On one core the workers are alive at once but take turns on it: say which was seen.
        return String.format("%d workers %s, PIDs %s", workers, cores == 1 ? "alive at once on 1 core" : "at once", pids(children.keySet()));
    }

    /** How to start a worker, as the learner would write it in total(): a test compiles it there. */
    static final String START_WORKER = "javaCommand(Worker.class, String.valueOf(from), String.valueOf(to)).start()";

    /** Must match WorkerProcesses.work in the exercise: the job the workers share. */
    static long work(long from, long to) {
        long sum = 0;
        for (long i = from; i < to; i++) sum += (i * i) % 1_000_003;
        return sum;
    }

    /** The share [from, to) a worker was given: the two arguments after its class, when the OS tells them. */
    static long[] share(List<String> args) {
        int at = args.indexOf("WorkerProcesses$Worker");
        if (at < 0 || at + 2 >= args.size()) return null;
        try {
            return new long[] {Long.parseLong(args.get(at + 1)), Long.parseLong(args.get(at + 2))};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
