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
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Exercise 06, counter-race: the judge of exercises/06-counter-race.java (see Judge). */
final class CounterRaceJudge extends Judge {
    @Override
    String task() { return "Fix a race on a shared counter, and say which fix costs least."; }

    @Override
    String hints() {
        return """
            ## Hint 1

            `count++` is a read, an add and a write. The fix must make these one step that no other thread
            can cut into. Three ways do that: mark `increment()` (and `total()`) `synchronized`; keep the
            count in an `AtomicLong` and call `incrementAndGet()`; or keep it in a `LongAdder` and call
            `increment()`, with `sum()` in `total()`. Marking the field `volatile` is not enough: it makes
            every thread see the latest value, but two threads can still read the same one.

            ## Hint 2

            For CHEAPEST_FIX, try each fix in `Counter` and run the file: it prints how long the shared
            counter took, and how long counting per thread took. Then think about what the threads have to
            wait for in each case: a lock, a memory word that others keep changing, cells that are still
            shared memory, or nothing at all.
            """;
    }

    @Override
    String judge() throws Unsolved {
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
            throw new Unsolved("changed-counter", "Counter must keep a constructor without arguments and its methods increment() and "
                    + "total(), as in the starting file.");
        }
        // An unsafe counter loses an update when a thread is cut off between its read and its write.
        // With several cores that happens whenever two threads add at the same moment; with one, only
        // when the OS switches threads inside that gap, which on its own it rarely does. So the threads
        // start together (all ready, then one signal), they yield inside the gap (below), and the
        // rounds go on for half a second or more, ending at the first round that loses an update
        // (with the yields, an unsafe counter loses thousands in the first round, on one core too).
        int threads = Math.max(4, 2 * cores), times = 10_000, minRounds = 10;
        long expected = (long) threads * times, budget = 500_000_000L, began = System.nanoTime();
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
            started.forEach(Judge::join);
            if (failed.get() != null) throw threw("increment()", failed.get());
            long got;
            try {
                got = ((Number) total.invoke(counter)).longValue();
            } catch (Throwable e) {
                throw threw("total()", e);
            }
            if (got < expected) {
                throw new Unsolved("lost-updates", "increment() still loses updates: %,d of %,d increments vanished when %d threads "
                        + "counted at once. Reading, adding and writing back must happen as one step that no other "
                        + "thread can cut into.", expected - got, expected, threads);
            }
            if (got > expected) throw new Unsolved("counted-twice", "The counter says %,d after %,d increments: it counts some twice.", got, expected);
        } while (round < minRounds || System.nanoTime() - began < budget);
        Object answer = field("CHEAPEST_FIX");
        String choice = answer instanceof Enum<?> e ? e.name() : String.valueOf(answer);
        String why = "Which choice has the threads share nothing until the end?";
        String mechanism = switch (choice) {
            case "COUNT_PER_THREAD_THEN_ADD" -> null;
            case "TODO" -> throw new Unsolved("no-answer", "No update is lost any more: the race is fixed. Now answer CHEAPEST_FIX: "
                    + "try the fixes, run the file and compare the times it prints.");
            case "SYNCHRONIZED" -> "Not SYNCHRONIZED: behind one lock the threads add one at a time, and each waits "
                    + "for the lock.";
            case "ATOMIC" -> "Not ATOMIC: it takes no lock, but every increment writes the same memory word, which "
                    + "the threads must take from one another.";
            case "LONG_ADDER" -> "Close, but not LONG_ADDER: its cells make collisions rare, yet every increment "
                    + "still writes to shared memory.";
            default -> throw new Unsolved("unknown-answer", "CHEAPEST_FIX is %s, which is not one of the choices.", choice);
        };
        if (mechanism != null) throw new Unsolved("wrong-answer", "%s %s %s", mechanism, timed(threads), why);
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
            super(Judge.class.getClassLoader());
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
}
