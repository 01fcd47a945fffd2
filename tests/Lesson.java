import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Runs a compiled lesson as its own JVM, as a learner would, with the test's JDK and class path, so
 * that exit codes, standard error and PIDs are real.
 */
record Lesson(String mainClass) {
    static final Path ROOT = Path.of(System.getProperty("user.dir"));
    /**
     * A JVM option for runs that time nothing (output width, option errors, other systems): the quick
     * (C1) compiler only, which about halves the CPU a short run spends compiling. The lesson's own
     * child JVMs do not inherit it.
     */
    static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

    /** What a finished lesson left behind; {@code table} is its --csv output, where it was asked for. */
    record Run(int exitCode, String out, String err, long pid, Table table) {
        /** Fails the test, showing the output, unless the lesson exited 0. */
        Run ok() {
            if (exitCode != 0) fail("lesson exited " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err);
            return this;
        }
    }

    static List<String> java(String mainClass, List<String> args) {
        return java(mainClass, List.of(), args);
    }

    /** The command line that runs the lesson, with extra JVM options (e.g. {@code -Dasynckit.os=mac}). */
    static List<String> java(String mainClass, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(support.ChildJvm.kitFlags()); // pom.xml's kit.jvm.flags, as JBang gives a lesson Lab.java's
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return command;
    }

    Run run(String... args) {
        return run(List.of(), args);
    }

    /** Runs the lesson with extra JVM options before its class name, such as a faked operating system. */
    Run run(List<String> jvmOptions, String... args) {
        try {
            Path out = Files.createTempFile("lesson", ".out"), err = Files.createTempFile("lesson", ".err");
            Process p = new ProcessBuilder(java(mainClass, jvmOptions, List.of(args))).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(mainClass + " did not finish within 5 minutes");
            }
            Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err), p.pid(), null);
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs the lesson with --csv into a temporary file, expects success, and reads the table back. */
    Run runWithCsv(String... args) {
        try {
            Path csv = Files.createTempFile("lesson", ".csv");
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--csv", csv.toString()));
            Run run = run(all.toArray(String[]::new)).ok();
            assertTrue(Files.size(csv) > 0, "the lesson wrote no CSV");
            Table table = Table.read().csv(CsvReadOptions.builder(csv.toFile()).build());
            Files.delete(csv);
            return new Run(run.exitCode(), run.out(), run.err(), run.pid(), table);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The --csv table of a successful run. */
    Table runToTable(String... args) {
        return runWithCsv(args).table();
    }

    /** Starts the lesson without waiting for it, its output discarded. */
    Process start(String... args) throws IOException {
        return new ProcessBuilder(java(mainClass, List.of(args))).directory(ROOT.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * The kit's rule for bad input: exit code 2, exactly one {@code error:} line that says what is
     * wrong, the usage after it, no stack trace, and nothing run.
     */
    static void assertRejected(Run run, String expected) {
        assertEquals(2, run.exitCode(), run.err());
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), "exactly one error line:\n" + run.err());
        assertTrue(errors.get(0).contains(expected), "expected '" + expected + "' in: " + errors.get(0));
        assertTrue(errors.get(0).length() <= 100, "the error line fits 100 columns: " + errors.get(0));
        assertTrue(run.err().contains("usage: "), "the usage follows:\n" + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), "no stack trace:\n" + run.err());
        assertTrue(run.out().isEmpty(), "nothing ran:\n" + run.out());
    }

    /**
     * Row {@code i}'s cores_busy, NaN where the cell is empty (a phase too short for the CPU clock). Read
     * through its text: a column the CSV reader found all empty is not a number column.
     */
    static double coresBusy(Table t, int i) {
        String text = t.column("cores_busy").getString(i);
        return text.isBlank() ? Double.NaN : Double.parseDouble(text.replace(",", ""));
    }

    /** Fails unless a lesson's text holds every one of {@code parts} (for notices fed made-up numbers). */
    static void has(String text, String... parts) {
        for (String part : parts) assertTrue(text.contains(part), "expected '" + part + "' in:\n" + text);
    }

    /** Fails if a lesson's text holds any of {@code parts}: a claim its numbers did not choose. */
    static void hasNot(String text, String... parts) {
        for (String part : parts) assertFalse(text.contains(part), "did not expect '" + part + "' in:\n" + text);
    }

    /** Fails unless the notice made every one of these claims (see Notice's {@code [name]}). */
    static void claims(support.Notice notice, String... names) {
        for (String name : names) {
            assertTrue(notice.claims(name), "expected claim [" + name + "], made " + notice.claims() + ":\n" + notice.text());
        }
    }

    /** Fails if the notice made any of these claims: one its numbers did not choose. */
    static void claimsNot(support.Notice notice, String... names) {
        for (String name : names) {
            assertFalse(notice.claims(name), "did not expect claim [" + name + "]:\n" + notice.text());
        }
    }

    /**
     * The signal that plays Ctrl-C: {@code -INT}, or {@code -TERM} where this JVM (and so every process
     * it starts) ignores SIGINT, as a job started in the background by a shell without job control
     * does: there a lesson would not see the SIGINT and would simply finish. Both end a lesson through
     * the same shutdown hook (exit 130 or 143).
     */
    static String interruptSignal() {
        try {
            String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("SigIgn:")).map(l -> l.substring(7).strip()).findFirst().orElse("0");
            return (Long.parseUnsignedLong(ignored, 16) & (1L << 1)) != 0 ? "-TERM" : "-INT"; // SIGINT is signal 2
        } catch (IOException | RuntimeException e) {
            return "-INT"; // no /proc (macOS): a test started from a terminal gets SIGINT
        }
    }

    /** The CSV columns the README's "CSV results" section documents, in order. */
    static List<String> documentedColumns() {
        try {
            String readme = Files.readString(ROOT.resolve("README.md"));
            String section = readme.substring(readme.indexOf("## CSV results"));
            section = section.substring(0, section.indexOf("\n## ", 3));
            List<String> columns = Pattern.compile("^\\| `(\\w+)` \\|", Pattern.MULTILINE).matcher(section)
                    .results().map(r -> r.group(1)).toList();
            assertFalse(columns.isEmpty(), "the README's CSV section lists no columns");
            return columns;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
