package support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import support.Results.Task;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The parent's side of lesson 05's launch-cost, kept out of the lesson: reading what each child JVM
 * reported, printing it beside the mechanism's name, and the table of means. The child's side is
 * {@link LaunchProbe}; what the numbers mean is said in notice.LaunchCostNotice.
 */
public final class LaunchReport {
    /** Column where the text beside a mechanism's name starts. */
    private static final int BESIDE = 16;

    private LaunchReport() {}

    /** One launch mechanism, tried in one child JVM: first while small, then holding the large heap. */
    public record Trial(String mechanism, ChildJvm.Child child) {
        public boolean accepted() { return !child.result().containsKey("rejected") && child.exitCode() == 0; }

        /** What the child measured as "small" or "large". */
        public Side side(String side) {
            ChildJvm.Child c = child;
            int n = Integer.parseInt(c.get(side + " launches"));
            boolean ok = c.get(side + " failed").equals("0") && c.get(side + " distinct pids").equals(String.valueOf(n))
                    && LaunchProbe.proofHolds(c.get("proof"));
            return new Side(n, 1000 * Double.parseDouble(c.get(side + " launch s")) / n,
                    Long.parseLong(c.get(side + " loop start")), Math.round(Double.parseDouble(c.get(side + " loop s")) * 1e9),
                    Long.parseLong(c.get(side + " rss mb")), ok);
        }

        /**
         * One CSV row: task_s is the mean launch and wall_s the whole launch loop, both measured by the
         * child; "ok" when every launch exited 0 with a PID of its own and the first one proved itself.
         */
        public Task task(String worker, Side s) {
            return new Task(worker, child.pid(), child.get("thread"), s.loopStart(),
                    s.loopStart() + Math.round(s.meanMs() * 1e6), s.checked() ? "ok" : "FAILED");
        }
    }

    /** One measurement: launches done, mean ms each, the loop's start (System.nanoTime) and length, resident MB. */
    public record Side(int launches, double meanMs, long loopStart, long loopNanos, long rssMb, boolean checked) {}

    /** Prints what one mechanism's child reported: rejected, or accepted with its proof and both timings. */
    public static void show(Trial t, int heapMb) {
        ChildJvm.Child c = t.child();
        if (!t.accepted()) {
            beside(t.mechanism(), "rejected" + (t.mechanism().equals("SPAWN") ? " (SPAWN is Python's word)" : "")
                    + ": " + c.get("rejected"));
            return;
        }
        String inForce = c.get("in force");
        beside(t.mechanism(), "accepted" + (inForce.equals("unknown") ? "" : ", in force: " + inForce)
                + " (child JVM PID " + c.pid() + ")");
        beside("", "proof: " + c.get("proof"));
        for (String line : c.err().reversed().stream().dropWhile(String::isBlank).toList().reversed()) {
            beside("", "| " + line); // what the child JVM printed on standard error
        }
        beside("", "small, " + measured(t.side("small"), c));
        beside("", "holding " + heapMb + " MB, " + measured(t.side("large"), c));
    }

    /** Which values this JDK accepted, and whether changing the property later changed anything. */
    public static void acceptedAndRejected(List<Trial> trials) {
        List<String> rejected = trials.stream().filter(t -> !t.accepted()).map(Trial::mechanism).toList();
        System.out.printf("%naccepted here: %s%nrejected here: %s%n", String.join(", ",
                trials.stream().filter(Trial::accepted).map(Trial::mechanism).toList()),
                rejected.isEmpty() ? "none" : String.join(", ", rejected));
        trials.stream().map(Trial::child).filter(f -> f.result().containsKey("after changing the property"))
                .findFirst().ifPresent(f -> System.out.printf("Read once: after its small launches, the %s child set the"
                        + " property to SPAWN and%nlaunched again: it %s.%n", f.get("in force"),
                        f.get("after changing the property")));
    }

    /** The table of means: one row per accepted mechanism. */
    public static Table means(List<Trial> trials, int heapMb, List<String> command) {
        StringColumn name = StringColumn.create("mechanism");
        IntColumn nSmall = IntColumn.create("n, small"), nLarge = IntColumn.create("n, large");
        DoubleColumn mSmall = DoubleColumn.create("ms, small"), mLarge = DoubleColumn.create("ms, large"),
                ratio = DoubleColumn.create("large / small");
        for (Trial t : trials) {
            if (!t.accepted()) continue;
            Side small = t.side("small"), large = t.side("large");
            name.append(t.mechanism());
            nSmall.append(small.launches());
            mSmall.append(small.meanMs());
            nLarge.append(large.launches());
            mLarge.append(large.meanMs());
            ratio.append(large.meanMs() / small.meanMs());
        }
        for (DoubleColumn c : List.of(mSmall, mLarge)) c.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        ratio.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        return Table.create("Mean ms per launch of " + shortCommand(command) + ", small JVM and large (" + heapMb
                + " MB)", name, nSmall, mSmall, nLarge, mLarge, ratio);
    }

    /** The first thing VFORK's child printed on standard error (JDK 25's deprecation), or "". */
    public static String vforkWarning(List<Trial> trials) {
        return trials.stream().filter(t -> t.accepted() && t.mechanism().equals("VFORK"))
                .flatMap(t -> t.child().err().stream()).filter(l -> !l.isBlank()).findFirst().orElse("");
    }

    /** The most --heap-mb this machine can hold besides the rest, and how that was judged, for the error. */
    public static long maxHeapMb(Host host) {
        long available = host.availableMb();
        return available >= 0 ? Math.max(0, (available - 1024) * 3 / 4) // macOS: no "available", only a total
                : Math.max(0, host.totalMb() / 2 - 512);
    }

    public static String memoryWord(Host host) {
        return host.availableMb() >= 0 ? String.format("%,d MB being free", host.availableMb())
                : String.format("of %,d MB in all", host.totalMb());
    }

    /** Prints text beside a label, wrapped to 100 columns, the next lines indented under the text. */
    private static void beside(String label, String text) {
        String wrapped = Notice.wrap(text, BESIDE, 99 - BESIDE).substring(BESIDE);
        System.out.println(String.format("%-" + (BESIDE - 1) + "s ", label) + wrapped);
    }

    /** "resident 43 MB: 200 launches, mean 1.77 ms", and whether the OS refused some for a moment. */
    private static String measured(Side s, ChildJvm.Child c) {
        return String.format("resident %s: %d launches, mean %s ms%s", s.rssMb() < 0 ? "n/a" : s.rssMb() + " MB",
                s.launches(), ms(s.meanMs()), c.get("refused").equals("0") ? "" : "; refused for a moment and"
                        + " retried: " + c.get("refused"));
    }

    /** The launched command, short enough for a line: the program's file name and its arguments. */
    public static String shortCommand(List<String> command) {
        List<String> words = new ArrayList<>(command);
        words.set(0, Path.of(command.getFirst()).getFileName().toString());
        return String.join(" ", words);
    }

    /** Milliseconds as the lesson prints them. */
    public static String ms(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}
