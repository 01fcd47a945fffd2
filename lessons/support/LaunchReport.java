package support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import support.Results.Task;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The instrument of lesson 05's launch-cost, kept out of the lesson: checking its options, printing
 * what each child JVM reported, the summary table, the CSV rows, and the record of what was measured
 * that the lesson's "What to notice" reads.
 */
public final class LaunchReport {
    public static final int MIN_HEAP_MB = 64;
    /** Column where the text beside a mechanism's name starts. */
    private static final int BESIDE = 16;

    private final Host host;
    private final int launches, heapMb;
    private final double budgetS;
    private final List<String> command = LaunchProbe.trivialCommand();

    public LaunchReport(Host host, int launches, int heapMb, double budgetS) {
        this.host = host;
        this.launches = launches;
        this.heapMb = heapMb;
        this.budgetS = budgetS;
    }

    /** One launch mechanism tried in a small child JVM and, if accepted, in a large one. */
    public record Trial(String mechanism, ChildJvm.Child small, ChildJvm.Child large) {
        public boolean accepted() { return !small.result().containsKey("rejected") && small.exitCode() == 0; }
    }

    public record Mechanisms(List<Trial> trials, List<String> command, long smallRss, long largeRss) {
        public List<Trial> accepted() { return trials.stream().filter(Trial::accepted).toList(); }

        public boolean allChecked() {
            return !accepted().isEmpty() && accepted().stream().allMatch(t -> checked(t.small()) && checked(t.large()));
        }
    }

    /** One mechanism's mean launch time from the small and from the large JVM, over at least {@code launches}. */
    public record Launch(String mechanism, double smallMs, double largeMs, int launches) {
        public double ratio() { return largeMs / smallMs; }

        /** Whether launching from the large JVM took clearly longer: more than noise (see GREW). */
        public boolean grew() { return Notice.compare(largeMs, smallMs, GREW) == Notice.Outcome.MORE; }
    }

    /**
     * A launch "grew" with the parent's memory when the large JVM's mean differs from the small one's by
     * more than a third of the larger: at least 1.5x. Means over a few launches on a busy machine wander
     * by tens of percent; copying page tables for a GB costs several times a launch.
     */
    public static final double GREW = 1.0 / 3;

    /** What the closing notice is chosen by: everything the lesson measured, and nothing else. */
    public record Measured(String os, boolean mechanismHonoured, List<String> accepted, List<String> rejected,
                           String vforkWarning, List<Launch> launches, long smallRss, long largeRss, int heapMb,
                           boolean heapGiven) {
        public Launch get(String mechanism) {
            return launches.stream().filter(l -> l.mechanism().equals(mechanism)).findFirst().orElse(null);
        }
    }

    public static int launchCount(ChildJvm.Child c) { return Integer.parseInt(c.get("launches")); }

    public static double meanMs(ChildJvm.Child c) { return 1000 * Double.parseDouble(c.get("launch s")) / launchCount(c); }

    /** Every launch exited 0, each had a PID of its own, and the first one proved itself. */
    public static boolean checked(ChildJvm.Child c) {
        return c.exitCode() == 0 && c.get("failed").equals("0")
                && c.get("distinct pids").equals(c.get("launches")) && LaunchProbe.proofHolds(c.get("proof"));
    }

    public void intro() {
        System.out.println("How the JDK starts a process here: the property jdk.lang.Process.launchMechanism");
        if (host.launchMechanismHonoured()) {
            say(String.format("The JDK reads it once per JVM, so each value is tried in a fresh child JVM started with"
                    + " -Djdk.lang.Process.launchMechanism=X. Each child proves one launch, then times up to %d launches"
                    + " of %s (a measurement stops after %.0f s). \"In force\" is what the JDK really uses. VFORK is"
                    + " deprecated: JDK 25 warns when it is chosen.", launches, String.join(" ", command), budgetS));
        } else {
            say(String.format("On %s the JDK ignores this property: it creates every process one way"
                    + " (CreateProcess), so there are no mechanisms to compare. A child JVM proves one launch, then"
                    + " times up to %d launches of %s (a measurement stops after %.0f s).", host.displayName(),
                    launches, String.join(" ", command), budgetS));
        }
        say("This times creating an OS process that runs a tiny program; lesson 03 times a whole JVM starting up,"
                + " which takes this and much more.");
        if (host.residentSource() == null) {
            say("On " + host.displayName() + " Java cannot read a process's resident memory, so it shows as n/a.");
        }
        System.out.println();
    }

    private static void say(String text) { System.out.println(Notice.wrap(text, 0, 99)); }

    /** What the small JVM of one mechanism reported: rejected, or accepted with its proof and timing. */
    public void small(String mechanism, ChildJvm.Child f) {
        if (f.result().containsKey("rejected")) {
            beside(mechanism, "rejected" + (mechanism.equals("SPAWN") ? " (SPAWN is Python's word)" : "") + ": "
                    + f.get("rejected"));
            return;
        }
        String inForce = f.get("in force");
        beside(mechanism, "accepted" + (inForce.equals("unknown") ? "" : ", in force: " + inForce));
        beside("", "proof: " + f.get("proof"));
        for (String line : f.err().reversed().stream().dropWhile(String::isBlank).toList().reversed()) {
            beside("", "| " + line); // what the child JVM printed on standard error
        }
        beside("", String.format("small JVM (PID %d, resident %s): %s", f.pid(), rss(f), measured(f)));
    }

    public void acceptedAndRejected(List<Trial> trials) {
        if (host.launchMechanismHonoured()) {
            List<String> rejected = trials.stream().filter(t -> !t.accepted()).map(Trial::mechanism).toList();
            System.out.printf("%naccepted here: %s%nrejected here: %s%n", String.join(", ",
                    trials.stream().filter(Trial::accepted).map(Trial::mechanism).toList()),
                    rejected.isEmpty() ? "none" : String.join(", ", rejected));
            trials.stream().map(Trial::small).filter(f -> f.result().containsKey("after changing the property"))
                    .findFirst().ifPresent(f -> System.out.printf("Read once: after its launches, the %s child set the"
                            + " property to SPAWN and launched%nagain: it %s.%n", f.get("in force"),
                            f.get("after changing the property")));
        }
        System.out.println();
    }

    public void large(String mechanism, ChildJvm.Child big) {
        beside(mechanism, String.format("large JVM (PID %d, resident %s): %s", big.pid(), rss(big), measured(big)));
    }

    /** The table of means, and the summary; returns what the notice and the exit code need. */
    public Mechanisms summarise(List<Trial> trials) {
        long smallRss = -1, largeRss = -1;
        StringColumn name = StringColumn.create("mechanism");
        IntColumn nSmall = IntColumn.create("n, small"), nLarge = IntColumn.create("n, large");
        DoubleColumn mSmall = DoubleColumn.create("ms, small"), mLarge = DoubleColumn.create("ms, large"),
                ratio = DoubleColumn.create("large / small");
        for (Trial t : trials) {
            if (!t.accepted()) continue;
            smallRss = Math.max(smallRss, Long.parseLong(t.small().get("rss mb")));
            largeRss = Math.max(largeRss, Long.parseLong(t.large().get("rss mb")));
            name.append(t.mechanism());
            nSmall.append(launchCount(t.small()));
            mSmall.append(meanMs(t.small()));
            nLarge.append(launchCount(t.large()));
            mLarge.append(meanMs(t.large()));
            ratio.append(meanMs(t.large()) / meanMs(t.small()));
        }
        for (DoubleColumn c : List.of(mSmall, mLarge)) c.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        ratio.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        System.out.printf("%n%s%n%n", Table.create("Mean ms per launch of " + shortCommand(command) + ", small JVM and"
                + " large (" + heapMb + " MB)", name, nSmall, mSmall, nLarge, mLarge, ratio).printAll());
        Mechanisms m = new Mechanisms(trials, command, smallRss, largeRss);
        List<String> rejected = trials.stream().filter(t -> !t.accepted()).map(Trial::mechanism).toList();
        System.out.println(Results.facts("Summary", "this JVM", "PID " + ProcessHandle.current().pid(),
                host.launchMechanismHonoured() ? "launch mechanisms accepted" : "launch mechanism",
                String.join(", ", m.accepted().stream().map(Trial::mechanism).toList()),
                "rejected", rejected.isEmpty() ? "none" : String.join(", ", rejected),
                "command launched", shortCommand(command),
                "resident memory, small / large JVM", smallRss < 0 || largeRss < 0
                        ? "n/a on " + host.displayName() : smallRss + " MB / " + largeRss + " MB").printAll());
        return m;
    }

    /** The measurements the notice is chosen by. */
    public Measured measured(Mechanisms m, boolean heapGiven) {
        String vforkWarning = m.accepted().stream().filter(t -> t.mechanism().equals("VFORK"))
                .flatMap(t -> t.small().err().stream()).filter(l -> !l.isBlank()).findFirst().orElse("");
        List<Launch> launched = m.accepted().stream().map(t -> new Launch(t.mechanism(), meanMs(t.small()),
                meanMs(t.large()), Math.min(launchCount(t.small()), launchCount(t.large())))).toList();
        return new Measured(host.displayName(), host.launchMechanismHonoured(),
                m.accepted().stream().map(Trial::mechanism).toList(),
                m.trials().stream().filter(t -> !t.accepted()).map(Trial::mechanism).toList(), vforkWarning, launched,
                m.smallRss(), m.largeRss(), heapMb, heapGiven);
    }

    /**
     * One CSV row: the small-heap JVM is the baseline, the large one the worker; task_s is the mean
     * launch time and wall_s the whole launch loop, both measured by the child.
     */
    public static void addRow(Results results, String role, String mechanism, String worker, ChildJvm.Child f,
                              long startNanos, long t0) {
        long meanNanos = Math.round(meanMs(f) * 1e6), loopNanos = Math.round(Double.parseDouble(f.get("loop s")) * 1e9);
        Task task = new Task(worker, f.pid(), f.get("thread"), startNanos, startNanos + meanNanos,
                checked(f) ? "ok" : "FAILED");
        results.add(role, mechanism, t0, loopNanos, 1, List.of(task));
    }

    /** Checks --launches and --heap-mb against what this machine has. */
    public static void validate(CommandSpec spec, int launches, int heapMb) {
        if (launches < 1 || launches > 100_000) {
            throw Cli.bad(spec, "--launches must be from 1 to 100,000 (got %d)", launches);
        }
        Host host = Host.current();
        long available = host.availableMb();
        if (available >= 0) {
            long max = Math.max(0, (available - 1024) * 3 / 4);
            if (heapMb < MIN_HEAP_MB || heapMb > max) {
                throw Cli.bad(spec, "--heap-mb must be from %d to %,d here, %,d MB being free (got %d)", MIN_HEAP_MB,
                        Math.max(max, MIN_HEAP_MB), available, heapMb);
            }
        } else { // macOS: no figure for "available", so the check can only be against the machine's total
            long max = Math.max(0, host.totalMb() / 2 - 512);
            if (heapMb < MIN_HEAP_MB || heapMb > max) {
                throw Cli.bad(spec, "--heap-mb must be from %d to %,d here, of %,d MB in all (got %d)", MIN_HEAP_MB,
                        Math.max(max, MIN_HEAP_MB), host.totalMb(), heapMb);
            }
        }
    }

    /** Prints text beside a label, wrapped to 100 columns, the next lines indented under the text. */
    private static void beside(String label, String text) {
        String wrapped = Notice.wrap(text, BESIDE, 99 - BESIDE).substring(BESIDE);
        System.out.println(String.format("%-" + (BESIDE - 1) + "s ", label) + wrapped);
    }

    /** Resident memory as printed: "43 MB", or "n/a" where this OS does not tell it. */
    private static String rss(ChildJvm.Child f) {
        String mb = f.get("rss mb");
        return mb.startsWith("-") || mb.equals("?") ? "n/a" : mb + " MB";
    }

    /** "200 launches, mean 1.77 ms", and whether the OS refused some for a moment. */
    private static String measured(ChildJvm.Child f) {
        return String.format("%d launches, mean %s ms%s", launchCount(f), fmt(meanMs(f)),
                f.get("refused").equals("0") ? "" : "; refused for a moment and retried: " + f.get("refused"));
    }

    /** The launched command, short enough for a line: the program's file name and its arguments. */
    public static String shortCommand(List<String> command) {
        List<String> words = new ArrayList<>(command);
        words.set(0, Path.of(command.getFirst()).getFileName().toString());
        return String.join(" ", words);
    }

    public static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}
