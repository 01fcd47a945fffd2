import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the check of one exercise found: solved or not, why not as a short id that scripts and tests
 * can rely on ({@code reason}, which stays when the wording changes), the cores the judge saw, and
 * the text a learner reads. Its machine-readable form is one line of {@code key=value} fields, which
 * {@code ./jbang check --verdicts} prints beside the learner's text, one per exercise checked:
 *
 * <pre>check exercise=03 name=worker-processes verdict=fail reason=no-worker-process cores=2</pre>
 *
 * {@link #line()} writes it and {@link #parse} reads it back: the one place that does.
 */
record Verdict(int exercise, String name, boolean solved, String reason, int cores, String text) {
    static final String PREFIX = "check ";
    /** A reason: lower-case words joined by '-', such as {@code lost-updates}. */
    static final Pattern REASON = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** Reasons the checker itself gives, before or around the judge. */
    static final String COMPILE_ERROR = "compile-error", MISSING_FILE = "missing-file", TIMEOUT = "timeout",
            NO_VERDICT = "no-verdict";

    Verdict {
        if (solved != (reason == null)) throw new IllegalArgumentException("a fail has a reason, a pass has none: " + reason);
        if (reason != null && !REASON.matcher(reason).matches()) throw new IllegalArgumentException("not a reason id: " + reason);
    }

    static Verdict pass(Exercises.Exercise exercise, int cores, String text) {
        return new Verdict(exercise.number(), exercise.slug(), true, null, cores, text);
    }

    /** Not solved, for {@code reason}; {@code cores} is 0 when no judge ran (the file did not compile, ...). */
    static Verdict fail(Exercises.Exercise exercise, String reason, int cores, String text) {
        return new Verdict(exercise.number(), exercise.slug(), false, reason, cores, text);
    }

    boolean compileError() { return COMPILE_ERROR.equals(reason); }

    /** The machine-readable line: no text, no spaces inside a value. */
    String line() {
        return PREFIX + "exercise=" + String.format("%02d", exercise) + " name=" + name + " verdict=" + (solved ? "pass" : "fail")
                + (solved ? "" : " reason=" + reason) + (cores > 0 ? " cores=" + cores : "");
    }

    /** Reads a line written by {@link #line()} (its text is null). */
    static Verdict parse(String line) {
        if (!line.startsWith(PREFIX)) throw new IllegalArgumentException("not a verdict line: " + line);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : line.substring(PREFIX.length()).strip().split(" +")) {
            String[] kv = field.split("=", 2);
            if (kv.length != 2 || fields.put(kv[0], kv[1]) != null) throw new IllegalArgumentException("bad field " + field + " in: " + line);
        }
        String verdict = fields.get("verdict");
        if (!List.of("pass", "fail").contains(verdict) || fields.get("exercise") == null || fields.get("name") == null) {
            throw new IllegalArgumentException("a verdict line needs exercise, name and verdict=pass|fail: " + line);
        }
        return new Verdict(Integer.parseInt(fields.get("exercise")), fields.get("name"), verdict.equals("pass"),
                fields.get("reason"), Integer.parseInt(fields.getOrDefault("cores", "0")), null);
    }

    /** Every verdict line in a run's output, in order. */
    static List<Verdict> in(String output) {
        return output.lines().filter(l -> l.startsWith(PREFIX)).map(Verdict::parse).toList();
    }
}
