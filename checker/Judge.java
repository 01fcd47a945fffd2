import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import support.ChildJvm;

/**
 * What every judge shares, and the judge JVM's entry point. The checker compiles a learner's file
 * and runs this class's {@code main} in a JVM of its own (started by {@link ChildJvm}), with the
 * compiled classes first on the class path. The exercise's judge, found by name (the exercise's
 * class name + {@code Judge}, in {@code checker/judges/}), calls the exercise's code and looks only at
 * what it does — never at its source text. Its verdict goes to the checker as {@link ChildJvm#report}
 * lines: {@code verdict} (pass or fail), {@code reason} (on a fail: a short id, see {@link Verdict}),
 * {@code cores} (what this JVM may use) and {@code text} (what was seen, or what is still wrong).
 */
abstract class Judge {
    /** What the learner reads in {@code --list}: the task in one line. */
    abstract String task();

    /** The hints, in Markdown: each one starts with a line {@code ## Hint N}. */
    abstract String hints();

    /** Judges the exercise: returns what was seen when it is solved, throws {@link Unsolved} when not. */
    abstract String judge() throws Unsolved;

    /**
     * What is still wrong: {@code reason}, a short id (lower-case words joined by '-', such as
     * {@code lost-updates}) that tests and scripts rely on, and one or two plain sentences for the learner.
     */
    static final class Unsolved extends Exception {
        private final String reason;

        Unsolved(String reason, String format, Object... args) {
            super(String.format(format, args), null, false, false);
            if (!Verdict.REASON.matcher(reason).matches()) throw new IllegalArgumentException("not a reason id: " + reason);
            this.reason = reason;
        }

        String reason() { return reason; }
    }

    /** The exercise's class, and its file's name (to point at its lines). */
    Class<?> type;
    String file;
    /** The cores this JVM may use, read here only: on one core, some things cannot be shown. */
    final int cores = Runtime.getRuntime().availableProcessors();
    private static final AtomicReference<Throwable> THREAD_FAILURE = new AtomicReference<>();

    /** The judge of the exercise whose class is {@code className}, without the exercise loaded. */
    static Judge of(String className) {
        try {
            return (Judge) Class.forName(className + "Judge").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("no judge " + className + "Judge in checker/judges/ for class " + className, e);
        }
    }

    /** Arguments: the exercise's class name and its file name. */
    public static void main(String[] args) {
        PrintStream checker = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the exercise's own prints are not for us
        ChildJvm.exitWithParent();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> THREAD_FAILURE.compareAndSet(null, e));
        String className = args[0], file = args[1], reason = null, text;
        Judge judge = of(className);
        judge.file = file;
        try {
            try {
                judge.type = Class.forName(className);
            } catch (ClassNotFoundException e) {
                throw new Unsolved("missing-class", "%s has no class %s any more: keep the class name of the starting file.",
                        file, className);
            }
            text = judge.judge();
        } catch (Unsolved e) {
            reason = e.reason();
            text = e.getMessage() + inThreads(file);
        } catch (ExceptionInInitializerError e) {
            Unsolved threw = judge.threw("Loading " + className, e.getCause());
            reason = threw.reason();
            text = threw.getMessage();
        } catch (Throwable e) { // e.g. a method that returns another type than it did
            reason = "could-not-run";
            text = "The check could not run the exercise (" + e + "). Keep the names, parameters and return types "
                    + "of the starting file.";
        } finally {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly); // no orphans
        }
        System.setOut(checker);
        ChildJvm.report("verdict", reason == null ? "pass" : "fail");
        if (reason != null) ChildJvm.report("reason", reason);
        ChildJvm.report("cores", judge.cores);
        ChildJvm.report("text", text.replaceAll("\\s*\\R\\s*", " ")); // one line
        System.out.flush();
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

    // ---- calling the learner's code ------------------------------------------------------------

    Method method(String name, Class<?>... parameters) throws Unsolved {
        try {
            Method m = type.getDeclaredMethod(name, parameters);
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException e) {
            throw new Unsolved("missing-method", "%s has no method %s(%s) any more: keep the names and parameters of the starting file.",
                    type.getName(), name, Arrays.stream(parameters).map(Class::getSimpleName).collect(Collectors.joining(", ")));
        }
    }

    Object field(String name) throws Unsolved {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new Unsolved("missing-field", "%s has no field %s any more: keep it as in the starting file.", type.getName(), name);
        }
    }

    Class<?> nested(String simpleName) throws Unsolved {
        for (Class<?> c : type.getDeclaredClasses()) {
            if (c.getSimpleName().equals(simpleName)) return c;
        }
        throw new Unsolved("missing-class", "%s has no class %s any more: keep it as in the starting file.", type.getName(), simpleName);
    }

    /** Calls a static method of the exercise; what it throws becomes a one-line message naming the line. */
    Object invoke(Method method, Object... args) throws Unsolved {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw threw(method.getName() + "()", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    Unsolved threw(String what, Throwable e) {
        String where = Arrays.stream(e.getStackTrace()).filter(f -> file.equals(f.getFileName())).findFirst()
                .map(f -> " (" + file + ", line " + f.getLineNumber() + ")").orElse("");
        return new Unsolved("threw", "%s threw %s%s%s.", what, e.getClass().getName(),
                e.getMessage() == null ? "" : ": " + e.getMessage(), where);
    }

    // ---- small waits ----------------------------------------------------------------------------

    static void waitFor(BooleanSupplier condition, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) sleep(20);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static String pids(Set<Long> pids) {
        return pids.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
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
            await(firstLook);
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
