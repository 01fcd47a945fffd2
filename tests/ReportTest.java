import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.Charts;

/** ./jbang report: the pooled CSV files of a workshop as one self-contained page. */
@TimesNothing
class ReportTest {
    static final Path FIXTURES = Lesson.ROOT.resolve("tests/fixtures/report");
    static final Lesson REPORT = new Lesson("Report");

    @TempDir Path dir;

    static List<String> machines() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.toString().endsWith(".csv")).map(Path::toString).sorted().toList();
        }
    }

    Lesson.Run report(List<String> files) {
        List<String> args = new ArrayList<>(files);
        args.addAll(List.of("--out", dir.resolve("out").toString()));
        return REPORT.run(args.toArray(String[]::new));
    }

    String page() throws IOException { return Files.readString(dir.resolve("out/index.html")); }

    @Test
    void thePageNamesEveryMachineAndEveryLessonAndHoldsItsOwnImages() throws IOException {
        Lesson.Run run = report(machines()).ok();
        assertTrue(run.err().isEmpty(), "every row was read:\n" + run.err());
        String page = page();
        for (String machine : List.of("Linux", "amd64", "25.0.3+9-LTS", "Mac OS X", "aarch64", "25.0.1+8", "Windows 11", "25+36")) {
            assertTrue(page.contains(machine), "the page names " + machine);
        }
        for (String lesson : List.of("01-threads-sleep", "02-threads-sort", "03-process-sort")) {
            assertTrue(page.contains("\">" + lesson + "</h2>"), "the page has a section for " + lesson);
        }
        assertTrue(page.contains("2 to 16"), "the range of cores");
        // Self-contained: its charts are inside it, and it links to nothing outside.
        long images = page.lines().filter(l -> l.contains("<img ")).count();
        assertEquals(images, page.split("src=\"data:image/png;base64,", -1).length - 1, "every image is a data URI");
        assertTrue(images >= 4, "a chart per lesson and variant: " + images);
        assertFalse(page.contains("http:") || page.contains("https:") || page.contains("<script") || page.contains("<link"),
                "nothing fetched from outside");
        assertTrue(run.out().contains("3 machines, 3 lessons"), run.out());
    }

    @Test
    void eachMachinesSpeedUpIsWorkOverWallAgainstItsOwnOneWorkerTime() throws IOException {
        Report report = new Report();
        for (String f : machines()) report.read(Path.of(f));
        var speedUps = report.speedUps();
        // ana, 2 cores: 2 threads in 0.84 s after a baseline of 0.8 s; 4 sleeps of 1 s in 1.0125 s.
        assertPoints(speedUps.get("02-threads-sort").get("threads"), 2, Map.of(1, 1.0, 2, 2 * 0.8 / 0.84));
        assertPoints(speedUps.get("01-threads-sleep").get("platform"), 2, Map.of(4, 4 * 1.0 / 1.0125));
        // ben, 8 cores, a sweep: against its own 1-worker step.
        assertPoints(speedUps.get("02-threads-sort").get("threads"), 8,
                Map.of(1, 1.0, 2, 2 * 0.5 / 0.51, 4, 4 * 0.5 / 0.55, 8, 8 * 0.5 / 0.62, 16, 16 * 0.5 / 1.3));
        // cleo, 16 cores: processes and threads against the baseline on main.
        assertPoints(speedUps.get("03-process-sort").get("processes"), 16, Map.of(4, 4 * 0.6 / 1.2));
        assertPoints(speedUps.get("03-process-sort").get("threads"), 16, Map.of(4, 4 * 0.6 / 0.64));
    }

    static void assertPoints(Map<Report.Machine, List<Charts.Point>> machines, int cores, Map<Integer, Double> expected) {
        var points = machines.entrySet().stream().filter(e -> e.getKey().cores() == cores).findFirst().orElseThrow().getValue();
        assertEquals(expected.size(), points.size(), "one point per phase: " + points);
        for (Charts.Point p : points) assertEquals(expected.get(p.workers()), p.speedUp(), 1e-9, p + " on " + cores + " cores");
    }

    @Test
    void aMalformedFileGetsOneLinePerRowNotReadAndTheRestIsReported() throws IOException {
        List<String> files = new ArrayList<>(machines());
        files.add(FIXTURES.resolve("malformed/dan-01.csv").toString());
        files.add(FIXTURES.resolve("malformed/notes.csv").toString());
        files.add(dir.resolve("missing.csv").toString());
        Lesson.Run run = report(files).ok();
        List<String> lines = run.err().lines().toList();
        assertEquals(4, lines.size(), "one line per row or file not read:\n" + run.err());
        assertTrue(lines.get(0).matches("not read: .*dan-01\\.csv line 2: wall_s 'fast' is not a number"), lines.get(0));
        assertTrue(lines.get(1).matches("not read: .*dan-01\\.csv line 4: 10 fields where the header has 24"), lines.get(1));
        assertTrue(lines.get(2).matches("not read: .*notes\\.csv is not a lesson's CSV .*its 2 rows were not read"), lines.get(2));
        assertTrue(lines.get(3).matches("not read: .*missing\\.csv cannot be read \\(no such file\\)"), lines.get(3));
        assertTrue(run.out().contains("not read: 4 rows and 2 files"), run.out());
        // The rest is all there: dan's good row too, and the page lists what it left out.
        String page = page();
        for (String machine : List.of("Mac OS X", "Windows 11", "Linux")) assertTrue(page.contains(machine), machine);
        assertTrue(page.contains("line 2: wall_s 'fast' is not a number"), "the page names the bad row");
        assertTrue(page.contains("4 rows and 2 files could not be read"), "and counts them");
    }

    @Test
    void nothingReadableIsOneErrorLineAndExitOne() {
        Lesson.Run run = report(List.of(FIXTURES.resolve("malformed/notes.csv").toString()));
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("error: ")).count(), run.err());
        assertTrue(run.err().contains("error: nothing to report"), run.err());
        assertFalse(Files.exists(dir.resolve("out/index.html")), "no page");
    }

    @Test
    void anOutThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Lesson.assertRejected(REPORT.run(machines().get(0), "--out", file.toString()), "is a file");
    }

    @Test
    void aReportOfRealRunsOfLessonOneNamesThisMachine() throws IOException {
        List<String> files = new ArrayList<>();
        for (String tasks : List.of("2", "8")) {
            Path csv = dir.resolve("run-" + tasks + ".csv");
            new Lesson("ThreadsSleep").run("--tasks", tasks, "--seconds", "0.1", "--csv", csv.toString()).ok();
            files.add(csv.toString());
        }
        report(files).ok();
        String page = page();
        assertTrue(page.contains("\">01-threads-sleep</h2>"), page);
        assertTrue(page.contains(Runtime.getRuntime().availableProcessors() + " cores"), "names this machine's cores");
        assertTrue(page.contains("data:image/png;base64,"), "charts the speed-up of the sleepers");
    }
}
