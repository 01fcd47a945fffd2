import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import support.Gil;
import support.SortWork;
import support.SortWork.Sorted;

/** The job behind lessons 02, 03 and 06, and the check the lessons report in their "check" column. */
@TimesNothing
class SortWorkTest {
    static final int N = 100_003; // not a multiple of the GIL model's step

    @Test
    void everyVariantSortsTheSameNumbers() {
        int[] plain = SortWork.primitive(N, new SplittableRandom(1)).ints();
        int[] underGil = SortWork.primitive(N, new SplittableRandom(1), Gil.on(5)).ints();
        int[] boxed = SortWork.boxed(N, new SplittableRandom(1)).boxed().stream().mapToInt(Integer::intValue).toArray();
        assertArrayEquals(plain, underGil); // the same job with and without the model GIL
        assertArrayEquals(plain, boxed);
        assertTrue(plain[0] >= SortWork.LOWEST && plain[N - 1] <= SortWork.HIGHEST);
        assertTrue(SortWork.primitive(N, new SplittableRandom(1)).check(N));
    }

    @Test
    void theSeedDecidesTheNumbers() {
        Sorted a = SortWork.primitive(N, new SplittableRandom(42)), b = SortWork.primitive(N, new SplittableRandom(42));
        assertEquals(a.sum(), b.sum());
        assertNotEquals(a.sum(), SortWork.primitive(N, new SplittableRandom(43)).sum());
    }

    @Test
    void theCheckCatchesOutputThatIsUnsortedShortOrChanged() {
        Sorted good = SortWork.primitive(1000, new SplittableRandom(5));
        int[] unsorted = good.ints().clone();
        int[] t = {unsorted[0]};
        unsorted[0] = unsorted[999];
        unsorted[999] = t[0];
        assertFalse(new Sorted(unsorted, null, good.sum(), good.hash()).check(1000), "unsorted");
        assertFalse(new Sorted(Arrays.copyOf(good.ints(), 999), null, good.sum(), good.hash()).check(999), "short");
        int[] changed = good.ints().clone();
        changed[500] = changed[501]; // still sorted, but one number lost and one duplicated
        assertFalse(new Sorted(changed, null, good.sum(), good.hash()).check(1000), "changed");
        assertFalse(good.check(1001), "wrong length");
        // {1, 5, 6} and {2, 3, 7} have the same sum and the same sum of squares: the fingerprint tells them apart.
        long hash = SortWork.mix(1) + SortWork.mix(5) + SortWork.mix(6);
        assertTrue(new Sorted(new int[] {1, 5, 6}, null, 12, hash).check(3));
        assertFalse(new Sorted(new int[] {2, 3, 7}, null, 12, hash).check(3), "same sums, other numbers");
    }
}
