package support;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import support.Results.Task;

/**
 * What a run measured, as a picture: a PNG or an SVG file (by its extension), drawn with XChart in
 * memory, headless (no window, no display, no network). Two charts:
 * <ul>
 *   <li>{@link Timeline}: one bar per task from its start to its end, one row per worker, coloured by
 *       variant. Threads that overlap stack up in one time span; the model GIL's turns and a child
 *       JVM's start-up (a paler bar before its task) show at a glance.</li>
 *   <li>{@link SpeedUp}: speed-up against workers, one line per variant, beside the ideal line.</li>
 * </ul>
 * Each chart is plain data first: {@link Chart#series()} is exactly what is handed to the library, so
 * tests check the numbers drawn, not pixels. Lessons never call this: {@code Lab.end()} draws
 * {@code --chart FILE} from the phases it measured.
 */
public final class Charts {
    private Charts() {}

    static { // AWT must not look for a display (and macOS must not open a Dock icon) to draw in memory
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** How a series is drawn: bars (pairs of points, split by NaN), a measured line, the ideal line. */
    public enum Style { BARS, LINE, IDEAL }

    /** One series as handed to the chart: x and y of equal length; NaN splits one bar from the next. */
    public record Series(String name, Style style, double[] x, double[] y) {}

    /** A chart: a title, axis titles, its series, and its size in pixels. */
    public sealed interface Chart permits Timeline, SpeedUp {
        String title();

        String xTitle();

        String yTitle();

        List<Series> series();

        default int width() { return 1000; }

        int height();
    }

    // ---- The timeline ------------------------------------------------------------------------------

    /** How the series of a variant's processes' start-up is named: the variant, then this. */
    public static final String STARTUP = ": JVM start-up and exit";

    /**
     * One task on the timeline: its worker, what ran it, when it started and ended (seconds after the
     * run's first phase began) and, for a child process, the seconds the process cost around its task
     * (JVM start-up and exit, drawn before the task; NaN for a thread).
     */
    public record Bar(String worker, String variant, double start, double end, double startup) {}

    /** Every task of a run, one row each, in the order the phases ran them (the first row on top). */
    public record Timeline(String title, List<Bar> bars) implements Chart {
        static final int MAX_HEIGHT = 1200;

        /** The bars of these phases, on one clock: seconds since the first phase began. */
        public static Timeline of(String title, List<Lab.Phase> phases) {
            List<Bar> bars = new ArrayList<>();
            long zero = phases.stream().mapToLong(Lab.Phase::t0).min().orElse(0);
            for (Lab.Phase p : phases) {
                for (Task t : p.tasks()) {
                    bars.add(new Bar(t.worker(), p.variant(), (t.startNanos() - zero) / 1e9, (t.endNanos() - zero) / 1e9,
                            t.startupNanos() < 0 ? Double.NaN : t.startupNanos() / 1e9));
                }
            }
            return new Timeline(title, List.copyOf(bars));
        }

        public String xTitle() { return "seconds since the run began"; }

        public String yTitle() { return "worker"; }

        /** Bar {@code i}'s row: the first bar on top. */
        public double row(int i) { return bars.size() - i; }

        /** The worker of the row at {@code y}, "" between rows and outside them. */
        public String yLabel(double y) {
            int i = bars.size() - (int) Math.round(y);
            return Math.abs(y - Math.rint(y)) < 1e-9 && i >= 0 && i < bars.size() ? bars.get(i).worker() : "";
        }

        public int height() { return Math.clamp(140 + 26L * bars.size(), 320, MAX_HEIGHT); }

        /**
         * One series per variant, in the order first seen, each followed by one for its processes'
         * start-up where it has any.
         */
        public List<Series> series() {
            Map<String, List<double[]>> runs = new LinkedHashMap<>(), startups = new LinkedHashMap<>();
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                runs.computeIfAbsent(b.variant(), v -> new ArrayList<>()).add(new double[] {b.start(), b.end(), row(i)});
                if (!Double.isNaN(b.startup())) {
                    startups.computeIfAbsent(b.variant(), v -> new ArrayList<>())
                            .add(new double[] {b.start() - b.startup(), b.start(), row(i)});
                }
            }
            List<Series> series = new ArrayList<>();
            for (var v : runs.entrySet()) {
                series.add(bars(v.getKey(), v.getValue()));
                if (startups.containsKey(v.getKey())) series.add(bars(v.getKey() + STARTUP, startups.get(v.getKey())));
            }
            return series;
        }

        private static Series bars(String name, List<double[]> spans) {
            double[] x = new double[spans.size() * 3 - 1], y = new double[x.length];
            for (int i = 0; i < spans.size(); i++) {
                double[] s = spans.get(i);
                x[3 * i] = s[0];
                x[3 * i + 1] = s[1];
                y[3 * i] = y[3 * i + 1] = s[2];
                if (3 * i + 2 < x.length) x[3 * i + 2] = y[3 * i + 2] = Double.NaN;
            }
            return new Series(name, Style.BARS, x, y);
        }
    }

    // ---- Speed-up ------------------------------------------------------------------------------------

    /** One measurement: {@code workers} did their work in {@code wall} seconds, {@code speedUp} times one worker's rate. */
    public record Point(int workers, double wall, double speedUp) {
        /**
         * Fixed work per worker: {@code workers} did {@code workers} times the work of one, so the
         * speed-up is workers × {@code oneWorkerWall} / wall (the ideal is {@code workers}).
         */
        public static Point of(int workers, double wall, double oneWorkerWall) {
            return new Point(workers, wall, workers * oneWorkerWall / wall);
        }
    }

    /**
     * Speed-up against workers: one line per name (a variant, or a machine in a report), the ideal
     * line, and a mark at {@code cores} (none when 0): past it, the ideal is out of reach for work
     * that computes.
     */
    public record SpeedUp(String title, Map<String, List<Point>> lines, int cores) implements Chart {
        /**
         * From the phases of a sweep: per variant, each phase's speed-up against that variant's phase
         * with one worker (a variant without one is left out: nothing to compare with).
         */
        public static SpeedUp of(String title, List<Lab.Phase> phases, int cores) {
            Map<String, List<Point>> lines = new LinkedHashMap<>();
            for (Lab.Phase p : phases) lines.computeIfAbsent(p.variant(), v -> new ArrayList<>());
            for (var line : lines.entrySet()) {
                List<Lab.Phase> own = phases.stream().filter(p -> p.variant().equals(line.getKey())).toList();
                own.stream().filter(p -> p.tasks().size() == 1).findFirst().ifPresent(one -> {
                    for (Lab.Phase p : own) line.getValue().add(Point.of(p.tasks().size(), p.wall(), one.wall()));
                });
            }
            lines.values().removeIf(List::isEmpty);
            return new SpeedUp(title, lines, cores);
        }

        public String xTitle() { return "workers"; }

        public String yTitle() { return "speed-up (x one worker)"; }

        public int height() { return 560; }

        /** The most workers of any line, 1 when none. */
        public int maxWorkers() {
            return lines.values().stream().flatMap(List::stream).mapToInt(Point::workers).max().orElse(1);
        }

        /** One line per name, then the ideal: speed-up equal to the workers, 1 to the most workers. */
        public List<Series> series() {
            List<Series> series = new ArrayList<>();
            for (var line : lines.entrySet()) {
                List<Point> points = line.getValue().stream()
                        .sorted(java.util.Comparator.comparingInt(Point::workers)).toList();
                series.add(new Series(line.getKey(), Style.LINE, points.stream().mapToDouble(Point::workers).toArray(),
                        points.stream().mapToDouble(Point::speedUp).toArray()));
            }
            double[] ideal = {1, maxWorkers()};
            series.add(new Series("ideal (speed-up = workers)", Style.IDEAL, ideal, ideal.clone()));
            return series;
        }
    }

    // ---- Drawing -------------------------------------------------------------------------------------

    /** The format a file name asks for, "png" or "svg", or null for any other (or no) extension. */
    public static String format(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") ? "png" : name.endsWith(".svg") ? "svg" : null;
    }

    /** Writes the chart to {@code file}, PNG or SVG by its extension. */
    public static void write(Chart chart, Path file) throws IOException {
        String format = format(file);
        if (format == null) throw new IllegalArgumentException("a chart is a .png or .svg file, not " + file);
        byte[] bytes = format.equals("png") ? png(chart) : svg(chart); // drawn first: no half-written file
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.write(file, bytes);
    }

    /** The chart as PNG bytes, for a page that embeds its images. */
    public static byte[] png(Chart chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(draw(chart), out, BitmapEncoder.BitmapFormat.PNG);
        return out.toByteArray();
    }

    /** The chart as an SVG document. */
    public static byte[] svg(Chart chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(draw(chart), out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return out.toByteArray();
    }

    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22),
            new Color(0x7f7f7f)};

    /** The XChart chart for this data: nothing in it that {@link Chart#series()} does not say. */
    static XYChart draw(Chart chart) {
        XYChart xy = new XYChartBuilder().width(chart.width()).height(chart.height()).title(fit(chart.title(), chart.width()))
                .xAxisTitle(chart.xTitle()).yAxisTitle(chart.yTitle()).build();
        var style = xy.getStyler();
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotBackgroundColor(Color.WHITE);
        style.setLegendPosition(Styler.LegendPosition.OutsideS);
        style.setLegendLayout(Styler.LegendLayout.Horizontal);
        style.setPlotGridLinesColor(new Color(0xdddddd));
        style.setAntiAlias(true);
        if (chart instanceof Timeline t) {
            style.setYAxisMin(0.4);
            style.setYAxisMax(t.bars().size() + 0.6);
            style.setXAxisMin(Math.min(0, t.bars().stream()
                    .mapToDouble(b -> b.start() - (Double.isNaN(b.startup()) ? 0 : b.startup())).min().orElse(0)));
            style.setXAxisDecimalPattern("0.0##");
            xy.setCustomYAxisTickLabelsFormatter(distinct(t::yLabel));
        } else if (chart instanceof SpeedUp s) {
            style.setXAxisMin(0.0);
            style.setYAxisMin(0.0);
            // at least one worker between ticks: no tick at 1.5 workers
            style.setXAxisTickMarkSpacingHint((int) Math.max(40, 0.8 * chart.width() / Math.max(s.maxWorkers(), s.cores())));
            if (s.cores() > 0) {
                xy.addAnnotation(new AnnotationLine(s.cores(), true, false));
                xy.addAnnotation(new AnnotationText(s.cores() + (s.cores() == 1 ? " core" : " cores"), s.cores(),
                        Math.max(2, s.maxWorkers()) * 0.05, false));
                style.setAnnotationLineColor(Color.GRAY);
                style.setAnnotationLineStroke(new BasicStroke(1f));
                style.setAnnotationTextFontColor(Color.DARK_GRAY);
            }
        }
        float thick = chart instanceof Timeline t
                ? (float) Math.clamp((chart.height() - 140) * 0.6 / Math.max(1, t.bars().size()), 1.0, 14.0) : 2.5f;
        Map<String, Color> colours = new LinkedHashMap<>();
        for (Series s : chart.series()) {
            if (s.x().length == 0) continue;
            XYSeries drawn = xy.addSeries(s.name(), s.x(), s.y());
            drawn.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            String key = s.name().endsWith(STARTUP) ? s.name().substring(0, s.name().length() - STARTUP.length()) : s.name();
            Color colour = colours.computeIfAbsent(key, k -> PALETTE[colours.size() % PALETTE.length]);
            switch (s.style()) {
                case BARS -> {
                    drawn.setMarker(SeriesMarkers.NONE);
                    drawn.setLineStyle(new BasicStroke(thick, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
                    drawn.setLineColor(key.equals(s.name()) ? colour : pale(colour));
                }
                case LINE -> {
                    drawn.setMarker(SeriesMarkers.CIRCLE);
                    drawn.setMarkerColor(colour);
                    drawn.setLineColor(colour);
                    drawn.setLineStyle(new BasicStroke(thick));
                }
                case IDEAL -> {
                    drawn.setMarker(SeriesMarkers.NONE);
                    drawn.setLineColor(Color.GRAY);
                    drawn.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                            new float[] {6f, 4f}, 0f));
                }
            }
        }
        return xy;
    }

    /**
     * XChart drops every tick label of an axis, or never settles on a tick spacing, when two labels
     * are equal (two rows of one worker, or two blanks): trailing spaces, which do not show, tell
     * equal labels apart.
     */
    private static java.util.function.Function<Double, String> distinct(java.util.function.DoubleFunction<String> label) {
        Map<Double, String> given = new java.util.HashMap<>();
        Map<String, Integer> times = new java.util.HashMap<>();
        return y -> given.computeIfAbsent(y, v -> {
            String text = label.apply(v).isEmpty() ? " " : label.apply(v); // XChart cannot measure ""
            int before = times.merge(text, 1, Integer::sum) - 1;
            return text + " ".repeat(before);
        });
    }

    /** A title cut to what fits the chart's width (XChart does not wrap it), about 10 pixels a character. */
    static String fit(String title, int width) {
        int max = width / 10;
        return title.length() <= max ? title : title.substring(0, max - 3).stripTrailing() + "...";
    }

    private static Color pale(Color c) {
        return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
    }
}
