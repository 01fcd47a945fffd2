package support;

import java.lang.management.ManagementFactory;

/**
 * CPU time used by this whole process (every thread, the JIT and the garbage collector too), to tell
 * how many cores were busy during a phase: CPU time ÷ wall time. A phase of four threads sorting on
 * four free cores reads close to 4; four threads taking turns under a lock read close to 1.
 */
public final class CpuClock {
    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private CpuClock() {}

    /** Nanoseconds of CPU this process has used so far, or -1 where the JVM cannot tell. */
    public static long processNanos() {
        return OS instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** Cores busy on average: CPU nanoseconds ÷ wall nanoseconds; NaN when either is unknown. */
    public static double coresBusy(long cpuNanos, long wallNanos) {
        return cpuNanos < 0 || wallNanos <= 0 ? Double.NaN : (double) cpuNanos / wallNanos;
    }

    /** Starts measuring: {@code stop(start)} gives the cores busy since. */
    public static long[] start() { return new long[] {processNanos(), System.nanoTime()}; }

    /** Cores busy since {@link #start()}. */
    public static double since(long[] start) {
        long cpu = processNanos();
        return start[0] < 0 || cpu < 0 ? Double.NaN : coresBusy(cpu - start[0], System.nanoTime() - start[1]);
    }
}
