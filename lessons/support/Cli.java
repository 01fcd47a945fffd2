package support;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Command-line plumbing every lesson shares: the common options, number parsing that accepts
 * {@code 10_000_000}, and one rule for how a lesson ends: exit 0 when done, 1 when the run failed,
 * 2 when the options were wrong; an error is one line, never a stack trace.
 */
public final class Cli {
    private Cli() {}

    /** Options mixed into every lesson with {@code @Mixin}. */
    public static final class Common {
        @Option(names = "--csv", paramLabel = "FILE",
                description = "Also write the results to FILE as CSV (columns are listed in the README).")
        public Path csv;
    }

    /** The --seed option, mixed into lessons that generate random data. */
    public static final class Seed {
        @Option(names = "--seed", paramLabel = "N",
                description = "Seed for the random data, to repeat a run exactly (default: a new seed each run).")
        Long seed;

        private final long chosen = System.nanoTime() & 0xFFFF_FFFFL;

        /** The seed in force: the one given, or the one picked for this run. */
        public long seed() { return seed != null ? seed : chosen; }
    }

    /** Runs a lesson's picocli command, then exits the JVM with the lesson's exit code. */
    public static void run(Object lesson, String[] args) {
        System.exit(execute(lesson, args));
    }

    /** Runs a lesson's picocli command and returns its exit code. */
    public static int execute(Object lesson, String[] args) {
        CommandLine cli = new CommandLine(lesson);
        cli.getCommandSpec().version("java-async-kit, on Java " + Runtime.version()); // what -V prints
        cli.registerConverter(Integer.class, Cli::parseInt).registerConverter(int.class, Cli::parseInt);
        cli.registerConverter(Long.class, Cli::parseLong).registerConverter(long.class, Cli::parseLong);
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + e.getMessage());
            err.print("usage: " + e.getCommandLine().getHelp().synopsis(0).stripLeading());
            err.println("Run with --help to see every option.");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> fail(c.getErr(), e));
        try {
            return cli.execute(args);
        } catch (Error e) { // OutOfMemoryError and friends escape picocli's handler
            return fail(cli.getErr(), e);
        }
    }

    private static int fail(PrintWriter err, Throwable e) {
        if (e instanceof java.util.concurrent.ExecutionException && e.getCause() != null) e = e.getCause(); // a pool's wrapper
        String what = e instanceof OutOfMemoryError
                ? "ran out of memory; give the JVM more heap (-Xmx) or use a smaller --size"
                : (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        err.println("error: " + what.lines().findFirst().orElse(what));
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** Rejects an option value with a one-line message; the lesson exits 2. */
    public static ParameterException bad(CommandSpec spec, String format, Object... args) {
        return new ParameterException(spec.commandLine(), String.format(format, args));
    }

    /** Fails with a clear message unless about {@code bytes} fit in the heap this JVM may use. */
    public static void requireHeap(CommandSpec spec, long bytes, String what) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max * 0.8) {
            throw bad(spec, "%s needs about %s of heap but this JVM may use at most %s; "
                    + "lower it or give Java more memory (-Xmx)", what, mib(bytes), mib(max));
        }
    }

    private static String mib(long bytes) {
        return bytes >= 1L << 30 ? String.format("%.1f GiB", bytes / (double) (1L << 30))
                : String.format("%d MiB", bytes >> 20);
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a whole number");
        }
    }

    private static int parseInt(String text) {
        long value = parseLong(text);
        if (value != (int) value) throw new TypeConversionException("'" + text + "' is too large");
        return (int) value;
    }
}
