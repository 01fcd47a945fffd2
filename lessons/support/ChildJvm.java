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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts child JVMs the way the lessons need them: the parent's own {@code java} binary and class
 * path, a class of the lesson as the entry point (compiled already: no source launcher, no shell),
 * output read line by line, and a guarantee that no child outlives the lesson — a shutdown hook kills
 * what is left on a normal exit, an exception, Ctrl-C or SIGTERM, and each child also watches its
 * parent (see {@link #exitWithParent()}) for the one end a hook cannot see: SIGKILL. A child must not
 * use its standard input for anything else.
 */
public final class ChildJvm {
    /** A child writes its machine-readable result on a line that starts with this. */
    public static final String RESULT = "@result ";
    private static final int ERR_TAIL = 8;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::killAll, "kill-children"));
    }

    private ChildJvm() {}

    /** The command line that runs {@code main} in a new JVM like this one, with extra JVM options. */
    public static List<String> command(List<String> jvmOptions, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return command;
    }

    /**
     * Starts a child. Its ordinary output lines go to {@code echo} as they come; its result lines are
     * kept; the last lines of its standard error are kept for an error message.
     */
    public static Child start(String name, List<String> jvmOptions, Class<?> main, List<String> args,
                              Consumer<String> echo) {
        try {
            Process process = new ProcessBuilder(command(jvmOptions, main, args)).start();
            LIVE.add(process);
            return new Child(name, process, System.nanoTime(), echo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Kills every child still running, and their own children. */
    public static void killAll() {
        for (Process p : LIVE) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /**
     * Called first thing in a child's main: when the parent dies, by any means, the child ends too,
     * so a killed lesson never leaves orphan JVMs computing in the background. The parent keeps the
     * write end of the child's standard input open and never writes to it; the kernel closes it when
     * the parent dies, even by SIGKILL, and the child's read then sees end-of-file at once.
     */
    public static void exitWithParent() {
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever sent; wait for end-of-file
                }
            } catch (IOException e) {
                // a broken pipe means the same: the parent is gone
            }
            Runtime.getRuntime().halt(3);
        });
    }

    /** A child that failed, hung or said nothing; the message is one line meant for the learner. */
    public static final class ChildFailed extends RuntimeException {
        ChildFailed(String message) { super(message); }
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
        private final Thread outReader, errReader;

        Child(String name, Process process, long startNanos, Consumer<String> echo) {
            this.name = name;
            this.process = process;
            this.startNanos = startNanos;
            exited = process.onExit().thenRun(() -> {
                exitNanos = System.nanoTime();
                LIVE.remove(process);
            });
            outReader = Thread.ofVirtual().start(() -> readLines(process.getInputStream(), line -> {
                if (line.startsWith(RESULT)) {
                    synchronized (results) { results.add(line.substring(RESULT.length())); }
                } else {
                    echo.accept(line);
                }
            }));
            errReader = Thread.ofVirtual().start(() -> readLines(process.getErrorStream(), line -> {
                synchronized (errTail) {
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

        public String name() { return name; }

        public long pid() { return process.pid(); }

        public ProcessHandle handle() { return process.toHandle(); }

        /**
         * Waits for the child to end, at most {@code timeoutSeconds} from its start; kills it if it runs
         * longer. Fails with a one-line {@link ChildFailed} unless it exited 0 and gave a result.
         */
        public Child await(double timeoutSeconds) throws InterruptedException {
            long left = startNanos + Math.round(timeoutSeconds * 1e9) - System.nanoTime();
            if (!process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new ChildFailed(String.format("%s (PID %d) ran longer than the %s s timeout and was killed",
                        name, pid(), timeoutSeconds));
            }
            exited.join();
            outReader.join();
            errReader.join();
            if (process.exitValue() != 0) {
                throw new ChildFailed(String.format("%s (PID %d) exited with code %d%s", name, pid(),
                        process.exitValue(), errTail.isEmpty() ? "" : ": " + String.join(" | ", errTail)));
            }
            if (results.isEmpty()) throw new ChildFailed(name + " (PID " + pid() + ") ended without a result");
            return this;
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
