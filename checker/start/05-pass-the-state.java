///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+

// Exercise 05 — pass the state (after lesson 05, spawn-vs-fork)
//
// A child JVM is never a copy of its parent: it starts fresh from the class files, the way
// Python's "spawn" starts a fresh interpreter. Whatever the parent put in memory while it ran
// is not there in the child. Here the parent loads a list of prices at run time and asks a child
// process to add them up, and the child answers 0 — it has never seen them.
//
// Your task: fix the bug. Hand the prices to the child explicitly when you start it, and have
// the Adder use what it was given. Change totalInChild and Adder.main; javaCommand is given.
//
// Run it:    ./jbang exercises/05-pass-the-state.java
// Check it:  ./jbang check 5               Stuck?  ./jbang check --hint 5

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

class PassTheState {

    /** The parent's state: prices it loads at run time. Each new JVM starts with this list empty. */
    static final List<Integer> PRICES = new ArrayList<>();

    /** What the child process runs: it adds up the prices and prints the total. */
    static final class Adder {
        public static void main(String[] args) {
            // TODO: in this new JVM PRICES is empty, whatever the parent put in its own copy.
            //       Add up the prices the parent hands over instead.
            long total = 0;
            for (int price : PRICES) {
                total += price;
            }
            System.out.println(total);
        }
    }

    /** Given: a command that runs {@code main} of {@code type} in a new JVM, with this program's java and class path. */
    static ProcessBuilder javaCommand(Class<?> type, String... args) {
        if (System.getProperty("jdk.launcher.sourcefile") != null) { // `java File.java` keeps classes in memory only
            throw new IllegalStateException("run this file with ./jbang, so that a child JVM can find its classes");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), type.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    /** In the parent: has a child process add up PRICES, and returns the child's answer. */
    static long totalInChild() throws Exception {
        // TODO: the child cannot see PRICES. Pass them along when you start it.
        Process child = javaCommand(Adder.class).start();
        String answer = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        child.waitFor();
        return Long.parseLong(answer);
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random();
        for (int i = 0; i < 20; i++) {
            PRICES.add(1 + random.nextInt(999)); // "loaded at run time": only this JVM's memory holds them
        }
        long here = PRICES.stream().mapToLong(Integer::longValue).sum();
        System.out.printf("the parent (PID %d) has %d prices, adding up to %d%n", ProcessHandle.current().pid(), PRICES.size(), here);
        long there = totalInChild();
        System.out.printf("the child says they add up to %d%s%n", there, there == here ? "" : "  <- the child never saw them");
    }
}
