"""Exercise 12 · Async doesn't make CPU work faster

`async`/`await` helps while a program *waits* (for the network, a disk, a timer): the
event loop runs other tasks meanwhile. Computation does not wait. A loop of pure-Python
arithmetic inside `async def` never reaches an `await`, so the event loop, and every other
task on it, stands still until the sum is done.

Threads don't rescue you either: one Python process has one GIL (global interpreter lock),
so pure-Python computation in a thread takes turns with the event loop's thread instead of
running beside it. What does run beside it is another *process*. A `ProcessPoolExecutor`
keeps worker processes, each with its own interpreter, and `loop.run_in_executor(pool,
func, *args)` sends `func(*args)` to one of them and gives you something to await:

    with ProcessPoolExecutor() as pool:              # the workers stop when the block ends
        size = await loop.run_in_executor(pool, compress_file, "big.log")

`func` travels to the worker by pickling, so it must be a module-level function (not a
lambda), with its arguments passed separately.

`count_primes(limit)` (from the grader) is slow, pure-Python work. It returns a
`PrimeCount(count, pid)`: the number of primes below `limit` and the id of the process that
counted them.

Your tasks:
  1. `crunch(limit)` returns `count_primes(limit)`, computed in a worker process, while the
     event loop stays free.
  2. `crunch` shuts its process pool down: no worker process is left running after it
     returns.
  3. In `ANSWERS`, mark each statement below True or False.

Check your work:  pytest tests/test_ex12_cpu_bound.py    Stuck?  awaitlings hint 12
"""

import asyncio
from concurrent.futures import ProcessPoolExecutor

from awaitlings.cpu import PrimeCount, count_primes


async def crunch(limit: int) -> PrimeCount:
    # TODO: this counts on the event loop's thread and freezes the loop until it is done.
    # Send the work to a process pool and await it.
    return count_primes(limit)


# Task 3: is each statement True or False?
#   a. Marking a function `async def` makes its body run in the background, on another core.
#   b. The event loop runs on one thread and switches tasks only at an `await`; a loop of
#      pure computation never reaches one.
#   c. `asyncio.gather` over several CPU-heavy coroutines finishes sooner than running them
#      one after another, because they take turns.
#   d. Pure-Python computation in a thread (`asyncio.to_thread`) runs no faster than on the
#      event loop: the threads of one process take turns holding the GIL.
#   e. A process pool runs the work in another process, with its own interpreter and GIL,
#      so the event loop stays free to run other tasks meanwhile.
#   f. Adding `await asyncio.sleep(0)` inside the counting loop makes the counting itself
#      finish sooner.
ANSWERS = {
    "a": None,  # TODO: True or False
    "b": None,  # TODO
    "c": None,  # TODO
    "d": None,  # TODO
    "e": None,  # TODO
    "f": None,  # TODO
}


if __name__ == "__main__":  # `python exercises/ex12_cpu_bound.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
