package support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system facts the lessons read, in one place: every lesson asks {@link #current()}
 * rather than reading {@code os.name} itself. A test fakes another system with
 * {@code -Dasynckit.os=mac} (or {@code windows}, {@code linux}): the lesson then takes the paths it
 * would take there, and says in one line what it cannot show there and why. Child JVMs inherit the fake.
 */
public record Host(Os os, boolean procfs) {
    public enum Os { LINUX, MAC, WINDOWS, OTHER }

    /** The system property that fakes the operating system, for tests. */
    public static final String FAKE = "asynckit.os";
    private static final Host CURRENT = detect(System.getProperty(FAKE, System.getProperty("os.name")));

    /** The machine the lesson runs on (or the one a test pretends it runs on). */
    public static Host current() { return CURRENT; }

    /** Whether the operating system was faked with {@code -Dasynckit.os}. */
    public static boolean faked() { return System.getProperty(FAKE) != null; }

    static Host detect(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        Os os = name.contains("linux") ? Os.LINUX
                : name.contains("mac") || name.contains("darwin") ? Os.MAC
                : name.contains("win") ? Os.WINDOWS : Os.OTHER;
        // procfs with thread-self: Linux 3.17 and later. Never on a faked other system.
        boolean procfs = os == Os.LINUX && Files.isSymbolicLink(Path.of("/proc/thread-self"));
        return new Host(os, procfs);
    }

    /** A name for the learner: Linux, macOS, Windows, or what the JVM calls it. */
    public String displayName() {
        return switch (os) {
            case LINUX -> "Linux";
            case MAC -> "macOS";
            case WINDOWS -> "Windows";
            case OTHER -> System.getProperty("os.name");
        };
    }

    /**
     * Whether {@code jdk.lang.Process.launchMechanism} picks how the JDK creates a process. Windows
     * ignores the property: it has one way, CreateProcess, and nothing there is forked.
     */
    public boolean launchMechanismHonoured() { return os != Os.WINDOWS; }

    /**
     * Whether the JVM's free-memory figure says how much memory a new process could use. On macOS
     * {@code getFreeMemorySize()} counts only pages nobody uses at all, a small part of what the
     * system would hand out (it reclaims cached and inactive pages on demand), so a check against it
     * would refuse reasonable requests. Linux's MemAvailable and Windows' available memory are meant
     * for this.
     */
    public boolean freeMemoryMeaningful() { return os != Os.MAC; }

    /** Memory that can be used now, in MB, or -1 where this system does not tell (see {@link #freeMemoryMeaningful()}). */
    public long availableMb() {
        if (!freeMemoryMeaningful()) return -1;
        long jvmSays = OS_BEAN.getFreeMemorySize() >> 20;
        if (!procfs) return jvmSays;
        long kernelSays = meminfoMb("MemAvailable:");
        if (kernelSays < 0) return jvmSays;
        // In a container with a memory limit the JVM's figure is the limit's; trust the smaller one
        // there. On a plain host the JVM counts only free pages, the kernel also reclaimable cache.
        boolean limited = totalMb() < meminfoMb("MemTotal:") - 64;
        return limited ? Math.min(kernelSays, jvmSays) : kernelSays;
    }

    /** Memory of the machine (or the container's limit), in MB. */
    public long totalMb() { return OS_BEAN.getTotalMemorySize() >> 20; }

    private static final com.sun.management.OperatingSystemMXBean OS_BEAN =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static long meminfoMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(key)) return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
            }
        } catch (IOException | RuntimeException e) {
            // no procfs after all: unknown
        }
        return -1;
    }

    /**
     * Where resident memory (what a process really holds in RAM) is read from: procfs on Linux,
     * {@code ps} on macOS; null where Java has no way to it (Windows: no procfs, no ps).
     */
    public String residentSource() {
        return procfs ? "/proc" : os == Os.MAC || os == Os.OTHER ? "ps" : null;
    }

    /** Resident memory of the process {@code pid} in MB, or -1 where it cannot be read here. */
    public long residentMb(long pid) {
        String source = residentSource();
        if (source == null) return -1;
        try {
            if (source.equals("/proc")) {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
                return -1;
            }
            Process ps = new ProcessBuilder("ps", "-o", "rss=", "-p", String.valueOf(pid))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String kb = new String(ps.getInputStream().readAllBytes()).strip();
            if (!ps.waitFor(10, TimeUnit.SECONDS) || ps.exitValue() != 0) return -1;
            return Long.parseLong(kb) / 1024;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
