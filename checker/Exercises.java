import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The exercises, read from their starting files: {@code checker/start/NN-slug.java} holds each one
 * once, as shipped, and nothing else lists them. The file's name gives the number and the slug, its
 * header line {@code // Exercise NN — … (after lesson NN, alias)} the lesson, its top-level class the
 * class name; the judge of that class ({@code checker/judges/<Class>Judge.java}) gives the task and
 * the hints. The learner works on copies in {@code exercises/}, made from the starting files when
 * missing; {@code --reset N} copies the start over again.
 */
record Exercises(Path root, List<Exercise> all) {
    static final Pattern FILE = Pattern.compile("(\\d\\d)-([a-z0-9-]+)\\.java");
    static final Pattern LESSON = Pattern.compile("^// Exercise \\d\\d .*\\(after lesson (\\d\\d), ([a-z0-9-]+)\\)$", Pattern.MULTILINE);
    static final Pattern CLASS = Pattern.compile("^class (\\w+) \\{$", Pattern.MULTILINE);

    /** One exercise: its number, the slug in its file name, its class, the lesson it follows. */
    record Exercise(int number, String slug, String className, String lesson) {
        String fileName() { return String.format("%02d-%s.java", number, slug); }

        String label() { return String.format("%02d %s", number, slug); }

        Judge judge() { return Judge.of(className); }

        String task() { return judge().task(); }

        /** The hints, one string each, without their {@code ## Hint N} titles. */
        List<String> hints() {
            List<String> hints = new ArrayList<>();
            StringBuilder current = null;
            for (String line : judge().hints().split("\n", -1)) {
                if (line.startsWith("## ")) {
                    if (current != null) hints.add(current.toString().strip());
                    current = new StringBuilder();
                } else if (current != null) {
                    current.append(line).append('\n');
                }
            }
            if (current != null) hints.add(current.toString().strip());
            return hints;
        }
    }

    /** The exercises of the kit in {@code root}, in order of their numbers. */
    static Exercises in(Path root) {
        List<Exercise> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("checker").resolve("start"))) {
            for (Path file : files.sorted().toList()) {
                Matcher name = FILE.matcher(file.getFileName().toString());
                if (!name.matches()) continue;
                String text = Files.readString(file);
                Matcher lesson = LESSON.matcher(text), type = CLASS.matcher(text);
                if (!lesson.find() || !type.find()) {
                    throw new IllegalStateException(file + " needs a header line '// Exercise NN — … (after lesson NN, "
                            + "alias)' and a top-level 'class Name {'");
                }
                all.add(new Exercise(Integer.parseInt(name.group(1)), name.group(2), type.group(1),
                        lesson.group(1) + " " + lesson.group(2)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Exercises(root, List.copyOf(all));
    }

    /** The exercise numbered {@code number}, or null. */
    Exercise number(int number) {
        return all.stream().filter(e -> e.number() == number).findFirst().orElse(null);
    }

    /** Where exercise {@code e} starts from: the shipped file, never edited. */
    Path start(Exercise e) { return root.resolve("checker").resolve("start").resolve(e.fileName()); }

    Path solution(Exercise e) { return root.resolve("solutions").resolve(e.fileName()); }

    /** The learner's folder: exercises/ in the kit. */
    Path workingFolder() { return root.resolve("exercises"); }

    /** Copies every starting file that is missing from {@code dir} into it; returns how many it copied. */
    int createMissing(Path dir) throws IOException {
        Files.createDirectories(dir);
        int copied = 0;
        for (Exercise e : all) {
            Path file = dir.resolve(e.fileName());
            if (!Files.exists(file)) {
                Files.copy(start(e), file);
                copied++;
            }
        }
        return copied;
    }

    /** The kit's folder: the nearest one, from here upwards, that holds checker/start/ and solutions/. */
    static Path kitRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("checker").resolve("start")) && Files.isDirectory(p.resolve("solutions"))) return p;
        }
        throw new IllegalStateException("this is not the kit's folder: run ./jbang check in the folder with checker/ and solutions/");
    }
}
