"""One explainer for every error the tests did not foresee.

An exception that escapes student code (or a grader-side failure that student output caused,
such as a body that is not JSON) becomes a few lines a student can act on: what happened, in
their own words, where in *their* file it happened, and the async-specific advice for the
common mistakes. Frames of pytest, pluggy, xdist, asyncio and the grader are never shown: the
student did not write them and cannot change them.
"""

from __future__ import annotations

import json
import linecache
import re
import traceback
from collections.abc import Iterable
from pathlib import Path

MAX_FRAMES = 4  # the student's innermost frames shown; a message stays under ~30 lines


def _same_file(filename: str, student_files: Iterable[str]) -> bool:
    try:
        resolved = Path(filename).resolve()
    except (OSError, ValueError):
        return False
    return any(resolved == Path(p).resolve() for p in student_files)


def student_frames(exc: BaseException, student_files: Iterable[str]) -> list[traceback.FrameSummary]:
    """The frames of `exc`'s traceback that are in the student's files, outermost first."""
    files = tuple(student_files)
    return [f for f in traceback.extract_tb(exc.__traceback__) if _same_file(f.filename, files)]


def shown_path(filename: str) -> str:
    """`exercises/ex06_gather.py` for a file under the current folder, else the path as is."""
    try:
        return str(Path(filename).resolve().relative_to(Path.cwd()))
    except ValueError:
        return filename


def where(frame: traceback.FrameSummary) -> str:
    return f"{shown_path(frame.filename)}:{frame.lineno} in {frame.name}"


def _frame_names(exc: BaseException) -> list[str]:
    return [f.name for f in traceback.extract_tb(exc.__traceback__)]


def _coroutine_value(exc: BaseException) -> bool:
    # 'coroutine' object is not subscriptable; can only concatenate str (not "coroutine") to str; ...
    quoted = re.search(r"['\"]coroutine['\"]", str(exc))
    return isinstance(exc, (TypeError, AttributeError, ValueError)) and quoted is not None


RUNTIME_ERRORS = {
    "tried to use socket": (
        "Your code tried to reach the network beyond this machine. Grading runs without a "
        "network: use the services and clients the exercise hands you (they are fakes the "
        "grader controls), and 127.0.0.1 for servers you start yourself."
    ),
    "cannot be called from a running event loop": (
        "`asyncio.run()` was called while an event loop was already running. `asyncio.run` "
        "starts a program's *first* loop, from plain code; inside `async def` you are already "
        "in a loop, so `await` the coroutine instead."
    ),
    "This event loop is already running": (
        "`loop.run_until_complete()` was called from code that runs inside that loop. Inside "
        "`async def`, `await` the coroutine instead."
    ),
    "no running event loop": (
        "Something asyncio-only (`asyncio.get_running_loop()`, `asyncio.create_task`) was "
        "called from plain code outside any event loop. Call it from inside an `async def` "
        "that is being awaited."
    ),
    "coroutine is being awaited already": (
        "The same coroutine object was awaited twice at once. A coroutine runs once: create a "
        "new one per await, or wrap it in a task and await the task."
    ),
    "cannot reuse already awaited coroutine": (
        "A coroutine object was awaited a second time. A coroutine runs only once: call the "
        "`async def` function again for a new one, or keep and re-await its *result*."
    ),
}


def advice(exc: BaseException, source: str = "") -> str | None:
    """Async-specific advice for the common mistakes (None: the plain description is enough)."""
    text, names = str(exc), _frame_names(exc)
    if isinstance(exc, RuntimeError):
        for needle, explanation in RUNTIME_ERRORS.items():
            if needle in text:
                return explanation
    if isinstance(exc, TypeError) and "unhashable type: 'list'" in text and "gather" in names:
        return (
            "`asyncio.gather` takes the awaitables one by one, not a list. Unpack the list "
            "with a star: `await asyncio.gather(*coroutines)`."
        )
    if "a coroutine was expected, got" in text:
        if "run" in names and "create_task" not in names:
            return (
                "`asyncio.run` takes a coroutine, made by calling the `async def` function with "
                "its arguments: `asyncio.run(main(x))`, not `asyncio.run(main)`."
            )
        return (
            "`asyncio.create_task` (and TaskGroup's `create_task`) takes a coroutine: call the "
            "function, `create_task(fetch(x))`, not `create_task(fetch)`."
        )
    if "a coroutine or an awaitable is required" in text:
        return (
            "An asyncio function that waits for something (`wait_for`, `ensure_future`, `gather`, "
            "`shield`) was handed a function instead of a call of it. Call it: "
            "`asyncio.wait_for(service.get(key), 2)`, not `asyncio.wait_for(service.get, 2)`."
        )
    if isinstance(exc, TypeError) and re.search(r"run\(\) takes \d+ positional argument", text):
        return (
            "`asyncio.run` takes one coroutine, with the arguments already inside it: "
            "`asyncio.run(load(db, 7))`, not `asyncio.run(load, db, 7)`."
        )
    awaited = re.search(r"object (\w+) can't be used in 'await' expression|'(\w+)' object can't be awaited", text)
    if awaited:
        kind = awaited.group(1) or awaited.group(2)
        if kind in ("function", "method", "builtin_function_or_method"):
            return (
                "`await` was put in front of a function itself, not a call of it. Call it and "
                'await the result: `await greet("Ada")`, not `await greet`.'
            )
        return (
            f"`await` was given a plain {kind}, which cannot be awaited. Await only what an "
            "`async def` call, `asyncio.create_task`, or an async library gives back; use "
            "plain values directly."
        )
    if _coroutine_value(exc):
        if "to_thread" in source or "run_in_executor" in source or "run_sync" in source:
            return (
                "A worker thread was handed an `async def` function: it only built a coroutine "
                "there and returned it unrun. Threads are for plain blocking functions; await an "
                "`async def` function directly on the loop."
            )
        return (
            "A coroutine object was used as if it were a result. Calling an `async def` "
            "function does not run it; put `await` in front of the call to get its value."
        )
    if isinstance(exc, (TypeError, AttributeError)) and "'Response' object" in text:
        return (
            "An HTTP response is not its body. Read the body with `response.json()` (or `response.text`) and use that."
        )
    if "'async for' requires an object with __aiter__" in text or "'async with' " in text:
        return (
            "`async for` and `async with` need an async iterator or async context manager: an "
            "`async def` generator with `yield`, or a class with `__aiter__`/`__anext__` (or "
            "`__aenter__`/`__aexit__`)."
        )
    if isinstance(exc, json.JSONDecodeError):
        body = exc.doc if len(exc.doc) <= 60 else exc.doc[:57] + "..."
        return (
            f"The response body is not JSON: it was {body!r}. Return a dict or a list from the "
            "route (FastAPI sends it as JSON), or a `JSONResponse`, not a plain string."
        )
    return None


def describe(exc: BaseException) -> str:
    kind = type(exc).__name__
    text = str(exc)
    return f"{kind}: {text}" if text else kind


def explain(exc: BaseException, student_files: Iterable[str], *, full: bool = False) -> str:
    """A short message for `exc`: what happened, the student's frames, and what to try.

    With `full`, the whole traceback follows (for `pytest -v` / `--tb=long`)."""
    files = tuple(student_files)
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]  # a TaskGroup's error: the first failure inside it is the story
    frames = student_frames(exc, files)
    cause = exc
    if not frames:
        # The error came out of a library the student's code called, or from the test reading
        # the student's output: look for the student in the chained exceptions too.
        for chained in (exc.__cause__, exc.__context__):
            if chained is not None and student_frames(chained, files):
                cause, frames = chained, student_frames(chained, files)
                break
    source = (frames[-1].line or "") if frames else ""
    # A few lines up: where a coroutine used as a value came from (`x = await to_thread(...)`).
    context = (
        "\n".join(
            linecache.getline(frames[-1].filename, n)
            for n in range(max(1, (frames[-1].lineno or 1) - 4), (frames[-1].lineno or 1) + 1)
        )
        if frames
        else ""
    )
    lines: list[str] = []
    if frames:
        lines.append(f"Your code raised {describe(cause)}")
        lines.append(f"  at {where(frames[-1])}")
        if source:
            lines.append(f"      {source.strip()}")
        outer = frames[:-1][-(MAX_FRAMES - 1) :]
        if outer:
            lines.append(
                "  called from "
                + ", ".join(f"{shown_path(f.filename)}:{f.lineno} in {f.name}" for f in reversed(outer))
            )
    elif isinstance(exc, json.JSONDecodeError):
        lines.append("The test could not read your response as JSON.")
    else:
        lines.append(f"Testing your code failed with {describe(exc)}")
        lines.append("  (raised outside your file, by something your code handed to the test)")
    tip = advice(cause, context) or (advice(exc, context) if cause is not exc else None)
    if tip:
        lines.append("")
        lines.append(tip)
    if full:
        lines.append("")
        lines.append("Full traceback:")
        lines.append("".join(traceback.format_exception(exc)).rstrip())
    else:
        lines.append("(Run `pytest -v` to see the full traceback.)")
    return "\n".join(_clip(line) for line in lines)


def _clip(line: str, limit: int = 400) -> str:
    return line if len(line) <= limit else line[: limit - 3] + "..."


__all__ = ["advice", "describe", "explain", "shown_path", "student_frames", "where"]
