package support;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

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

        @Option(names = "--chart", paramLabel = "FILE",
                description = "Also draw the run in FILE, PNG or SVG by its extension: a timeline of every worker"
                        + " (or the speed-up, in a lesson that has --sweep).")
        public Path chart;

        private boolean charted;

        /** Called once --chart is written; a lesson that draws none gets a note saying so. */
        public void charted() { charted = true; }

        private static String reason(Exception e) {
            if (e instanceof java.nio.file.NoSuchFileException) return "no such folder";
            if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
            if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file is in the way";
            if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
            return e.getMessage() == null ? "the system refused" : e.getMessage();
        }

        /** Fails with one line, before anything runs, unless the --csv and --chart files can be written. */
        void requireWritable(CommandSpec spec) {
            requireWritable(spec, "--csv", csv);
            if (chart != null && !chart.toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.(png|svg)")) {
                throw bad(spec, "--chart %s: the name must end in .png or .svg", chart);
            }
            requireWritable(spec, "--chart", chart);
        }

        private static void requireWritable(CommandSpec spec, String option, Path given) {
            if (given == null) return;
            Path file = given.toAbsolutePath();
            if (Files.isDirectory(file)) throw bad(spec, "%s %s is a folder; give a file name", option, given);
            boolean existed = Files.exists(file);
            try {
                if (file.getParent() != null) Files.createDirectories(file.getParent());
                try (var out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    // opened for writing, and left as it was: the run writes it at the end
                }
                if (!existed) Files.delete(file);
            } catch (IOException | SecurityException e) {
                throw bad(spec, "%s %s cannot be written: %s", option, given, reason(e));
            }
        }
    }

    /**
     * The --sweep option, mixed into lessons that measure a speed-up: the lesson hands one phase per
     * worker count to {@code Lab.sweep}, which runs 1, 2, 4 ... up to twice the cores.
     */
    public static final class Sweep {
        @Option(names = "--sweep",
                description = "Run again with 1, 2, 4 ... up to twice the cores workers and measure the speed-up"
                        + " of each (add --chart FILE to draw it).")
        boolean on;

        /** True when the learner asked for a sweep. */
        public boolean on() { return on; }

        /**
         * The most workers this run has at once (for the heap check): {@code workers}, or a sweep's
         * last step, twice the cores (see {@code Lab.sweepSteps}).
         */
        public int most(int workers) {
            return on ? Math.max(workers, 2 * Runtime.getRuntime().availableProcessors()) : workers;
        }
    }

    /** The --timeout option, mixed into lessons that start child processes: a child that hangs is killed. */
    public static final class Timeout {
        @Spec(Spec.Target.MIXEE) CommandSpec spec;
        private double seconds;

        @Option(names = "--timeout", paramLabel = "S", defaultValue = "120",
                description = "Kill a child process that runs longer than S seconds (default: ${DEFAULT-VALUE}).")
        void seconds(double s) { // checked as it is parsed, so no lesson repeats the check
            if (!(s > 0 && s <= 3600)) throw bad(spec, "--timeout must be more than 0 and at most 3600 s (got %s)", s);
            seconds = s;
        }

        /** How long a child may run, in seconds. */
        public double seconds() { return seconds; }
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
            err.println("error: " + e.getMessage().lines().findFirst().orElse("") + suggestion(e));
            err.print("usage: " + e.getCommandLine().getHelp().synopsis(0).stripLeading());
            err.println("Run with --help to see every option.");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> fail(c.getErr(), e));
        cli.setExecutionStrategy(parsed -> { // checked before the run, so a long run cannot lose its results
            Common common = parsed.commandSpec().mixins().get("common") != null
                    && parsed.commandSpec().mixins().get("common").userObject() instanceof Common c ? c : null;
            if (common != null) common.requireWritable(parsed.commandSpec());
            int code = new CommandLine.RunLast().execute(parsed);
            if (common != null && common.chart != null && !common.charted && parsed.commandSpec().commandLine()
                    .getExecutionResult() != null) {
                System.out.printf("%nNo chart: this lesson draws none, so %s was not written.%n", common.chart);
            }
            return code;
        });
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
            throw bad(spec, "%s needs ~%s of heap, over this JVM's %s (-Xmx)", what, mib(bytes), mib(max));
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
            throw new TypeConversionException("'" + text + "' is not a whole number" + wholeNumberHint(text));
        }
    }

    /** For 1e6 or 2.5e6: how to write that number here (Java's own way, with underscores). */
    static String wholeNumberHint(String text) {
        try {
            long value = new java.math.BigDecimal(text.strip()).longValueExact();
            return "; write " + String.format(java.util.Locale.ROOT, "%,d", value).replace(',', '_');
        } catch (NumberFormatException | ArithmeticException e) {
            return "";
        }
    }

    /** picocli's guess at what a mistyped option meant, as the end of the one error line. */
    private static String suggestion(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException u) || u.getSuggestions().isEmpty()) return "";
        return "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
    }

    private static int parseInt(String text) {
        long value = parseLong(text);
        if (value != (int) value) throw new TypeConversionException("'" + text + "' is too large");
        return (int) value;
    }
}
