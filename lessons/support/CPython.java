package support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import support.Results.Task;

/**
 * Lesson 07's plumbing around the kit's Python program, {@code python/workers.py}: finding an
 * interpreter (on the PATH, or the one named), asking it what it is, and reading a run's lines into
 * the lab's tasks. The lesson itself builds the command line and starts the program, with
 * {@link ChildJvm#start(String, List, Consumer)}, which takes any command and kills what is left of
 * it (the interpreter and its worker processes) when the lesson ends.
 */
public final class CPython {
    private CPython() {}

    /** The oldest Python the program runs on: threading.get_native_id() came in 3.8. */
    static final int[] OLDEST = {3, 8};
    static final double PROBE_SECONDS = 30;
    private static final Pattern FREE_THREADED = Pattern.compile("python3\\.(\\d+)t(\\.exe)?");

    /**
     * An interpreter that answered the probe: its version, whether its GIL is on, its start methods
     * (the default, and all this system offers) and its sys.executable.
     */
    public record Interpreter(String command, String version, String implementation, String build, boolean gil,
                              String defaultStartMethod, List<String> startMethods, String executable) {
        /** The variants' prefix: {@code cpython}, {@code cpython-ft} for a build without GIL, or the implementation. */
        public String prefix() { return implementation + (gil ? "" : "-ft"); }

        /** How the lesson names it: "CPython 3.11.7", "CPython 3.14.0t". */
        public String label() {
            String name = implementation.equals("cpython") ? "CPython" : implementation;
            return name + " " + version + (build.equals("free-threaded") ? "t" : "");
        }
    }

    /** The interpreter found, or null and one line saying why none runs (and what to install). */
    public record Found(Interpreter interpreter, String why) {}

    /** What a learner without Python reads, after what went wrong: one line within 100 columns. */
    public static final String INSTALL = "install CPython 3.8+ (python.org) to compare; Java runs alone.";

    private static Found none(String what) {
        return new Found(null, what + ": " + INSTALL);
    }

    /** The names a plain {@code python3} has on this system. */
    static List<String> defaultNames() {
        return Host.current().os() == Host.Os.WINDOWS ? List.of("python3.exe", "python.exe") : List.of("python3");
    }

    /** The first executable file of that name in a folder of the PATH, or null. */
    public static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    /**
     * The kit's {@code python/workers.py}: under the working folder or one of its parents, or beside
     * the kit's {@code ./jbang} launcher (JBang names it in JBANG_LAUNCH_CMD); null if not found.
     */
    public static Path script() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        String launcher = System.getenv("JBANG_LAUNCH_CMD");
        if (launcher != null && Path.of(launcher).getParent() != null) starts.add(Path.of(launcher).getParent());
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path script = dir.resolve("python").resolve("workers.py");
                if (Files.isRegularFile(script)) return script.toAbsolutePath();
            }
        }
        return null;
    }

    /** The interpreter to use: {@code given} (a path, or a name on the PATH), else python3 on the PATH. */
    public static Found find(String given, Path script) throws InterruptedException {
        Path program = given == null ? defaultNames().stream().map(CPython::onPath).filter(p -> p != null)
                .findFirst().orElse(null) : given.contains("/") || given.contains(File.separator) ? Path.of(given)
                : onPath(given);
        if (given == null && program == null) return none("No " + defaultNames().getFirst() + " on the PATH");
        if (program == null || !Files.isRegularFile(program)) return none("No " + shorten(given, 16) + " here");
        if (script == null) return new Found(null, "python/workers.py not found: run the lesson in the kit's folder.");
        return probe(program.toString(), script);
    }

    /** Runs the program's {@code probe}: the interpreter's summary line, or why it did not answer. */
    public static Found probe(String command, Path script) throws InterruptedException {
        String name = shorten(command, 16);
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        ChildJvm.Child child;
        try {
            child = ChildJvm.start("probe", List.of(command, script.toString(), "probe"), lines::add);
        } catch (RuntimeException e) {
            return none("Cannot start " + name);
        }
        int code;
        try {
            code = child.finish(PROBE_SECONDS);
        } catch (ChildJvm.ChildFailed e) {
            return none(name + " hung");
        }
        Map<String, String> s = lines.stream().filter(l -> l.startsWith("summary ")).findFirst()
                .map(CPython::fields).orElse(Map.of());
        if (code != 0 || !s.containsKey("python")) return none(name + " failed (exit " + code + ")");
        String[] v = s.get("python").split("\\.");
        if (Integer.parseInt(v[0]) * 100 + Integer.parseInt(v[1]) < OLDEST[0] * 100 + OLDEST[1]) {
            return none(name + " is Python " + s.get("python"));
        }
        return new Found(new Interpreter(command, s.get("python"), s.get("implementation"), s.get("build"),
                !"disabled".equals(s.get("gil")), s.get("default_start_method"),
                List.of(s.getOrDefault("start_methods", "").split(",")), s.get("executable")), null);
    }

    /**
     * The newest free-threaded CPython on the PATH (python3.14t, python3.13t, ...) that answers the
     * probe with its GIL off and is not {@code main}; null if there is none.
     */
    public static Interpreter freeThreaded(Path script, Interpreter main) throws InterruptedException {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty() || !Files.isDirectory(Path.of(dir))) continue;
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                files.filter(f -> FREE_THREADED.matcher(f.getFileName().toString()).matches())
                        .filter(Files::isExecutable).forEach(candidates::add);
            } catch (IOException e) {
                // an unreadable folder of the PATH: nothing from it
            }
        }
        candidates.sort(Comparator.comparingInt(CPython::minor).reversed());
        for (Path candidate : candidates) {
            Interpreter ft = probe(candidate.toString(), script).interpreter();
            if (ft != null && !ft.gil() && (main == null || !ft.executable().equals(main.executable()))) return ft;
        }
        return null;
    }

    private static int minor(Path p) {
        Matcher m = FREE_THREADED.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** A line's {@code key=value} pairs, after its first word. */
    public static Map<String, String> fields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.strip().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return fields;
    }

    /** The end of {@code text}, "..." and its last {@code room - 3} characters if it is longer. */
    public static String shorten(String text, int room) {
        return text.length() <= room ? text : "..." + text.substring(text.length() - room + 3);
    }

    /**
     * One run of the program, fed its standard output line by line (it is the child's echo). It
     * echoes each worker's start and finish as the lessons do ("Thread1 started, PID 4242"), turns
     * each {@code worker} line into a task on this JVM's System.nanoTime time line, and keeps the
     * summary.
     */
    public static final class Run implements Consumer<String> {
        private final String label, names;
        private final CountDownLatch ready = new CountDownLatch(1);
        private final Map<Integer, Task> tasks = new java.util.TreeMap<>(); // by worker index
        private volatile Map<String, String> summary = Map.of();
        private volatile long offset;
        private volatile boolean sharedClock;
        private volatile String clockSource = "?";

        /** {@code label} starts each echoed line ("CPython"); {@code names} names the workers ("Thread"). */
        public Run(String label, String names) {
            this.label = label;
            this.names = names;
        }

        @Override
        public void accept(String line) {
            long now = System.nanoTime();
            Map<String, String> f = fields(line);
            String kind = line.split(" ", 2)[0];
            switch (kind) {
                case "clock" -> {
                    // The same clock when the program's reading came before ours, and not long before.
                    long theirs = Long.parseLong(f.get("now"));
                    sharedClock = theirs <= now && now - theirs < 1_000_000_000L;
                    offset = sharedClock ? 0 : now - theirs;
                    clockSource = f.getOrDefault("source", "?");
                    ready.countDown();
                }
                case "started" -> System.out.printf("%s %s%s started, PID %s%s%n", label, names, f.get("index"),
                        f.get("pid"), names.startsWith("Process") ? ", parent PID " + f.get("parent") : "");
                case "worker" -> {
                    Task t = task(f);
                    synchronized (tasks) { tasks.put(Integer.parseInt(f.get("index")), t); }
                    System.out.printf("%s %s finished, PID %d, took %s%n", label, t.worker(), t.pid(), Lab.secs(t.seconds()));
                }
                case "summary" -> summary = f;
                default -> System.out.println(line);
            }
        }

        private Task task(Map<String, String> f) {
            long start = Long.parseLong(f.get("start")) + offset, end = Long.parseLong(f.get("end")) + offset;
            long launched = Long.parseLong(f.get("launched")) + offset;
            boolean process = names.startsWith("Process");
            return new Task(names + f.get("index"), Long.parseLong(f.get("pid")), "tid " + f.get("thread"), start, end,
                    f.get("check"), process ? Math.max(0, start - launched) : -1);
        }

        /** Waits until the program is ready (its clock line read); fails with one line if it ended first. */
        public void awaitReady(ChildJvm.Child child, double timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + Math.round(timeoutSeconds * 1e9);
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                boolean alive = ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false);
                if (!alive || System.nanoTime() > deadline) failed(child, child.finish(timeoutSeconds));
            }
        }

        /**
         * Waits for the program to end and returns its tasks, in worker order; counts the CPU time it
         * reports (its own and its worker processes') into the lab's phase. Fails with one line if
         * it failed or ran longer than {@code timeoutSeconds}.
         */
        public List<Task> finish(ChildJvm.Child child, double timeoutSeconds, Lab lab) throws InterruptedException {
            int code = child.finish(timeoutSeconds);
            if (code != 0 || !summary.containsKey("cpu") || !summary.get("workers").equals("" + tasks.size())) {
                failed(child, code);
            }
            lab.childCpu(Long.parseLong(summary.get("cpu")));
            synchronized (tasks) {
                return List.copyOf(tasks.values());
            }
        }

        private static void failed(ChildJvm.Child child, int code) {
            List<String> err = child.err();
            String said = err.isEmpty() ? "" : ": " + err.getLast().strip();
            String line = String.format("%s (PID %d) exited with code %d%s", child.name(), child.pid(), code, said);
            throw new ChildJvm.ChildFailed(line.length() <= 92 ? line : line.substring(0, 89) + "...");
        }

        /** The program's summary line: python, gil, start_method, wall, cpu... */
        public Map<String, String> summary() { return summary; }

        /** The clock time.monotonic_ns() reads, e.g. clock_gettime(CLOCK_MONOTONIC). */
        public String clockSource() { return clockSource; }

        /** Whether its clock is this JVM's (else its times were moved by an estimated offset). */
        public boolean sharedClock() { return sharedClock; }
    }
}
