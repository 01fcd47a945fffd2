package support;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Lesson 06-sharing's yardstick: the parent makes the same pass over every result it is handed
 * (threads' arrays, numbers from a pipe, a mapped file), so that only the hand-over differs.
 */
public final class InOrder {
    private InOrder() {}

    /** The parent's one pass over a result, the same for every way: the sum, or -1 if out of order. */
    public static long sum(MemorySegment numbers) {
        long sum = 0;
        int last = Integer.MIN_VALUE;
        for (long i = 0, n = numbers.byteSize() / Integer.BYTES; i < n; i++) {
            int v = numbers.getAtIndex(ValueLayout.JAVA_INT, i);
            if (v < last) return -1;
            sum += v;
            last = v;
        }
        return sum;
    }

    /** Untimed, first: the JIT compiles that pass, on the heap and off it (as a mapped file is), for every way. */
    public static boolean warmUp() {
        try (Arena arena = Arena.ofConfined()) {
            return sum(MemorySegment.ofArray(new int[1 << 20])) == 0 && sum(arena.allocate(1 << 22)) == 0;
        }
    }
}
