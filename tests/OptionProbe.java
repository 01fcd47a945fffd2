import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Many lesson command lines in one JVM, for tests that read only what the options make a lesson say
 * (a bad option's error, --help): starting a JVM per command line cost OptionErrorsTest most of its
 * time. Each line of standard input is a lesson's main class and its arguments, separated by tabs;
 * each gets a fresh lesson object, handed to {@code Cli.execute} as the lesson's own {@code main}
 * does through {@code Lab.run}, with its standard output and error caught. Command line {@code i}
 * (from 0) leaves {@code i.code}, {@code i.out} and {@code i.err} in the folder named by the argument.
 */
final class OptionProbe {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<String> lines = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        PrintStream realOut = System.out, realErr = System.err;
        for (int i = 0; i < lines.size(); i++) {
            List<String> command = Arrays.asList(lines.get(i).split("\t"));
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            try {
                var lesson = Class.forName(command.getFirst()).getDeclaredConstructor();
                lesson.setAccessible(true);
                code = support.Cli.execute(lesson.newInstance(), command.subList(1, command.size()).toArray(String[]::new));
            } catch (Throwable e) { // what the lesson's JVM would print as a stack trace
                e.printStackTrace(System.err);
                code = 1;
            } finally {
                System.out.flush();
                System.err.flush();
                System.setOut(realOut);
                System.setErr(realErr);
            }
            Files.writeString(dir.resolve(i + ".code"), "" + code);
            Files.write(dir.resolve(i + ".out"), out.toByteArray());
            Files.write(dir.resolve(i + ".err"), err.toByteArray());
        }
    }
}
