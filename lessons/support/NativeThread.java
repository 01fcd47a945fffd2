package support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operating system's own id for the thread running the caller. Linux shows it in procfs: the link
 * /proc/thread-self points at /proc/PID/task/TID. A virtual thread reads its carrier's id there,
 * because the carrier is the OS thread actually running it.
 */
public final class NativeThread {
    private static final Path SELF = Path.of("/proc/thread-self");
    private static final boolean AVAILABLE = Host.current().procfs();

    private NativeThread() {}

    /** Whether this platform tells native thread ids (Linux with a procfs that has thread-self). */
    public static boolean available() { return AVAILABLE; }

    /** The native thread id, or -1 where the platform does not tell it. */
    public static long id() {
        if (!AVAILABLE) return -1;
        try {
            return Long.parseLong(Files.readSymbolicLink(SELF).getFileName().toString());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * What to show as "the OS thread" that runs the caller: the native id where known, otherwise the
     * carrier's name for a virtual thread, or the thread's own name for a platform thread.
     */
    public static String describe() {
        long tid = id();
        if (tid >= 0) return "tid " + tid;
        Thread t = Thread.currentThread();
        String s = t.toString();
        return t.isVirtual() && s.contains("@") ? s.substring(s.indexOf('@') + 1) : t.getName();
    }
}
