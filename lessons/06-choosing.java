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
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.ChildJvm;
import support.Cli;
import support.Gil;
import support.NativeThread;
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

    // Computing: lesson 02's job. Under the model GIL it runs in steps that hand the lock over.
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
                System.out.println(ChildJvm.RESULT + (t.endNanos() - t.startNanos()) + " ok");
                return;
            }
            int size = Integer.parseInt(args[1]);
            SortWork.Sorted out = sortJob(size, Long.parseLong(args[2]), Gil.off());
            long took = System.nanoTime() - start;
            switch (mode) {
                case "sort" -> System.out.println(ChildJvm.RESULT + took + " " + (out.check(size) ? "ok" : "FAILED"));
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
                    System.out.println(ChildJvm.RESULT + "sorted");
                    ChildJvm.awaitGo();                        // write when the parent says, so no other child is busy
                    long w0 = System.nanoTime();
                    try (FileChannel file = FileChannel.open(Path.of(args[3]), StandardOpenOption.CREATE,
                            StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                        file.map(FileChannel.MapMode.READ_WRITE, 0, (long) size * Integer.BYTES).asIntBuffer().put(out.ints());
                    }
                    System.out.println(ChildJvm.RESULT + (System.nanoTime() - w0) + " " + out.sum());
                }
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
    }

    // ---- Running one variant --------------------------------------------------------------------

    Results results;
    final List<SortWork.Sorted> sharedByThreads = new ArrayList<>();

    /**
     * Runs `workers` tasks on threads from the given builder, all at once, and records them with the
     * most workers that were inside the gate (working, or sleeping without the GIL) at one moment.
     */
    void onThreads(String variant, String workload, Thread.Builder builder, Gil gate, IntFunction<Task> task) throws Exception {
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
        results.add("worker", variant, workload, t0, wall, gate.peak(), tasks);
        System.out.printf("  %-6s %-10s %s%n", workload, variant, Results.secs(wall / 1e9));
    }

    /** Runs `workers` child JVMs at once, each with the given arguments, and records them. */
    void onProcesses(String workload, IntFunction<List<String>> args) throws InterruptedException {
        long t0 = System.nanoTime();
        List<ChildJvm.Child> children = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            children.add(ChildJvm.start("process " + i, List.of(), Worker.class, args.apply(i), line -> {}));
        }
        List<Task> tasks = new ArrayList<>();
        for (ChildJvm.Child c : children) {
            String[] r = c.await(timeout).results().getLast().split(" ");
            long inside = Long.parseLong(r[0]);
            tasks.add(new Task(c.name(), c.pid(), "", c.startNanos(), c.startNanos() + inside, r[1],
                    c.exitNanos() - c.startNanos() - inside));
        }
        long wall = System.nanoTime() - t0;
        results.add("worker", "processes", workload, t0, wall, ChildJvm.peakAlive(children), tasks);
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
        System.out.printf("%d workers per variant; waiting = sleep %s s; computing = sort %,d numbers; seed %d%n%n",
                workers, seconds, size, seed.seed());
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
            ByteBuffer.wrap(pipes.get(k).readNBytes(numbers.length * Integer.BYTES)).asIntBuffer().get(numbers);
            long sum = 0;
            for (int v : numbers) sum += v;
            boolean ok = sum == headers.get(k)[1] && numbers.length == size;
            tasks.add(new Task(children.get(k).name(), children.get(k).pid(), "", start, System.nanoTime(), ok ? "ok" : "FAILED"));
        }
        for (ChildJvm.Child c : children) c.await(timeout);
        record("pipe", t0, tasks);
    }

    // A memory-mapped file: each child writes into a file it maps; the parent maps it and reads in place.
    // The children sort, then wait; the parent lets one at a time write, and reads what it wrote.
    void shareByMappedFile() throws Exception {
        // Linux's /dev/shm keeps files in memory only: the usual home of files shared this way.
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "choosing")
                : Files.createTempDirectory("choosing");
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
                String[] r = c.awaitResults(2, timeout).get(1).split(" "); // nanos spent writing, sum
                long start = System.nanoTime(), sum = 0;
                try (FileChannel file = FileChannel.open(dir.resolve(k + 1 + ".ints"), StandardOpenOption.READ)) {
                    IntBuffer numbers = file.map(FileChannel.MapMode.READ_ONLY, 0, (long) size * Integer.BYTES).asIntBuffer();
                    for (int i = 0; i < size; i++) sum += numbers.get(i);
                }
                long end = System.nanoTime(), written = Long.parseLong(r[0]);
                // The hand-over is the child's writing plus the parent's reading.
                tasks.add(new Task(c.name(), c.pid(), "", start - written, end, sum == Long.parseLong(r[1]) ? "ok" : "FAILED"));
            }
            for (ChildJvm.Child c : children) c.await(timeout);
            record("mmap", t0, tasks);
        } finally {
            deleteAll(dir);
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
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

    // ---- The decision table and the conclusion --------------------------------------------------

    /** One row per workload and variant: the numbers to choose by. */
    Table decisionTable() {
        Table rows = results.table();
        Table table = rows.summarize("wall_s", "task_s", AggregateFunctions.mean).by("workload", "variant");
        Table peaks = rows.summarize("peak_parallel", AggregateFunctions.max).by("workload", "variant");
        table.addColumns(peaks.column(2).setName("peak_parallel"));
        table.column(2).setName("wall_s");
        table.column(3).setName("mean_task_s");
        table.doubleColumn("wall_s").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        table.doubleColumn("mean_task_s").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        table.setName("Decision table (wall_s of a share row: time to hand all results over)");
        return table;
    }

    double wall(String workload, String variant) {
        Table t = results.table();
        return t.where(t.stringColumn("workload").isEqualTo(workload).and(t.stringColumn("variant").isEqualTo(variant)))
                .doubleColumn("wall_s").get(0);
    }

    void summarise() {
        Table decision = decisionTable();
        System.out.println();
        System.out.println(decision.printAll());
        String fastestSleep = VARIANTS.stream().min(Comparator.comparingDouble(v -> wall("sleep", v))).orElseThrow();
        String fastestSort = VARIANTS.stream().min(Comparator.comparingDouble(v -> wall("sort", v))).orElseThrow();
        // Overlapped: each thread variant closer to one sleep than to all the sleeps one after another.
        // (Processes are left out: their wall time also holds JVM start-ups.)
        boolean waitsOverlapped = seconds == 0 || workers == 1 || Stream.of("platform", "virtual", "gil")
                .allMatch(v -> wall("sleep", v) < seconds * (1 + 0.5 * (workers - 1)));
        boolean threadsBeatProcesses = wall("sort", "platform") < wall("sort", "processes");
        boolean gilSerialised = wall("sort", "gil") > 1.3 * wall("sort", "platform");
        boolean sharingCostsProcesses = wall("share", "threads") < Math.min(wall("share", "pipe"), wall("share", "mmap"));
        Results.notice(String.format("""
                Waiting: %d tasks of %s took %s on platform threads, %s on virtual threads, %s in processes and %s
                under the model GIL (fastest here: %s). %s Computing: %d sorts took %s on platform threads, %s on
                virtual threads, %s in processes and %s under the model GIL (fastest here: %s) on %d cores. %s %s
                Sharing: threads read the sorted numbers where they lie in %s; from processes they came back in %s
                through a pipe and %s through a memory-mapped file. %s""",
                workers, Results.secs(seconds), secs("sleep", "platform"), secs("sleep", "virtual"), secs("sleep", "processes"),
                secs("sleep", "gil"), fastestSleep,
                waitsOverlapped
                        ? "The waits overlapped whatever ran them, even under the GIL, which a waiting thread gives up; "
                          + "a process only added its start-up."
                        : "Some waits did not overlap this time (the machine may be busy): run it again.",
                workers, secs("sort", "platform"), secs("sort", "virtual"), secs("sort", "processes"), secs("sort", "gil"),
                fastestSort, Runtime.getRuntime().availableProcessors(),
                gilSerialised ? "Under the GIL the threads took turns, which is why Python needs processes for this work."
                        : "The GIL model cost little here: with one core to share, threads take turns anyway.",
                threadsBeatProcesses ? "Java's threads used the cores without the GIL, so processes only added their cost."
                        : "Processes beat threads this time, which is unusual on the JVM: run it again before you trust it.",
                secs("share", "threads"), secs("share", "pipe"), secs("share", "mmap"),
                sharingCostsProcesses && threadsBeatProcesses && waitsOverlapped
                        ? "So on the JVM, by these numbers: threads for both kinds of work (virtual threads once the "
                          + "waits number in thousands), and processes when you need isolation (a crash or a memory "
                          + "limit of their own), planning then for moving the data."
                        : "These numbers do not all point the same way on this run; compare a second run before choosing."));
    }

    String secs(String workload, String variant) { return Results.secs(wall(workload, variant)); }

    void validate() {
        if (workers < 1 || workers > 64) throw Cli.bad(spec, "--workers must be from 1 to 64 (got %d)", workers);
        if (!(seconds >= 0 && seconds <= 60)) throw Cli.bad(spec, "--seconds must be from 0 to 60 (got %s)", seconds);
        if (size < 1 || size > 100_000_000) throw Cli.bad(spec, "--size must be from 1 to 100,000,000 (got %d)", size);
        if (!(timeout > 0 && timeout <= 3600)) throw Cli.bad(spec, "--timeout must be more than 0 and at most 3600 s (got %s)", timeout);
        // Kept at once: the threads' sorted arrays, plus the numbers received through pipes (and a copy while decoding).
        Cli.requireHeap(spec, 4L * Integer.BYTES * size * workers, String.format("--size %,d with %d workers", size, workers));
    }
}
