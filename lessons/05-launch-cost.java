///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES support/Lab.java

// Lesson 05, part two — where fork still lives: how the JDK asks the OS for a new process.
//
// The article's closing caveat contrasts Python's fork and spawn. A JVM never copies itself (see
// ./jbang spawn-vs-fork), but one level down the JDK still picks how the OS makes a process: the
// property jdk.lang.Process.launchMechanism (POSIX_SPAWN, FORK, VFORK; SPAWN is Python's word). The
// JDK reads it once per JVM, so each value is tried in a fresh child JVM that times launches of a
// tiny command while it is small, then again once it holds --heap-mb of memory. fork() copies the
// parent's page tables, so it should slow down as the parent grows. VFORK is deprecated (JDK 25
// warns); Windows ignores the property. Lesson 03 times something larger: a whole JVM starting up.
//
// Run it:   ./jbang launch-cost                       100 launches per mechanism and heap, 512 MB held
//           ./jbang launch-cost --heap-mb 2048        a larger parent makes fork slower still
//           ./jbang launch-cost --launches 20         a quicker run

import java.io.IOException;
import java.util.*;
import java.util.concurrent.Callable;
import notice.LaunchCostNotice;
import picocli.CommandLine.*;
import picocli.CommandLine.Model.CommandSpec;
import support.*;
import support.LaunchReport.Trial;

@Command(name = "launch-cost", mixinStandardHelpOptions = true,
        description = "Lesson 05: how the JDK launches processes (posix_spawn, fork, vfork) and what a large parent costs.")
class LaunchCost implements Callable<Integer> {

    /** The child JVM: started with one launch mechanism, it times launches while small, then holding memory. */
    static final class Launcher {
        public static void main(String[] args) throws Exception {
            ChildJvm.exitWithParent(); // if the lesson dies, this JVM goes too
            int heapMb = Integer.parseInt(args[0]), launches = Integer.parseInt(args[1]);
            double budget = Double.parseDouble(args[2]);
            ProcessBuilder builder = new ProcessBuilder(List.of(args).subList(3, args.length))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            ChildJvm.report("thread", NativeThread.describe());
            try { // The first launch loads java.lang.ProcessImpl, which reads the property once, now.
                ChildJvm.report("proof", LaunchProbe.proveALaunch(builder.command()));
            } catch (Error e) { // a value it does not know is rejected right here
                ChildJvm.report("rejected", e.toString());
                return;
            }
            ChildJvm.report("in force", LaunchProbe.inForce());
            time("small", builder, 3, launches, budget);   // a small JVM: some 60 MB resident
            // Read once per JVM: set the property to a value it would reject, and launch again.
            System.setProperty(MECHANISM, "SPAWN");
            int again = LaunchProbe.start(builder).waitFor();
            ChildJvm.report("after changing the property",
                    again == 0 ? "still launches, still " + LaunchProbe.inForce() : "exit " + again);
            byte[][] held = LaunchProbe.hold(heapMb);      // the same JVM, now holding heapMb more, every page touched
            time("large", builder, 1, launches, budget);
            ChildJvm.report("refused", LaunchProbe.refusals());
            java.lang.ref.Reference.reachabilityFence(held); // held to the end
        }

        // The measurement: only start() is timed, the moment the OS creates the process and runs the
        // command in it. Waiting for the command to end is not part of a launch.
        static void time(String side, ProcessBuilder builder, int warmUps, int launches, double budget)
                throws Exception {
            for (int i = 0; i < warmUps; i++) LaunchProbe.start(builder).waitFor(); // untimed
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
            LaunchProbe.report(side, done, spent, loop0, System.nanoTime() - loop0, failed, pids.size());
        }
    }

    /** Starts a Launcher with one mechanism ("default": none chosen), and waits for it. */
    Trial launcher(String mechanism) throws InterruptedException {
        List<String> jvm = new ArrayList<>(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", // for inForce
                "-Xmx" + (heapMb + heapMb / 8 + 256) + "m"));
        if (!mechanism.equals(DEFAULT)) jvm.add("-D" + MECHANISM + "=" + mechanism);
        List<String> args = new ArrayList<>(List.of(String.valueOf(heapMb), String.valueOf(launches),
                String.valueOf(BUDGET_S)));
        args.addAll(COMMAND);
        ChildJvm.Child c = ChildJvm.start(mechanism + " child JVM", ChildJvm.command(jvm, Launcher.class, args),
                line -> {});
        if (c.finish(TIMEOUT_S) != 0 && !c.result().containsKey("rejected")) {
            throw new IllegalStateException("the " + mechanism + " child JVM exited with code " + c.exitCode() + ": "
                    + String.join(" | ", c.err().subList(0, Math.min(4, c.err().size()))));
        }
        return new Trial(mechanism, c);
    }

    public static void main(String[] args) { Lab.run(new LaunchCost(), args); }

    @Override
    public Integer call() throws Exception {
        validate();
        Host host = Host.current();
        Lab lab = new Lab(common, new Results.Params("05-launch-cost",
                "--launches " + launches + " --heap-mb " + heapMb, null, null, null));
        lab.begin("Up to %d launches of %s per mechanism, from a small JVM and from one holding %d MB%n%s",
                launches, LaunchReport.shortCommand(COMMAND), heapMb, intro(host));
        List<Trial> trials = new ArrayList<>();
        for (String mechanism : host.launchMechanismHonoured() ? CANDIDATES : List.of(DEFAULT)) {
            Trial t = launcher(mechanism);
            trials.add(t);
            LaunchReport.show(t, heapMb);
            if (!t.accepted()) continue;
            record(lab, t, "small", "baseline", "small-heap"); // the JVM while small is the baseline
            record(lab, t, "large", "worker", "heap-" + heapMb + "MB");
        }
        if (host.launchMechanismHonoured()) LaunchReport.acceptedAndRejected(trials);
        System.out.printf("%n%s%n", LaunchReport.means(trials, heapMb, COMMAND).printAll());
        LaunchCostNotice.Measured m = measured(host, trials);
        lab.facts("Summary", "this JVM", "PID " + ProcessHandle.current().pid(),
                host.launchMechanismHonoured() ? "launch mechanisms accepted" : "launch mechanism",
                String.join(", ", m.accepted()),
                "rejected", m.rejected().isEmpty() ? "none" : String.join(", ", m.rejected()),
                "command launched", LaunchReport.shortCommand(COMMAND), "resident memory, small / large JVM",
                m.largeRss() < 0 ? "n/a on " + host.displayName() : m.smallRss() + " MB / " + m.largeRss() + " MB");
        lab.notice(LaunchCostNotice.of(m));
        int code = lab.end();
        return m.accepted().isEmpty() ? 1 : code;
    }

    /** One CSV row, as the child measured it: its mean launch, and the whole loop as the phase. */
    static void record(Lab lab, Trial t, String side, String role, String worker) {
        LaunchReport.Side s = t.side(side);
        lab.record(role, t.mechanism(), s.loopStart(), s.loopNanos(), List.of(t.task(worker, s)));
    }

    LaunchCostNotice.Measured measured(Host host, List<Trial> trials) {
        List<Trial> accepted = trials.stream().filter(Trial::accepted).toList();
        List<LaunchCostNotice.Launch> means = accepted.stream().map(t -> new LaunchCostNotice.Launch(t.mechanism(),
                t.side("small").meanMs(), t.side("large").meanMs(),
                Math.min(t.side("small").launches(), t.side("large").launches()))).toList();
        long smallRss = accepted.stream().mapToLong(t -> t.side("small").rssMb()).max().orElse(-1);
        long largeRss = accepted.stream().mapToLong(t -> t.side("large").rssMb()).max().orElse(-1);
        return new LaunchCostNotice.Measured(host.displayName(), host.launchMechanismHonoured(),
                Runtime.version().feature(), accepted.stream().map(Trial::mechanism).toList(),
                trials.stream().filter(t -> !t.accepted()).map(Trial::mechanism).toList(),
                LaunchReport.vforkWarning(trials),
                means, smallRss < 0 ? -1 : smallRss, smallRss < 0 ? -1 : largeRss, heapMb,
                spec.commandLine().getParseResult().hasMatchedOption("--heap-mb"));
    }

    /** What is about to run, and what this system cannot show. */
    String intro(Host host) {
        String how = host.launchMechanismHonoured()
                ? "Each value of " + MECHANISM + " is tried in a fresh child JVM started with -D" + MECHANISM + "=X"
                        + " (the JDK reads it once per JVM). \"In force\" is what the JDK really uses. VFORK is"
                        + " deprecated: JDK 25 warns when it is chosen."
                : "On " + host.displayName() + " the JDK ignores " + MECHANISM + ": it creates every process one way"
                        + " (CreateProcess), so there are no mechanisms to compare.";
        String what = String.format(" Each child proves one launch, times %s while small, then touches the"
                + " memory and times it again (a measurement stops after %s s). This times creating an OS process"
                + " that runs a tiny program; lesson 03 times a whole JVM starting up, which takes this and much"
                + " more.", String.join(" ", COMMAND), BUDGET_S);
        String cannot = (host.freeMemoryMeaningful() ? "" : "%nOn " + host.displayName() + " Java cannot tell free"
                + " memory, so --heap-mb is checked against total memory only.")
                + (host.residentSource() != null ? "" : "%nOn " + host.displayName() + " Java cannot read a"
                + " process's resident memory, so it shows as n/a.");
        return Notice.wrap(how + what, 0, 99) + String.format(cannot);
    }

    // ---- Options -----------------------------------------------------------------------------------

    @Option(names = "--launches", paramLabel = "N", description = "Launches of a tiny command per mechanism and heap "
            + "(default: ${DEFAULT-VALUE}); each measurement also stops after 0.5 s.")
    int launches = 100;

    @Option(names = "--heap-mb", paramLabel = "MB", description = "Memory the child JVM allocates and touches "
            + "before it launches again (default: ${DEFAULT-VALUE}).")
    int heapMb = 512;

    @Mixin Cli.Common common;
    @Spec CommandSpec spec;

    /** The values tried for jdk.lang.Process.launchMechanism. SPAWN is Python's name, not the JDK's. */
    static final List<String> CANDIDATES = List.of("POSIX_SPAWN", "FORK", "VFORK", "SPAWN");
    static final String MECHANISM = "jdk.lang.Process.launchMechanism";
    /** Where the JDK ignores the property (Windows), the lesson times its one way of creating a process. */
    static final String DEFAULT = "default";
    static final List<String> COMMAND = LaunchProbe.trivialCommand();
    static final double BUDGET_S = 0.5, TIMEOUT_S = 120;
    static final int MIN_HEAP_MB = 64;

    void validate() {
        if (launches < 1 || launches > 100_000) throw Cli.bad(spec, "--launches must be from 1 to 100,000 (got %d)", launches);
        long max = LaunchReport.maxHeapMb(Host.current());
        if (heapMb < MIN_HEAP_MB || heapMb > max) {
            throw Cli.bad(spec, "--heap-mb must be from %d to %,d here, %s (got %d)", MIN_HEAP_MB,
                    Math.max(max, MIN_HEAP_MB), LaunchReport.memoryWord(Host.current()), heapMb);
        }
    }
}

// What you should see: on Linux, POSIX_SPAWN, FORK and VFORK are accepted (VFORK with JDK 25's
// deprecation warning) and SPAWN is rejected with the JDK's own error; each mechanism's first launch
// proves itself with a shell that prints the PID Java was given. From the small JVM a launch of
// /bin/true takes about a millisecond whatever the mechanism. Once the JVM holds 512 MB, FORK takes
// several times longer, often 5x or more on a 4-16 core laptop, because fork() copies the page tables
// that map all of the parent's memory before exec replaces them; POSIX_SPAWN and VFORK let the child
// borrow the parent's memory until exec, so they stay about as fast. That is why the JDK defaults to
// POSIX_SPAWN on Linux. On Windows there is one way (CreateProcess) and no fork story; on macOS the
// same mechanisms exist.
