package support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operating system's own id for the thread running the caller. Linux shows it in procfs: the link
 * /proc/thread-self points at /proc/PID/task/TID. A virtual thread reads its carrier's id there,
 * because the carrier is the OS thread actually running it. Where there is no procfs (macOS,
 * Windows) a thread cannot read its own id, but the JDK's {@code jcmd PID Thread.print} lists every
 * platform thread of a JVM with its native id ({@code nid=}): see {@link #snapshot(long)}.
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
        return tid >= 0 ? "tid " + tid : osThreadName();
    }

    /**
     * One line for the top of a lesson's output where a thread cannot read its native id (empty on
     * Linux): what the os_thread column holds instead, and why.
     */
    public static String note() {
        if (AVAILABLE) return "";
        return "On " + Host.current().displayName() + " a thread cannot read its native id (no /proc),"
                + " so os_thread shows thread names.";
    }

    /** Prints {@link #note()}, if there is one. */
    public static void printNote() {
        if (!note().isEmpty()) System.out.println(note());
    }

    /** {@code "main" #3 [16260] prio=5 ... nid=16260 ...}: a platform thread's name and native id. */
    private static final Pattern THREAD_PRINT = Pattern.compile("^\"(.*)\" #\\d+ .*? nid=(0x[0-9a-fA-F]+|\\d+)\\b",
            Pattern.MULTILINE);

    /** The JDK's jcmd, beside the java that runs this JVM; null if this JDK has none. */
    public static Path jcmd() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        for (String name : new String[] {"jcmd", "jcmd.exe"}) {
            if (Files.isExecutable(bin.resolve(name))) return bin.resolve(name);
        }
        return null;
    }

    /**
     * The native id of every platform thread of the JVM {@code pid}, by thread name, as
     * {@code jcmd PID Thread.print} tells it (jcmd attaches to the JVM and asks it); empty if jcmd is
     * missing or the JVM does not answer (for example started with -XX:+DisableAttachMechanism).
     * Takes a fraction of a second: call it once, while the threads of interest are alive.
     */
    public static Map<String, Long> snapshot(long pid) {
        Path jcmd = jcmd();
        Map<String, Long> ids = new HashMap<>();
        if (jcmd == null) return ids;
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.print")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return ids;
            }
            Matcher m = THREAD_PRINT.matcher(out);
            while (m.find()) {
                String nid = m.group(2);
                ids.putIfAbsent(m.group(1), nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid));
            }
        } catch (IOException | RuntimeException e) {
            // no answer: the caller says what it cannot show
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ids;
    }

    /** The name of the OS thread running the caller: its own name, or its carrier's for a virtual thread. */
    public static String osThreadName() {
        Thread t = Thread.currentThread();
        String s = t.toString();
        return t.isVirtual() && s.contains("@") ? s.substring(s.indexOf('@') + 1) : t.getName();
    }
}
