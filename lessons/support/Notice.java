package support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prose cell a lesson prints at its end, "What to notice", written so that every sentence that
 * states an outcome is chosen by the numbers beside it. A lesson builds it from its measurements
 * alone (a pure function of a record), so a test can hand it made-up numbers on both sides of a claim.
 *
 * <p>A sentence that states an outcome starts with its claim's name in brackets, {@code [overlap]}:
 * the name is not printed, but {@link #claims()} lists it, so that a test asserts which claims the
 * numbers chose, and rewording a sentence breaks no test.
 *
 * <pre>{@code
 * Notice n = new Notice();
 * n.say("{tasks} tasks slept {each} each.", "tasks", 4, "each", "1.0000 s");
 * n.either(peak >= tasks, "[all-overlapped] All {tasks} were asleep at once.",
 *         "[some-overlapped] Up to {peak} of them were asleep at once.", "tasks", 4, "peak", 3);
 * }</pre>
 */
public final class Notice {
    /** How one measured number stands against another, once noise is allowed for. */
    public enum Outcome { LESS, SAME, MORE }

    private static final Pattern NAME = Pattern.compile("\\{(\\w+)}");
    private static final Pattern CLAIM = Pattern.compile("^\\s*\\[([\\w-]+)]\\s*");
    private final List<String> sentences = new ArrayList<>();
    private final List<String> claims = new ArrayList<>();

    /**
     * Adds a sentence; {@code {name}} placeholders take the value that follows that name in
     * {@code namesAndValues}. A missing name is an error in the lesson, caught by its tests.
     */
    public Notice say(String template, Object... namesAndValues) {
        Matcher claim = CLAIM.matcher(template);
        if (claim.find()) {
            claims.add(claim.group(1));
            template = template.substring(claim.end());
        }
        sentences.add(fill(template, namesAndValues));
        return this;
    }

    /** The names of the claims made, in order: what the numbers chose, for tests. */
    public List<String> claims() { return List.copyOf(claims); }

    /** True when the claim of that name was made. */
    public boolean claims(String name) { return claims.contains(name); }

    /** Adds the sentence for the case that holds: the claim, or the other case, never both. */
    public Notice either(boolean holds, String ifSo, String ifNot, Object... namesAndValues) {
        return say(holds ? ifSo : ifNot, namesAndValues);
    }

    /** Adds the sentence for the outcome that was measured: less, about the same, or more. */
    public Notice pick(Outcome outcome, String less, String same, String more, Object... namesAndValues) {
        return say(switch (outcome) {
            case LESS -> less;
            case SAME -> same;
            case MORE -> more;
        }, namesAndValues);
    }

    /** The paragraph: the sentences in order, separated by a space. */
    public String text() {
        return String.join(" ", sentences.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    @Override
    public String toString() { return text(); }

    /**
     * Compares {@code a} with {@code b}: SAME when they differ by less than the fraction {@code margin}
     * of the larger one (a difference of 0.05 s in 1 s is noise on a busy laptop, so say so).
     */
    public static Outcome compare(double a, double b, double margin) {
        double larger = Math.max(Math.abs(a), Math.abs(b));
        if (Math.abs(a - b) <= margin * larger) return Outcome.SAME;
        return a < b ? Outcome.LESS : Outcome.MORE;
    }

    /** Fills {@code {name}} placeholders from name, value pairs. */
    public static String fill(String template, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("names and values come in pairs");
        Matcher m = NAME.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value = null;
            boolean found = false;
            for (int i = 0; i < namesAndValues.length; i += 2) {
                if (name.equals(namesAndValues[i])) {
                    value = namesAndValues[i + 1];
                    found = true;
                }
            }
            if (!found) throw new IllegalArgumentException("no value for {" + name + "} in: " + template);
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\\s+", " ");
    }

    /** Seconds as lessons print them: four decimals. */
    public static String secs(double seconds) { return String.format(Locale.ROOT, "%.4f s", seconds); }

    /** A ratio as lessons print it, e.g. {@code 1.93x}. */
    public static String times(double ratio) { return String.format(Locale.ROOT, "%.2fx", ratio); }

    /** Wraps text into lines of at most {@code width} characters after an indent. */
    public static String wrap(String text, int indent, int width) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (String word : text.strip().split("\\s+")) {
            if (column > 0 && column + 1 + word.length() > width) {
                out.append('\n');
                column = 0;
            }
            out.append(column == 0 ? " ".repeat(indent) : " ").append(word);
            column += word.length() + 1;
        }
        return out.toString();
    }
}
