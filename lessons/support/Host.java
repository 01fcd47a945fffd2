package support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
}
