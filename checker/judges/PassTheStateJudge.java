import java.lang.reflect.Method;
import java.util.List;
import java.util.SplittableRandom;

/** Exercise 05, pass-the-state: the judge of exercises/05-pass-the-state.java (see Judge). */
final class PassTheStateJudge extends Judge {
    @Override
    String task() { return "Fix a \"spawn\" bug: the child needs state the parent only has in memory."; }

    @Override
    String hints() {
        return """
            ## Hint 1

            The parent and the child are two JVMs, and nothing in the parent's memory crosses over by itself:
            the child gets only what it is given when it starts, such as its arguments, its environment
            variables, or what the parent writes to its standard input. Setting a system property or a static
            field in the parent does not reach the child either.

            ## Hint 2

            `javaCommand(Adder.class, "12", "7", "30")` starts the child with three arguments, which arrive
            in `args` of `Adder.main`. Turn `PRICES` into an array of strings
            (`PRICES.stream().map(String::valueOf).toArray(String[]::new)`), pass it on, and in the child
            add up `Integer.parseInt(price)` for each of `args` instead of reading `PRICES`.
            """;
    }

    @Override
    String judge() throws Unsolved {
        Method totalInChild = method("totalInChild");
        @SuppressWarnings("unchecked")
        List<Integer> prices = (List<Integer>) field("PRICES");
        SplittableRandom random = new SplittableRandom();
        int count = 0;
        for (int round = 1; round <= 2; round++) { // two different lists: the answer cannot be built in
            count = 25 + random.nextInt(25);
            prices.clear();
            for (int i = 0; i < count; i++) prices.add(random.nextInt(1, 1000));
            long expected = prices.stream().mapToLong(Integer::longValue).sum(), got;
            ChildWatch watch = new ChildWatch();
            try {
                got = (Long) invoke(totalInChild);
            } finally {
                watch.close();
            }
            if (!watch.anyChildRan()) {
                throw new Unsolved("no-child-process", "totalInChild added the prices up without any child process. Keep the child: start "
                        + "the Adder with " + START_ADDER + ", which hands it the prices.");
            }
            if (got == 0 && expected != 0) {
                throw new Unsolved("state-not-passed", "The child answered 0, but the parent's %d prices add up to %d. A new JVM starts from "
                        + "the class files, so PRICES is empty there: hand the prices to the child when you start it.",
                        count, expected);
            }
            if (got != expected) {
                throw new Unsolved("prices-lost", "The child answered %d, but the parent's %d prices add up to %d: some prices were lost "
                        + "or changed on the way.", got, count, expected);
            }
        }
        return "the child received every price, in two rounds";
    }

    /** How to start the Adder with the prices, as the learner would write it in totalInChild(): a test compiles it there. */
    static final String START_ADDER = "javaCommand(Adder.class, PRICES.stream().map(String::valueOf).toArray(String[]::new)).start()";
}
