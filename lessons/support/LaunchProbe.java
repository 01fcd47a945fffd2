package support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instrument of lesson 05's launch-cost, kept out of the lesson: what its child JVM needs around
 * the timed launches (memory to hold, launches the OS refuses for a moment, a launch that proves
 * itself, the mechanism really in force) and the tiny command it launches.
 */
public final class LaunchProbe {
    private static final int CHUNK_MB = 64;
    private static int refused;           // launches the OS refused for a moment, and its last word on it
    private static String refusal = "";

    private LaunchProbe() {}

    /** {@code mb} of memory, allocated and written to: really in memory, not just reserved. */
    public static byte[][] hold(int mb) {
        byte[][] chunks = new byte[(mb + CHUNK_MB - 1) / CHUNK_MB][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = new byte[Math.min(CHUNK_MB, mb - i * CHUNK_MB) << 20];
            for (int j = 0; j < chunks[i].length; j += 4096) chunks[i][j] = 1; // touch every page
        }
        return chunks;
    }

    /**
     * builder.start(), tried again if the OS refuses for a moment: on a crowded machine the kernel
     * can run out of process ids and answer EAGAIN ("Resource temporarily unavailable").
     */
    public static Process start(ProcessBuilder builder) throws IOException, InterruptedException {
        while (true) {
            try {
                return builder.start();
            } catch (IOException e) {
                refuse(e);
            }
        }
    }

    /** Counts a refusal for a moment and waits a little; rethrows a real failure. */
    public static void refuse(IOException e) throws IOException, InterruptedException {
        refusal = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        if (!refusal.contains("temporarily unavailable") || ++refused > 20) throw e; // a real failure
        Thread.sleep(100);
    }

    /** "0", or how many launches were refused for a moment and the OS's word on it. */
    public static String refusals() {
        return refused == 0 ? "0" : refused + " (" + refusal + ")";
    }

    /**
     * Reports one timed series of launches to the parent, with this JVM's resident memory at its end:
     * how many were done, the time spent in start() alone, the loop's start and length (System.nanoTime),
     * how many exited other than 0 and how many PIDs they had.
     */
    public static void report(String side, int done, long startNanos, long loopStart, long loopNanos, int failed,
                              int distinctPids) {
        ChildJvm.report(side + " launches", done);
        ChildJvm.report(side + " launch s", startNanos / 1e9);
        ChildJvm.report(side + " loop start", loopStart);
        ChildJvm.report(side + " loop s", loopNanos / 1e9);
        ChildJvm.report(side + " failed", failed);
        ChildJvm.report(side + " distinct pids", distinctPids);
        ChildJvm.report(side + " rss mb", Host.current().residentMb(ProcessHandle.current().pid())); // may run ps
    }

    /** A launch that proves itself: the shell prints its own PID, which must be the one Java was given. */
    public static String proveALaunch(List<String> command) throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of("/bin/sh"))) {
            Process p = start(new ProcessBuilder("/bin/sh", "-c", "echo $$").redirectErrorStream(true));
            String said = p.inputReader().readLine();
            p.waitFor();
            return String.format("/bin/sh started as PID %d and said its PID is %s", p.pid(), said);
        }
        Process p = start(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD));
        return String.format("%s started as PID %d and exited with %d", command.getFirst(), p.pid(), p.waitFor());
    }

    /** "PID 123 ... said its PID is 123": the number the process printed is the one Java was given. */
    public static boolean proofHolds(String proof) {
        Matcher m = Pattern.compile("PID (\\d+) and said its PID is (\\d+)").matcher(proof);
        if (m.find()) return m.group(1).equals(m.group(2));
        return proof.endsWith("exited with 0");
    }

    /** The mechanism the JDK really uses, read from its private field (needs --add-opens java.base/java.lang). */
    public static String inForce() {
        try {
            var field = Class.forName("java.lang.ProcessImpl").getDeclaredField("launchMechanism");
            field.setAccessible(true);
            return String.valueOf(field.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The trivial command to launch: /bin/true where it exists, else this JDK's java -version. */
    public static List<String> trivialCommand() {
        for (String path : List.of("/bin/true", "/usr/bin/true")) {
            if (Files.isExecutable(Path.of(path))) return List.of(path);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version");
    }
}
