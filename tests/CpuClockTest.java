import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import support.CpuClock;

/** "Cores busy" is CPU time ÷ wall time, read from a clock that ticks every 10 ms: no figure it cannot stand by. */
@TimesSomething
class CpuClockTest {
    static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void aPhaseTooShortForTheTicksHasNoFigure() {
        // Seen in a review: a 10 ms phase read 3.00 cores on 2, and 0.00 for threads that were sorting.
        assertTrue(Double.isNaN(CpuClock.coresBusy(30_000_000, 10_000_000)));
        assertTrue(Double.isNaN(CpuClock.coresBusy(0, 10_000_000)));
        assertEquals("n/a (too short)", CpuClock.text(CpuClock.coresBusy(0, 10_000_000)));
    }

    @Test
    void aLongEnoughPhaseGivesCpuOverWallAtMostTheCores() {
        assertEquals(1.5, CpuClock.coresBusy(1_500_000_000L, 1_000_000_000L), 1e-9 + Math.max(0, 1.5 - CORES));
        assertEquals(CORES, CpuClock.coresBusy((CORES + 1) * 1_000_000_000L, 1_000_000_000L), 1e-9);
        assertEquals("0.50", CpuClock.text(CpuClock.coresBusy(500_000_000L, 1_000_000_000L)));
    }

    @Test
    void aBusyThreadShowsAboutOneCore() {
        long[] start = CpuClock.start();
        long end = System.nanoTime() + 300_000_000L, spin = 0;
        while (System.nanoTime() < end) spin++;
        double busy = CpuClock.since(start);
        assertTrue(spin > 0 && busy > 0.3 && busy <= CORES, "one spinning thread for 0.3 s: " + busy);
    }
}
