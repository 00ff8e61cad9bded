"""Exercise 12 · Async doesn't make CPU work faster.

`count_primes` (awaitlings/cpu.py) is grader-owned CPU work that reports the pid of the
process that ran it, so the tests can tell a process pool from the event loop or a thread.
The loop-lag heartbeat catches computation on the loop; the pid catches computation in a
thread (which may not stall the loop for long, but shares this process's GIL). Process
checks use psutil (`awaitlings.processes`). Real clock: processes are involved.
"""

import asyncio
import concurrent.futures
import contextlib
import multiprocessing
import multiprocessing.pool
import os
import pickle
import random
import signal
import sys
import weakref
from collections.abc import AsyncIterator
from typing import Any

import psutil
import pytest

import awaitlings
from awaitlings.cpu import PrimeCount
from awaitlings.probes import expect_not_coroutine, fail, now, require, secs
from awaitlings.processes import descendants

# Loop-lag limit for the tests that start a pool. `ProcessPoolExecutor` forks its workers
# inside `submit()` and joins them when it shuts down, both on the loop's thread: measured up
# to 0.2 s on a 2-core machine at load 13, and 0.34 s for a correct answer while `verify` ran
# its sessions side by side, with nothing wrong in the student's code. Every wrong answer is
# caught by the tests' own checks (the pid, a task that never got to run); this limit is there
# for a long blocking call besides (a `time.sleep(1)` in crunch).
POOL_HEARTBEAT = 0.6

# Task 2 ("no worker process is left running after it returns") is checked the moment crunch
# returns, with no grace: shutting a pool down (`with ProcessPoolExecutor() as pool:`,
# `pool.shutdown()`, `multiprocessing.Pool`'s `with`, `close()` + `join()`) joins every worker
# before it returns, so a correct answer has none left, however loaded the machine is. A pool
# shut down with `wait=False`, or dropped without a shutdown, lets its workers stop on their own
# a moment *after* crunch returned; a grace period would let those through on an idle machine.
# Afterwards the test watches a little longer, only to tell those apart in its message.
AFTERWARDS = 2.0

# Processes multiprocessing keeps for itself with the forkserver/spawn start methods: not
# workers of the student's pool, and meant to live as long as the program.
HELPERS = ("multiprocessing.forkserver", "multiprocessing.resource_tracker")

STATEMENTS = "abcdef"
TRUTH = {"a": False, "b": True, "c": False, "d": True, "e": True, "f": False}


_helpers_warm = False


@pytest.fixture
def pool_helpers_running() -> None:
    """Boot multiprocessing's own helper processes before the event loop and heartbeat start.

    With the forkserver start method (the default on Linux from Python 3.14), a pool's first
    worker waits, inside `submit()` on the loop's thread, for the fork server to boot: about
    0.15 s, once per process. That is a cost of the process, not of the student's code, so it
    is paid here, outside the heartbeat, by starting (and joining) one trivial process.
    The helpers are ignored by the leftover-process check.
    """
    global _helpers_warm
    if _helpers_warm or "forkserver" not in multiprocessing.get_all_start_methods():
        return
    probe = multiprocessing.get_context("forkserver").Process(target=os.getpid)
    probe.start()
    probe.join(timeout=10)
    _helpers_warm = True


def primes_below(limit: int) -> int:
    """The right answer, by a fast sieve (milliseconds, so the loop is not held)."""
    sieve = bytearray([1]) * limit
    sieve[0:2] = b"\x00\x00"
    for n in range(2, int(limit**0.5) + 1):
        if sieve[n]:
            sieve[n * n :: n] = bytes(len(range(n * n, limit, n)))
    return sum(sieve)


def a_limit(exercise: Any) -> int:
    return exercise.timing["limit"] + random.randrange(1, 5000)


def _is_helper(pid: int) -> bool:
    try:
        cmdline = " ".join(psutil.Process(pid).cmdline())
    except psutil.Error:
        return False
    return any(helper in cmdline for helper in HELPERS)


def _alive(pids: set[int]) -> set[int]:
    """The processes of `pids` still running (not gone, not a zombie)."""
    alive = set()
    for pid in pids:
        with contextlib.suppress(psutil.Error):  # gone (or a zombie, on macOS)
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.add(pid)
    return alive


async def graded_crunch(crunch: Any, limit: int) -> Any:
    """Await crunch(limit); explain the two classic ways to hand work to a pool wrongly."""
    try:
        return await crunch(limit)
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        text = str(exc)
        if "pickle" in text:
            raise fail(
                f"crunch({limit}) raised {type(exc).__name__}: {text}. A process pool sends the "
                "function to the worker process by pickling it, and lambdas and functions "
                "defined inside other functions cannot be pickled. Pass the module-level "
                "function and its argument separately: "
                "`loop.run_in_executor(pool, count_primes, limit)`."
            ) from None
        if "not callable" in text:
            raise fail(
                f"crunch({limit}) raised TypeError: {text}. `count_primes(limit)` was called "
                "right away, in this process, and its result was handed to the pool, which "
                "cannot call a result. Pass the function and its argument separately: "
                "`loop.run_in_executor(pool, count_primes, limit)`."
            ) from None
        raise


def expect_prime_count(result: Any, limit: int) -> PrimeCount:
    expect_not_coroutine(result, f"crunch({limit})")
    expected = primes_below(limit)
    if isinstance(result, int) and not isinstance(result, bool):
        raise fail(
            f"crunch({limit}) returned the number {result}. Return what `count_primes` gives "
            "back, unchanged: a PrimeCount(count, pid), so the grader can see which process "
            "did the counting."
        )
    if not (isinstance(result, tuple) and len(result) == 2 and all(isinstance(x, int) for x in result)):
        raise fail(
            f"crunch({limit}) returned {result!r}. Return what `count_primes({limit})` gives "
            "back, unchanged: a PrimeCount(count, pid)."
        )
    count, pid = result
    if count != expected:
        raise fail(
            f"crunch({limit}) says there are {count} primes below {limit}; there are "
            f"{expected}. Pass `limit` to count_primes unchanged and return its result."
        )
    return PrimeCount(count, pid)


def expect_worker_process(result: PrimeCount, limit: int) -> None:
    if result.pid == os.getpid():
        raise fail(
            f"count_primes({limit}) ran inside the grader's own process (pid {result.pid}), not "
            "in a worker process. Computed directly in `async def` (or in an `async def` "
            "wrapper) it freezes the event loop until it is done; in a thread "
            "(`asyncio.to_thread`, a ThreadPoolExecutor) it takes turns with the event loop "
            "for this process's single GIL and runs no faster. Send it to a process pool: "
            "`await loop.run_in_executor(pool, count_primes, limit)` with a "
            "`ProcessPoolExecutor`."
        )


class TaskCreators:
    """Notes, for every task created while installed, whether the student's code created it.

    A task is the student's when its coroutine is defined in the student's file, or when the
    code that asked for it (the first caller outside asyncio itself: `create_task`, `gather`,
    `ensure_future`, `TaskGroup.create_task`) is in the student's file. Anything else was
    started by a library on its own behalf, like the task anyio's process pool keeps until the
    event loop ends to shut its workers down: not a task "you started", and not graded here.
    """

    def __init__(self, student_file: str) -> None:
        self.student_file = os.path.realpath(student_file)
        self.students: weakref.WeakSet[asyncio.Task[Any]] = weakref.WeakSet()
        self.before: set[asyncio.Task[Any]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._saved: Any = None

    def _is_students(self, coro: Any) -> bool:
        code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
        if code is not None and os.path.realpath(code.co_filename) == self.student_file:
            return True
        frame = sys._getframe(2)  # above this method and the factory
        while frame is not None and frame.f_code.co_filename.startswith(_NOT_A_CREATOR):
            frame = frame.f_back
        return frame is not None and os.path.realpath(frame.f_code.co_filename) == self.student_file

    def _factory(self, loop: asyncio.AbstractEventLoop, coro: Any, **kwargs: Any) -> asyncio.Task[Any]:
        task = self._saved(loop, coro, **kwargs) if self._saved is not None else asyncio.Task(coro, loop=loop, **kwargs)
        if self._is_students(coro):
            self.students.add(task)
        return task

    def __enter__(self) -> "TaskCreators":
        self._loop = asyncio.get_running_loop()
        self._saved = self._loop.get_task_factory()
        self.before = set(asyncio.all_tasks())
        self._loop.set_task_factory(self._factory)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None:
            self._loop.set_task_factory(self._saved)

    def libraries_tasks(self) -> list[asyncio.Task[Any]]:
        me = asyncio.current_task()
        return [
            t
            for t in asyncio.all_tasks()
            if t is not me and not t.done() and t not in self.before and t not in self.students
        ]

    async def stop_libraries_tasks(self) -> None:
        """Cancel (and await) the tasks libraries started for themselves during the call, as the
        end of the event loop would: the leftover-task check is for the student's tasks."""
        left = self.libraries_tasks()
        for task in left:
            task.cancel()
        if left:
            await asyncio.wait(left, timeout=5)


# Frames that only pass a task on (asyncio's own functions, the grader's loop classes).
_NOT_A_CREATOR = tuple(os.path.dirname(m.__file__) + os.sep for m in (asyncio, awaitlings))


@contextlib.asynccontextmanager
async def libraries_tasks_stopped(ex: Any) -> AsyncIterator[TaskCreators]:
    """Notes who creates each task; at the end cancels and awaits the tasks libraries started
    for themselves, as the end of the event loop would. The leftover-task check that follows
    every test is about the student's own tasks."""
    with TaskCreators(ex.__file__) as creators:
        try:
            yield creators
        finally:
            await creators.stop_libraries_tasks()


class KeptPools:
    """Every process pool made during a `pools_kept()` block, and the workers of those shut down
    without waiting for them: `shutdown(wait=False)`, `Pool.close()` with no `join()`, or a
    shutdown still going when crunch returns (in a thread nobody awaited)."""

    def __init__(self, before: set[int]) -> None:
        self.before = before
        self.pools: list[Any] = []
        self._unwaited: dict[int, set[int]] = {}  # id(pool) -> workers alive when it was left

    def leaving(self, pool: Any) -> None:
        """A shutdown (or close) starts: its workers alive now are not waited for until
        `waited(pool)` says so. Whether they are gone by the time crunch returns is a race
        (they need a few ms to stop), so what counts is this record, whatever the load does."""
        alive = _alive(set(descendants()) - self.before)
        self._unwaited[id(pool)] = {pid for pid in alive if not _is_helper(pid)}

    def waited(self, pool: Any) -> None:
        self._unwaited.pop(id(pool), None)

    @property
    def unwaited(self) -> set[int]:
        return set().union(*self._unwaited.values())


async def crunch_beside_another_task(
    crunch: Any,
    limit: int,
    before: set[int] | None = None,
    kept: KeptPools | None = None,
) -> tuple[Any, float, int, set[int], set[int]]:
    """Await crunch(limit) while another task ticks on the same loop.

    Returns (result, secs, ticks, children, running): `children` holds every descendant
    process seen during the call, so the pid a result claims can be checked against processes
    that were really there (a made-up pid is not a worker); `running` holds those of them
    (besides multiprocessing's own helpers, and the processes in `before`, if given) that were
    still running the moment crunch returned, or belong to a pool (of `kept`) that crunch left
    without waiting for its workers.
    """
    ticks = 0
    children = set(descendants())
    running: set[int] = set()

    async def other_task() -> None:  # another client of the same event loop
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1
            if ticks % 5 == 1:  # reading /proc takes a few ms: not on every tick
                children.update(descendants())

    bystander = asyncio.create_task(other_task())
    start = now()
    try:
        result = await graded_crunch(crunch, limit)
        # At once, before anything else: a pool shutdown still going now (in a thread) was not
        # waited for, and a worker that is still running now outlived crunch (the processes
        # seen during the call first: reading all of /proc takes a while).
        running = kept.unwaited if kept is not None else set()
        running |= _alive(children - (before or set()))
        running |= _alive(set(descendants()) - (before or set()))
        running = {pid for pid in running if not _is_helper(pid)}
    finally:
        took = now() - start
        bystander.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await bystander
    children.update(descendants())
    return result, took, ticks, children, running


def expect_pid_of_a_worker(result: PrimeCount, children: set[int], limit: int) -> None:
    if result.pid not in children:
        raise fail(
            f"crunch({limit}) says the count ran in process {result.pid}, but no such process "
            "was running under the grader during the call. Return what `count_primes` gives "
            "back, unchanged, from a worker of a `ProcessPoolExecutor`: "
            "`await loop.run_in_executor(pool, count_primes, limit)`."
        )


def expect_loop_was_free(took: float, ticks: int, limit: int) -> None:
    # The other task wakes every 0.01 s: dozens of times while a worker process counts, and
    # never at all if crunch holds the loop until the count is done.
    if ticks == 0 and took >= 0.05:
        raise fail(
            f"crunch({limit}) took {took:.2f} s and another task on the event loop could not "
            "run even once meanwhile. Await the pool's result instead of waiting for it "
            "(`future.result()` blocks the loop): `await loop.run_in_executor(...)`."
        )


@pytest.mark.task(1)
@pytest.mark.realtime
@pytest.mark.heartbeat(POOL_HEARTBEAT)
async def test_crunch_counts_in_a_worker_process(ex, exercise, pool_helpers_running):
    crunch = require(ex, "crunch", coroutine=True)
    limit = a_limit(exercise)
    async with libraries_tasks_stopped(ex):
        result, took, ticks, children, _ = await crunch_beside_another_task(crunch, limit)
    result = expect_prime_count(result, limit)
    expect_worker_process(result, limit)
    expect_loop_was_free(took, ticks, limit)
    expect_pid_of_a_worker(result, children, limit)


@pytest.mark.task(2)
@pytest.mark.realtime
@pytest.mark.heartbeat(POOL_HEARTBEAT)
async def test_crunch_leaves_no_worker_running(ex, exercise, pool_helpers_running):
    crunch = require(ex, "crunch", coroutine=True)
    limit = a_limit(exercise)
    async with libraries_tasks_stopped(ex):
        await expect_workers_gone_at_return(crunch, limit)


@contextlib.contextmanager
def pools_kept(before: set[int]) -> Any:
    """Keep every process pool made during the block alive until the check is done, and note
    the ones shut down without waiting for their workers.

    A pool dropped without a shutdown is thrown away as crunch returns, and its workers then
    stop on their own: whether they are already gone when the test looks depends on the load
    (seen once in 685 kept answers graded side by side). Held here, such a pool keeps its
    workers, so the verdict does not depend on timing; the test shuts the pools down after.
    Likewise `shutdown(wait=False)`: its workers were running when it returned, gone a few ms
    later or not (seen once under load); that is decided when it is called."""
    kept = KeptPools(before)
    executor, pool_class = concurrent.futures.ProcessPoolExecutor, multiprocessing.pool.Pool
    originals = {
        (executor, "__init__"): executor.__init__,
        (executor, "shutdown"): executor.shutdown,
        (pool_class, "__init__"): pool_class.__init__,
        (pool_class, "close"): pool_class.close,
        (pool_class, "join"): pool_class.join,
        (pool_class, "terminate"): pool_class.terminate,
    }

    def init(original: Any) -> Any:
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **kwargs)
            kept.pools.append(self)

        return wrapper

    def shutdown(self: Any, wait: bool = True, *, cancel_futures: bool = False) -> None:
        kept.leaving(self)
        originals[(executor, "shutdown")](self, wait=wait, cancel_futures=cancel_futures)
        if wait:
            kept.waited(self)

    def close(self: Any) -> None:
        originals[(pool_class, "close")](self)
        kept.leaving(self)

    def waiting(name: str) -> Any:
        def wrapper(self: Any) -> None:
            originals[(pool_class, name)](self)
            kept.waited(self)

        return wrapper

    replacements = {
        (executor, "__init__"): init(executor.__init__),
        (executor, "shutdown"): shutdown,
        (pool_class, "__init__"): init(pool_class.__init__),
        (pool_class, "close"): close,
        (pool_class, "join"): waiting("join"),
        (pool_class, "terminate"): waiting("terminate"),
    }
    for (cls, name), replacement in replacements.items():
        setattr(cls, name, replacement)
    try:
        yield kept
    finally:
        for (cls, name), original in originals.items():
            setattr(cls, name, original)


def _release(kept: KeptPools) -> None:
    for pool in kept.pools:
        with contextlib.suppress(Exception):
            if isinstance(pool, multiprocessing.pool.Pool):
                pool.terminate()
            else:
                pool.shutdown(wait=False, cancel_futures=True)
    kept.pools.clear()


async def expect_workers_gone_at_return(crunch: Any, limit: int) -> None:
    before = set(descendants())
    with pools_kept(before) as kept:
        try:
            await _expect_workers_gone_at_return(crunch, limit, before, kept)
        finally:
            await asyncio.to_thread(_release, kept)


async def _expect_workers_gone_at_return(crunch: Any, limit: int, before: set[int], kept: KeptPools) -> None:
    result, took, ticks, children, running = await crunch_beside_another_task(crunch, limit, before, kept)
    result = expect_prime_count(result, limit)
    if result.pid == os.getpid():
        raise fail(
            f"count_primes({limit}) ran inside the grader's own process (on the event loop or in "
            "a thread), not in a worker process of a ProcessPoolExecutor, so there is no "
            "process pool to shut down yet. Do task 1 first."
        )
    expect_loop_was_free(took, ticks, limit)
    expect_pid_of_a_worker(result, children, limit)
    # The worker that counted may belong to a pool made before this call (a global one): it
    # must be gone too. Only ever our own descendants: the pid comes from student code, and a
    # pid it made up could name any process of this user (the grader's own parent, say).
    if result.pid in children and _alive({result.pid}) and not _is_helper(result.pid):
        running.add(result.pid)
    if not running:
        return
    returned = now()
    while _alive(running) and now() - returned < AFTERWARDS:
        await asyncio.sleep(0.05)
    left = sorted(_alive(running))
    ours = set(descendants())
    for pid in left:  # do not let them outlive the test either
        if pid in ours:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    n = len(running)
    workers = (
        f"{n} worker process{'es' if n > 1 else ''} of your pool (pid "
        f"{', '.join(map(str, sorted(running)))}) {'were' if n > 1 else 'was'} still running"
    )
    if not left:
        raise fail(
            f"When crunch({limit}) returned, {workers}; {'they' if n > 1 else 'it'} stopped on "
            f"{'their' if n > 1 else 'its'} own only after that. `pool.shutdown(wait=False)` "
            "returns without waiting for the workers, and a pool that is never shut down stops "
            "its workers only when Python throws the pool away. Shut the pool down and wait for "
            "it: create it with `with ProcessPoolExecutor() as pool:`, so the block waits for the "
            "workers when it ends (or call `pool.shutdown()`, which waits by default)."
        )
    raise fail(
        f"When crunch({limit}) returned, {workers}, and {len(left)} of them still "
        f"{'were' if len(left) > 1 else 'was'} {secs(AFTERWARDS)} later. A pool's workers live "
        "until the pool is shut down: nothing shut this one down (a pool kept in a global, or "
        "one whose workers are kept for later calls, never is). Create the pool in `crunch` "
        "with `with ProcessPoolExecutor() as pool:`, so it shuts down when the block ends."
    )


@pytest.mark.task(3)
def test_statements_marked_true_or_false(ex):
    answers = require(ex, "ANSWERS")
    if not isinstance(answers, dict):
        raise fail(f"ANSWERS should be a dict like {{'a': True, ...}}; it is {answers!r}.")
    keys = sorted(str(k) for k in answers)
    if keys != list(STATEMENTS):
        raise fail(f"ANSWERS should have the keys {list(STATEMENTS)}, one per statement; it has {keys}.")
    quoted = [k for k in STATEMENTS if isinstance(answers[k], str)]
    if quoted:
        k = quoted[0]
        raise fail(
            f"ANSWERS[{k!r}] is the string {answers[k]!r}. Write the value True or False "
            'without quotes: a string is not a yes-or-no answer (and even "False" counts as '
            "true in Python)."
        )
    unanswered = [k for k in STATEMENTS if not isinstance(answers[k], bool)]
    if unanswered:
        raise fail(
            f"Statement{'s' if len(unanswered) > 1 else ''} {', '.join(unanswered)} "
            f"{'have' if len(unanswered) > 1 else 'has'} no answer yet: set each value in "
            "ANSWERS to True or False (without quotes)."
        )
    wrong = sum(answers[k] != TRUTH[k] for k in STATEMENTS)
    if wrong:
        raise fail(
            f"{wrong} of {len(STATEMENTS)} answers {'is' if wrong == 1 else 'are'} not right "
            "yet. Reread the lesson at the top of the exercise: where does the event loop "
            "switch tasks, what does the GIL allow threads to do at once, and what does a "
            "separate process change?"
        )
