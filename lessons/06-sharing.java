///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES support/Lab.java

// Lesson 06, part two — what sharing results costs.
//
// The article's conclusion warns that processes share no memory: what a child computes must be sent
// back to its parent. Each worker here sorts --size numbers; then the parent takes every result in
// turn: from threads it reads the arrays where they lie; from child JVMs it receives them through a
// pipe (the child's standard output) or a memory-mapped file. Only the hand-over is timed.
//
// Run it:   ./jbang sharing
//           ./jbang sharing --size 10_000_000     (40 MB per worker)

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import notice.SharingNotice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import support.ChildJvm;
import support.Cli;
import support.Lab;
import support.InOrder;
import support.MappedFiles;
import support.Results;
import support.Results.Task;
import support.SortWork;

@Command(name = "sharing", mixinStandardHelpOptions = true,
        description = "Lesson 06, part two: handing results back: threads read them in place, processes send them.")
class Sharing implements Callable<Integer> {

    // Threads: each one sorts into an array of this process, so when it ends the parent holds its result.
    List<Task> sortOnThreads(Lab lab, SortWork.Sorted[] kept) throws InterruptedException {
        Task[] done = new Task[workers];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            int k = i;
            threads.add(Thread.ofPlatform().name("Thread", i + 1).start(() -> done[k] = lab.checked(() ->
                    (kept[k] = SortWork.primitive(size, new SplittableRandom(seed.seed() + k + 1))).check(size))));
        }
        for (Thread t : threads) t.join();
        return List.of(done);
    }

    // ...and handing a thread's result over is reading it where it lies: no copy at all.
    Task readInPlace(int worker, SortWork.Sorted sorted) {
        long start = System.nanoTime(), sum = InOrder.sum(MemorySegment.ofArray(sorted.ints()));
        return handedOver("Thread" + worker, ProcessHandle.current().pid(), start, sum, sorted.sum(), sorted.ints().length);
    }

    // A pipe: each child writes its sorted numbers, as bytes, to its standard output, after a header
    // (how many, and their sum) that the parent reads once the child has sorted.
    List<Sender> startSenders() throws InterruptedException {
        List<Sender> senders = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            ChildJvm.Child c = ChildJvm.startRaw("Process" + i, List.of(), Worker.class,
                    List.of("pipe", String.valueOf(size), String.valueOf(seed.seed() + i)));
            var in = new DataInputStream(new BufferedInputStream(c.stdout(), 1 << 16));
            try {
                senders.add(new Sender(c, in, in.readInt(), in.readLong()));
            } catch (IOException e) { // the child ended without sending: say why (exit code, its errors)
                c.await(timeout.seconds());
                throw new ChildJvm.ChildFailed(c.name() + " (PID " + c.pid() + ") sent nothing");
            }
        }
        return senders;
    }

    static void sendThroughPipe(SortWork.Sorted out) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Integer.BYTES + Long.BYTES + out.ints().length * Integer.BYTES)
                .putInt(out.ints().length).putLong(out.sum()); // the header
        bytes.asIntBuffer().put(out.ints());                     // the numbers, after it
        new FileOutputStream(FileDescriptor.out).write(bytes.array());
    }

    // The parent reads the numbers into an int[] of its own: the kernel copies every byte from one
    // process to the other, a pipe buffer at a time.
    Task receiveThroughPipe(Sender s) throws IOException, InterruptedException {
        long start = System.nanoTime();
        byte[] bytes = s.pipe().readNBytes(s.count() * Integer.BYTES);
        if (bytes.length < s.count() * Integer.BYTES) { // the child ended part-way: say why
            s.child().await(timeout.seconds());
            throw new ChildJvm.ChildFailed(s.child().name() + " (PID " + s.child().pid() + ") sent only part");
        }
        int[] numbers = new int[s.count()];
        ByteBuffer.wrap(bytes).asIntBuffer().get(numbers);
        long sum = InOrder.sum(MemorySegment.ofArray(numbers));
        return handedOver(s.child().name(), s.child().pid(), start, sum, s.sum(), numbers.length);
    }

    // A memory-mapped file: each child sorts, then waits; told to go, it maps a file and copies its
    // numbers into it. One child at a time, so that no other is busy meanwhile.
    List<ChildJvm.Child> startWriters(MappedFiles files) throws InterruptedException {
        List<ChildJvm.Child> writers = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            writers.add(ChildJvm.start("Process" + i, List.of(), Worker.class, List.of("mmap", String.valueOf(size),
                    String.valueOf(seed.seed() + i), files.file(i).toString()), line -> {}));
        }
        for (ChildJvm.Child c : writers) c.awaitResults(1, timeout.seconds()); // "sorted"
        return writers;
    }

    static void writeMapped(Path file, int[] numbers) throws IOException {
        try (Arena arena = Arena.ofConfined(); var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MemorySegment mapped = channel.map(MapMode.READ_WRITE, 0, (long) numbers.length * Integer.BYTES, arena);
            MemorySegment.copy(numbers, 0, mapped, ValueLayout.JAVA_INT, 0, numbers.length);
        } // closing the arena unmaps the file at once
    }

    // The parent maps the same file and reads the numbers in place: the pages are shared, not sent
    // through the kernel, but each is made and faulted in first. Timed from "go" to the last number.
    Task receiveThroughMappedFile(ChildJvm.Child child, Path file) throws Exception {
        long start = System.nanoTime(), sum;
        child.go();
        child.awaitResults(2, timeout.seconds()); // then "sum", once it has written its file
        try (Arena arena = Arena.ofConfined(); var channel = FileChannel.open(file, StandardOpenOption.READ)) {
            sum = InOrder.sum(channel.map(MapMode.READ_ONLY, 0, (long) size * Integer.BYTES, arena));
        }
        Task done = handedOver(child.name(), child.pid(), start, sum, Long.parseLong(child.get("sum")), size);
        Files.delete(file); // read and unmapped: its memory can go now
        return done;
    }

    /** A child JVM: sorts its numbers, then hands them to the parent the way its first argument says. */
    static final class Worker {
        public static void main(String[] args) throws Exception {
            ChildJvm.exitWithParent();
            var out = SortWork.primitive(Integer.parseInt(args[1]), new SplittableRandom(Long.parseLong(args[2])));
            if (args[0].equals("pipe")) { // its standard output is the pipe: nothing else may be written there
                sendThroughPipe(out);
                return;
            }
            ChildJvm.report("sorted", true);
            ChildJvm.awaitGo();
            writeMapped(Path.of(args[3]), out.ints());
            ChildJvm.report("sum", out.sum());
        }
    }

    public static void main(String[] args) {
        Lab.run(new Sharing(), args);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Lab lab = new Lab(common, new Results.Params("06-sharing", "", size, null, seed.seed(), "share"));
        lab.begin("%d workers, each sorting %,d numbers (%,.1f MB); seed %d", workers, size, size * 4 / 1e6, seed.seed());
        lab.warmUp(5, InOrder::warmUp);
        var kept = new SortWork.Sorted[workers];
        double sort = lab.measure("worker", "threads", "sort", null, () -> sortOnThreads(lab, kept)).wall();
        System.out.printf("%nHanding the sorted numbers to the parent, one worker at a time:%n");
        double threads = handOver(lab, "threads", k -> readInPlace(k + 1, kept[k]));
        List<Sender> senders = startSenders();
        double pipe = handOver(lab, "pipe", k -> receiveThroughPipe(senders.get(k)));
        for (Sender s : senders) s.child().await(timeout.seconds());
        try (MappedFiles files = MappedFiles.forFilesOf((long) size * Integer.BYTES)) {
            List<ChildJvm.Child> writers = startWriters(files);
            double mmap = handOver(lab, "mmap", k -> receiveThroughMappedFile(writers.get(k), files.file(k + 1)));
            for (ChildJvm.Child c : writers) c.await(timeout.seconds());
            lab.table("workload", "variant", "worker", "pid", "task_s", "check");
            lab.notice(SharingNotice.of(new SharingNotice.Measured(workers, size, sort, threads, pipe, mmap, files.inMemory())));
        }
        return lab.end();
    }

    /** Times the hand-over of every worker's result, one after another, as one phase; returns its wall time. */
    double handOver(Lab lab, String way, HandOver one) throws Exception {
        Lab.Phase p = lab.measure("worker", way, null, null, () -> {
            List<Task> tasks = new ArrayList<>();
            for (int k = 0; k < workers; k++) tasks.add(one.of(k));
            return tasks;
        });
        System.out.printf("  %-8s %s for %d x %,d numbers%n", way, Lab.secs(p.wall()), workers, size);
        return p.wall();
    }

    interface HandOver { Task of(int worker) throws Exception; }

    /** A child sending through a pipe, once its header has come: how many numbers, and their sum. */
    record Sender(ChildJvm.Child child, DataInputStream pipe, int count, long sum) {}

    /** One hand-over, timed from {@code start} to now; "ok" when every number came, in order. */
    Task handedOver(String worker, long pid, long start, long sum, long sentSum, int count) {
        long end = System.nanoTime();
        return new Task(worker, pid, "", start, end, sum == sentSum && count == size ? "ok" : "FAILED");
    }

    // ---- Options ------------------------------------------------------------------------------------

    @Option(names = "--workers", paramLabel = "N", description = "Workers in each way (default: ${DEFAULT-VALUE}).")
    int workers = 4;

    @Option(names = "--size", paramLabel = "N", description = "Numbers each worker sorts and hands over (default: ${DEFAULT-VALUE}).")
    int size = 2_000_000;

    @Mixin Cli.Common common;
    @Mixin Cli.Seed seed;
    @Mixin Cli.Timeout timeout;
    @Spec CommandSpec spec;

    void validate() {
        if (workers < 1 || workers > 64) throw Cli.bad(spec, "--workers must be from 1 to 64 (got %d)", workers);
        if (size < 1 || size > 100_000_000) throw Cli.bad(spec, "--size must be from 1 to 100,000,000 (got %d)", size);
        // Kept at once: the threads' arrays, and one received result with its bytes.
        Cli.requireHeap(spec, (workers + 2L) * Integer.BYTES * size, String.format("--size %,d with %d workers", size, workers));
    }
}

// What you should see, on a typical 4-16 core laptop: reading the threads' results takes a few
// milliseconds (they are already in the parent's memory: one pass over the numbers), while each process
// pays to send its result back: through a pipe the kernel copies every byte, through a mapped file the
// pages are shared but must first be made and faulted in. Both cost several times the threads' read,
// and grow with --size. Threads share for free; processes share by copying, the price of isolation.
