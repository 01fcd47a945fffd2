import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The judge: runs in a JVM of its own that the checker starts for one exercise, with the learner's
 * compiled classes first on the class path. It calls the exercise's code and looks only at what
 * that code does — tasks asleep at once, jobs busy at once, child processes and their PIDs, state
 * that arrives, updates that get lost — never at its source text. Its one line of output for the
 * checker is {@code @verdict pass DETAIL} or {@code @verdict fail WHAT-IS-STILL-WRONG}.
 */
final class Checks {
    static final String VERDICT = "@verdict ";

    /** One exercise: its number, the slug in its file name, its class, the lesson it follows, its task. */
    record Exercise(int number, String slug, String className, String lesson, String task) {
        String fileName() { return String.format("%02d-%s.java", number, slug); }

        String label() { return String.format("%02d %s", number, slug); }
    }

    /** The exercises, in lesson order. A new one needs a file in exercises/, solutions/, checker/originals/ and hints/. */
    static final List<Exercise> ALL = List.of(
            new Exercise(1, "sleep-together", "SleepTogether", "01 threads-sleep",
                    "Make four sleeping tasks finish in about the time of one, with threads."),
            new Exercise(2, "all-cores", "AllCores", "02 threads-sort",
                    "Make a list of jobs that compute use every core: one thread per core."),
            new Exercise(3, "worker-processes", "WorkerProcesses", "03 process-sort",
                    "Start worker processes, hand each its share, add up their results."),
            new Exercise(4, "who-runs", "WhoRuns", "04 pids",
                    "Tell threads and processes apart by PID and thread id."),
            new Exercise(5, "pass-the-state", "PassTheState", "05 spawn-vs-fork",
                    "Fix a \"spawn\" bug: the child needs state the parent only has in memory."),
            new Exercise(6, "counter-race", "CounterRace", "06 choosing",
                    "Fix a race on a shared counter, and say which fix costs least."));

    /** What is still wrong, in one or two plain sentences for the learner. */
    static final class Unsolved extends Exception {
        Unsolved(String format, Object... args) { super(String.format(format, args), null, false, false); }
    }

    private final Class<?> type;
    private final String file;
    /** The cores this JVM may use, read here only: on one core, some things cannot be shown (see allCores). */
    private final int cores = Runtime.getRuntime().availableProcessors();
    private static final AtomicReference<Throwable> THREAD_FAILURE = new AtomicReference<>();

    private Checks(Class<?> type, String file) {
        this.type = type;
        this.file = file;
    }

    /** Arguments: the exercise number, its class name, its file name (to point at its lines). */
    public static void main(String[] args) {
        PrintStream verdict = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the exercise's own prints are not for us
        endWithParent();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> THREAD_FAILURE.compareAndSet(null, e));
        Exercise exercise = ALL.get(Integer.parseInt(args[0]) - 1);
        String result;
        try {
            Class<?> type;
            try {
                type = Class.forName(exercise.className());
            } catch (ClassNotFoundException e) {
                throw new Unsolved("%s has no class %s any more: keep the class name of the starting file.",
                        args[2], exercise.className());
            }
            Checks checks = new Checks(type, args[2]);
            result = "pass " + switch (exercise.number()) {
                case 1 -> checks.sleepTogether();
                case 2 -> checks.allCores();
                case 3 -> checks.workerProcesses();
                case 4 -> checks.whoRuns();
                case 5 -> checks.passTheState();
                case 6 -> checks.counterRace();
                default -> throw new IllegalArgumentException("no check for exercise " + exercise.number());
            };
        } catch (Unsolved e) {
            result = "fail " + e.getMessage() + inThreads(args[2]);
        } catch (ExceptionInInitializerError e) {
            result = "fail " + new Checks(null, args[2]).threw("Loading " + exercise.className(), e.getCause()).getMessage();
        } catch (Throwable e) { // e.g. a method that returns another type than it did
            result = "fail The check could not run the exercise (" + e + "). Keep the names, parameters and "
                    + "return types of the starting file.";
        } finally {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly); // no orphans
        }
        verdict.println(VERDICT + result.replaceAll("\\s*\\R\\s*", " "));
        verdict.flush();
        Runtime.getRuntime().halt(0); // threads the exercise left running must not keep this JVM alive
    }

    /** What a thread of the exercise threw, if one did: often the reason a check failed. */
    private static String inThreads(String file) {
        Throwable e = THREAD_FAILURE.get();
        if (e == null) return "";
        String where = Arrays.stream(e.getStackTrace()).filter(f -> file.equals(f.getFileName())).findFirst()
                .map(f -> " (" + file + ", line " + f.getLineNumber() + ")").orElse("");
        return " One of its threads threw " + e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where + ".";
    }

    /** The checker keeps our standard input open and never writes to it: end-of-file means it is gone. */
    private static void endWithParent() {
        Thread.ofPlatform().daemon().name("checker-watch").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever sent
                }
            } catch (IOException e) {
                // the same: the checker is gone
            }
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().halt(3);
        });
    }

    // ---- 01: threads that sleep ----------------------------------------------------------------

    String sleepTogether() throws Unsolved {
        Method runAll = method("runAll", List.class);
        int n = 4;
        Gauge asleep = new Gauge();
        CountDownLatch allAsleep = new CountDownLatch(n);
        AtomicBoolean gaveUp = new AtomicBoolean();
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        AtomicInteger finished = new AtomicInteger();
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int slot = i;
            tasks.add(() -> {
                runs.incrementAndGet(slot);
                asleep.enter();
                try {
                    // Sleep until all four are asleep together, or one second at most. Tasks on threads
                    // of their own all get there at once; tasks run one by one never do (and after the
                    // first has waited its second, the others stop waiting).
                    allAsleep.countDown();
                    if (!gaveUp.get() && !allAsleep.await(1, TimeUnit.SECONDS)) gaveUp.set(true);
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    asleep.exit();
                    finished.incrementAndGet();
                }
            });
        }
        long start = System.nanoTime();
        invoke(runAll, tasks);
        double took = (System.nanoTime() - start) / 1e9;
        int finishedOnReturn = finished.get();
        if (finishedOnReturn < n) {
            waitFor(() -> finished.get() == n, 5);
            if (finished.get() > finishedOnReturn) {
                throw new Unsolved("runAll returned while %d of the %d tasks were still asleep. Wait for every thread "
                        + "to finish (join) before runAll returns.", n - finishedOnReturn, n);
            }
            throw new Unsolved("Only %d of the %d tasks ran. runAll must run every task in the list.", finishedOnReturn, n);
        }
        for (int i = 0; i < n; i++) {
            if (runs.get(i) != 1) throw new Unsolved("Task %d ran %d times; every task must run exactly once.", i + 1, runs.get(i));
        }
        int peak = asleep.peak();
        if (peak == 1) {
            throw new Unsolved("The tasks ran one after another: never more than 1 of the %d was asleep at a time. "
                    + "Start a thread for every task before you wait for any of them.", n);
        }
        if (peak < n) {
            throw new Unsolved("At most %d of the %d tasks were asleep at the same time. Start all the threads first, "
                    + "then wait for each one.", peak, n);
        }
        // The check's tasks sleep 0.1 s, not the 1 s of the learner's file: say so beside the time.
        return String.format("%d tasks asleep at once: %.2f s in all, with the check's 0.1 s sleeps", peak, took);
    }

    // ---- 02: threads that compute --------------------------------------------------------------

    String allCores() throws Unsolved {
        Method run = method("runOnAllCores", List.class);
        int count = Math.max(4, 2 * cores);
        Gauge busy = new Gauge();
        AtomicBoolean gaveUp = new AtomicBoolean();
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            jobs.add(() -> {
                workers.add(Thread.currentThread());
                busy.enter();
                try {
                    // Compute (spin) until every core has had a job at the same moment, or one second at
                    // most; a core that computes never hands over its thread, so this counts cores.
                    long deadline = System.nanoTime() + 1_000_000_000L;
                    while (!gaveUp.get() && busy.peak() < cores) {
                        if (System.nanoTime() > deadline) gaveUp.set(true);
                        Thread.onSpinWait();
                    }
                    return jobResult(index);
                } finally {
                    busy.exit();
                }
            });
        }
        Thread caller = Thread.currentThread();
        List<?> results = (List<?>) invoke(run, jobs);
        if (results == null || results.size() != count) {
            throw new Unsolved("runOnAllCores returned %s results for %d jobs: return one result per job.",
                    results == null ? "no" : String.valueOf(results.size()), count);
        }
        for (int i = 0; i < count; i++) {
            if (!Objects.equals(results.get(i), jobResult(i))) {
                int from = 0;
                while (from < count && !Objects.equals(results.get(i), jobResult(from))) from++;
                throw new Unsolved("Result %d %s. Return the results in the order of the jobs (keep the futures in a "
                        + "list, in the same order).", i + 1, from < count ? "is the result of job " + (from + 1) : "is wrong");
            }
        }
        int peak = busy.peak();
        if (cores == 1 && workers.equals(Set.of(caller))) {
            // One core computes one job at a time however the jobs are run: what shows a pool here is
            // that the jobs ran on a thread of their own, not on the caller's.
            throw new Unsolved("The jobs ran one after another on the calling thread. Run them on a pool of one "
                    + "thread per core (this machine has 1).");
        }
        if (peak == 1 && cores > 1) {
            throw new Unsolved("The jobs ran one after another: only 1 core worked, on a machine with %d. Run them on "
                    + "a pool of one thread per core.", cores);
        }
        if (peak < cores) {
            throw new Unsolved("At most %d jobs ran at the same time, on a machine with %d cores. Make the pool one "
                    + "thread per core: Runtime.getRuntime().availableProcessors().", peak, cores);
        }
        if (workers.size() > cores) {
            throw new Unsolved("The %d jobs ran on %d different threads, for %d cores: jobs that compute get no faster "
                    + "with more threads than cores, they take turns. Size the pool with "
                    + "Runtime.getRuntime().availableProcessors().", count, workers.size(), cores);
        }
        waitFor(() -> workers.stream().noneMatch(t -> t != caller && t.isAlive() && !t.isDaemon()), 5);
        if (workers.stream().anyMatch(t -> t != caller && t.isAlive() && !t.isDaemon())) {
            throw new Unsolved("The pool's threads were still alive after runOnAllCores returned, and they would keep "
                    + "the program from ending. Close the pool when the results are in (try-with-resources).");
        }
        if (cores == 1) {
            return String.format("%d jobs on a pool of 1 thread; with 1 core, jobs side by side cannot be shown", count);
        }
        return String.format("%d jobs, %d at once on %d cores", count, peak, cores);
    }

    /** A small job that computes: sort some seeded random numbers, return a number that names the job. */
    static int jobResult(int index) {
        int[] numbers = new SplittableRandom(index).ints(200_000, 1, 100_001).toArray();
        Arrays.sort(numbers);
        return index * 1_000_000 + numbers[numbers.length / 2];
    }

    // ---- 03: worker processes ------------------------------------------------------------------

    String workerProcesses() throws Unsolved {
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
            throw new Unsolved("total did the whole job in this process: no worker process was started. Start one "
                    + "per share with " + START_WORKER + ".");
        }
        long expected = work(0, n);
        if (got != expected) {
            String shares = children.values().stream().map(Checks::share).filter(Objects::nonNull)
                    .sorted(Comparator.comparingLong(s -> s[0])).map(s -> "[" + s[0] + ", " + s[1] + ")")
                    .collect(Collectors.joining(" "));
            throw new Unsolved("The workers' results add up to %d, but the job over 0 .. %d gives %d.%s Together the "
                    + "shares must hold every number from 0 to %d exactly once.", got, n - 1, expected,
                    shares.isEmpty() ? "" : " The shares were " + shares + ".", n - 1);
        }
        if (children.size() != workers) {
            throw new Unsolved("total started %d worker process%s for %d shares: start exactly one per share.",
                    children.size(), children.size() == 1 ? "" : "es", workers);
        }
        if (watch.peak() < workers) {
            throw new Unsolved("The workers ran one after another: at most %d was running at a time. Start every "
                    + "worker before you wait for any of them.", watch.peak());
        }
        waitFor(() -> children.keySet().stream().noneMatch(Checks::alive), 5);
        if (children.keySet().stream().anyMatch(Checks::alive)) {
            throw new Unsolved("A worker was still running after total returned. Read each worker's result and wait "
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

    // ---- 04: PIDs and thread ids ---------------------------------------------------------------

    String whoRuns() throws Unsolved {
        Method who = method("whoAmI"), fromThreads = method("fromThreads", int.class),
                fromProcesses = method("fromProcesses", int.class);
        long pid = ProcessHandle.current().pid();
        long[] me = identity(invoke(who));
        if (me[0] != pid) {
            throw new Unsolved("whoAmI() says PID %d, but this process is PID %d. ProcessHandle.current() knows the "
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
            throw new Unsolved("whoAmI() says thread %d, but it was called on thread %d. Thread.currentThread() knows "
                    + "the thread's id.", me[1] != caller ? me[1] : elsewhere[0], me[1] != caller ? caller : elsewhere[1]);
        }

        List<long[]> threads = identities(invoke(fromThreads, 4));
        if (threads.size() != 4) {
            throw new Unsolved("fromThreads(4) returned %d answers instead of 4.%s", threads.size(), threads.size() < 4
                    ? " When several threads add to one list, the list must allow it (Collections.synchronizedList)." : "");
        }
        for (long[] id : threads) {
            if (id[0] != pid) throw new Unsolved("A thread answered PID %d, but all the threads of a process share its PID, %d.", id[0], pid);
        }
        Set<Long> threadIds = new HashSet<>();
        threads.forEach(id -> threadIds.add(id[1]));
        if (threadIds.equals(Set.of(caller))) {
            throw new Unsolved("All 4 answers came from thread %d, the thread that called fromThreads. Start a new "
                    + "thread for each answer.", caller);
        }
        if (threadIds.size() < 4) {
            throw new Unsolved("The 4 answers came from only %d different threads: start a new thread for each answer.", threadIds.size());
        }

        List<long[]> processes;
        ChildWatch watch = new ChildWatch();
        try {
            processes = identities(invoke(fromProcesses, 3));
        } finally {
            watch.close();
        }
        if (processes.size() != 3) throw new Unsolved("fromProcesses(3) returned %d answers instead of 3.", processes.size());
        Set<Long> pids = new HashSet<>();
        processes.forEach(id -> pids.add(id[0]));
        if (pids.equals(Set.of(pid))) {
            throw new Unsolved("All 3 answers say PID %d, which is this process. Start a child process for each answer: "
                    + "javaCommand(Reporter.class).start().", pid);
        }
        if (pids.size() < 3) throw new Unsolved("The 3 answers came from only %d processes: start a child process for each answer.", pids.size());
        if (!watch.anyChildRan()) {
            throw new Unsolved("fromProcesses started no child process, so its PIDs cannot be right. Start a child "
                    + "process for each answer: javaCommand(Reporter.class).start().");
        }
        return String.format("threads share PID %d; child processes are PIDs %s", pid, pids(pids));
    }

    /** The (pid, threadId) of an Identity record. */
    private long[] identity(Object identity) throws Unsolved {
        if (identity == null) throw new Unsolved("whoAmI() returned null: return an Identity.");
        try {
            Method pid = identity.getClass().getDeclaredMethod("pid"), thread = identity.getClass().getDeclaredMethod("threadId");
            pid.setAccessible(true);
            thread.setAccessible(true);
            return new long[] {(Long) pid.invoke(identity), (Long) thread.invoke(identity)};
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new Unsolved("Identity must keep its two parts, pid and threadId, as in the starting file.");
        }
    }

    private List<long[]> identities(Object list) throws Unsolved {
        if (!(list instanceof List<?> answers)) throw new Unsolved("A list of answers was expected, and got null.");
        List<long[]> ids = new ArrayList<>();
        for (Object answer : answers.toArray()) ids.add(identity(answer));
        return ids;
    }

    // ---- 05: state a child process needs ------------------------------------------------------

    String passTheState() throws Unsolved {
        Method totalInChild = method("totalInChild");
        @SuppressWarnings("unchecked")
        List<Integer> prices = (List<Integer>) field("PRICES");
        SplittableRandom random = new SplittableRandom();
        int count = 0;
        for (int round = 1; round <= 2; round++) { // two different lists: the answer cannot be built in
            count = 25 + random.nextInt(25);
            prices.clear();
            for (int i = 0; i < count; i++) prices.add(random.nextInt(1, 1000));
            long expected = prices.stream().mapToLong(Integer::longValue).sum(), got;
            ChildWatch watch = new ChildWatch();
            try {
                got = (Long) invoke(totalInChild);
            } finally {
                watch.close();
            }
            if (!watch.anyChildRan()) {
                throw new Unsolved("totalInChild added the prices up without any child process. Keep the child: start "
                        + "the Adder with javaCommand(Adder.class, ...) and hand it the prices.");
            }
            if (got == 0 && expected != 0) {
                throw new Unsolved("The child answered 0, but the parent's %d prices add up to %d. A new JVM starts from "
                        + "the class files, so PRICES is empty there: hand the prices to the child when you start it.",
                        count, expected);
            }
            if (got != expected) {
                throw new Unsolved("The child answered %d, but the parent's %d prices add up to %d: some prices were lost "
                        + "or changed on the way.", got, count, expected);
            }
        }
        return "the child received every price, in two rounds";
    }

    // ---- 06: a race on a shared counter -------------------------------------------------------

    String counterRace() throws Unsolved {
        Class<?> counterType = nested("Counter");
        MethodHandle increment, total;
        Constructor<?> make;
        try {
            make = counterType.getDeclaredConstructor();
            make.setAccessible(true);
            Method inc = counterType.getDeclaredMethod("increment"), tot = counterType.getDeclaredMethod("total");
            inc.setAccessible(true);
            tot.setAccessible(true);
            increment = MethodHandles.lookup().unreflect(inc);
            total = MethodHandles.lookup().unreflect(tot);
        } catch (ReflectiveOperationException e) {
            throw new Unsolved("Counter must keep a constructor without arguments and its methods increment() and "
                    + "total(), as in the starting file.");
        }
        // An unsafe counter loses an update when a thread is cut off between its read and its write.
        // With several cores that happens whenever two threads add at the same moment; with one, only
        // when the OS switches threads inside that gap, which on its own it rarely does. So the threads
        // start together (all ready, then one signal), they yield inside the gap (below), and the
        // rounds go on for a second or more, ending at the first round that loses an update.
        int threads = Math.max(4, 2 * cores), times = 10_000, minRounds = 10;
        long expected = (long) threads * times, budget = 1_000_000_000L, began = System.nanoTime();
        // The rounds count with a copy of the exercise's classes that yields the CPU after every field
        // read and every call (see Yielding): a thread that has read the count but not yet written it
        // back then lets the others run, on one core too. The plain classes are kept for the timing.
        try {
            Class<?> yielding = new Yielding(type.getName()).loadClass(counterType.getName());
            make = yielding.getDeclaredConstructor();
            make.setAccessible(true);
            Method inc = yielding.getDeclaredMethod("increment"), tot = yielding.getDeclaredMethod("total");
            inc.setAccessible(true);
            tot.setAccessible(true);
            increment = MethodHandles.lookup().unreflect(inc);
            total = MethodHandles.lookup().unreflect(tot);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        int round = 0;
        do {
            round++;
            Object counter;
            try {
                counter = make.newInstance();
            } catch (InvocationTargetException e) {
                throw threw("new Counter()", e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            MethodHandle add = increment.bindTo(counter);
            CountDownLatch ready = new CountDownLatch(threads), go = new CountDownLatch(1);
            List<Thread> started = new ArrayList<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            for (int t = 0; t < threads; t++) {
                started.add(Thread.ofPlatform().start(() -> {
                    try {
                        ready.countDown();
                        go.await();
                        for (int i = 0; i < times; i++) add.invoke();
                    } catch (Throwable e) {
                        failed.compareAndSet(null, e);
                    }
                }));
            }
            await(ready);
            go.countDown();
            started.forEach(Checks::join);
            if (failed.get() != null) throw threw("increment()", failed.get());
            long got;
            try {
                got = ((Number) total.invoke(counter)).longValue();
            } catch (Throwable e) {
                throw threw("total()", e);
            }
            if (got < expected) {
                throw new Unsolved("increment() still loses updates: %,d of %,d increments vanished when %d threads "
                        + "counted at once. Reading, adding and writing back must happen as one step that no other "
                        + "thread can cut into.", expected - got, expected, threads);
            }
            if (got > expected) throw new Unsolved("The counter says %,d after %,d increments: it counts some twice.", got, expected);
        } while (round < minRounds || System.nanoTime() - began < budget);
        Object answer = field("CHEAPEST_FIX");
        String choice = answer instanceof Enum<?> e ? e.name() : String.valueOf(answer);
        String why = "Which choice has the threads share nothing until the end?";
        String mechanism = switch (choice) {
            case "COUNT_PER_THREAD_THEN_ADD" -> null;
            case "TODO" -> throw new Unsolved("No update is lost any more: the race is fixed. Now answer CHEAPEST_FIX: "
                    + "try the fixes, run the file and compare the times it prints.");
            case "SYNCHRONIZED" -> "Not SYNCHRONIZED: behind one lock the threads add one at a time, and each waits "
                    + "for the lock.";
            case "ATOMIC" -> "Not ATOMIC: it takes no lock, but every increment writes the same memory word, which "
                    + "the threads must take from one another.";
            case "LONG_ADDER" -> "Close, but not LONG_ADDER: its cells make collisions rare, yet every increment "
                    + "still writes to shared memory.";
            default -> throw new Unsolved("CHEAPEST_FIX is %s, which is not one of the choices.", choice);
        };
        if (mechanism != null) throw new Unsolved("%s %s %s", mechanism, timed(threads), why);
        return String.format("no update lost in %d rounds of %d threads; cheapest: count per thread", round, threads);
    }

    /**
     * The learner's own numbers: the file's countTogether (with their Counter) and countPerThread,
     * best of three each, in one sentence that follows what was measured.
     */
    private String timed(int threads) throws Unsolved {
        Method together = method("countTogether", nested("Counter"), int.class, int.class),
                perThread = method("countPerThread", int.class, int.class);
        Constructor<?> make;
        try {
            make = nested("Counter").getDeclaredConstructor();
            make.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e); // counterRace made one already
        }
        int times = 1_000_000;
        double shared = Double.MAX_VALUE, alone = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            Object counter;
            try {
                counter = make.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            long start = System.nanoTime();
            invoke(together, counter, threads, times);
            shared = Math.min(shared, (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            invoke(perThread, threads, times);
            alone = Math.min(alone, (System.nanoTime() - start) / 1e9);
        }
        return timing(threads, times, shared, alone);
    }

    /** One sentence on the two times, chosen by them: a difference under a quarter of the larger is noise. */
    static String timing(int threads, int times, double shared, double perThread) {
        String measured = String.format("Timed just now with your Counter and the file's own methods, %d threads "
                + "adding %,d each: %.3f s sharing your Counter, %.3f s counting per thread", threads, times, shared, perThread);
        double larger = Math.max(shared, perThread);
        if (Math.abs(shared - perThread) < 0.25 * larger) return measured + ", about the same here (within noise).";
        if (perThread < shared) return measured + String.format(", %.0fx less.", shared / perThread);
        return measured + ": here counting per thread was the slower, which a busy machine can cause. Run the file "
                + "a few times and compare.";
    }

    /**
     * The exercise's classes loaded once more, each of their methods (constructors aside) changed to
     * call Thread.yield() after every field read and every call. A read-add-write that is not one
     * step then lets other threads in between its read and its write, even on one core, where the
     * OS alone would switch threads there too rarely to show the race. Yielding changes no result of
     * code that is safe: a lock stays held, an atomic call stays one call.
     */
    static final class Yielding extends ClassLoader {
        private static final ClassDesc THREAD = ClassDesc.of("java.lang.Thread");
        private final String className;

        Yielding(String className) {
            super(Checks.class.getClassLoader());
            this.className = className;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(className) && !name.startsWith(className + "$")) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes;
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) throw new ClassNotFoundException(name);
                        bytes = yielding(in.readAllBytes());
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) resolveClass(loaded);
                return loaded;
            }
        }

        static byte[] yielding(byte[] bytes) {
            ClassFile files = ClassFile.of();
            return files.transformClass(files.parse(bytes), ClassTransform.transformingMethods(
                    method -> !method.methodName().stringValue().startsWith("<"),
                    MethodTransform.transformingCode((code, element) -> {
                        code.with(element);
                        boolean read = element instanceof FieldInstruction f
                                && (f.opcode() == Opcode.GETFIELD || f.opcode() == Opcode.GETSTATIC);
                        if (read || element instanceof InvokeInstruction) {
                            code.invokestatic(THREAD, "yield", MethodTypeDesc.of(ConstantDescs.CD_void));
                        }
                    })));
        }
    }

    // ---- calling the learner's code ------------------------------------------------------------

    private Method method(String name, Class<?>... parameters) throws Unsolved {
        try {
            Method m = type.getDeclaredMethod(name, parameters);
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException e) {
            throw new Unsolved("%s has no method %s(%s) any more: keep the names and parameters of the starting file.",
                    type.getName(), name, Arrays.stream(parameters).map(Class::getSimpleName).collect(Collectors.joining(", ")));
        }
    }

    private Object field(String name) throws Unsolved {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new Unsolved("%s has no field %s any more: keep it as in the starting file.", type.getName(), name);
        }
    }

    private Class<?> nested(String simpleName) throws Unsolved {
        for (Class<?> c : type.getDeclaredClasses()) {
            if (c.getSimpleName().equals(simpleName)) return c;
        }
        throw new Unsolved("%s has no class %s any more: keep it as in the starting file.", type.getName(), simpleName);
    }

    /** Calls a static method of the exercise; what it throws becomes a one-line message naming the line. */
    private Object invoke(Method method, Object... args) throws Unsolved {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw threw(method.getName() + "()", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Unsolved threw(String what, Throwable e) {
        String where = Arrays.stream(e.getStackTrace()).filter(f -> file.equals(f.getFileName())).findFirst()
                .map(f -> " (" + file + ", line " + f.getLineNumber() + ")").orElse("");
        return new Unsolved("%s threw %s%s%s.", what, e.getClass().getName(),
                e.getMessage() == null ? "" : ": " + e.getMessage(), where);
    }

    private static void waitFor(BooleanSupplier condition, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) sleep(20);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String pids(Set<Long> pids) {
        return pids.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Counts who is inside a section now, and the most there ever were at once. */
    static final class Gauge {
        private final AtomicInteger now = new AtomicInteger(), peak = new AtomicInteger();

        void enter() { peak.accumulateAndGet(now.incrementAndGet(), Math::max); }

        void exit() { now.decrementAndGet(); }

        int peak() { return peak.get(); }
    }

    /**
     * Watches this process's children while the exercise runs: which were started (with their
     * arguments, as the OS shows them) and the most that were alive at once. Looking is sampling,
     * so a child that lives a few milliseconds could slip through; on Linux the CPU time of ended
     * children (/proc/self/stat) still tells for sure whether any child ran at all.
     */
    static final class ChildWatch {
        private final Map<Long, List<String>> children = new ConcurrentHashMap<>();
        private final AtomicInteger peak = new AtomicInteger();
        private final CountDownLatch firstLook = new CountDownLatch(1);
        private final long ticksBefore = childTicks();
        private volatile boolean watching = true;
        private final Thread poller;
        private long ticksAfter;

        ChildWatch() {
            poller = Thread.ofPlatform().daemon().name("child-watch").start(this::poll);
            try {
                firstLook.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        private void poll() {
            while (watching) {
                List<ProcessHandle> alive = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
                peak.accumulateAndGet(alive.size(), Math::max);
                for (ProcessHandle child : alive) {
                    // Until the child has become a java process, the OS shows the JDK's spawn helper: keep the latest.
                    children.putIfAbsent(child.pid(), List.of());
                    child.info().arguments().ifPresent(args -> children.put(child.pid(), List.of(args)));
                }
                firstLook.countDown();
                sleep(2);
            }
        }

        /** Stops watching, once the children have ended (or after a few seconds). */
        void close() {
            waitFor(() -> ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), 3);
            watching = false;
            join(poller);
            ticksAfter = childTicks();
        }

        Map<Long, List<String>> children() { return new TreeMap<>(children); }

        int peak() { return peak.get(); }

        /** Whether any child process ran while watching: seen, or its CPU time counted when it ended. */
        boolean anyChildRan() { return !children.isEmpty() || ticksAfter > ticksBefore; }

        /** The CPU time of this process's ended children, in clock ticks (0 where /proc does not tell). */
        static long childTicks() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // cutime + cstime
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
