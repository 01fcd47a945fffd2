///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lessons/support/Lab.java

// The workshop's pooled results, as one page: ./jbang report results/*.csv --out report
//
// Reads the CSV files the lessons wrote with --csv (the README's "CSV results" layout, by column
// name), groups the runs by machine (operating system, architecture, cores, Java), and writes
// DIR/index.html: for each lesson, speed-up against workers for every machine in the room beside
// the ideal line, a table of the numbers, the range of cores, and a table of the machines. The page
// holds its images (PNG data URIs) and its style: it opens from a stick, offline. A row or a file
// it cannot read is named on one line and counted, and the rest of the report is still written.
//
// Speed-up, per run: N workers did N times the work of one, so speed-up = N x (one worker's time) /
// wall_s. One worker's time is the run's sweep step with 1 worker (role "sweep"), else its baseline
// (role "baseline", same workload), else the sleep itself (sleep_s, for sleeping tasks).

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import support.Charts;
import support.Cli;
import support.Lab;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "The workshop's pooled --csv results as one self-contained page: DIR/index.html.")
class Report implements Callable<Integer> {

    /** One row of a lesson's CSV: what the report uses of it, and where it came from. */
    record Row(String where, String lesson, String runId, String role, String variant, String workload, int workers,
               double wall, double sleep, Machine machine) {}

    /** What tells one machine from another in the CSV: the same four values are one machine here. */
    record Machine(String os, String arch, int cores, String java) {
        String describe() { return String.format("%s %s, %d cores, Java %s", os, arch, cores, java); }
    }

    static final List<String> NEEDED = List.of("lesson", "run_id", "role", "variant", "workers", "wall_s", "cores",
            "java", "os", "arch");

    final List<Row> rows = new ArrayList<>();
    final List<String> problems = new ArrayList<>(); // one line each: a file or a row not read
    int rowsNotRead, filesNotRead;

    // ---- Reading -------------------------------------------------------------------------------------

    void read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            notRead(file, "cannot be read (" + (e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", 0);
            return;
        }
        List<String> header = lines.isEmpty() ? List.of() : split(lines.get(0));
        List<String> missing = NEEDED.stream().filter(c -> !header.contains(c)).toList();
        if (lines.isEmpty() || missing.size() == NEEDED.size()) {
            notRead(file, "is not a lesson's CSV (no header with the kit's columns)", Math.max(0, lines.size() - 1));
            return;
        }
        if (!missing.isEmpty()) {
            notRead(file, "lacks the column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing),
                    lines.size() - 1);
            return;
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank() || split(lines.get(i)).equals(header)) continue; // files joined with cat
            String where = file + " line " + (i + 1);
            try {
                rows.add(row(where, header, split(lines.get(i))));
            } catch (IllegalArgumentException e) {
                rowsNotRead++;
                problems.add(where + ": " + e.getMessage());
            }
        }
    }

    private void notRead(Path file, String why, int rowsLost) {
        filesNotRead++;
        rowsNotRead += rowsLost;
        problems.add(file + " " + why + (rowsLost > 0 ? "; its " + rowsLost + " rows were not read" : ""));
    }

    static Row row(String where, List<String> header, List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException(cells.size() + " fields where the header has " + header.size());
        }
        Map<String, String> at = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) at.put(header.get(c), cells.get(c).strip());
        for (String c : List.of("lesson", "run_id", "role", "variant")) {
            if (at.get(c).isEmpty()) throw new IllegalArgumentException("no " + c);
        }
        int workers = (int) number(at, "workers", false);
        double wall = number(at, "wall_s", false);
        if (workers < 1 || !(wall > 0)) throw new IllegalArgumentException("workers " + workers + " in " + wall + " s");
        return new Row(where, at.get("lesson"), at.get("run_id"), at.get("role"), at.get("variant"),
                at.getOrDefault("workload", ""), workers, wall, number(at, "sleep_s", true),
                new Machine(at.get("os"), at.get("arch"), (int) number(at, "cores", false), at.get("java")));
    }

    private static double number(Map<String, String> at, String column, boolean optional) {
        String text = at.getOrDefault(column, "").replace(",", "");
        if (text.isEmpty() && optional) return Double.NaN;
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text.isEmpty() ? "no " + column : column + " '" + text + "' is not a number");
        }
    }

    /** One CSV line into its fields: commas split, double quotes enclose, "" is a quote inside quotes. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') field.append(line.charAt(++i));
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else field.append(c);
        }
        fields.add(field.toString());
        return fields;
    }

    // ---- Speed-up ------------------------------------------------------------------------------------

    /** A machine's points for one lesson and variant, each from its own run. */
    record Line(String lesson, String variant, Machine machine, List<Charts.Point> points) {}

    /** One worker's time for this row's run: its 1-worker sweep step, its baseline, or its sleep; NaN if none. */
    static double oneWorker(Row r, List<Row> run) {
        if (r.role().equals("sweep")) {
            return run.stream().filter(o -> o.role().equals("sweep") && o.variant().equals(r.variant()) && o.workers() == 1)
                    .mapToDouble(Row::wall).findFirst().orElse(Double.NaN);
        }
        List<Row> baselines = run.stream().filter(o -> o.role().equals("baseline") && o.workload().equals(r.workload())).toList();
        if (!baselines.isEmpty()) {
            return baselines.stream().filter(o -> o.variant().equals(r.variant())).findFirst().orElse(baselines.get(0)).wall();
        }
        return r.workload().equals("sleep") || !Double.isNaN(r.sleep()) ? r.sleep() : Double.NaN;
    }

    /** Per lesson, per variant (and workload, where a lesson has several), per machine: its points. */
    Map<String, Map<String, Map<Machine, List<Charts.Point>>>> speedUps() {
        Map<String, Map<String, Map<Machine, List<Charts.Point>>>> all = new TreeMap<>();
        Map<List<Object>, List<Row>> runs = rows.stream() // a run: its id, on its machine (a copied file keeps the id)
                .collect(Collectors.groupingBy(r -> List.of(r.runId(), r.machine()), LinkedHashMap::new, Collectors.toList()));
        for (List<Row> run : runs.values()) {
            boolean workloads = run.stream().map(Row::workload).distinct().count() > 1;
            // one point per phase: a phase's rows share role, variant, workload, workers and wall_s
            Map<List<Object>, Row> phases = new LinkedHashMap<>();
            for (Row r : run) phases.putIfAbsent(List.of(r.role(), r.variant(), r.workload(), r.workers(), r.wall()), r);
            for (Row r : phases.values()) {
                // a baseline is a 1-worker point of its variant, where workers of that variant ran beside it
                boolean baseline = r.role().equals("baseline") && r.workers() == 1 && phases.values().stream()
                        .anyMatch(o -> o.role().equals("worker") && o.variant().equals(r.variant()) && o.workload().equals(r.workload()));
                if (!r.role().equals("worker") && !r.role().equals("sweep") && !baseline) continue;
                double one = oneWorker(r, run);
                String variant = r.variant() + (workloads && !r.workload().isEmpty() ? ", " + r.workload() : "");
                var machines = all.computeIfAbsent(r.lesson(), l -> new TreeMap<>()).computeIfAbsent(variant, v -> new LinkedHashMap<>());
                List<Charts.Point> points = machines.computeIfAbsent(r.machine(), m -> new ArrayList<>());
                points.add(Double.isNaN(one) ? new Charts.Point(r.workers(), r.wall(), Double.NaN)
                        : Charts.Point.of(r.workers(), r.wall(), one));
            }
        }
        return all;
    }

    // ---- The page --------------------------------------------------------------------------------------

    String page(Map<Machine, String> names) throws IOException {
        StringBuilder html = new StringBuilder();
        IntSummary cores = new IntSummary(names.keySet().stream().mapToInt(Machine::cores).sorted().toArray());
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Workshop results</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1040px;margin:2em auto;padding:0 1em}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;")
                .append("text-align:left}td.n{text-align:right}img{max-width:100%}.bad{color:#a00}</style></head><body>\n")
                .append("<h1>Workshop results</h1>\n<p>").append(rows.size()).append(" rows from ")
                .append(rows.stream().map(Row::runId).distinct().count()).append(" runs on ").append(names.size())
                .append(" machines. Cores in the room: <strong>").append(cores.range()).append("</strong>")
                .append(" (").append(cores.counts()).append(").</p>\n");
        if (!problems.isEmpty()) {
            html.append("<h2 class=\"bad\">Not read</h2>\n<p>").append(esc(notRead())).append(" could not be read:</p>\n<ul>\n");
            for (String p : problems) html.append("<li>").append(esc(p)).append("</li>\n");
            html.append("</ul>\n");
        }
        html.append("<p>Lessons: ").append(rows.stream().map(Row::lesson).distinct().sorted()
                .map(l -> "<a href=\"#" + esc(l) + "\">" + esc(l) + "</a>").collect(Collectors.joining(", "))).append("</p>\n");
        html.append("<h2>Machines</h2>\n<table><tr><th>machine</th><th>cores</th><th>os</th><th>arch</th><th>java</th>")
                .append("<th>runs</th><th>lessons</th></tr>\n");
        for (var m : names.entrySet()) {
            List<Row> own = rows.stream().filter(r -> r.machine().equals(m.getKey())).toList();
            html.append("<tr><td>").append(esc(m.getValue())).append("</td><td class=\"n\">").append(m.getKey().cores())
                    .append("</td><td>").append(esc(m.getKey().os())).append("</td><td>").append(esc(m.getKey().arch()))
                    .append("</td><td>").append(esc(m.getKey().java())).append("</td><td class=\"n\">")
                    .append(own.stream().map(Row::runId).distinct().count()).append("</td><td>")
                    .append(esc(own.stream().map(Row::lesson).distinct().sorted().collect(Collectors.joining(", "))))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        var speedUps = speedUps();
        for (String lesson : rows.stream().map(Row::lesson).distinct().sorted().toList()) {
            html.append("<h2 id=\"").append(esc(lesson)).append("\">").append(esc(lesson)).append("</h2>\n");
            var variants = speedUps.getOrDefault(lesson, Map.of());
            if (variants.isEmpty()) html.append("<p>No workers to chart: this lesson's runs measured no worker phase.</p>\n");
            for (var variant : variants.entrySet()) lesson(html, lesson, variant.getKey(), variant.getValue(), names);
        }
        return html.append("</body></html>\n").toString();
    }

    private void lesson(StringBuilder html, String lesson, String variant, Map<Machine, List<Charts.Point>> machines,
                        Map<Machine, String> names) throws IOException {
        html.append("<h3>").append(esc(variant)).append("</h3>\n");
        Map<String, List<Charts.Point>> lines = new LinkedHashMap<>();
        for (var m : names.entrySet()) {
            List<Charts.Point> known = machines.getOrDefault(m.getKey(), List.of()).stream()
                    .filter(p -> !Double.isNaN(p.speedUp())).toList();
            if (!known.isEmpty()) lines.put(m.getValue() + " (" + m.getKey().cores() + " cores)", known);
        }
        if (lines.isEmpty()) {
            html.append("<p>No speed-up: these runs have no one-worker time to compare with (no baseline, no")
                    .append(" 1-worker sweep step, no sleep).</p>\n");
        } else {
            var chart = new Charts.SpeedUp(lesson + ", " + variant + ": speed-up against workers, by machine", lines, 0);
            html.append("<img alt=\"speed-up against workers for ").append(esc(lesson + ", " + variant))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(Charts.png(chart)))
                    .append("\">\n");
        }
        html.append("<table><tr><th>machine</th><th>workers</th><th>wall_s</th><th>speed-up</th></tr>\n");
        for (var m : names.entrySet()) {
            for (Charts.Point p : machines.getOrDefault(m.getKey(), List.of()).stream()
                    .sorted(Comparator.comparingInt(Charts.Point::workers)).toList()) {
                html.append("<tr><td>").append(esc(m.getValue())).append("</td><td class=\"n\">").append(p.workers())
                        .append("</td><td class=\"n\">").append(String.format("%.4f", p.wall())).append("</td><td class=\"n\">")
                        .append(Double.isNaN(p.speedUp()) ? "" : String.format("%.2f", p.speedUp())).append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    /** The range of cores and how many machines have each count. */
    record IntSummary(int[] sorted) {
        String range() {
            return sorted.length == 0 ? "none" : sorted[0] == sorted[sorted.length - 1] ? sorted[0] + ""
                    : sorted[0] + " to " + sorted[sorted.length - 1];
        }

        String counts() {
            Map<Integer, Long> by = new TreeMap<>();
            for (int c : sorted) by.merge(c, 1L, Long::sum);
            return by.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey() + " cores").collect(Collectors.joining(", "));
        }
    }

    /** "2 rows", "1 file", "2 rows and 1 file": what was not read. */
    String notRead() {
        return rowsNotRead == 0 ? count(filesNotRead, "file") : filesNotRead == 0 ? count(rowsNotRead, "row")
                : count(rowsNotRead, "row") + " and " + count(filesNotRead, "file");
    }

    static String count(long n, String thing) { return n + " " + thing + (n == 1 ? "" : "s"); }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ---- The command ---------------------------------------------------------------------------------

    public static void main(String[] args) {
        Lab.run(new Report(), args);
    }

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) throw Cli.bad(spec, "--out %s is a file; give a folder", out);
        for (Path file : files) read(file);
        for (String p : problems) System.err.println("not read: " + p);
        if (rows.isEmpty()) {
            System.err.printf("error: nothing to report: no row could be read from the %d file%s given%n",
                    files.size(), files.size() == 1 ? "" : "s");
            return 1;
        }
        Map<Machine, String> names = new LinkedHashMap<>();
        rows.stream().map(Row::machine).distinct()
                .sorted(Comparator.comparingInt(Machine::cores).thenComparing(Machine::describe))
                .forEach(m -> names.put(m, "M" + (names.size() + 1)));
        Files.createDirectories(out);
        Path index = out.resolve("index.html");
        Files.writeString(index, page(names));
        System.out.printf("Read %s from %s%s.%n", count(rows.size(), "row"), count(files.size() - filesNotRead, "file"),
                problems.isEmpty() ? "" : "; not read: " + notRead() + " (named above)");
        System.out.printf("Report written to %s: %d machines, %d lessons, cores %s.%n", index, names.size(),
                rows.stream().map(Row::lesson).distinct().count(),
                new IntSummary(names.keySet().stream().mapToInt(Machine::cores).sorted().toArray()).range());
        return 0;
    }

    @Parameters(paramLabel = "CSV", arity = "1..*", description = "The lessons' --csv files (for example results/*.csv).")
    List<Path> files;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for index.html (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("workshop-report");

    @Spec CommandSpec spec;
}

// What you should see: "Report written to DIR/index.html", and in it one chart per lesson and
// variant with a line per machine: close to the ideal up to each machine's cores for threads and
// processes that compute, flat at about 1 for the model GIL, and a table of the machines.
