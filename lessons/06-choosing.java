///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.slf4j:slf4j-nop:2.0.17
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
//SOURCES support/*.java
//MAIN Choosing

// Lesson 06 — choosing between threads and processes.
//
// The article ends with advice: threads for work that waits, processes for work that computes
// (because of Python's lock), and a warning that sharing data between processes is work of its own.
// This lesson measures all of it in one run on this machine and draws the conclusion from the numbers:
//   - two workloads, waiting (sleep) and computing (sort), each on platform threads, virtual threads,
//     child processes, and threads under the model GIL of lesson 02;
//   - the cost of sharing: threads read each other's sorted arrays where they lie; a process has to
//     send them back, here through a pipe and through a memory-mapped file.
//
// Run it:   ./jbang choosing
//           ./jbang choosing --workers 8 --size 10_000_000

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.DecimalFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.ChildJvm;
import support.Cli;
import support.CpuClock;
import support.Gil;
import support.Host;
import support.NativeThread;
import support.Notice;
import support.Notice.Outcome;
import support.Results;
import support.Results.Task;
import support.SortWork;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

@Command(name = "choosing", mixinStandardHelpOptions = true,
        description = "Lesson 06: waiting and computing on threads, virtual threads, processes and the model GIL, and what sharing results costs.")
class Choosing implements Callable<Integer> {

    @Option(names = "--workers", paramLabel = "N", description = "Workers in each variant (default: ${DEFAULT-VALUE}).")
    int workers = 4;

    @Option(names = "--seconds", paramLabel = "S", description = "How long each waiting task sleeps (default: ${DEFAULT-VALUE}).")
    double seconds = 1;

    @Option(names = "--size", paramLabel = "N", description = "Numbers each computing task makes and sorts (default: ${DEFAULT-VALUE}).")
    int size = 5_000_000;

    @Option(names = "--timeout", paramLabel = "S", description = "Kill a child process that runs longer than S seconds (default: ${DEFAULT-VALUE}).")
    double timeout = 120;

    @Mixin Cli.Common common;
    @Mixin Cli.Seed seed;
    @Spec CommandSpec spec;

    static final List<String> VARIANTS = List.of("platform", "virtual", "processes", "gil");

    public static void main(String[] args) {
        Cli.run(new Choosing(), args);
    }

    // ---- The two workloads, as one task each ----------------------------------------------------

    // Waiting: sleep. Under the model GIL a waiting thread lets go of the lock, as CPython's does.
    static Task sleepTask(String name, double seconds, Gil gate) throws InterruptedException {
        long start = System.nanoTime();
        gate.enter();
        if (gate.locked()) gate.exit();                // about to wait: hand the lock back
        Thread.sleep(Duration.ofNanos(Math.round(seconds * 1e9)));
        if (gate.locked()) gate.enter();
        gate.exit();
        return new Task(name, ProcessHandle.current().pid(), NativeThread.describe(), start, System.nanoTime(), "");
    }

    // Computing: lesson 02's job, the same with and without the model GIL. Under the GIL a thread
    // offers the lock to the others at checkpoints while it makes its numbers (Python code, in the
    // article) and holds it through the whole sort (one C call, CPython's list.sort()).
    static SortWork.Sorted sortJob(int size, long seed, Gil gate) {
        gate.enter();
        try {
            var rng = new SplittableRandom(seed);
            return SortWork.primitive(size, rng, gate);
        } finally {
            gate.exit();
        }
    }

    /** What each child process runs: one task of the kind named by its first argument. */
    static final class Worker {
        public static void main(String[] args) throws Exception {
            ChildJvm.exitWithParent();
            String mode = args[0];
            long start = System.nanoTime();
            if (mode.equals("sleep")) {
                Task t = sleepTask("process", Double.parseDouble(args[1]), Gil.off());
                ChildJvm.report("took", t.endNanos() - t.startNanos());
                ChildJvm.report("check", "ok");
                return;
            }
            int size = Integer.parseInt(args[1]);
            SortWork.Sorted out = sortJob(size, Long.parseLong(args[2]), Gil.off());
            long took = System.nanoTime() - start;
            switch (mode) {
                case "sort" -> { // nanos sorting, the check, and this whole process's CPU time (for cores busy)
                    String check = out.check(size) ? "ok" : "FAILED";
                    ChildJvm.report("took", took);
                    ChildJvm.report("check", check);
                    ChildJvm.report("cpu", CpuClock.processNanos());
                }
                case "pipe" -> { // the sorted numbers, as bytes, down standard output
                    var pipe = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
                    pipe.writeInt(size);
                    pipe.writeLong(out.sum());
                    ByteBuffer bytes = ByteBuffer.allocate(size * Integer.BYTES);
                    bytes.asIntBuffer().put(out.ints());
                    pipe.write(bytes.array());
                    pipe.flush();
                }
                case "mmap" -> { // the sorted numbers, written into a file that the parent maps too
                    ChildJvm.report("sorted", true);
                    ChildJvm.awaitGo();                        // write when the parent says, so no other child is busy
                    long w0 = System.nanoTime();
                    try (Arena arena = Arena.ofConfined()) { // closing the arena unmaps the file at once
                        MemorySegment file = map(Path.of(args[3]), (long) size * Integer.BYTES, true, arena);
                        MemorySegment.copy(out.ints(), 0, file, ValueLayout.JAVA_INT, 0, size);
                    }
                    ChildJvm.report("wrote", System.nanoTime() - w0);
                    ChildJvm.report("sum", out.sum());
                }
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
    }

    /** Maps a file into memory, for writing (made as large as needed) or for reading, until the arena closes. */
    static MemorySegment map(Path path, long bytes, boolean write, Arena arena) throws IOException {
        var options = write ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE}
                : new StandardOpenOption[] {StandardOpenOption.READ};
        try (FileChannel file = FileChannel.open(path, options)) {
            return file.map(write ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, 0, bytes, arena);
        }
    }

    // ---- Running one variant --------------------------------------------------------------------

    Results results;
    final List<SortWork.Sorted> sharedByThreads = new ArrayList<>();

    /**
     * Runs `workers` tasks on threads from the given builder, all at once, and records them with the
     * most workers that were inside the gate at one moment (working or sleeping; under the GIL only the
     * thread holding the lock counts, since a sleeping thread lets go of it), and,
     * for computing, the cores this process kept busy (its CPU time ÷ the wall time).
     */
    void onThreads(String variant, String workload, Thread.Builder builder, Gil gate, IntFunction<Task> task) throws Exception {
        long[] cpu = CpuClock.start();
        long t0 = System.nanoTime();
        List<Task> tasks = new ArrayList<>();
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(builder.factory())) {
            List<Future<Task>> futures = new ArrayList<>();
            for (int i = 1; i <= workers; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            for (Future<Task> f : futures) tasks.add(f.get());
        }
        long wall = System.nanoTime() - t0;
        double busy = workload.equals("sort") ? CpuClock.since(cpu) : Double.NaN;
        results.add("worker", variant, workload, t0, wall, gate.peak(), busy, tasks);
        System.out.printf("  %-6s %-10s %s%n", workload, variant, Results.secs(wall / 1e9));
    }

    /**
     * Runs `workers` child JVMs at once, each with the given arguments, and records them; for computing,
     * the cores busy are the children's own CPU time (each reports it with its result) ÷ the wall time.
     */
    void onProcesses(String workload, IntFunction<List<String>> args) throws InterruptedException {
        long t0 = System.nanoTime();
        List<ChildJvm.Child> children = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            children.add(ChildJvm.start("process " + i, List.of(), Worker.class, args.apply(i), line -> {}));
        }
        List<Task> tasks = new ArrayList<>();
        long childCpu = 0;
        for (ChildJvm.Child c : children) {
            long inside = Long.parseLong(c.await(timeout).get("took"));
            tasks.add(new Task(c.name(), c.pid(), "", c.startNanos(), c.startNanos() + inside, c.get("check"),
                    c.exitNanos() - c.startNanos() - inside));
            long cpu = c.result().containsKey("cpu") ? Long.parseLong(c.get("cpu")) : -1; // a sleeper reports none
            childCpu = childCpu < 0 || cpu < 0 ? -1 : childCpu + cpu;
        }
        long wall = System.nanoTime() - t0;
        double busy = workload.equals("sort") ? CpuClock.coresBusy(childCpu, wall) : Double.NaN;
        results.add("worker", "processes", workload, t0, wall, ChildJvm.peakAlive(children), busy, tasks);
        System.out.printf("  %-6s %-10s %s%n", workload, "processes", Results.secs(wall / 1e9));
    }

    Task sorted(String name, long seedOffset, Gil gate, boolean keep) {
        long start = System.nanoTime();
        SortWork.Sorted out = sortJob(size, seed.seed() + seedOffset, gate);
        long end = System.nanoTime();
        if (keep) synchronized (sharedByThreads) { sharedByThreads.add(out); }
        return new Task(name, ProcessHandle.current().pid(), NativeThread.describe(), start, end, out.check(size) ? "ok" : "FAILED");
    }

    Task slept(String name, Gil gate) {
        try {
            return sleepTask(name, seconds, gate);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public Integer call() throws Exception {
        validate();
        System.out.println(Results.machine());
        NativeThread.printNote(); // off Linux: one line on what the os_thread column holds instead
        System.out.printf("%d workers per variant; waiting = sleep %s s; computing = sort %,d numbers; seed %d%n",
                workers, seconds, size, seed.seed());
        System.out.println("gil: lesson 02's model; a thread offers the lock while making numbers, holds it to sort\n");
        results = new Results(new Results.Params("06-choosing", "", size, seconds, seed.seed()));
        for (int i = 0; i < 4; i++) { // warm-up, untimed, as in lesson 02: the JIT and the heap settle first
            SortWork.primitive(size, new SplittableRandom(i));
            SortWork.primitive(size, new SplittableRandom(i), Gil.on(5));
        }

        System.out.println("Waiting and computing, wall time per variant:");
        for (String workload : List.of("sleep", "sort")) {
            boolean sleep = workload.equals("sleep");
            Gil platform = Gil.off(), virtual = Gil.off(), gil = Gil.on(5); // the last one with a lock
            onThreads("platform", workload, Thread.ofPlatform().name("Thread", 1), platform,
                    i -> sleep ? slept("Thread" + i, platform) : sorted("Thread" + i, i, platform, true));
            onThreads("virtual", workload, Thread.ofVirtual().name("Virtual", 1), virtual,
                    i -> sleep ? slept("Virtual" + i, virtual) : sorted("Virtual" + i, i, virtual, false));
            onProcesses(workload, i -> sleep ? List.of("sleep", String.valueOf(seconds))
                    : List.of("sort", String.valueOf(size), String.valueOf(seed.seed() + i)));
            onThreads("gil", workload, Thread.ofPlatform().name("GilThread", 1), gil,
                    i -> sleep ? slept("GilThread" + i, gil) : sorted("GilThread" + i, i, gil, false));
        }

        System.out.println("\nHanding the sorted numbers to the parent:");
        shareByThreads();
        shareByPipe();
        shareByMappedFile();

        summarise();
        results.writeCsv(common.csv);
        return results.table().stringColumn("check").countOccurrences("FAILED") == 0 ? 0 : 1;
    }

    // ---- Sharing the results --------------------------------------------------------------------

    // Threads: the arrays are already in this process's memory; reading them is all it takes.
    void shareByThreads() {
        long t0 = System.nanoTime();
        List<Task> tasks = new ArrayList<>();
        int i = 1;
        for (SortWork.Sorted out : sharedByThreads) {
            long start = System.nanoTime(), sum = 0;
            for (int v : out.ints()) sum += v;
            tasks.add(new Task("Thread" + i++, ProcessHandle.current().pid(), "", start, System.nanoTime(), sum == out.sum() ? "ok" : "FAILED"));
        }
        record("threads", t0, tasks);
    }

    // A pipe: each child writes its numbers to its standard output; the parent reads them into an int[].
    // The parent first reads every child's header, which comes once that child has sorted; then no
    // child is computing any more, and each transfer is timed on its own.
    void shareByPipe() throws Exception {
        long t0 = System.nanoTime();
        List<ChildJvm.Child> children = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            children.add(ChildJvm.startRaw("process " + i, List.of(), Worker.class,
                    List.of("pipe", String.valueOf(size), String.valueOf(seed.seed() + i))));
        }
        List<DataInputStream> pipes = new ArrayList<>();
        List<long[]> headers = new ArrayList<>(); // {count, sum of the numbers}
        for (ChildJvm.Child c : children) {
            var in = new DataInputStream(new BufferedInputStream(c.stdout(), 1 << 16));
            try {
                headers.add(new long[] {in.readInt(), in.readLong()}); // blocks until that child has sorted
            } catch (EOFException e) {
                c.await(timeout); // the child ended without sending: say why (exit code, its errors)
                throw new ChildJvm.ChildFailed(c.name() + " (PID " + c.pid() + ") sent nothing");
            }
            pipes.add(in);
        }
        List<Task> tasks = new ArrayList<>();
        for (int k = 0; k < workers; k++) {
            long start = System.nanoTime();
            int[] numbers = new int[(int) headers.get(k)[0]];
            byte[] bytes = pipes.get(k).readNBytes(numbers.length * Integer.BYTES);
            if (bytes.length < numbers.length * Integer.BYTES) { // the child ended mid-way: say why
                children.get(k).await(timeout);
                throw new ChildJvm.ChildFailed(children.get(k).name() + " (PID " + children.get(k).pid() + ") sent only part");
            }
            ByteBuffer.wrap(bytes).asIntBuffer().get(numbers);
            long sum = 0;
            for (int v : numbers) sum += v;
            boolean ok = sum == headers.get(k)[1] && numbers.length == size;
            tasks.add(new Task(children.get(k).name(), children.get(k).pid(), "", start, System.nanoTime(), ok ? "ok" : "FAILED"));
        }
        for (ChildJvm.Child c : children) c.await(timeout);
        record("pipe", t0, tasks);
    }

    // A memory-mapped file: each child writes into a file it maps; the parent maps it and reads in place.
    // The children sort, then wait; the parent lets one at a time write, reads what it wrote, unmaps
    // it and deletes it, so only one file takes room at a time.
    void shareByMappedFile() throws Exception {
        Path dir = mappedFilesFolder((long) size * Integer.BYTES);
        Thread cleanUp = new Thread(() -> deleteAll(dir)); // files in /dev/shm hold memory until deleted,
        Runtime.getRuntime().addShutdownHook(cleanUp);     // so they go even if the lesson is interrupted
        try {
            long t0 = System.nanoTime();
            List<ChildJvm.Child> children = new ArrayList<>();
            for (int i = 1; i <= workers; i++) {
                children.add(ChildJvm.start("process " + i, List.of(), Worker.class, List.of("mmap", String.valueOf(size),
                        String.valueOf(seed.seed() + i), dir.resolve(i + ".ints").toString()), line -> {}));
            }
            for (ChildJvm.Child c : children) c.awaitResults(1, timeout); // every child has sorted
            List<Task> tasks = new ArrayList<>();
            for (int k = 0; k < workers; k++) {
                ChildJvm.Child c = children.get(k);
                c.go();
                c.awaitResults(3, timeout); // sorted, then the nanos spent writing and the sum
                Path path = dir.resolve(k + 1 + ".ints");
                long start = System.nanoTime(), sum = 0;
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment numbers = map(path, (long) size * Integer.BYTES, false, arena);
                    for (long i = 0; i < size; i++) sum += numbers.getAtIndex(ValueLayout.JAVA_INT, i);
                }
                long end = System.nanoTime(), written = Long.parseLong(c.get("wrote"));
                Files.delete(path); // read and unmapped: its memory can go now
                // The hand-over is the child's writing plus the parent's reading.
                tasks.add(new Task(c.name(), c.pid(), "", start - written, end, sum == Long.parseLong(c.get("sum")) ? "ok" : "FAILED"));
            }
            for (ChildJvm.Child c : children) c.await(timeout);
            record("mmap", t0, tasks);
        } finally {
            deleteAll(dir);
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
    }

    /** A test pretends /dev/shm has this many bytes free, to see the fallback: -Dasynckit.shm.free=0. */
    static final String SHM_FREE = "asynckit.shm.free";

    /**
     * Linux's /dev/shm keeps files in memory only: the usual home of files shared this way. It can be
     * small (a Docker container gets 64 MiB), so it is used only with room for two files to spare;
     * otherwise the files go to the temporary folder, on disk, and the output says so.
     */
    static Path mappedFilesFolder(long bytesPerFile) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Host.current().os() != Host.Os.LINUX || !Files.isDirectory(shm) || !Files.isWritable(shm)) {
            System.out.println("  (no /dev/shm to write to here: using the temporary folder)");
            return Files.createTempDirectory("choosing-mmap");
        }
        long free = Long.getLong(SHM_FREE, Files.getFileStore(shm).getUsableSpace());
        if (free < 2 * bytesPerFile) {
            System.out.printf("  (/dev/shm has %,.1f MB free, not room for two files of %,.1f MB: using the temporary "
                    + "folder)%n", free / 1e6, bytesPerFile / 1e6);
            return Files.createTempDirectory("choosing-mmap");
        }
        return Files.createTempDirectory(shm, "choosing-mmap");
    }

    static void deleteAll(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // already gone, or never made
        }
    }

    void record(String variant, long t0, List<Task> tasks) {
        double handOver = tasks.stream().mapToDouble(Task::seconds).sum();
        // wall_s of a sharing row is the hand-over alone: the sum of the time spent moving each result.
        results.add("worker", variant, "share", t0, Math.round(handOver * 1e9), 1, tasks);
        System.out.printf("  %-6s %-10s %s for %d x %,d numbers (%.0f MB)%n", "share", variant, Results.secs(handOver),
                tasks.size(), size, tasks.size() * (double) size * Integer.BYTES / 1e6);
    }

    // ---- The decision table ---------------------------------------------------------------------

    /** One row per workload and variant: the numbers to choose by. */
    Table decisionTable() {
        Table rows = results.table();
        Table table = rows.summarize("wall_s", "task_s", AggregateFunctions.mean).by("workload", "variant");
        Table peaks = rows.summarize("peak_parallel", AggregateFunctions.max).by("workload", "variant");
        Table busy = rows.summarize("cores_busy", AggregateFunctions.mean).by("workload", "variant");
        table.addColumns(peaks.column(2).setName("peak_parallel"), busy.column(2).setName("cores_busy"));
        table.column(2).setName("wall_s");
        table.column(3).setName("mean_task_s");
        table.doubleColumn("wall_s").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        table.doubleColumn("mean_task_s").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        table.doubleColumn("cores_busy").setPrintFormatter(new NumberColumnFormatter(new DecimalFormat("0.00"), ""));
        table.setName("Decision table (share: time to hand all results over; cores_busy: CPU time / wall)");
        return table;
    }

    double wall(String workload, String variant) {
        Table t = results.table();
        return t.where(t.stringColumn("workload").isEqualTo(workload).and(t.stringColumn("variant").isEqualTo(variant)))
                .doubleColumn("wall_s").get(0);
    }

    double busy(String variant) {
        Table t = results.table();
        return t.where(t.stringColumn("workload").isEqualTo("sort").and(t.stringColumn("variant").isEqualTo(variant)))
                .doubleColumn("cores_busy").getDouble(0); // NaN where the phase was too short to measure
    }

    ByVariant walls(String workload) {
        return new ByVariant(wall(workload, "platform"), wall(workload, "virtual"), wall(workload, "processes"), wall(workload, "gil"));
    }

    void summarise() {
        System.out.println();
        System.out.println(decisionTable().printAll());
        System.out.println("(peak_parallel of gil: threads holding the lock at once; a sleeping thread lets go of it)");
        var measured = new Measured(workers, seconds, Runtime.getRuntime().availableProcessors(), walls("sleep"),
                walls("sort"), new ByVariant(busy("platform"), busy("virtual"), busy("processes"), busy("gil")),
                wall("share", "threads"), wall("share", "pipe"), wall("share", "mmap"));
        Results.notice(notice(measured));
    }

    // ---- What to notice: a pure function of the numbers, so a test can feed it both sides ---------

    /** One number per variant of a workload: a wall time, or the cores kept busy. */
    record ByVariant(double platform, double virtual, double processes, double gil) {
        double of(String variant) {
            return switch (variant) {
                case "platform" -> platform;
                case "virtual" -> virtual;
                case "processes" -> processes;
                case "gil" -> gil;
                default -> throw new IllegalArgumentException(variant);
            };
        }
    }

    /** What the closing paragraph is drawn from; share times are the time to hand all results over. */
    record Measured(int workers, double seconds, int cores, ByVariant sleep, ByVariant sort, ByVariant sortBusy,
                    double shareThreads, double sharePipe, double shareMmap) {}

    // Two times are the same, for the paragraph, when they differ by under 10 % of the larger one, or by
    // under 20 ms (thread start-up and timer jitter): on a busy laptop that much moves from run to run.
    static final double NOISE = 0.10, NOISE_FLOOR_S = 0.02;

    static Outcome versus(double a, double b) {
        return Math.abs(a - b) <= NOISE_FLOOR_S ? Outcome.SAME : Notice.compare(a, b, NOISE);
    }

    /** The fastest variant, or the ones within noise of it, named as a tie. */
    static String fastest(ByVariant walls) {
        double best = VARIANTS.stream().mapToDouble(walls::of).min().orElseThrow();
        List<String> tied = VARIANTS.stream().filter(v -> versus(walls.of(v), best) == Outcome.SAME).toList();
        if (tied.size() == 1) return "fastest: " + tied.getFirst();
        if (tied.stream().allMatch(v -> walls.of(v) <= NOISE_FLOOR_S)) { // a 6x gap between 1 and 6 ms is jitter
            return (tied.size() == VARIANTS.size() ? "all four" : and(tied)) + " under 20 ms: too short to rank";
        }
        if (tied.size() == VARIANTS.size()) return "all four tied, within noise";
        return and(tied) + " tied for fastest, within noise";
    }

    static String and(List<String> names) {
        if (names.size() < 2) return String.join("", names);
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    static String notice(Measured m) {
        var n = new Notice();
        ByVariant sleep = m.sleep(), sort = m.sort(), busy = m.sortBusy();
        n.say("Waiting: {w} tasks of {s} took {p} on platform threads, {v} on virtual threads, {pr} in processes and "
                + "{g} under the model GIL ({fastest}).", "w", m.workers(), "s", Notice.secs(m.seconds()),
                "p", Notice.secs(sleep.platform()), "v", Notice.secs(sleep.virtual()), "pr", Notice.secs(sleep.processes()),
                "g", Notice.secs(sleep.gil()), "fastest", fastest(sleep));

        // Overlapped: a thread variant closer to one sleep than to all the sleeps one after another.
        // (Processes are judged apart: their wall time also holds JVM start-ups.)
        double halfway = m.seconds() * (1 + 0.5 * (m.workers() - 1));
        List<String> apart = List.of("platform", "virtual", "gil").stream().filter(v -> sleep.of(v) >= halfway).toList();
        boolean judged = m.seconds() > 0 && m.workers() > 1 && m.seconds() * (m.workers() - 1) > NOISE_FLOOR_S;
        boolean overlapped = judged && apart.isEmpty();
        Object[] waits = {"w", m.workers(), "s", Notice.secs(m.seconds()), "serial", Notice.secs(m.workers() * m.seconds()),
                "apart", and(apart)};
        if (m.seconds() == 0) {
            n.say("With --seconds 0 there was no wait, so nothing to overlap: these times are what starting and "
                    + "ending the tasks cost.");
        } else if (m.workers() == 1) {
            n.say("With one worker there was no other wait to overlap with.", waits);
        } else if (!judged) {
            n.say("Sleeps of {s} are too short to tell an overlap from noise.", waits);
        } else {
            n.either(overlapped,
                    "On every kind of thread the waits overlapped: about one sleep in all, not {w} in a row ({serial}), "
                            + "even under the GIL, which a waiting thread lets go of.",
                    "The waits did not overlap on {apart} this time (closer to {w} sleeps in a row, {serial}, than to "
                            + "one): other work on the machine may have held them up.", waits);
        }
        n.pick(versus(sleep.processes(), sleep.platform()),
                "Processes were done sooner than platform threads, though each had a JVM to start first: other work "
                        + "on the machine likely slowed the threads.",
                "Processes took about as long as platform threads (within noise): starting their JVMs cost little here.",
                "Each process also had a JVM to start: {extra} more than platform threads.",
                "extra", Notice.secs(sleep.processes() - sleep.platform()));

        int parallel = Math.min(m.cores(), m.workers()); // how many sorts could run at one moment
        n.say("Computing: {w} sorts took {p} on platform threads, {v} on virtual threads, {pr} in processes and {g} "
                + "under the model GIL ({fastest}), keeping {bp}, {bv}, {bpr} and {bg} of the {cores} cores busy.",
                "w", m.workers(), "p", Notice.secs(sort.platform()), "v", Notice.secs(sort.virtual()),
                "pr", Notice.secs(sort.processes()), "g", Notice.secs(sort.gil()), "fastest", fastest(sort),
                "bp", coresText(busy.platform()), "bv", coresText(busy.virtual()), "bpr", coresText(busy.processes()),
                "bg", coresText(busy.gil()), "cores", m.cores());
        Object[] gil = {"ratio", Notice.times(sort.gil() / sort.platform()), "bp", coresText(busy.platform()),
                "bg", coresText(busy.gil()), "parallel", parallel,
                "alone", m.workers() == 1 ? "with one worker there is no one to take turns with"
                        : "with one core, free threads take turns as well"};
        n.pick(versus(sort.gil(), sort.platform()),
                "The sorts were faster under the model GIL than on free platform threads ({ratio} the time), which "
                        + "taking turns cannot cause: other work on the machine likely slowed the free threads.",
                parallel == 1
                        ? "Under the model GIL the sorts took about as long as on free platform threads (within "
                                + "noise): {alone}."
                        : "Under the model GIL the sorts took about as long as on free platform threads (within "
                                + "noise), though {parallel} could have sorted at once: other work on the machine may "
                                + "have held the free threads back ({bp} cores busy).",
                "Under the model GIL the threads took turns, each holding the lock through its whole sort: {ratio} "
                        + "the time of free platform threads ({bg} cores busy against {bp}). That is why Python turns "
                        + "to processes for computing.", gil);
        Outcome threadsVsProcesses = versus(sort.platform(), sort.processes());
        n.pick(threadsVsProcesses,
                "Platform threads beat processes ({p} against {pr}): Java has no GIL to escape, so processes only "
                        + "added cost, a JVM each to start and code its JIT had not compiled yet.",
                "Platform threads and processes took about as long (within noise): at this size a JVM's start-up "
                        + "hardly counts beside the sort.",
                "Processes beat platform threads this time, which is unusual on the JVM (there is no GIL to escape): "
                        + "other work on the machine likely got in the way.",
                "p", Notice.secs(sort.platform()), "pr", Notice.secs(sort.processes()));

        Outcome sharing = versus(m.shareThreads(), Math.min(m.sharePipe(), m.shareMmap()));
        Object[] share = {"t", Notice.secs(m.shareThreads()), "pipe", Notice.secs(m.sharePipe()),
                "mmap", Notice.secs(m.shareMmap())};
        n.pick(sharing,
                "Sharing cost processes more: threads read the sorted numbers where they lay in {t}, while processes "
                        + "had to send theirs back, in {pipe} through a pipe and {mmap} through a memory-mapped file.",
                "Sharing: threads read the sorted numbers where they lay in {t}; processes sent theirs back in {pipe} "
                        + "through a pipe and {mmap} through a memory-mapped file, within noise of the threads: at "
                        + "this size moving the data cost little.",
                "Sharing: reading the threads' numbers where they lay ({t}) took longer than receiving the processes' "
                        + "({pipe} by pipe, {mmap} by mapped file), which is unusual: the machine was likely busy.",
                share);

        boolean forThreads = threadsVsProcesses != Outcome.MORE && sharing != Outcome.MORE;
        if (forThreads && overlapped) {
            n.say("So on the JVM, by these numbers: threads for both kinds of work (virtual threads once the waits "
                    + "number in thousands), and processes when you need isolation (a crash or a memory limit of "
                    + "their own), planning then for moving the data.");
        } else if (forThreads && !judged) {
            n.say("So on the JVM, by these numbers: threads for computing, and processes when you need isolation "
                    + "(a crash or a memory limit of their own), planning then for moving the data; this run had no "
                    + "waits to compare.");
        } else {
            n.say("These numbers do not all point the same way on this run; compare a second run before choosing.");
        }
        return n.text();
    }

    static String coresText(double cores) {
        return Double.isNaN(cores) ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f", cores);
    }

    void validate() {
        if (workers < 1 || workers > 64) throw Cli.bad(spec, "--workers must be from 1 to 64 (got %d)", workers);
        if (!(seconds >= 0 && seconds <= 60)) throw Cli.bad(spec, "--seconds must be from 0 to 60 (got %s)", seconds);
        if (size < 1 || size > 100_000_000) throw Cli.bad(spec, "--size must be from 1 to 100,000,000 (got %d)", size);
        if (!(timeout > 0 && timeout <= 3600)) throw Cli.bad(spec, "--timeout must be more than 0 and at most 3600 s (got %s)", timeout);
        // Kept at once: the threads' sorted arrays, plus the numbers received through pipes (and a copy while decoding).
        Cli.requireHeap(spec, 4L * Integer.BYTES * size * workers, String.format("--size %,d with %d workers", size, workers));
    }
}

// What you should see, on a typical 4–16 core laptop: the waits take about one sleep on every kind of
// thread, the GIL included, and a few tenths of a second more in processes (the JVMs' start-up). The
// sorts run in parallel on platform and virtual threads (cores busy near the worker count), take turns
// under the model GIL (cores busy near 1, wall time near the workers times one sort), and cost a start-up
// more in processes. Handing results over is almost free for threads and costs processes a copy.
