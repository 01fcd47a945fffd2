import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the kit's {@code ./jbang} bootstrap launcher as a real process, the way a learner does.
 * Every run gets a PATH without any other {@code jbang} on it, so the bootstrap itself is under
 * test even on a machine where JBang is installed. The first run may fetch jbang-cli with Maven
 * into the per-user cache; all later runs use that cache and take about a second each, and overlap
 * (each in its own folders and environment; nothing is timed).
 */
@TimesNothing
class JbangLauncherTest {

    static final String JBANG_VERSION = "0.132.1";
    static final String FIXTURE = "tests/fixtures/exit-code.java";
    static final Duration FIRST_RUN = Duration.ofMinutes(10);
    static final Duration CACHED_RUN = Duration.ofMinutes(2);

    static final Path ROOT = repoRoot();

    record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
        }
    }

    @BeforeAll
    static void fetchJbangOnce() throws Exception {
        // Resolves jbang-cli on a machine that has never run ./jbang, and lets JBang build the
        // fixture once, so that the tests below time only cached runs.
        Result r = run(List.of("./jbang", FIXTURE, "0"), "", Map.of(), FIRST_RUN);
        assertEquals(0, r.exitCode(), r.describe());
    }

    @ParameterizedTest
    @Execution(ExecutionMode.CONCURRENT)
    @ValueSource(ints = {0, 3, 42})
    void exitCodeOfTheScriptIsTheExitCodeOfTheLauncher(int code) throws Exception {
        Result r = jbang(FIXTURE, String.valueOf(code));
        assertEquals(code, r.exitCode(), r.describe());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void exitCodeOfJbangItselfIsTheExitCodeOfTheLauncher() throws Exception {
        // Not a script's exit (that one comes from exec): JBang fails, the launcher relays it.
        Result r = jbang("tests/fixtures/no-such-script.java");
        assertEquals(2, r.exitCode(), r.describe());
        assertEquals("", r.stdout());
        assertTrue(r.stderr().contains("could not be found"), r.describe());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void argumentsPassThroughUnchanged() throws Exception {
        List<String> args = List.of("two words", "  padded  ", "it's", "say \"hi\"", "$HOME", "`id`",
                "$(id)", "*", "back\\slash", "a;b|c&d", "tab\there", "two\nlines", "!");
        List<String> command = new ArrayList<>(List.of(FIXTURE, "0"));
        command.addAll(args);
        Result r = jbang(command.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(args.stream().map(a -> "[" + a + "]\n").collect(Collectors.joining()), r.stdout());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void stdinReachesTheScriptAndItsStdoutComesBack() throws Exception {
        String input = "first line\nsecond line with 'quotes' and $dollars\nno newline at the end";
        Result r = run(List.of("./jbang", FIXTURE, "0", "arg"), input, Map.of(), CACHED_RUN);
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("[arg]\n" + input, r.stdout());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void versionIsThePinnedOne() throws Exception {
        // JBang itself prints `--version` on stderr, and `version` on stdout.
        Result r = jbang("--version");
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(JBANG_VERSION, (r.stdout() + r.stderr()).strip(), r.describe());
        Result v = jbang("version");
        assertEquals(0, v.exitCode(), v.describe());
        assertEquals(JBANG_VERSION + "\n", v.stdout(), v.describe());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void runsUnderDash() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/dash")), "no /bin/dash on this machine");
        Result r = run(List.of("/bin/dash", "./jbang", FIXTURE, "5", "a b", "it's"), "in", Map.of(), CACHED_RUN);
        assertEquals(5, r.exitCode(), r.describe());
        assertEquals("[a b]\n[it's]\nin", r.stdout());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void offlineRunUsesTheCacheAndNeverCallsMaven(@TempDir Path tmp) throws Exception {
        Path called = tmp.resolve("mvn-was-called");
        Path bin = fakeCommand(tmp, "mvn", "touch '" + called + "'\nexit 99");
        Result r = run(List.of("./jbang", "--offline", FIXTURE, "0", "offline"), "",
                Map.of("PATH", bin + File.pathSeparator + cleanPath()), CACHED_RUN);
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("[offline]\n", r.stdout());
        assertFalse(Files.exists(called), "./jbang ran mvn although jbang-cli was cached");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aJbangOnPathIsUsedInstead(@TempDir Path tmp) throws Exception {
        Path bin = fakeCommand(tmp, "jbang", "printf 'real jbang got %s|' \"$@\"\nexit 7");
        Result r = run(List.of("./jbang", "x y", "z"), "",
                Map.of("PATH", bin + File.pathSeparator + cleanPath()), CACHED_RUN);
        assertEquals(7, r.exitCode(), r.describe());
        assertEquals("real jbang got x y|real jbang got z|", r.stdout());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void doesNotCallItselfWhenTheKitIsOnPath(@TempDir Path tmp) throws Exception {
        // The kit folder, a symlink to this launcher and a copy of it: none may count as "a real
        // JBang", or the launcher would exec itself (or the copy and back) forever.
        Path link = Files.createDirectories(tmp.resolve("link"));
        Files.createSymbolicLink(link.resolve("jbang"), ROOT.resolve("jbang"));
        Path copy = Files.createDirectories(tmp.resolve("copy"));
        Files.copy(ROOT.resolve("jbang"), copy.resolve("jbang"));
        copy.resolve("jbang").toFile().setExecutable(true);
        String path = String.join(File.pathSeparator, ROOT.toString(), link.toString(), copy.toString(), cleanPath());
        Result r = run(List.of("./jbang", "version"), "", Map.of("PATH", path), CACHED_RUN);
        Result viaCopy = run(List.of(copy.resolve("jbang").toString(), "version"), "", Map.of("PATH", path), CACHED_RUN);
        Files.delete(link.resolve("jbang")); // spares JUnit's warning about links out of the temp dir
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(JBANG_VERSION + "\n", r.stdout(), r.describe());
        assertEquals(0, viaCopy.exitCode(), viaCopy.describe());
        assertEquals(JBANG_VERSION + "\n", viaCopy.stdout(), viaCopy.describe());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void findsAJdk25ByItselfWhenJavaHomeIsNoJdk(@TempDir Path tmp) throws Exception {
        assumeTrue(jdk25InAFolderTheLauncherScans(), "no JDK 25+ in the folders the launcher scans");
        Result r = run(List.of("./jbang", "--offline", FIXTURE, "0", "found"), "",
                Map.of("JAVA_HOME", tmp.toString()), CACHED_RUN);
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("[found]\n", r.stdout());
        assertFalse(r.stderr().contains("no JDK 25"), r.describe());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aFailedFirstFetchLeavesNoHalfCache(@TempDir Path tmp) throws Exception {
        // A Maven that dies half way, after writing one jar: nothing of it may stay in the cache.
        Path bin = fakeCommand(tmp, "mvn", "mkdir -p lib && echo half > lib/half.jar\necho 'simulated failure'\nexit 1");
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Result r = run(List.of("./jbang", "--version"), "",
                Map.of("PATH", bin + File.pathSeparator + cleanPath(), "XDG_CACHE_HOME", cache.toString()), CACHED_RUN);
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("simulated failure"), r.describe());
        assertEquals("", r.stdout());
        try (Stream<Path> left = Files.list(cache.resolve("java-async-kit"))) {
            assertEquals(List.of(), left.toList(), "half cache left behind");
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void withoutMavenAndCacheItSaysWhatToInstall(@TempDir Path tmp) throws Exception {
        // A PATH with only the few tools the launcher needs before it looks for mvn.
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("dirname", "basename", "readlink", "sed", "grep")) {
            Path found = onPath(tool);
            assumeTrue(found != null, tool + " not found");
            Files.createSymbolicLink(bin.resolve(tool), found);
        }
        Result r = run(List.of("/bin/sh", "./jbang", "--version"), "",
                Map.of("PATH", bin.toString(), "XDG_CACHE_HOME", tmp.resolve("cache").toString()), CACHED_RUN);
        for (String tool : List.of("dirname", "basename", "readlink", "sed", "grep")) {
            Files.delete(bin.resolve(tool)); // spares JUnit's warning about links out of the temp dir
        }
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals("", r.stdout());
        assertEquals(1, r.stderr().strip().lines().count(), r.describe());
        assertTrue(r.stderr().contains("install JBang"), r.describe());
    }

    // ---- ./jbang jshell and mistyped aliases ----------------------------------------------

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void jshellOpensTheJdk25sJshellOnTheGivenFile(@TempDir Path tmp) throws Exception {
        // Even with an older JDK in JAVA_HOME, a real JBang on PATH (which has no such command)
        // and the default `jshell` being JDK 17's: the launcher runs the JDK 25's jshell itself.
        assumeTrue(jdk25InAFolderTheLauncherScans(), "no JDK 25+ in the folders the launcher scans");
        Path cell = Files.writeString(tmp.resolve("version.jsh"),
                "System.out.println(\"feature \" + Runtime.version().feature());\n");
        Path bin = fakeCommand(tmp, "jbang", "echo 'the real jbang ran'\nexit 7");
        Map<String, String> env = new HashMap<>(Map.of("PATH", bin + File.pathSeparator + cleanPath()));
        Path olderJdk = olderJdk();
        if (olderJdk != null) env.put("JAVA_HOME", olderJdk.toString());
        Result r = run(List.of("./jbang", "jshell", "-q", cell.toString()), "", env, CACHED_RUN);
        assertEquals(0, r.exitCode(), r.describe());
        var feature = java.util.regex.Pattern.compile("^feature (\\d+)$", java.util.regex.Pattern.MULTILINE).matcher(r.stdout());
        assertTrue(feature.find(), r.describe());
        assertTrue(Integer.parseInt(feature.group(1)) >= 25, r.describe());
        assertFalse(r.stdout().contains("the real jbang ran"), r.describe());
    }

    @ParameterizedTest
    @Execution(ExecutionMode.CONCURRENT)
    @ValueSource(strings = {"thread-sort:threads-sort", "threadsort:threads-sort", "process_sort:process-sort",
            "pid:pids", "chosing:choosing", "spawn-fork:spawn-vs-fork", "chek:check", "jshel:jshell"})
    void aMistypedAliasGetsTheClosestOne(String typedAndMeant, @TempDir Path tmp) throws Exception {
        String typed = typedAndMeant.split(":")[0], meant = typedAndMeant.split(":")[1];
        // Said by the launcher itself, before any JBang (here a fake one on PATH) is asked.
        Path bin = fakeCommand(tmp, "jbang", "echo 'the real jbang ran'\nexit 7");
        Result r = run(List.of("./jbang", typed, "--threads", "2"), "",
                Map.of("PATH", bin + File.pathSeparator + cleanPath()), CACHED_RUN);
        assertEquals(2, r.exitCode(), r.describe());
        assertEquals("", r.stdout(), r.describe());
        assertEquals("error: no alias or file named " + typed + ": did you mean " + meant + "?\n", r.stderr(), r.describe());
    }

    @ParameterizedTest
    @Execution(ExecutionMode.CONCURRENT)
    @ValueSource(strings = {"threads-sort", "version", "--verbose", "-o", "sleep", "hello", "pids.java",
            "tests/fixtures/none.java", "hello@jbangdev", "g:a:1.0", "https://example.org/x.java"})
    void anythingElseGoesToJbangUnchanged(String first, @TempDir Path tmp) throws Exception {
        // A known alias, a JBang command, an option, a word close to no alias (maybe the user's
        // own alias), a file name, a URL, alias@catalog, a GAV: all for JBang to judge.
        Path bin = fakeCommand(tmp, "jbang", "printf 'real jbang got %s|' \"$@\"\nexit 7");
        Result r = run(List.of("./jbang", first, "x"), "", Map.of("PATH", bin + File.pathSeparator + cleanPath()), CACHED_RUN);
        assertEquals(7, r.exitCode(), r.describe());
        assertEquals("real jbang got " + first + "|real jbang got x|", r.stdout(), r.describe());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aFileNamedLikeATypoIsRunNotCorrected(@TempDir Path tmp) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("thread-sort"), "// a script without an extension\n");
        Path bin = fakeCommand(tmp, "jbang", "printf 'real jbang got %s|' \"$@\"\nexit 7");
        Result r = runIn(work, List.of(ROOT.resolve("jbang").toString(), "thread-sort"), "",
                Map.of("PATH", bin + File.pathSeparator + cleanPath()), CACHED_RUN);
        assertEquals(7, r.exitCode(), r.describe());
        assertEquals("real jbang got thread-sort|", r.stdout(), r.describe());
    }

    /** A JDK older than 25 in /usr/lib/jvm, or null. */
    static Path olderJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return null;
        try (Stream<Path> jdks = Files.list(jvms)) {
            for (Path jdk : jdks.sorted().toList()) {
                Path release = jdk.resolve("release");
                if (!Files.isReadable(release) || !Files.isExecutable(jdk.resolve("bin/javac"))) continue;
                for (String line : Files.readAllLines(release)) {
                    if (line.matches("JAVA_VERSION=\"(1[0-9]|2[0-4])[.\"].*")) return jdk;
                }
            }
        }
        return null;
    }

    // ---- helpers -------------------------------------------------------------------------

    static Result jbang(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("./jbang"));
        command.addAll(List.of(args));
        return run(command, "", Map.of(), CACHED_RUN);
    }

    /** Runs command in the repo root with input on stdin (then closed), killing it after timeout. */
    static Result run(List<String> command, String input, Map<String, String> env, Duration timeout) throws Exception {
        return runIn(ROOT, command, input, env, timeout);
    }

    /** Runs command in folder dir, as {@link #run}. */
    static Result runIn(Path dir, List<String> command, String input, Map<String, String> env, Duration timeout)
            throws Exception {
        Path out = Files.createTempFile("jbang-test", ".out");
        Path err = Files.createTempFile("jbang-test", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> environment = pb.environment();
            environment.put("PATH", cleanPath());
            environment.putAll(env);
            Process p = pb.start();
            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the command ended without reading its input
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail(command + " did not end within " + timeout + "; stderr:\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** PATH without any folder that holds a jbang, so that the bootstrap itself runs. */
    static String cleanPath() {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty() && !Files.exists(Path.of(dir, "jbang")))
                .collect(Collectors.joining(File.pathSeparator));
    }

    static Path onPath(String tool) {
        return Stream.of(cleanPath().split(File.pathSeparator)).map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable).findFirst().orElse(null);
    }

    static Path fakeCommand(Path dir, String name, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("fake-bin"));
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        assertTrue(script.toFile().setExecutable(true));
        return bin;
    }

    /** Mirrors a part of the launcher's search: a release file saying 25 or newer. */
    static boolean jdk25InAFolderTheLauncherScans() throws IOException {
        String home = System.getProperty("user.home");
        List<Path> parents = List.of(Path.of("/usr/lib/jvm"), Path.of(home, ".sdkman/candidates/java"),
                Path.of(home, ".jbang/cache/jdks"));
        for (Path parent : parents) {
            if (!Files.isDirectory(parent)) continue;
            try (Stream<Path> jdks = Files.list(parent)) {
                for (Path jdk : jdks.toList()) {
                    Path release = jdk.resolve("release");
                    if (!Files.isReadable(release) || !Files.isExecutable(jdk.resolve("bin/javac"))) continue;
                    Map<String, String> props = new HashMap<>();
                    for (String line : Files.readAllLines(release)) {
                        int eq = line.indexOf('=');
                        if (eq > 0) props.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
                    }
                    String version = props.getOrDefault("JAVA_VERSION", "0").replaceAll("[^0-9].*", "");
                    if (!version.isEmpty() && Integer.parseInt(version) >= 25) return true;
                }
            }
        }
        return false;
    }

    static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("jbang")) && Files.isDirectory(d.resolve("tests"))) return d;
        }
        return dir;
    }
}
