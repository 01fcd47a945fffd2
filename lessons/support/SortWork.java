package support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The CPU-bound job of the article's second and third experiments: make n random numbers in
 * [1, 100 000], then sort them. Each variant returns its {@link Sorted} output with a fingerprint taken
 * while generating; {@link Sorted#check} proves afterwards, outside the timed work, that the output is
 * sorted, of the right length and holds the very numbers that were generated.
 */
public final class SortWork {
    public static final int LOWEST = 1, HIGHEST = 100_000;
    /** Bytes one element takes: an int; a boxed Integer plus its reference in the list. */
    public static final int INT_BYTES = 4, BOXED_BYTES = 24;
    private static final int STEP = 1 << 12; // numbers made between two checkpoints: well under a switch interval

    private SortWork() {}

    /**
     * What a worker produced: its sorted numbers (an int[] or a list), and two fingerprints of the
     * numbers as they were generated: their sum, and the sum of a scrambled copy of each ({@link #mix}).
     * A sort that lost, duplicated or changed numbers would have to keep both sums equal by chance.
     */
    public record Sorted(int[] ints, List<Integer> boxed, long sum, long hash) {
        /** True when the output has {@code size} numbers, in order, with the generated fingerprints. */
        public boolean check(int size) {
            int[] data = ints != null ? ints : boxed.stream().mapToInt(Integer::intValue).toArray();
            long s = 0, h = 0;
            for (int i = 0; i < data.length; i++) {
                if (i > 0 && data[i - 1] > data[i]) return false;
                s += data[i];
                h += mix(data[i]);
            }
            return data.length == size && s == sum && h == hash;
        }
    }

    /** Scrambles a number into 64 well-spread bits (MurmurHash3's finaliser): an order-free fingerprint. */
    public static long mix(int v) {
        long x = v;
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    /** Numbers in an int[], sorted with Arrays.sort: the plain Java way. */
    public static Sorted primitive(int n, RandomGenerator rng) {
        return primitive(n, rng, Gil.off());
    }

    /**
     * The same job, run by a worker that holds the model GIL ({@code gil.enter()} around the call).
     * Making the numbers passes a checkpoint every few thousand numbers, as the article's loop is
     * Python bytecode: there the lock goes to a waiting thread that has asked for it. The sort is one
     * call without checkpoints, as CPython's {@code list.sort()} is one C call: it keeps the lock to
     * the end. Without a lock, or with nobody asking, a checkpoint is one volatile read.
     */
    public static Sorted primitive(int n, RandomGenerator rng, Gil gil) {
        int[] data = new int[n];
        long sum = 0, hash = 0;
        for (int i = 0; i < n; i++) {
            int v = rng.nextInt(LOWEST, HIGHEST + 1);
            data[i] = v;
            sum += v;
            hash += mix(v);
            if ((i & (STEP - 1)) == 0) gil.checkpoint();
        }
        gil.uninterrupted(() -> Arrays.sort(data));
        return new Sorted(data, null, sum, hash);
    }

    /** Numbers in a List&lt;Integer&gt;: every element is an object, like a Python list. */
    public static Sorted boxed(int n, RandomGenerator rng) {
        List<Integer> data = new ArrayList<>(n);
        long sum = 0, hash = 0;
        for (int i = 0; i < n; i++) {
            int v = rng.nextInt(LOWEST, HIGHEST + 1);
            data.add(v);
            sum += v;
            hash += mix(v);
        }
        data.sort(null);
        return new Sorted(null, data, sum, hash);
    }
}
