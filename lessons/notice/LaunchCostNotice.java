package notice;

import java.util.List;
import support.LaunchReport;
import support.Notice;

/**
 * Lesson 05 launch-cost's "What to notice": chosen by the launch times the child JVMs measured, so
 * that a test can feed it made-up means on both sides of every claim.
 */
public final class LaunchCostNotice {
    private LaunchCostNotice() {}

    /** One mechanism's mean launch, in ms, from the small JVM and from the large one, over at least {@code launches}. */
    public record Launch(String mechanism, double smallMs, double largeMs, int launches) {
        public double ratio() { return largeMs / smallMs; }

        /** Whether launching from the large JVM took clearly longer: more than noise (see GREW). */
        public boolean grew() { return Notice.compare(largeMs, smallMs, GREW) == Notice.Outcome.MORE; }
    }

    /**
     * A launch "grew" with the parent's memory when the large JVM's mean differs from the small one's by
     * more than a third of the larger: at least 1.5x. Means over a few launches on a busy machine wander
     * by tens of percent; copying page tables for half a GB costs several times a launch.
     */
    public static final double GREW = 1.0 / 3;

    /**
     * What one run measured: the OS, whether it honours the launch property, the JDK's feature version,
     * the mechanisms accepted and rejected, the first line VFORK printed ("" if none), each accepted
     * mechanism's means, resident memory of the small and large JVM in MB (-1 where unknown), the
     * memory held, and whether the learner chose it.
     */
    public record Measured(String os, boolean mechanismHonoured, int jdk, List<String> accepted, List<String> rejected,
                           String vforkWarning, List<Launch> launches, long smallRss, long largeRss, int heapMb,
                           boolean heapGiven) {
        public Launch get(String mechanism) {
            return launches.stream().filter(l -> l.mechanism().equals(mechanism)).findFirst().orElse(null);
        }
    }

    public static Notice of(Measured m) {
        Notice n = new Notice();
        if (!m.mechanismHonoured()) {
            n.say("[no-fork-here] On {os} the JDK ignores jdk.lang.Process.launchMechanism and creates every process"
                    + " one way, so there was no fork to compare.", "os", m.os());
        } else {
            n.say("[accepted] JDK {v} accepted {acc}{rej}.", "v", m.jdk(), "acc", String.join(", ", m.accepted()),
                    "rej", m.rejected().isEmpty() ? "" : " and rejected " + String.join(", ", m.rejected()));
        }
        if (!m.vforkWarning().isEmpty()) {
            n.say("[vfork-deprecated] VFORK still works but is deprecated: the JDK printed \"{w}\".",
                    "w", m.vforkWarning());
        }
        List<Launch> all = m.launches();
        if (!all.isEmpty()) {
            n.say("Holding {heap} MB{rss}, a JVM took this many times as long per launch as it did while small:"
                    + " {ratios}.",
                    "heap", m.heapMb(), "rss", m.largeRss() < 0 ? "" : " (" + m.largeRss() + " MB resident, against "
                            + m.smallRss() + " MB)", "ratios", String.join(", ", all.stream().map(l -> l.mechanism()
                            + " " + Notice.times(l.ratio())).toList()));
        }
        Launch fork = m.get("FORK");
        List<Launch> others = all.stream().filter(l -> l != fork).toList();
        List<Launch> othersGrew = others.stream().filter(Launch::grew).toList();
        Object[] v = {"fork", fork == null ? "" : Notice.times(fork.ratio()), "heap", m.heapMb(),
                "others", String.join(" and ", others.stream().map(Launch::mechanism).toList()),
                "grew", String.join(" and ", othersGrew.stream().map(Launch::mechanism).toList()),
                "r", String.join(", ", othersGrew.stream().map(l -> Notice.times(l.ratio())).toList()),
                "it", othersGrew.size() == 1 ? "it should" : "they should",
                "few", othersGrew.stream().mapToInt(Launch::launches).min().orElse(0)}; // of the ones that grew
        if (fork != null && fork.grew()) {
            n.say("[fork-grew] FORK grew with the parent's memory ({fork}): fork() copies the parent's page tables"
                    + " (the map of all its memory) before the child can run exec.", v);
            if (!others.isEmpty() && othersGrew.isEmpty()) {
                n.say("[only-fork-paid] {others} took no longer beyond noise: they let the child use the parent's"
                        + " memory until exec instead of copying its map, so only FORK paid for the parent's size.", v);
            } else if (!others.isEmpty()) {
                n.say("[others-grew] {grew} grew too ({r}), which copying does not explain: {it} let the child use"
                        + " the parent's memory until exec. With means over {few} launches each, a few slow launches"
                        + " on a busy machine weigh a lot.", v);
            }
        } else if (fork != null) {
            n.say("[fork-flat] FORK took no longer beyond noise with the parent's memory here ({fork}; 1.5x or more"
                    + " would count): fork() copies the parent's page tables, and for {heap} MB that copy was cheap"
                    + " on this machine.", v);
            if (!m.heapGiven()) n.say("[try-larger-heap] A larger --heap-mb makes that copy larger.");
        } else if (!all.isEmpty()) {
            n.either(othersGrew.isEmpty(),
                    "[no-copy] Launching took no longer from the large JVM, beyond noise: the new process does not"
                            + " copy the parent's memory.",
                    "[grew-unexplained] Launching took longer from the large JVM ({r}), more than noise. With means"
                            + " over {few} launches each, a few slow launches on a busy machine weigh a lot.", v);
        }
        Launch spawn = m.get("POSIX_SPAWN");
        if (fork != null && spawn != null) {
            n.pick(Notice.compare(fork.largeMs(), spawn.largeMs(), GREW),
                    "[fork-faster] From the large JVM FORK was even faster than POSIX_SPAWN ({f} ms against {s} ms).",
                    "[fork-same] From the large JVM FORK and POSIX_SPAWN took about the same ({f} ms and {s} ms,"
                            + " within noise).",
                    "[fork-slower] From the large JVM FORK took {f} ms against POSIX_SPAWN's {s} ms.",
                    "f", LaunchReport.ms(fork.largeMs()), "s", LaunchReport.ms(spawn.largeMs()));
        }
        n.say("[no-fork-start-method] Whatever the mechanism, the new process runs a new program from its start:"
                + " nothing of the JVM's objects survives, so Java has no equivalent of Python's fork start method.");
        return n;
    }
}
