package support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where lesson 06's sharing puts the files that a child and its parent both map: a folder of its own,
 * deleted with its files on {@link #close()}, and by a shutdown hook if the lesson is interrupted
 * first (a file in /dev/shm holds memory until it is deleted).
 *
 * <p>Linux's /dev/shm keeps files in memory only: the usual home of files shared this way. It can be
 * small (a Docker container gets 64 MiB), so it is used only with room for two files to spare;
 * otherwise the files go to the temporary folder, on disk, and one line says so.
 */
public final class MappedFiles implements AutoCloseable {
    /** A test pretends /dev/shm has this many bytes free, to see the fallback: -Dasynckit.shm.free=0. */
    public static final String SHM_FREE = "asynckit.shm.free";
    /** The folders' names start with this (a test looks for any left behind). */
    public static final String PREFIX = "sharing-mmap";

    private final Path dir;
    private final boolean inMemory;
    private final Thread cleanUp;

    private MappedFiles(Path dir, boolean inMemory) {
        this.dir = dir;
        this.inMemory = inMemory;
        this.cleanUp = new Thread(this::deleteAll, "delete-mapped-files");
        Runtime.getRuntime().addShutdownHook(cleanUp);
    }

    /** A new folder for files of {@code bytesPerFile}, in /dev/shm where it has room, else the temporary folder. */
    public static MappedFiles forFilesOf(long bytesPerFile) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Host.current().os() != Host.Os.LINUX || !Files.isDirectory(shm) || !Files.isWritable(shm)) {
            System.out.println("  (no /dev/shm to write to here: using the temporary folder)");
            return new MappedFiles(Files.createTempDirectory(PREFIX), false);
        }
        long free = Long.getLong(SHM_FREE, Files.getFileStore(shm).getUsableSpace());
        if (free < 2 * bytesPerFile) {
            System.out.printf("  (/dev/shm has %,.1f MB free, not room for two files of %,.1f MB: using the temporary "
                    + "folder)%n", free / 1e6, bytesPerFile / 1e6);
            return new MappedFiles(Files.createTempDirectory(PREFIX), false);
        }
        return new MappedFiles(Files.createTempDirectory(shm, PREFIX), true);
    }

    /** The file of worker {@code i}. */
    public Path file(int i) { return dir.resolve(i + ".ints"); }

    /** True when the files live in memory only (/dev/shm), false when in the temporary folder. */
    public boolean inMemory() { return inMemory; }

    @Override
    public void close() {
        deleteAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
        }
    }

    private void deleteAll() {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // already gone
        }
    }
}
