///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.slf4j:slf4j-nop:2.0.17
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
//SOURCES support/*.java
//MAIN LaunchCost

// Lesson 05, part two — where fork still lives: how the JDK asks the OS for a new process.
//
// The article's closing caveat contrasts Python's fork and spawn. A JVM never copies itself (see
// ./jbang spawn-vs-fork), but one level down the JDK still picks how the OS makes a process: the
// property jdk.lang.Process.launchMechanism (POSIX_SPAWN, FORK, VFORK; SPAWN is Python's word). The
// JDK reads it once per JVM, so each value is tried in a fresh child JVM that times a few hundred
// launches of a tiny command, once as a small JVM and once holding --heap-mb of memory. fork() copies
// the parent's page tables, so it should slow down as the parent grows. VFORK is deprecated (JDK 25
// warns); Windows ignores the property. Lesson 03 times something larger: a whole JVM starting up.
//
// Run it:   ./jbang launch-cost                       200 launches per mechanism, 1024 MB large heap
//           ./jbang launch-cost --heap-mb 2048        a larger parent makes fork slower still
//           ./jbang launch-cost --launches 50         a quicker run

import java.io.IOException;
import java.util.*;
import java.util.concurrent.Callable;
import picocli.CommandLine.*;
import picocli.CommandLine.Model.CommandSpec;
import support.*;
import support.LaunchReport.*; // Launch, Measured

@Command(name = "launch-cost", mixinStandardHelpOptions = true,
        description = "Lesson 05: how the JDK launches processes (posix_spawn, fork, vfork) and what a large parent costs.")
class LaunchCost implements Callable<Integer> {

    /** The child JVM: started with one launch mechanism, it holds some memory, then launches a tiny command. */
    static final class Launcher {
        public static void main(String[] args) throws Exception {
            ChildJvm.exitWithParent(); // if the lesson dies, this JVM goes too
            int heapMb = Integer.parseInt(args[0]), launches = Integer.parseInt(args[1]);
            double budget = Double.parseDouble(args[2]);
            List<String> command = List.of(args).subList(3, args.length);
            byte[][] held = LaunchProbe.hold(heapMb);
            ChildJvm.report("thread", NativeThread.describe());
            // The first launch loads java.lang.ProcessImpl, which reads the property once, now. A value
            // it does not know is rejected right here, with an Error.
            String proof;
            try {
                proof = LaunchProbe.proveALaunch(command);
            } catch (Error e) {
                ChildJvm.report("rejected", e.toString());
                return;
            }
            ChildJvm.report("in force", LaunchProbe.inForce());
            ChildJvm.report("proof", proof);
            ChildJvm.report("rss mb", Host.current().residentMb(ProcessHandle.current().pid())); // may run ps
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            for (int i = 0; i < 3; i++) LaunchProbe.start(builder).waitFor(); // warm-up, untimed

            // The measurement: only start() is timed, the moment the OS creates the process and runs
            // the command in it. Waiting for the command to end is not part of a launch.
            Set<Long> pids = new HashSet<>();
            int done = 0, failed = 0;
            long spent = 0, loop0 = System.nanoTime(), deadline = loop0 + Math.round(budget * 1e9);
            while (done < launches && (done == 0 || System.nanoTime() < deadline)) {
                long s = System.nanoTime();
                Process p;
                try {
                    p = builder.start();
                } catch (IOException e) { // refused for a moment: try again, neither timed nor counted
                    LaunchProbe.refuse(e);
                    continue;
                }
                spent += System.nanoTime() - s;
                pids.add(p.pid());
                if (p.waitFor() != 0) failed++;
                done++;
            }
            long loop = System.nanoTime() - loop0;
            for (Object[] kv : new Object[][] {{"launches", done}, {"launch s", spent / 1e9}, {"loop s", loop / 1e9},
                    {"failed", failed}, {"distinct pids", pids.size()}, {"refused", LaunchProbe.refusals()}}) {
                ChildJvm.report((String) kv[0], kv[1]);
            }
            // Read once per JVM: set the property to a value it would reject, and launch again.
            System.setProperty(MECHANISM, "SPAWN");
            int again = LaunchProbe.start(builder).waitFor();
            ChildJvm.report("after changing the property",
                    again == 0 ? "still launches, still " + LaunchProbe.inForce() : "exit " + again);
            java.lang.ref.Reference.reachabilityFence(held); // held to the end
        }
    }

    /** Starts a Launcher with one mechanism ("default": none chosen) holding {@code heldMb}, and waits for it. */
    ChildJvm.Child launcher(String mechanism, int heldMb) throws InterruptedException {
        List<String> jvm = new ArrayList<>(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED")); // for inForce
        if (!mechanism.equals(DEFAULT)) jvm.add("-D" + MECHANISM + "=" + mechanism);
        if (heldMb > 0) jvm.add("-Xmx" + (heldMb + heldMb / 8 + 256) + "m");
        List<String> args = new ArrayList<>(List.of(String.valueOf(heldMb), String.valueOf(launches), String.valueOf(BUDGET_S)));
        args.addAll(LaunchProbe.trivialCommand());
        ChildJvm.Child c = ChildJvm.start(mechanism + " child JVM", ChildJvm.command(jvm, Launcher.class, args), line -> {});
        if (c.finish(TIMEOUT_S) != 0 && !c.result().containsKey("rejected")) {
            throw new IllegalStateException("the " + mechanism + " child JVM exited with code " + c.exitCode() + ": "
                    + String.join(" | ", c.err().subList(0, Math.min(4, c.err().size()))));
        }
        return c;
    }

    public static void main(String[] args) {
        Cli.run(new LaunchCost(), args);
    }

    @Override
    public Integer call() throws Exception {
        LaunchReport.validate(spec, launches, heapMb);
        Host host = Host.current();
        System.out.println(Results.machine());
        if (!host.freeMemoryMeaningful()) System.out.println("On " + host.displayName() + " Java cannot tell free"
                + " memory, so --heap-mb is checked against total memory only.");
        System.out.println();
        Results results = new Results(new Results.Params("05-launch-cost",
                "--launches " + launches + " --heap-mb " + heapMb, null, null, null));
        LaunchReport report = new LaunchReport(host, launches, heapMb, BUDGET_S);
        report.intro();

        long t0 = System.nanoTime();
        List<String> candidates = host.launchMechanismHonoured() ? CANDIDATES : List.of(DEFAULT);
        List<LaunchReport.Trial> trials = new ArrayList<>();
        for (String mechanism : candidates) { // each in a small JVM first
            long s = System.nanoTime();
            ChildJvm.Child small = launcher(mechanism, 0);
            report.small(mechanism, small);
            if (!small.result().containsKey("rejected")) LaunchReport.addRow(results, "baseline", mechanism, "small-heap", small, s, t0);
            trials.add(new LaunchReport.Trial(mechanism, small, null));
        }
        report.acceptedAndRejected(trials);
        System.out.printf("The same from a JVM that first allocates and touches %d MB:%n", heapMb);
        for (int i = 0; i < trials.size(); i++) { // then each accepted one in a large JVM
            LaunchReport.Trial t = trials.get(i);
            if (!t.accepted()) continue;
            long s = System.nanoTime();
            ChildJvm.Child large = launcher(t.mechanism(), heapMb);
            report.large(t.mechanism(), large);
            LaunchReport.addRow(results, "worker", t.mechanism(), "heap-" + heapMb + "MB", large, s, t0);
            trials.set(i, new LaunchReport.Trial(t.mechanism(), t.small(), large));
        }

        LaunchReport.Mechanisms m = report.summarise(trials);
        Results.notice(notice(report.measured(m, spec.commandLine().getParseResult().hasMatchedOption("--heap-mb"))));
        results.writeCsv(common.csv);
        return m.allChecked() ? 0 : 1;
    }

    // ---- Options -----------------------------------------------------------------------------------

    @Option(names = "--launches", paramLabel = "N", description = "Launches of a tiny command per mechanism and heap "
            + "(default: ${DEFAULT-VALUE}); each measurement also stops after 2 s.")
    int launches = 200;

    @Option(names = "--heap-mb", paramLabel = "MB", description = "Memory the large parent JVM allocates and touches "
            + "before it launches (default: ${DEFAULT-VALUE}).")
    int heapMb = 1024;

    @Mixin Cli.Common common;
    @Spec CommandSpec spec;

    /** The values tried for jdk.lang.Process.launchMechanism. SPAWN is Python's name, not the JDK's. */
    static final List<String> CANDIDATES = List.of("POSIX_SPAWN", "FORK", "VFORK", "SPAWN");
    static final String MECHANISM = "jdk.lang.Process.launchMechanism";
    /** Where the JDK ignores the property (Windows), the lesson times its one way of creating a process. */
    static final String DEFAULT = "default";
    static final double BUDGET_S = 2, TIMEOUT_S = 120;

    // ---- What to notice ----------------------------------------------------------------------------

    /** The closing "What to notice": every sentence that states an outcome is chosen by the numbers. */
    static String notice(Measured m) {
        Notice n = new Notice();
        if (!m.mechanismHonoured()) {
            n.say("On {os} the JDK ignores " + MECHANISM + " and creates every process one way, so there was no fork"
                    + " to compare.", "os", m.os());
        } else {
            n.say("JDK {v} accepted {acc}{rej}.", "v", Runtime.version().feature(), "acc", String.join(", ", m.accepted()),
                    "rej", m.rejected().isEmpty() ? "" : " and rejected " + String.join(", ", m.rejected()));
        }
        if (!m.vforkWarning().isEmpty()) {
            n.say("VFORK still works but is deprecated: the JDK printed \"{w}\".", "w", m.vforkWarning());
        }
        List<Launch> all = m.launches();
        if (!all.isEmpty()) {
            n.say("A launch from a JVM holding {heap} MB{rss} took, against one from a small JVM: {ratios}.",
                    "heap", m.heapMb(), "rss", m.largeRss() < 0 ? "" : " (" + m.largeRss() + " MB resident, against "
                            + m.smallRss() + " MB)", "ratios", String.join(", ", all.stream().map(l -> l.mechanism()
                            + " " + Notice.times(l.ratio())).toList()));
        }
        Launch fork = m.get("FORK");
        List<Launch> others = all.stream().filter(l -> l != fork).toList();
        List<Launch> othersGrew = others.stream().filter(Launch::grew).toList();
        String grewRatios = String.join(", ", othersGrew.stream().map(l -> Notice.times(l.ratio())).toList());
        String noise = String.format(" With means over %d launches each, a few slow launches on a busy machine weigh"
                + " a lot.", othersGrew.stream().mapToInt(Launch::launches).min().orElse(0)); // of the ones that grew
        if (fork != null && fork.grew()) {
            n.say("FORK grew with the parent's memory ({r}): fork() copies the parent's page tables (the map of all its"
                    + " memory) before the child can run exec.", "r", Notice.times(fork.ratio()));
            if (!others.isEmpty() && othersGrew.isEmpty()) {
                n.say("{others} took no longer beyond noise: they let the child use the parent's memory until exec"
                        + " instead of copying its map, so only FORK paid for the parent's size.",
                        "others", String.join(" and ", others.stream().map(Launch::mechanism).toList()));
            } else if (!others.isEmpty()) {
                n.say("{grew} grew too ({r}), which copying does not explain: {it} let the child use the parent's memory"
                        + " until exec.{noise}", "grew", String.join(" and ", othersGrew.stream().map(Launch::mechanism)
                                .toList()), "r", grewRatios, "it", othersGrew.size() == 1 ? "it should" : "they should",
                        "noise", noise);
            }
        } else if (fork != null) {
            n.say("FORK took no longer beyond noise with the parent's memory here ({r}; 1.5x or more would count):"
                    + " fork() copies the parent's page tables, and for {heap} MB that copy was cheap on this"
                    + " machine{hint}.", "r", Notice.times(fork.ratio()), "heap", m.heapMb(),
                    "hint", m.heapGiven() ? "" : "; a larger --heap-mb makes it larger");
        } else if (!all.isEmpty()) {
            n.either(othersGrew.isEmpty(), "Launching took no longer from the large JVM, beyond noise: the new process"
                    + " does not copy the parent's memory.", "Launching took longer from the large JVM ({r}), more than"
                    + " noise.{noise}", "r", grewRatios, "noise", noise);
        }
        Launch spawn = m.get("POSIX_SPAWN");
        if (fork != null && spawn != null) {
            n.pick(Notice.compare(fork.largeMs(), spawn.largeMs(), LaunchReport.GREW),
                    "From the large JVM FORK was even faster than POSIX_SPAWN ({f} ms against {s} ms).",
                    "From the large JVM FORK and POSIX_SPAWN took about the same ({f} ms and {s} ms, within noise).",
                    "From the large JVM FORK took {f} ms against POSIX_SPAWN's {s} ms.",
                    "f", LaunchReport.fmt(fork.largeMs()), "s", LaunchReport.fmt(spawn.largeMs()));
        }
        n.say("Whatever the mechanism, the new process runs a new program from its start: nothing of the JVM's objects"
                + " survives, so Java has no equivalent of Python's fork start method.");
        return n.text();
    }
}

// What you should see
//
// On Linux, POSIX_SPAWN, FORK and VFORK are accepted (VFORK with JDK 25's deprecation warning) and
// SPAWN is rejected with the JDK's own error; each mechanism's first launch proves itself with a
// shell that prints the PID Java was given. From a small JVM a launch of /bin/true takes about a
// millisecond whatever the mechanism. From the JVM holding 1024 MB, FORK takes several times longer,
// often 5x or more on a 4-16 core laptop, because fork() copies the page tables that map all of the
// parent's memory before exec replaces them; POSIX_SPAWN and VFORK let the child borrow the parent's
// memory until exec, so they stay about as fast. That is why the JDK defaults to POSIX_SPAWN on Linux.
// On Windows there is one way (CreateProcess) and no fork story; on macOS the same mechanisms exist.
