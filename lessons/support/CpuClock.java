package support;

import java.lang.management.ManagementFactory;

/**
 * CPU time used by this whole process (every thread, the JIT and the garbage collector too), to tell
 * how many cores were busy during a phase: CPU time ÷ wall time. A phase of four threads sorting on
 * four free cores reads close to 4; four threads taking turns under a lock read close to 1.
 *
 * <p>The JVM reads process CPU time in clock ticks (10 ms on Linux), so a phase shorter than
 * {@link #MIN_WALL_S} cannot be measured this way: its figure is NaN ("too short to measure"), never a
 * made-up 0.00 or 3.00. A figure above the cores is tick rounding too, so it is capped at the cores.
 */
public final class CpuClock {
    /** The shortest phase whose cores-busy figure is within about 0.1 of the truth. */
    public static final double MIN_WALL_S = 0.1;
    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private CpuClock() {}

    /** Nanoseconds of CPU this process has used so far, or -1 where the JVM cannot tell. */
    public static long processNanos() {
        return OS instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /**
     * Cores busy on average: CPU nanoseconds ÷ wall nanoseconds, at most the cores; NaN when either is
     * unknown or the phase was too short to measure.
     */
    public static double coresBusy(long cpuNanos, long wallNanos) {
        if (cpuNanos < 0 || wallNanos < MIN_WALL_S * 1e9) return Double.NaN;
        return Math.min((double) cpuNanos / wallNanos, Runtime.getRuntime().availableProcessors());
    }

    /** Starts measuring: {@code since(start)} gives the cores busy since. */
    public static long[] start() { return new long[] {processNanos(), System.nanoTime()}; }

    /** Cores busy since {@link #start()}. */
    public static double since(long[] start) {
        long cpu = processNanos();
        return start[0] < 0 || cpu < 0 ? Double.NaN : coresBusy(cpu - start[0], System.nanoTime() - start[1]);
    }

    /** The figure as lessons print it: two decimals, or why there is none. */
    public static String text(double coresBusy) {
        return Double.isNaN(coresBusy) ? "n/a (too short)" : String.format(java.util.Locale.ROOT, "%.2f", coresBusy);
    }
}
