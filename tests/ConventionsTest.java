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
class ConventionsTest {

    static List<Path> lessons() throws IOException {
        try (Stream<Path> files = Files.list(Lesson.ROOT.resolve("lessons"))) {
            return files.filter(p -> p.getFileName().toString().matches("\\d\\d-[a-z0-9-]+\\.java")).sorted().toList();
        }
    }

    @Test
    void lessonsStartWithTheJBangHeaderAndDeclareNoPublicClass() throws IOException {
        for (Path lesson : lessons()) {
            List<String> lines = Files.readAllLines(lesson);
            assertEquals("///usr/bin/env jbang \"$0\" \"$@\" ; exit $?", lines.get(0), lesson.toString());
            assertTrue(lines.contains("//JAVA 25+"), lesson + " says //JAVA 25+");
            assertFalse(lines.stream().anyMatch(l -> l.matches("public (final )?class .*")),
                    lesson + ": a public class cannot live in a file named NN-name.java");
        }
    }

    @Test
    void jbangDependenciesMatchThePom() throws IOException {
        String pom = Files.readString(Lesson.ROOT.resolve("pom.xml"));
        Pattern deps = Pattern.compile("^//DEPS ([\\w.-]+):([\\w.-]+):([\\w.-]+)$", Pattern.MULTILINE);
        for (Path lesson : lessons()) {
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
