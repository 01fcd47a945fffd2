#!/usr/bin/env python3
"""The kit's own Python workers, for lesson 07 (python-beside-java): the article's two jobs, a sleep
and a sort, on threads or on processes, in the standard library only (Python 3.8 or newer).

Each worker prints one line as it starts and one when it is done, as key=value pairs, so that the
Java lesson (or you) can read them:

    started index=1 pid=4242 thread=4243 parent=4200 start=1234567890
    worker index=1 pid=4242 thread=4243 launched=1234000000 start=1234567890 end=2234567890 check=ok

Times are nanoseconds of time.monotonic_ns(). On Linux that clock is CLOCK_MONOTONIC, the very clock
Java's System.nanoTime() reads, so the Java lesson places these workers on its own time line; the
first line, `clock now=...`, lets it check that (and estimate the offset elsewhere). A last line,
`summary ...`, names the interpreter: its version, whether its GIL is on, the start method used.

Try it:   python3 python/workers.py sort --workers 4 --mode threads
          python3 python/workers.py sort --workers 4 --mode processes --start-method spawn
          python3 python/workers.py sleep --workers 4 --seconds 1
"""
import argparse
import multiprocessing
import os
import random
import sys
import sysconfig
import threading
import time

LOWEST, HIGHEST = 1, 100_000


def make_and_sort(size, seed):
    """The CPU-bound job: `size` random whole numbers in [LOWEST, HIGHEST], then list.sort(). Making
    them is a Python loop, where the GIL changes hands; the sort is one C call that keeps it."""
    rng = random.Random(seed)
    numbers = [rng.randint(LOWEST, HIGHEST) for _ in range(size)]
    total = sum(numbers)  # a fingerprint taken before the sort, for the check afterwards
    numbers.sort()
    return numbers, total


def check(numbers, size, total):
    """True when `numbers` is in order, has `size` items and the sum the unsorted list had."""
    return len(numbers) == size and sum(numbers) == total and numbers == sorted(numbers)


def job(args, index):
    """Runs one worker's job and returns (start, end, verdict): the verdict is a function, called
    once the clock has stopped, because checking takes time (and the GIL) too."""
    start = time.monotonic_ns()
    if args.workload == "sleep":
        time.sleep(args.seconds)  # lets go of the GIL while it waits
        end = time.monotonic_ns()
        return start, end, lambda: ""
    numbers, total = make_and_sort(args.size, args.seed + index)
    end = time.monotonic_ns()
    return start, end, lambda: "ok" if check(numbers, args.size, total) else "FAILED"


def say(kind, **fields):
    """One line of key=value pairs, in one write: print() with several arguments writes them one by
    one, and another thread (or process) could write between them. A short write to a pipe is never
    split."""
    sys.stdout.write(" ".join([kind] + ["%s=%s" % kv for kv in fields.items()]) + "\n")
    sys.stdout.flush()


def worker(args, index, launched, results):
    """The body of a thread or of a child process: announce, work, report."""
    me = dict(index=index, pid=os.getpid(), thread=threading.get_native_id())
    say("started", **me, parent=os.getppid(), start=time.monotonic_ns())
    start, end, verdict = job(args, index)
    if results is None:  # a process: nobody else needs this GIL, check here
        say("worker", **me, launched=launched, start=start, end=end, check=verdict())
    else:  # a thread: leave the check to the main thread, after every thread has stopped its clock
        results[index] = (me, launched, start, end, verdict)


def parent_gone(parent):
    return parent is not None and os.getppid() != parent


def run_threads(args):
    results = {}
    threads = []
    for i in range(1, args.workers + 1):
        launched = time.monotonic_ns()
        t = threading.Thread(target=worker, name="Thread%d" % i, args=(args, i, launched, results))
        t.start()
        threads.append(t)
    for t in threads:
        while t.is_alive():
            t.join(0.1)
            if parent_gone(args.watch_parent):
                os._exit(3)  # the Java lesson is gone: so are we
    if len(results) != args.workers:  # a thread that failed has printed its traceback already
        sys.exit("%d of %d threads did not finish their job" % (args.workers - len(results), args.workers))
    for i in sorted(results):
        me, launched, start, end, verdict = results[i]
        say("worker", **me, launched=launched, start=start, end=end, check=verdict())
    return "none"


def run_processes(args):
    context = multiprocessing.get_context(args.start_method)
    processes = []
    for i in range(1, args.workers + 1):
        launched = time.monotonic_ns()
        p = context.Process(target=worker, name="Process%d" % i, args=(args, i, launched, None), daemon=True)
        p.start()
        processes.append(p)
    for p in processes:
        while p.is_alive():
            p.join(0.1)
            if parent_gone(args.watch_parent):
                for q in processes:
                    q.kill()
                os._exit(3)
    failed = [p for p in processes if p.exitcode != 0]
    if failed:
        sys.exit("%s exited with code %d" % (failed[0].name, failed[0].exitcode))
    return context.get_start_method()


def gil_state():
    """'enabled' or 'disabled': sys._is_gil_enabled() where it exists (3.13+), else the GIL is on."""
    probe = getattr(sys, "_is_gil_enabled", None)
    return "enabled" if probe is None or probe() else "disabled"


def describe():
    """The interpreter, as key=value pairs for the summary line."""
    build = "free-threaded" if sysconfig.get_config_var("Py_GIL_DISABLED") else "standard"
    return dict(python=".".join(map(str, sys.version_info[:3])), implementation=sys.implementation.name,
                build=build, gil=gil_state(), default_start_method=multiprocessing.get_start_method(),
                start_methods=",".join(multiprocessing.get_all_start_methods()),
                executable=sys.executable.replace(" ", "%20"))


def children_cpu():
    """CPU seconds of the worker processes that have ended (0 on Windows, which does not count them)."""
    t = os.times()
    return t.children_user + t.children_system


def options(argv):
    p = argparse.ArgumentParser(description="The kit's Python workers: a sleep or a sort, on threads or processes.")
    p.add_argument("workload", choices=["sleep", "sort", "probe"], help="probe: print the summary line and stop")
    p.add_argument("--workers", type=int, default=4, help="how many workers (default: 4)")
    p.add_argument("--size", type=int, default=2_000_000, help="numbers each worker makes and sorts (default: 2000000)")
    p.add_argument("--seconds", type=float, default=1.0, help="how long each worker sleeps (default: 1)")
    p.add_argument("--mode", choices=["threads", "processes"], default="threads")
    p.add_argument("--start-method", choices=["fork", "spawn", "forkserver"], default=None,
                   help="how processes are started (default: this Python's default on this system)")
    p.add_argument("--seed", type=int, default=1, help="worker i draws from random.Random(seed + i) (default: 1)")
    p.add_argument("--wait", action="store_true", help="after the clock line, wait for one byte on standard input")
    p.add_argument("--watch-parent", type=int, default=None, metavar="PID",
                   help="end (with any worker processes) as soon as PID is no longer this process's parent")
    args = p.parse_args(argv)
    if args.workers < 1 or args.size < 1 or args.seconds < 0:
        p.error("--workers and --size must be at least 1, --seconds at least 0")
    if args.start_method and args.start_method not in multiprocessing.get_all_start_methods():
        p.error("--start-method %s is not available here (this system has: %s)"
                % (args.start_method, ", ".join(multiprocessing.get_all_start_methods())))
    return args


def main(argv):
    args = options(argv)
    if args.workload == "probe":
        say("summary", **describe())
        return
    about = describe()  # before the clock starts: sysconfig reads its data on first use
    clock = time.get_clock_info("monotonic").implementation.replace(" ", "")
    say("clock", now=time.monotonic_ns(), source=clock)
    if args.wait and not sys.stdin.buffer.read(1):
        os._exit(3)  # end of input before the go: the Java lesson is gone
    began, cpu, before = time.monotonic_ns(), time.process_time_ns(), children_cpu()
    used = run_threads(args) if args.mode == "threads" else run_processes(args)
    cpu = time.process_time_ns() - cpu + round((children_cpu() - before) * 1e9)
    say("summary", **about, start_method=used, mode=args.mode, workload=args.workload, workers=args.workers,
        wall=time.monotonic_ns() - began, cpu=cpu)


if __name__ == "__main__":  # a spawned child imports this file: it must not run main() again
    main(sys.argv[1:])
    sys.stdout.flush()
    # Done, and said so: end without the interpreter's teardown, which would free millions of int
    # objects one by one (tenths of a second) and make the run look slower than its work was.
    os._exit(0)
