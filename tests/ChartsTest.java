import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import support.Charts;
import support.Gil;
import support.Cli;
import support.Lab;
import support.Results;
import support.Results.Task;
import tech.tablesaw.api.Table;

/**
 * --chart and --sweep: the chart files are made, are valid PNG or SVG of the size the chart asks
 * for, and the series handed to the chart hold the measured values (the data, not the pixels).
 */
@TimesSomething
class ChartsTest {
    @TempDir Path dir;

    /** A lab as a lesson makes one, in this JVM, so the test sees its phases and rows. */
    static Lab lab() {
        return new Lab(new Cli.Common(), new Results.Params("99-test", "", null, 0.05, null, "sleep"));
    }

    /** N platform threads, each sleeping {@code seconds}: a phase body. */
    static List<Task> sleepers(Lab lab, String name, int n, double seconds) throws InterruptedException {
        Task[] done = new Task[n];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int slot = i;
            threads.add(Thread.ofPlatform().name(name + (i + 1)).start(
                    () -> done[slot] = lab.task(() -> Thread.sleep((long) (seconds * 1000)))));
        }
        for (Thread t : threads) t.join();
        return List.of(done);
    }

    /** N platform threads, each holding the model GIL while it sleeps a little: one at a time. */
    static List<Task> gatedSleepers(Lab lab, Gil gate, int n) throws InterruptedException {
        Task[] done = new Task[n];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int slot = i;
            threads.add(Thread.ofPlatform().name("Gated" + (i + 1)).start(() -> done[slot] = lab.task(() -> {
                gate.enter();
                try {
                    Thread.sleep(10);
                } finally {
                    gate.exit();
                }
            })));
        }
        for (Thread t : threads) t.join();
        return List.of(done);
    }

    @Test
    void theTimelineHasOneBarPerTaskFromItsStartToItsEndColouredByVariant() throws Exception {
        Lab lab = lab().quiet(true);
        lab.measure("worker", "platform", () -> sleepers(lab, "Thread", 3, 0.05));
        lab.measure("worker", "virtual", () -> sleepers(lab, "Other", 2, 0.05));
        Charts.Timeline timeline = (Charts.Timeline) lab.chart();

        // One bar per row of the CSV, in order, with the row's worker, variant and length.
        Table rows = lab.rows();
        assertEquals(rows.rowCount(), timeline.bars().size());
        long zero = lab.phases().get(0).t0();
        for (int i = 0; i < rows.rowCount(); i++) {
            Charts.Bar bar = timeline.bars().get(i);
            assertEquals(rows.stringColumn("worker").get(i), bar.worker());
            assertEquals(rows.stringColumn("variant").get(i), bar.variant());
            assertEquals(rows.doubleColumn("task_s").get(i), bar.end() - bar.start(), 1e-9, "bar " + i + " is its task");
        }
        // Each bar starts when its task did, on one clock for both phases (the second after the first).
        List<Task> tasks = lab.phases().stream().flatMap(p -> p.tasks().stream()).toList();
        for (int i = 0; i < tasks.size(); i++) {
            assertEquals((tasks.get(i).startNanos() - zero) / 1e9, timeline.bars().get(i).start(), 1e-9);
        }
        assertTrue(timeline.bars().get(3).start() >= timeline.bars().get(2).end() - 1e-9, "the phases ran one after the other");

        // The series handed to XChart: one per variant, each bar a (start, end) pair on its own row.
        List<Charts.Series> series = timeline.series();
        assertEquals(List.of("platform", "virtual"), series.stream().map(Charts.Series::name).toList());
        Charts.Series platform = series.get(0);
        assertEquals(Charts.Style.BARS, platform.style());
        assertArrayEquals(new double[] {bar(timeline, 0).start(), bar(timeline, 0).end(), Double.NaN, bar(timeline, 1).start(),
                bar(timeline, 1).end(), Double.NaN, bar(timeline, 2).start(), bar(timeline, 2).end()}, platform.x(), 0);
        assertArrayEquals(new double[] {5, 5, Double.NaN, 4, 4, Double.NaN, 3, 3}, platform.y(), 0, "first task on top");
        assertEquals("Thread1", timeline.yLabel(5));
        assertEquals("Other2", timeline.yLabel(1));
    }

    private static Charts.Bar bar(Charts.Timeline t, int i) { return t.bars().get(i); }

    @Test
    void aChildProcessesStartUpIsAPalerBarBeforeItsTask() {
        var timeline = new Charts.Timeline("t", List.of(new Charts.Bar("Process 1", "processes", 0.5, 1.5, 0.4),
                new Charts.Bar("Thread1", "threads", 2.0, 3.0, Double.NaN)));
        List<Charts.Series> series = timeline.series();
        assertEquals(List.of("processes", "processes" + Charts.STARTUP, "threads"),
                series.stream().map(Charts.Series::name).toList());
        assertArrayEquals(new double[] {0.5 - 0.4, 0.5}, series.get(1).x(), 1e-12, "start-up ends where the task starts");
    }

    @Test
    void aSweepRunsOneTwoFourUpToTwiceTheCoresAndItsSpeedUpIsNTimesOneWorkersWallOverN() throws Exception {
        Lab lab = lab();
        Charts.SpeedUp speedUp = lab.sweep(new Lab.Variant("sleep", n -> () -> sleepers(lab, "Thread", n, 0.2)),
                // a variant behind a gate, whose count is the peak (as lesson 02's under its model GIL)
                new Lab.Variant("gated", n -> {
                    Gil gate = Gil.on(5);
                    return Lab.gated(gate, () -> gatedSleepers(lab, gate, n));
                }));
        int[] steps = Lab.sweepSteps(Runtime.getRuntime().availableProcessors());
        assertEquals(speedUp, lab.chart(), "--chart draws the sweep");

        // The CSV holds one phase per step and variant, role "sweep", with the step's workers.
        Table all = lab.rows();
        assertEquals(2 * Arrays.stream(steps).sum(), all.rowCount());
        assertTrue(all.stringColumn("role").asList().stream().allMatch("sweep"::equals));
        Table gated = all.where(all.stringColumn("variant").isEqualTo("gated"));
        assertEquals(List.of(1), gated.intColumn("peak_parallel").unique().asList(), "the gate's count: one holds the lock");
        Table rows = all.where(all.stringColumn("variant").isEqualTo("sleep"));
        double wallOfOne = rows.where(rows.intColumn("workers").isEqualTo(1)).doubleColumn("wall_s").get(0);

        assertEquals(List.of("sleep", "gated", "ideal (speed-up = workers)"),
                speedUp.series().stream().map(Charts.Series::name).toList());
        Charts.Series line = speedUp.series().get(0), ideal = speedUp.series().get(2);
        assertArrayEquals(Arrays.stream(steps).asDoubleStream().toArray(), line.x(), 0);
        for (int i = 0; i < steps.length; i++) {
            int n = steps[i];
            double wall = rows.where(rows.intColumn("workers").isEqualTo(n)).doubleColumn("wall_s").get(0);
            assertEquals(n * wallOfOne / wall, line.y()[i], 1e-9, n + " workers: N x wall(1) / wall(N), from the CSV");
        }
        assertArrayEquals(new double[] {1, steps[steps.length - 1]}, ideal.x(), 0);
        assertArrayEquals(ideal.x(), ideal.y(), 0, "the ideal: speed-up = workers");
        // Sleepers overlap on any machine, so more of them get more done (a wide margin for a busy machine).
        assertTrue(line.y()[steps.length - 1] > 1.5, "sleeping threads overlap: " + Arrays.toString(line.y()));
    }

    @Test
    void sweepStepsDoubleFromOneToTwiceTheCores() {
        assertArrayEquals(new int[] {1, 2}, Lab.sweepSteps(1));
        assertArrayEquals(new int[] {1, 2, 4}, Lab.sweepSteps(2));
        assertArrayEquals(new int[] {1, 2, 4, 8, 12}, Lab.sweepSteps(6));
        assertArrayEquals(new int[] {1, 2, 4, 8, 16}, Lab.sweepSteps(8));
    }

    @Test
    void theHeapCheckCountsASweepsLastStep() {
        int[] steps = Lab.sweepSteps(Runtime.getRuntime().availableProcessors());
        Cli.Sweep sweep = new Cli.Sweep();
        assertEquals(3, sweep.most(3), "no sweep: the workers asked for");
        new picocli.CommandLine(sweep).parseArgs("--sweep");
        assertEquals(steps[steps.length - 1], sweep.most(1), "a sweep's most workers at once");
        assertEquals(Math.max(99, steps[steps.length - 1]), sweep.most(99));
    }

    @Test
    void lessonOneDrawsItsTimelineAsPngAndAsSvgOfTheExpectedSize() throws Exception {
        for (String name : List.of("t.png", "T.SVG")) {
            Path chart = dir.resolve("charts").resolve(name), csv = dir.resolve(name + ".csv");
            Lesson.Run run = new Lesson("ThreadsSleep").run("--tasks", "3", "--seconds", "0.1", "--chart", chart.toString(),
                    "--csv", csv.toString()).ok();
            assertTrue(run.out().contains("Chart written to " + chart), run.out());
            int bars = Files.readAllLines(csv).size() - 1;
            assertEquals(3, bars);
            var expected = new Charts.Timeline("", java.util.Collections.nCopies(bars, new Charts.Bar("w", "v", 0, 1, Double.NaN)));
            assertArrayEquals(new int[] {expected.width(), expected.height()}, name.endsWith("png") ? pngSize(chart) : svgSize(chart),
                    name + ": width and height");
        }
    }

    @Test
    void aSweepLessonShowsItsProgressAndDrawsSpeedUp() throws Exception {
        Path chart = dir.resolve("speed-up.svg"), csv = dir.resolve("sweep.csv");
        Lesson.Run run = new Lesson("SweepLesson").run("--sweep", "--size", "20000", "--chart", chart.toString(),
                "--csv", csv.toString()).ok();
        int[] steps = Lab.sweepSteps(Runtime.getRuntime().availableProcessors());
        for (int k = 1; k <= steps.length; k++) {
            assertTrue(run.out().contains("sweep step " + k + " of " + steps.length + ": " + steps[k - 1] + " worker"), run.out());
        }
        Table rows = Table.read().csv(csv.toFile());
        assertEquals(IntStream.of(steps).boxed().toList(), rows.intColumn("workers").unique().sorted(Integer::compare).asList());
        assertEquals(List.of("sweep"), rows.stringColumn("role").unique().asList());
        var expected = new Charts.SpeedUp("", Map.of(), 0);
        assertArrayEquals(new int[] {expected.width(), expected.height()}, svgSize(chart));
    }

    @Test
    void aChartOtherThanPngOrSvgIsRefusedBeforeTheRun() {
        Lesson.assertRejected(new Lesson("ThreadsSleep").run("--chart", dir.resolve("t.jpg").toString()), "--chart");
        Lesson.assertRejected(new Lesson("ThreadsSleep").run("--chart", dir.resolve("chart").toString()), ".png or .svg");
    }

    /** Width and height from a PNG's header, after checking its signature. */
    static int[] pngSize(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            byte[] signature = data.readNBytes(8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, signature, png + " is a PNG");
            data.readInt(); // the IHDR chunk's length
            assertEquals("IHDR", new String(data.readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII));
            int[] size = {data.readInt(), data.readInt()};
            assertTrue(javax.imageio.ImageIO.read(png.toFile()) != null, png + " decodes as an image");
            return size;
        }
    }

    /** Width and height of an SVG document's root, parsed as XML (without fetching its DTD). */
    static int[] svgSize(Path svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element root = factory.newDocumentBuilder().parse(svg.toFile()).getDocumentElement();
        assertEquals("svg", root.getTagName(), svg + " is an SVG document");
        return new int[] {px(root.getAttribute("width")), px(root.getAttribute("height"))};
    }

    private static int px(String length) { return (int) Math.round(Double.parseDouble(length.replace("px", ""))); }
}
