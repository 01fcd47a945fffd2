import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import support.ChildJvm;

/**
 * A JVM flag given to a lesson reaches its child JVMs: the one place to add a flag such as
 * --enable-preview is the lesson's own command line (Lab.java's //RUNTIME_OPTIONS under JBang,
 * pom.xml's kit.jvm.flags under the tests), never each place that starts a child.
 */
@TimesNothing
class KitFlagsTest {

    /** A lesson's stand-in: starts one child the kit's way and prints what the child was given. */
    static final class Parent {
        public static void main(String[] args) throws Exception {
            ChildJvm.Child child = ChildJvm.start("child", List.of(), Child.class, List.of(), line -> {}).await(60);
            System.out.println("child flags: " + child.get("flags"));
        }
    }

    static final class Child {
        public static void main(String[] args) {
            ChildJvm.exitWithParent();
            ChildJvm.report("flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        }
    }

    @Test
    void aParentsFlagsReachItsChildren() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-preview", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Parent.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the parent ended");
        assertEquals(0, p.exitValue(), out);
        String flags = out.lines().filter(l -> l.startsWith("child flags: ")).findFirst().orElse("");
        assertTrue(flags.contains("--enable-preview") && flags.contains("--sun-misc-unsafe-memory-access=allow"),
                "the child ran with its parent's flags: " + out);
    }

    @Test
    void onlyDoubleDashFlagsAreHandedOn() {
        // The tests' JVM runs with pom.xml's kit.jvm.flags; system properties and -X options stay the parent's own.
        assertTrue(ChildJvm.kitFlags().stream().allMatch(f -> f.startsWith("--")), ChildJvm.kitFlags().toString());
    }
}
