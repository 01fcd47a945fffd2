package support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts child JVMs the way the lessons need them: the parent's own {@code java} binary and class
 * path, a class of the lesson as the entry point (compiled already: no source launcher, no shell),
 * output read line by line, and a guarantee that no child outlives the lesson — a shutdown hook kills
 * what is left on a normal exit, an exception, Ctrl-C or SIGTERM, and each child also watches its
 * parent (see {@link #exitWithParent()}) for the one end a hook cannot see: SIGKILL. The parent keeps
 * each child's standard input for one signal, {@link Child#go()}: a child must not read it otherwise.
 */
public final class ChildJvm {
    /** A child writes its machine-readable result on a line that starts with this. */
    public static final String RESULT = "@result ";
    private static final int ERR_TAIL = 8;
    private static final String PARENT = "asynckit.parent.pid";
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean stopping;
    private static final String INTERRUPTED = "the lesson was interrupted, and its child processes were stopped";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::killAll, "kill-children"));
    }

    private ChildJvm() {}

    /** In a child: writes one result line, {@code key=value}, for the parent to read with {@link #parse}. */
    public static void report(String key, Object value) {
        System.out.println(RESULT + key + "=" + value);
    }

    /** Result lines (without the marker) as a map, in order: the one place that reads {@code key=value}. */
    public static Map<String, String> parse(List<String> resultLines) {
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : resultLines) {
            String[] kv = line.split("=", 2);
            results.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return results;
    }

    /**
     * What a child is started with besides its command line: variables added to its environment (a
     * copy of the parent's) and one line written to its standard input as it starts. A child sent a
     * line must read it before anything else; {@link Child#go()} is for the other children.
     */
    public record Options(Map<String, String> environment, String stdinLine) {
        public static final Options NONE = new Options(Map.of(), null);

        public Options {
            environment = Map.copyOf(environment);
        }

        public Options withEnv(String name, String value) {
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.put(name, value);
            return new Options(env, stdinLine);
        }

        public Options withStdin(String line) { return new Options(environment, line); }
    }

    /** The command line that runs {@code main} in a new JVM like this one, with extra JVM options. */
    public static List<String> command(List<String> jvmOptions, Class<?> main, List<String> args) {
        return command(jvmOptions, System.getProperty("java.class.path"), main, args);
    }

    /** The same, on another class path (the checker puts a learner's compiled exercise first on it). */
    public static List<String> command(List<String> jvmOptions, String classPath, Class<?> main, List<String> args) {
        return command(jvmOptions, classPath, main.getName(), args);
    }

    /** The same, naming the main class (lesson 05 names one that exists only in JShell's memory). */
    public static List<String> command(List<String> jvmOptions, String classPath, String main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-D" + PARENT + "=" + ProcessHandle.current().pid()); // see exitWithParent
        if (Host.faked()) command.add("-D" + Host.FAKE + "=" + System.getProperty(Host.FAKE)); // a test's fake OS
        command.addAll(kitFlags());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, main));
        command.addAll(args);
        return command;
    }

    /**
     * The JVM flags this JVM was started with that a child needs too: the {@code --} flags (such as
     * {@code --sun-misc-unsafe-memory-access=allow} or {@code --enable-preview}) that Lab.java's
     * {@code //RUNTIME_OPTIONS} and pom.xml's argLine give lessons and tests. A child of a lesson on a
     * preview API must run with {@code --enable-preview} as its parent does.
     */
    public static List<String> kitFlags() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--")).distinct().toList();
    }

    /**
     * Starts a child. Its ordinary output lines go to {@code echo} as they come; its result lines are
     * kept; the last lines of its standard error are kept for an error message. With a null
     * {@code echo}, standard output is left for the caller to read (see {@link #startRaw}).
     */
    public static Child start(String name, List<String> jvmOptions, Class<?> main, List<String> args,
                              Consumer<String> echo) {
        return start(name, command(jvmOptions, main, args), echo);
    }

    /**
     * Starts a child from a command made by {@link #command}, possibly behind a launcher such as
     * {@code taskset -c 0} (a test of the checker runs a check as on a machine with one CPU).
     */
    public static Child start(String name, List<String> command, Consumer<String> echo) {
        return start(name, command, echo, Options.NONE);
    }

    /** Starts a child with an environment and a line of standard input of the caller's choosing. */
    public static Child start(String name, List<String> command, Consumer<String> echo, Options options) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(options.environment()); // a copy of ours; we add to the copy
            Process process = builder.start();
            long startNanos = System.nanoTime();
            LIVE.add(process);
            if (options.stdinLine() != null) {
                process.getOutputStream().write((options.stdinLine() + "\n").getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
            }
            return new Child(name, process, startNanos, echo);
        } catch (IOException e) {
            if (lessonStopping()) throw new ChildFailed(INTERRUPTED); // Ctrl-C reached the spawn helper too
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts a child whose standard output is binary data for the parent to read itself, from
     * {@link Child#stdout()}; it has no result lines, and its standard error is kept as usual.
     */
    public static Child startRaw(String name, List<String> jvmOptions, Class<?> main, List<String> args) {
        return start(name, jvmOptions, main, args, null);
    }

    /** The most children that were alive at the same moment, as the parent saw them start and exit. */
    public static int peakAlive(List<Child> children) {
        return Gauge.peakOverlap(children.stream().map(c -> new long[] {c.startNanos(), c.exitNanos()}).toList());
    }

    /**
     * Ctrl-C in a terminal signals the children too (and a spawn helper starting one): a child may die
     * of it (exit 128 + signal) before this JVM's shutdown hook has begun. Gives the hook half a second
     * to show, so that the child is not blamed for the lesson's interruption.
     */
    private static boolean lessonStopping() {
        for (int i = 0; i < 50 && !stopping; i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return stopping;
    }

    /** Kills every child still running, and their own children. */
    public static void killAll() {
        stopping = true; // from here on a child's death is the lesson's doing, not the child's failure
        for (Process p : LIVE) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /**
     * Called first thing in a child's main: when the parent dies, by any means, the child ends too,
     * so a killed lesson never leaves orphan JVMs computing in the background. A daemon thread checks
     * every 0.1 s that the parent is still its parent (an orphan is handed to another process).
     * It sleeps rather than waiting in a read: a thread blocked in native code at exit delays the
     * JVM's exit by some 300 ms, measured here.
     */
    public static void exitWithParent() {
        // The parent's PID as the parent gave it: a parent killed before this child reached main has
        // already handed it to another process, and the child must not take that one for its parent.
        long parent = Long.getLong(PARENT, parentPid());
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
            while (parentPid() == parent) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
            // Its own children go too (the checker's judge may be running a learner's worker processes).
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().halt(3);
        });
    }

    private static long parentPid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    }

    /** In a child: waits until the parent calls {@link Child#go()}; ends the child if the parent is gone. */
    public static void awaitGo() throws IOException {
        if (System.in.read() < 0) Runtime.getRuntime().halt(3); // end of input: the parent has died
    }

    /** A child that failed, hung or said nothing; the message is one line meant for the learner. */
    public static final class ChildFailed extends RuntimeException {
        public ChildFailed(String message) { super(message); }
    }

    /** One running child JVM. */
    public static final class Child {
        private final String name;
        private final Process process;
        private final long startNanos;
        private volatile long exitNanos;
        private final java.util.concurrent.CompletableFuture<Void> exited;
        private final List<String> results = new ArrayList<>();
        private final Deque<String> errTail = new ArrayDeque<>();
        private volatile String errFirst; // the first line the child wrote to standard error: usually the cause
        private final Thread outReader, errReader;

        Child(String name, Process process, long startNanos, Consumer<String> echo) {
            this.name = name;
            this.process = process;
            this.startNanos = startNanos;
            exited = process.onExit().thenRun(() -> {
                exitNanos = System.nanoTime();
                LIVE.remove(process);
            });
            outReader = echo == null ? null : Thread.ofVirtual().start(() -> readLines(process.getInputStream(), line -> {
                if (line.startsWith(RESULT)) {
                    synchronized (results) {
                        results.add(line.substring(RESULT.length()));
                        results.notifyAll();
                    }
                } else {
                    echo.accept(line);
                }
            }));
            errReader = Thread.ofVirtual().start(() -> readLines(process.getErrorStream(), line -> {
                synchronized (errTail) {
                    if (errFirst == null && !line.isBlank()) errFirst = line.strip();
                    if (errTail.size() == ERR_TAIL) errTail.removeFirst();
                    errTail.addLast(line);
                }
            }));
        }

        private static void readLines(InputStream in, Consumer<String> sink) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) sink.accept(line);
            } catch (IOException e) {
                // the child was killed mid-line: what was read is all there is
            }
        }

        /** ": " and what the child said, cut to {@code room} characters: never a stack trace, never a long line. */
        private static String said(String line, int room) {
            if (line == null || room < 10) return "";
            return ": " + (line.length() <= room - 2 ? line : line.substring(0, room - 5) + "...");
        }

        public String name() { return name; }

        public long pid() { return process.pid(); }

        /** The child's standard output, for a child started with {@link #startRaw}. */
        public InputStream stdout() { return process.getInputStream(); }

        /**
         * Waits for the child to end, at most {@code timeoutSeconds} from its start; kills it if it runs
         * longer. Fails with a one-line {@link ChildFailed} unless it exited 0 and gave a result.
         */
        public Child await(double timeoutSeconds) throws InterruptedException {
            finish(timeoutSeconds);
            if (process.exitValue() != 0 && (stopping || process.exitValue() > 128 && lessonStopping())) {
                throw new ChildFailed(INTERRUPTED);
            }
            if (process.exitValue() != 0) {
                String failed = String.format("%s (PID %d) exited with code %d", name, pid(), process.exitValue());
                throw new ChildFailed(failed + said(errFirst, 92 - failed.length())); // "error: " + it fits 100
            }
            if (outReader != null && results.isEmpty()) {
                throw new ChildFailed(name + " (PID " + pid() + ") ended without a result");
            }
            return this;
        }

        /**
         * Waits for the child to end, as {@link #await} does, and returns its exit code whatever it is:
         * for a child that is meant to fail, or whose failure the caller explains itself. Its output has
         * been read to the end when this returns.
         */
        public int finish(double timeoutSeconds) throws InterruptedException {
            long left = startNanos + Math.round(timeoutSeconds * 1e9) - System.nanoTime();
            if (!process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new ChildFailed(String.format("%s (PID %d) ran longer than the %s s timeout and was killed",
                        name, pid(), timeoutSeconds));
            }
            exited.join();
            if (outReader != null) outReader.join();
            errReader.join();
            return process.exitValue();
        }

        /** The exit code of a child that has ended. */
        public int exitCode() { return process.exitValue(); }

        /** The last lines (up to 8) the child wrote on standard error. */
        public List<String> err() {
            synchronized (errTail) { return List.copyOf(errTail); }
        }

        /** The child's result lines as {@code key=value} pairs (see {@link ChildJvm#parse}). */
        public Map<String, String> result() { return parse(results()); }

        /** One result, or "?" where the child did not report it. */
        public String get(String key) { return result().getOrDefault(key, "?"); }

        /**
         * Waits, at most {@code timeoutSeconds} from the child's start, until it has written
         * {@code count} result lines; fails as {@link #await} does if it ends or runs out of time first.
         */
        public List<String> awaitResults(int count, double timeoutSeconds) throws InterruptedException {
            long deadline = startNanos + Math.round(timeoutSeconds * 1e9);
            synchronized (results) {
                while (results.size() < count && process.isAlive() && System.nanoTime() < deadline) {
                    results.wait(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
                }
                if (results.size() >= count) return List.copyOf(results);
            }
            await(timeoutSeconds); // reports why: killed on timeout, or an exit code and its errors
            // The child has ended and its output has been read to the end: the reader may have added
            // the last result lines only after the wait above saw the process gone.
            List<String> all = results();
            if (all.size() >= count) return all;
            throw new ChildFailed(name + " (PID " + pid() + ") ended after " + all.size() + " of " + count + " results");
        }

        /** Tells a child waiting in {@link ChildJvm#awaitGo()} to go on. */
        public void go() throws IOException {
            process.getOutputStream().write(1);
            process.getOutputStream().flush();
        }

        /** The child's result lines, without the marker. */
        public List<String> results() {
            synchronized (results) { return List.copyOf(results); }
        }

        /** System.nanoTime when the parent started the child, and when it saw the child exit. */
        public long startNanos() { return startNanos; }

        public long exitNanos() { return exitNanos; }
    }
}
