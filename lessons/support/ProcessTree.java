package support;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import support.ChildJvm.Child;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Lesson 04's view of the process tree, kept out of the lesson: a table of the processes below this
 * one (as {@code ProcessHandle.descendants()} found them) and their command lines, short enough to
 * read in a 100-column terminal.
 */
public final class ProcessTree {
    /** The command column of the table: with pid, parent pid and started as, 100 columns in all. */
    public static final int COMMAND_WIDTH = 52;

    private ProcessTree() {}

    /** One line: this process's PID and its parent's, with the parent's command. */
    public static String parentLine() {
        long pid = ProcessHandle.current().pid();
        return ProcessHandle.current().parent()
                .map(p -> String.format("This lesson is PID %d; its parent is PID %d (%s)", pid, p.pid(),
                        shorten(commandOf(p), 44)))
                .orElse(String.format("This lesson is PID %d; its parent is not known", pid));
    }

    /** Prints the processes of {@code tree}, each with its parent and, for a child, the name it was started as. */
    public static void print(List<ProcessHandle> tree, List<Child> children) {
        LongColumn pids = LongColumn.create("pid"), parents = LongColumn.create("parent pid");
        StringColumn who = StringColumn.create("started as"), command = StringColumn.create("command");
        for (ProcessHandle p : tree) {
            pids.append(p.pid());
            parents.append(p.parent().map(ProcessHandle::pid).orElse(-1L));
            who.append(children.stream().filter(c -> c.pid() == p.pid()).map(Child::name).findFirst().orElse("-"));
            command.append(commandOf(p));
        }
        Table table = Table.create(String.format("Live processes below this lesson (PID %d), from descendants()",
                ProcessHandle.current().pid()), pids, parents, who, command);
        System.out.println();
        System.out.println(table.printAll());
    }

    /** A process's command line, short enough to read: the program's file name, the class path elided. */
    public static String commandOf(ProcessHandle p) {
        ProcessHandle.Info info = p.info();
        StringBuilder text = new StringBuilder(info.command().map(c -> Path.of(c).getFileName().toString()).orElse("?"));
        List<String> args = info.arguments().map(List::of).orElse(List.of());
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean classPath = i > 0 && Set.of("-cp", "-classpath", "--class-path").contains(args.get(i - 1));
            int lastSeparator = arg.lastIndexOf(File.separatorChar); // a long path: its file name only
            text.append(' ').append(classPath ? "..." : arg.length() > 24 && lastSeparator > 0
                    ? "..." + arg.substring(lastSeparator) : arg);
        }
        return shorten(text.toString(), COMMAND_WIDTH);
    }

    /** At most {@code width} characters: the program's name, "...", and the end (main class and arguments). */
    public static String shorten(String command, int width) {
        if (command.length() <= width) return command;
        int space = command.indexOf(' ');
        String head = (space > 0 && space < width / 3 ? command.substring(0, space) : "") + " ...";
        return head + command.substring(command.length() - (width - head.length()));
    }
}
