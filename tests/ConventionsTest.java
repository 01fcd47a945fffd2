import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** What keeps the lessons runnable by JBang and their results poolable. */
@TimesNothing
class ConventionsTest {

    static List<Path> lessons() throws IOException {
        try (Stream<Path> files = Files.list(Lesson.ROOT.resolve("lessons"))) {
            return files.filter(p -> p.getFileName().toString().matches("\\d\\d-[a-z0-9-]+\\.java")).sorted().toList();
        }
    }

    static final Path LAB = Lesson.ROOT.resolve("lessons/support/Lab.java");

    @Test
    void everyLessonHasTheSameHeaderAndDeclaresNoPublicClass() throws IOException {
        List<String> header = List.of("///usr/bin/env jbang \"$0\" \"$@\" ; exit $?", "//JAVA 25+", "//SOURCES support/Lab.java");
        for (Path lesson : lessons()) {
            List<String> lines = Files.readAllLines(lesson);
            // The harness brings the libraries and JVM flags; only //PREVIEW (which JBang does not
            // follow into a source file) may be added, by a lesson on a preview API.
            List<String> directives = lines.stream().filter(l -> l.startsWith("//") && l.matches("//+[A-Z/].*"))
                    .filter(l -> !l.equals("//PREVIEW")).toList();
            assertEquals(header, directives, lesson + ": the header every lesson shares");
            assertFalse(lines.stream().anyMatch(l -> l.matches("public (final )?class .*")),
                    lesson + ": a public class cannot live in a file named NN-name.java");
        }
    }

    @Test
    void theJvmFlagsOfTheLessonsAreTheTestsFlags() throws IOException {
        Matcher runtime = Pattern.compile("^//RUNTIME_OPTIONS (.+)$", Pattern.MULTILINE).matcher(Files.readString(LAB));
        assertTrue(runtime.find(), "Lab.java names the lessons' JVM flags");
        Matcher pom = Pattern.compile("<kit.jvm.flags>(.*)</kit.jvm.flags>")
                .matcher(Files.readString(Lesson.ROOT.resolve("pom.xml")));
        assertTrue(pom.find(), "pom.xml has kit.jvm.flags");
        assertEquals(runtime.group(1).strip(), pom.group(1).strip(),
                "pom.xml's kit.jvm.flags must repeat Lab.java's //RUNTIME_OPTIONS, so tests run lessons as JBang does");
        // ... and the tests' own JVM got them, so every lesson and child a test starts gets them too.
        for (String flag : runtime.group(1).strip().split("\\s+")) {
            assertTrue(support.ChildJvm.kitFlags().contains(flag), flag + " reaches the tests' JVM and its children");
        }
    }

    @Test
    void aLessonOnAPreviewApiHasPreviewTurnedOnEverywhere() throws IOException {
        boolean previewLesson = false;
        for (Path lesson : lessons()) previewLesson |= Files.readAllLines(lesson).contains("//PREVIEW");
        String pom = Files.readString(Lesson.ROOT.resolve("pom.xml"));
        boolean flags = Files.readString(LAB).contains("--enable-preview")
                && pom.matches("(?s).*<kit.jvm.flags>[^<]*--enable-preview[^<]*</kit.jvm.flags>.*");
        boolean compiler = pom.contains("<kit.preview>true</kit.preview>");
        assertEquals(previewLesson, flags && compiler, previewLesson
                ? "a lesson says //PREVIEW: add --enable-preview to Lab.java's //RUNTIME_OPTIONS and pom.xml's"
                        + " kit.jvm.flags, and set kit.preview to true (CONTRIBUTING.md)"
                : "no lesson says //PREVIEW: keep preview off (javac refuses --enable-preview for an older --release)");
    }

    @Test
    void jbangDependenciesMatchThePom() throws IOException {
        String pom = Files.readString(Lesson.ROOT.resolve("pom.xml"));
        Pattern deps = Pattern.compile("^//DEPS ([\\w.-]+):([\\w.-]+):([\\w.-]+)$", Pattern.MULTILINE);
        for (Path lesson : Stream.concat(lessons().stream(), Stream.of(LAB)).toList()) {
            Matcher m = deps.matcher(Files.readString(lesson));
            while (m.find()) {
                Matcher property = Pattern.compile("<artifactId>" + Pattern.quote(m.group(2))
                        + "</artifactId>\\s*<version>\\$\\{([\\w.]+)}</version>").matcher(pom);
                assertTrue(property.find(), m.group(2) + " (in " + lesson.getFileName() + ") is not in the pom");
                assertTrue(pom.contains("<" + property.group(1) + ">" + m.group(3) + "</" + property.group(1) + ">"),
                        lesson.getFileName() + " uses " + m.group() + " but the pom pins another version");
            }
        }
    }

    @Test
    void csvHasExactlyTheColumnsTheReadmeDocuments() throws IOException {
        List<String> documented = Lesson.documentedColumns();
        for (String lesson : List.of("ThreadsSleep", "ThreadsSort")) {
            Table table = new Lesson(lesson).runToTable(lesson.equals("ThreadsSleep")
                    ? new String[] {"--seconds", "0"} : new String[] {"--size", "1000", "--threads", "2"});
            assertEquals(documented, table.columnNames(), lesson + "'s CSV columns, in order");
        }
    }

    @Test
    void everyLinkInTheReadmePointsIntoTheRepository() throws IOException {
        String readme = Files.readString(Lesson.ROOT.resolve("README.md"));
        Matcher links = Pattern.compile("\\]\\(([^)#]+)(#[^)]*)?\\)").matcher(readme);
        while (links.find()) {
            String target = links.group(1);
            if (target.matches("[a-z]+:.*")) continue; // a web address, not a file
            Path file = Lesson.ROOT.resolve(target).normalize();
            assertTrue(file.startsWith(Lesson.ROOT) && Files.exists(file),
                    "the README links to " + target + ", which is not a file of this repository");
        }
    }
}
