"""Exercise 9 · Timeouts and cancellation.

Virtual time shows exactly when a call was given up; the fake API records whether the slow
call was really cancelled. Tests cancel the student's coroutines themselves to check that
cleanup runs and that the cancellation is not swallowed.
"""

import asyncio
import random
import secrets

import pytest

from awaitlings.probes import (
    ServiceError,
    SlowAPI,
    Stopwatch,
    close_to,
    expect_not_coroutine,
    expect_value,
    fail,
    require,
    secs,
)


def _token(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(3)}"


def _deadline(timing: dict[str, float]) -> float:
    """A new deadline each test, well past the manifest's, so a fixed number is caught."""
    return round(timing["deadline"] + random.Random().uniform(0.3, 1.0), 2)


async def _later(timing: dict[str, float]) -> None:
    """Let some loop time pass first: `seconds` from now is then not loop time `seconds`."""
    await asyncio.sleep(round(timing["fast"] * random.Random().uniform(0.5, 1.0), 2))


async def _settle() -> None:
    """A cancelled task finishes on the loop's next turns: give it a few."""
    for _ in range(5):
        await asyncio.sleep(0)


async def _outcome(task: asyncio.Task) -> tuple[str, object]:
    """("cancelled" | "returned" | "raised", value or exception) of a finished task."""
    try:
        value = await task
    except asyncio.CancelledError:
        return "cancelled", None
    except Exception as exc:  # the student's exception, reported in words
        return "raised", exc
    return "returned", value


# ---------------------------------------------------------------- task 1


@pytest.mark.task(1)
async def test_fast_answer_is_returned_as_soon_as_it_arrives(ex, exercise):
    fetch_with_timeout = require(ex, "fetch_with_timeout", coroutine=True)
    t = exercise.timing
    key, answer, fallback = _token("report"), _token("fresh"), _token("cached")
    api = SlowAPI(delay=t["fast"], data={key: answer})
    deadline = _deadline(t)
    await _later(t)
    with Stopwatch() as sw:
        result = await fetch_with_timeout(api, key, deadline, fallback)
    expect_value(
        result, answer, f"fetch_with_timeout(api, key, {deadline}, fallback) with an API answering in {secs(t['fast'])}"
    )
    if not close_to(sw.elapsed, t["fast"]):
        raise fail(
            f"The API answered after {secs(t['fast'])}, but fetch_with_timeout returned after "
            f"{secs(sw.elapsed)}. A deadline is a limit, not a wait: return the answer as soon "
            "as it arrives (`asyncio.timeout(seconds)` or `asyncio.wait_for(..., seconds)`)."
        )


@pytest.mark.task(1)
async def test_slow_call_is_given_up_at_the_deadline(ex, exercise):
    fetch_with_timeout = require(ex, "fetch_with_timeout", coroutine=True)
    t = exercise.timing
    key, fallback = _token("report"), _token("cached")
    api = SlowAPI(delay=t["slow"], data={key: _token("fresh")})
    deadline = _deadline(t)
    await _later(t)
    with Stopwatch() as sw:
        try:
            result = await fetch_with_timeout(api, key, deadline, fallback)
        except TimeoutError:
            raise fail(
                f"fetch_with_timeout raised TimeoutError after {secs(sw.elapsed)}. The deadline "
                "worked, but the caller should get the fallback: catch `TimeoutError` around the "
                "timed call and return `fallback`."
            ) from None
    expect_not_coroutine(result, "fetch_with_timeout(...)")
    if sw.elapsed > t["slow"] - 0.01:
        raise fail(
            f"The API takes {secs(t['slow'])} here and the deadline was {secs(deadline)}, but "
            f"fetch_with_timeout returned after {secs(sw.elapsed)}: it waited for the slow call "
            "instead of giving up. Put the call under `async with asyncio.timeout(seconds):` "
            "(or use `await asyncio.wait_for(..., seconds)`)."
        )
    if close_to(sw.start + sw.elapsed, deadline):  # _later() made sw.start > 0
        raise fail(
            f"fetch_with_timeout was called at loop time {secs(sw.start)} with seconds="
            f"{deadline}, and gave up at loop time {secs(deadline)}, after only "
            f"{secs(sw.elapsed)}: it used `seconds` as a time on the loop's clock, not as a "
            "duration. `asyncio.timeout_at(when)` takes a clock time; "
            "`asyncio.timeout(seconds)` counts from now."
        )
    if not close_to(sw.elapsed, deadline):
        raise fail(
            f"fetch_with_timeout gave up after {secs(sw.elapsed)}, but this call's deadline "
            f"(`seconds`) was {secs(deadline)}. Give up exactly `seconds` after the call "
            "starts, no earlier and no later: pass the `seconds` argument itself to "
            "`asyncio.timeout(...)`, not a number of your own."
        )
    expect_value(result, fallback, "fetch_with_timeout(...) after the deadline")
    await _settle()
    running = [c for c in api.calls if c.outcome == "running"]
    if running or api.cancelled != 1:
        await asyncio.sleep(t["slow"])  # let it end, so this message is the only one
        raise fail(
            f"fetch_with_timeout returned the fallback at {secs(deadline)}, but the slow call "
            "was never cancelled: it went on running in the background (an "
            "`asyncio.wait(..., timeout=...)` or a `shield` does not stop it). Use "
            "`asyncio.timeout` or `asyncio.wait_for`, which cancel the call when time is up, "
            "or cancel the task yourself."
        )
    if len(api.calls) != 1:
        raise fail(f"fetch_with_timeout called the API {len(api.calls)} times; call it once.")


@pytest.mark.task(1)
async def test_outside_cancellation_is_not_turned_into_the_fallback(ex, exercise):
    fetch_with_timeout = require(ex, "fetch_with_timeout", coroutine=True)
    t = exercise.timing
    key, fallback = _token("report"), _token("cached")
    api = SlowAPI(delay=t["slow"])
    deadline = _deadline(t)
    await _later(t)
    task = asyncio.create_task(fetch_with_timeout(api, key, deadline, fallback))
    await asyncio.sleep(t["cancel_after"])
    if task.done():
        outcome, value = await _outcome(task)
        raise fail(
            f"fetch_with_timeout finished ({outcome}) after {secs(t['cancel_after'])}, "
            f"before its deadline of {secs(deadline)} and before the API answered."
        )
    task.cancel()
    outcome, value = await _outcome(task)
    if outcome != "cancelled":
        what = f"returned {value!r}" if outcome == "returned" else f"raised {value!r}"
        raise fail(
            f"The caller cancelled fetch_with_timeout after {secs(t['cancel_after'])} (before "
            f"its {secs(deadline)} deadline), and it {what} instead of ending cancelled. "
            "A cancellation from outside is not your timeout: catch `TimeoutError`, not "
            "`asyncio.CancelledError`, and if you ever catch `CancelledError`, `raise` it again."
        )
    await _settle()
    if any(c.outcome == "running" for c in api.calls):
        await asyncio.sleep(t["slow"])  # let it end, so this message is the only one
        raise fail(
            "fetch_with_timeout was cancelled by its caller, but the API call it had started "
            "went on running in the background. A task you create yourself is not cancelled "
            "with you: cancel it in a `finally:` (or use `asyncio.timeout` / "
            "`asyncio.wait_for`, which take care of this)."
        )


# ---------------------------------------------------------------- task 2


class LogWatchingAPI(SlowAPI):
    """SlowAPI that notes what the caller's log held when each fetch started and when it
    ended (answered, failed or was cancelled): "close" must come after the fetch, not before."""

    def __init__(self, log: list[str], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.watched_log = log
        self.at_start: list[list[str]] = []
        self.at_end: list[list[str]] = []

    async def get(self, path: object) -> object:
        self.at_start.append(list(self.watched_log))
        try:
            return await super().get(path)
        finally:
            self.at_end.append(list(self.watched_log))


def _expect_logged_around_the_fetch(api: LogWatchingAPI, key: str, ended: str) -> None:
    """While the fetch was in flight the log read exactly ["open <key>"]: opened before the
    fetch began, closed only after it had ended (`ended`: "answered", "failed", ...)."""
    opened, closed = f"open {key}", f"close {key}"
    fix = (
        'Put `await api.get(key)` inside the `try:` and `log.append(f"close {key}")` in its '
        '`finally:`, so "close" is written once the fetch is over, however it ended.'
    )
    if not api.at_start:
        raise fail("download(api, key, log) never fetched: `await api.get(key)` was not called.")
    at_start = api.at_start[0]
    if closed in at_start:
        raise fail(
            f'download logged "{closed}" before the fetch had even started: when '
            f'`api.get(key)` began, the log already read {at_start}. "close" must come after '
            f"the fetch, not before it. {fix}"
        )
    if at_start != [opened]:
        raise fail(
            f"When `api.get(key)` began, the log read {at_start}; expected ['{opened}']. Append "
            f'"{opened}" first, then fetch (do not start the fetch before logging "open").'
        )
    if api.at_end and closed in api.at_end[0]:
        raise fail(
            f'download logged "{closed}" while the fetch was still running: when the fetch '
            f'{ended}, the log already read {api.at_end[0]}. "close" must come after the '
            f"fetch has ended. {fix} If you started the fetch as a task, wait for it to end "
            '(`await` it, even after cancelling it) before logging "close".'
        )


@pytest.mark.task(2)
async def test_download_opens_and_closes(ex, exercise):
    download = require(ex, "download", coroutine=True)
    delay = exercise.timing["fast"]
    key, answer = _token("file"), _token("bytes")
    log: list[str] = []
    api = LogWatchingAPI(log, delay=delay, data={key: answer})
    with Stopwatch() as sw:
        result = await download(api, key, log)
    expect_value(result, answer, "download(api, key, log)")
    expect_value(log, [f"open {key}", f"close {key}"], "the log after download(api, key, log)")
    _expect_logged_around_the_fetch(api, key, "answered")
    if not close_to(sw.elapsed, delay):
        raise fail(f"download took {secs(sw.elapsed)}; the API answers in {secs(delay)}.")


@pytest.mark.task(2)
async def test_download_closes_after_an_error(ex, exercise):
    download = require(ex, "download", coroutine=True)
    key = _token("file")
    log: list[str] = []
    api = LogWatchingAPI(log, delay=exercise.timing["fast"], fail={key})
    try:
        result = await download(api, key, log)
    except ServiceError:
        pass
    else:
        if f"close {key}" in log:  # cleaned up, then swallowed the error
            raise fail(
                f'The API failed with ServiceError; download logged "close" and then '
                f"returned {result!r}, so the error never reached the caller. A `return` inside "
                "`finally:` swallows the error (so does an `except` that returns). Let the "
                "error reach the caller: a `finally:` with only the cleanup in it, no `return`, "
                "lets the error go on."
            )
        raise fail(
            f"The API failed with ServiceError, but download returned {result!r}. Let the "
            "error reach the caller: `finally:` runs the cleanup and lets the error go on."
        )
    if log != [f"open {key}", f"close {key}"]:
        raise fail(
            f"After the API failed, the log was {log}; expected ['open {key}', 'close {key}']. "
            "The line after a failed `await` never runs. Put the cleanup in a `finally:` block."
        )
    _expect_logged_around_the_fetch(api, key, "failed")


@pytest.mark.task(2)
async def test_download_closes_when_cancelled(ex, exercise):
    download = require(ex, "download", coroutine=True)
    t = exercise.timing
    key = _token("file")
    log: list[str] = []
    api = LogWatchingAPI(log, delay=t["slow"])
    task = asyncio.create_task(download(api, key, log))
    await asyncio.sleep(t["cancel_after"])
    task.cancel()
    outcome, value = await _outcome(task)
    await _settle()  # a fetch left to stop on its own ends now, after download did
    if f"close {key}" not in log:
        raise fail(
            f"download was cancelled while it waited for the API (after "
            f"{secs(t['cancel_after'])}, by a timeout or a caller), and the log was {log}: "
            "the connection was never closed. Cancellation raises `asyncio.CancelledError` "
            "at the `await`; `except Exception` does not catch it (it is a BaseException). "
            "Put the cleanup in `finally:`, which runs however the block ends."
        )
    expect_value(log, [f"open {key}", f"close {key}"], "the log after a cancelled download")
    _expect_logged_around_the_fetch(api, key, "was cancelled")
    if outcome != "cancelled":
        what = f"returned {value!r}" if outcome == "returned" else f"raised {value!r}"
        raise fail(
            f"download was cancelled but {what} instead of ending cancelled. Do not catch "
            "the cancellation, and do not `return` inside `finally:` (that swallows it "
            "too): `finally:` cleans up and lets it go on."
        )


# ---------------------------------------------------------------- task 3


@pytest.mark.task(3)
async def test_poll_logs_stopped_and_stays_cancelled(ex, exercise):
    poll = require(ex, "poll", coroutine=True)
    t = exercise.timing
    key, answer = _token("status"), _token("ok")
    api = SlowAPI(delay=t["poll_every"], data={key: answer})
    log: list[object] = []
    task = asyncio.create_task(poll(api, key, log))
    await asyncio.sleep(t["poll_for"])
    polls = round(t["poll_for"] // t["poll_every"])
    if task.done():
        outcome, value = await _outcome(task)
        raise fail(
            f"poll ended by itself ({outcome}: {value!r}) after {secs(t['poll_for'])}; "
            "it should keep fetching until it is cancelled (`while True:`)."
        )
    task.cancel()
    outcome, value = await _outcome(task)
    if log[:polls] != [answer] * polls:
        raise fail(
            f"In {secs(t['poll_for'])} with an API answering in {secs(t['poll_every'])}, poll "
            f"logged {log[:polls]}; expected {polls} answers ({answer!r}). Append each answer "
            "of `await api.get(key)` to the log."
        )
    if "stopped" not in log:
        raise fail(
            f'poll was cancelled and the log was {log}: "stopped" is missing. Catch '
            "`asyncio.CancelledError` (not `Exception`: cancellation is a BaseException) and "
            'append "stopped" before re-raising it.'
        )
    expect_value(log, [answer] * polls + ["stopped"], "the log after poll was cancelled")
    if outcome == "returned":
        raise fail(
            f'poll was cancelled, logged "stopped", and then returned {value!r} as if '
            "nothing happened: it swallowed the cancellation. The caller (a TaskGroup, a "
            "timeout, server shutdown) now thinks poll finished normally. After logging, "
            "`raise` the CancelledError again."
        )
    if outcome == "raised":
        raise fail(
            f"poll was cancelled and then raised {value!r} instead of ending cancelled. "
            "Re-raise the same CancelledError: a bare `raise` in the except block."
        )
    if api.cancelled != 1:
        raise fail(
            f"When poll was cancelled, {api.cancelled} API calls were cancelled; the "
            "call it was waiting for should have been."
        )
