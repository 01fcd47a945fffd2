import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalog and the lessons match one to one, and the README lists every alias. */
@TimesNothing
class CatalogTest {

    static Map<String, String> aliases() throws IOException {
        JsonObject catalog = JsonParser.parseString(Files.readString(Lesson.ROOT.resolve("jbang-catalog.json")))
                .getAsJsonObject().getAsJsonObject("aliases");
        Map<String, String> refs = new TreeMap<>();
        catalog.entrySet().forEach(e -> refs.put(e.getKey(), e.getValue().getAsJsonObject().get("script-ref").getAsString()));
        return refs;
    }

    /** The aliases that run a lesson; others (such as the exercise checker) only have to name an existing file. */
    static Map<String, String> lessonAliases() throws IOException {
        Map<String, String> lessons = new TreeMap<>(aliases());
        lessons.values().removeIf(ref -> !ref.startsWith("lessons/"));
        return lessons;
    }

    static Set<String> lessonFiles() throws IOException {
        try (Stream<Path> files = Files.list(Lesson.ROOT.resolve("lessons"))) {
            return files.map(p -> "lessons/" + p.getFileName())
                    .filter(n -> n.matches("lessons/\\d\\d-[a-z0-9-]+\\.java")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everyAliasNamesAnExistingLessonAndEveryLessonHasOneAlias() throws IOException {
        Map<String, String> aliases = aliases();
        assertFalse(aliases.isEmpty(), "the catalog has no aliases");
        for (var alias : aliases.entrySet()) {
            assertTrue(alias.getKey().matches("[a-z][a-z0-9-]*"), "alias names start with a letter: " + alias.getKey());
            assertTrue(Files.isRegularFile(Lesson.ROOT.resolve(alias.getValue())), alias + " names a missing file");
        }
        Set<String> lessonsWithAlias = new TreeSet<>(lessonAliases().values());
        assertEquals(lessonFiles(), lessonsWithAlias, "each lesson has exactly one alias");
        assertEquals(lessonAliases().size(), lessonsWithAlias.size(), "no lesson has two aliases");
    }

    @Test
    void everyLessonHasASnippetAndAReadmeRow() throws IOException {
        String readme = Files.readString(Lesson.ROOT.resolve("README.md"));
        for (var alias : lessonAliases().entrySet()) {
            String lesson = alias.getValue(), number = Path.of(lesson).getFileName().toString().substring(0, 2);
            try (Stream<Path> snippets = Files.list(Lesson.ROOT.resolve("snippets"))) {
                assertTrue(snippets.anyMatch(p -> p.getFileName().toString().startsWith(number + "-")), "no snippet for " + lesson);
            }
            assertTrue(readme.contains("`" + lesson + "`") && readme.contains("`" + alias.getKey() + "`"),
                    "the README's lesson table lacks " + lesson + " or its alias " + alias.getKey());
        }
    }
}
