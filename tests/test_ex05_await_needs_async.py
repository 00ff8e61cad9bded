"""Exercise 5 · `await` only inside `async def`.

Until the SyntaxError is fixed the module cannot be imported, and the grader fails every
task with the compiler's message and the await rule. Afterwards: `load_profile` must be a
coroutine function, `profile_card` must run it from plain code with `asyncio.run` (a plain
`def` test, no loop running: `asyncio.run` really starts a loop there; a spy counts its calls),
and `welcome` must await it from async code. Tasks 2 and 3 are graded with the grader's own
correct `load_profile` swapped in, so a mistake in `load_profile` costs task 1 only; they
check that `profile_card` and `welcome` really run it. The database is a grader-owned fake
with data the student cannot guess.
"""

import asyncio
import asyncio.runners
import contextlib
import gc
import inspect
import random
import warnings

import pytest

from awaitlings.probes import SlowDatabase, expect_not_coroutine, expect_on_this_loop, expect_value, fail, require

NAMES = ["Ada", "Grace", "Linus", "Guido", "Barbara", "Edsger", "Margaret", "Ken"]


def make_db(delay: float) -> tuple[SlowDatabase, int, str, list[str]]:
    rng = random.Random()
    user_id = rng.randint(100, 999)
    name = f"{rng.choice(NAMES)} {rng.choice('BCDFGHKLMNPRSTVW')}."
    orders = [f"order-{rng.randint(1000, 9999)}" for _ in range(rng.randint(2, 6))]
    db = SlowDatabase(
        delay=delay,
        data={f"users/{user_id}": {"name": name, "email": f"u{user_id}@example.com"}, f"orders/{user_id}": orders},
    )
    return db, user_id, name, orders


@contextlib.contextmanager
def recording_never_awaited():
    """Collects "coroutine ... was never awaited" warnings raised inside the block.

    Where a test explains the un-run coroutine itself, Python's own warning would only repeat
    it; where it does not, `expect_no_unawaited` turns the warnings into a verdict.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        yield caught


def expect_no_unawaited(caught: list[warnings.WarningMessage], what: str) -> None:
    names = sorted(
        {
            str(w.message).split("'")[1]
            for w in caught
            if "was never awaited" in str(w.message) and "'" in str(w.message)
        }
    )
    if names:
        raise fail(
            f"{what} created a coroutine that was never awaited: {', '.join(names)}(). Calling "
            "an `async def` function only creates a coroutine object; nothing in it runs until "
            "it is awaited. Add the missing `await`."
        )


NOT_AWAITED = (
    "A value there is a coroutine object: an `async def` function was called, but its "
    "coroutine was never run, so there is no data yet."
)


def expect_both_fetched(db: SlowDatabase, user_id: int, what: str) -> None:
    wanted = {f"users/{user_id}", f"orders/{user_id}"}
    if set(db.keys) != wanted or db.completed != len(db.keys):
        raise fail(
            f"{what} should read users/{user_id} and orders/{user_id} from the database and "
            f"wait for both; it asked for {db.keys} and {db.completed} of those reads finished."
        )


class GraderLoadProfile:
    """A correct `load_profile`, swapped in while `profile_card` and `welcome` are graded, so each
    task is graded on its own part (a `load_profile` that is still wrong costs task 1 only).
    It notes how often it ran, and whether it ran inside `asyncio.run`."""

    def __init__(self, ex, monkeypatch, runs: "RunSpy | None" = None) -> None:
        self.started = 0
        self.finished = 0
        self.inside_run: list[bool] = []
        original = ex.load_profile

        async def load_profile(db, user_id):
            self.started += 1
            self.inside_run.append(runs is not None and runs.depth > 0)
            user = await db.fetch(f"users/{user_id}")
            orders = await db.fetch(f"orders/{user_id}")
            self.finished += 1
            return {"name": user["name"], "orders": orders}

        # Also where the module kept another name for it (`_load = load_profile`).
        for name, value in list(vars(ex).items()):
            if value is original:
                monkeypatch.setattr(ex, name, load_profile)


class RunSpy:
    """Stands in for `asyncio.run` (also where the module imported it as `run`) and counts the
    calls; it runs the real `asyncio.run`."""

    def __init__(self, ex, monkeypatch) -> None:
        self.calls = 0
        self.depth = 0
        real_run = asyncio.run

        def run(main, *args, **kwargs):
            self.calls += 1
            self.depth += 1
            try:
                return real_run(main, *args, **kwargs)
            finally:
                self.depth -= 1

        run.__name__ = run.__qualname__ = "run"
        run.__module__ = "asyncio"
        monkeypatch.setattr(asyncio, "run", run)
        monkeypatch.setattr(asyncio.runners, "run", run)
        for name, value in list(vars(ex).items()):
            if value is real_run:
                monkeypatch.setattr(ex, name, run)


@pytest.mark.task(1)
async def test_load_profile_is_a_coroutine_function(ex, exercise):
    load_profile = require(ex, "load_profile", coroutine=True)
    db, user_id, name, orders = make_db(exercise.timing["delay"])
    problem = None
    with recording_never_awaited() as caught:
        try:
            profile = await load_profile(db, user_id)
        except TypeError as exc:
            if "coroutine" not in str(exc):
                raise
            problem = (
                f"load_profile raised TypeError: {exc}. {NOT_AWAITED} `db.fetch(...)` is a "
                "coroutine function: keep `await` in front of each call."
            )
        else:
            expect_not_coroutine(profile, f"load_profile(db, {user_id})")
            if isinstance(profile, dict):
                for key, value in profile.items():
                    expect_not_coroutine(value, f'The "{key}" entry of the profile')
    if problem:
        raise fail(problem)
    expect_no_unawaited(caught, "load_profile")
    expect_on_this_loop(db, "load_profile")
    expect_value(profile, {"name": name, "orders": orders}, f"await load_profile(db, {user_id})")
    expect_both_fetched(db, user_id, "load_profile")


@pytest.mark.task(2)
def test_profile_card_runs_the_coroutine_from_plain_code(ex, exercise, monkeypatch):
    # A plain `def` test: no event loop is running here, as in a script.
    profile_card = require(ex, "profile_card")
    if inspect.iscoroutinefunction(profile_card):
        raise fail(
            "`profile_card` is `async def`, but it is called from plain code (a script with no "
            "event loop), which cannot await it: calling it only gives a coroutine object. Keep "
            "it a plain `def` and run the coroutine inside it with "
            "`asyncio.run(load_profile(db, user_id))`."
        )
    require(ex, "load_profile")
    runs = RunSpy(ex, monkeypatch)
    loaded = GraderLoadProfile(ex, monkeypatch, runs)
    db, user_id, name, orders = make_db(exercise.timing["real_delay"])
    problem, no_loop = None, False
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        try:
            card = profile_card(db, user_id)
        except TypeError as exc:
            if "coroutine" not in str(exc):
                raise
            problem = f"profile_card raised TypeError: {str(exc).rstrip('.')}."
        except RuntimeError as exc:
            if "event loop" not in str(exc):
                raise
            problem = f"profile_card raised RuntimeError: {str(exc).rstrip('.')}."
            no_loop = True
        gc.collect()
    never_awaited = any("was never awaited" in str(w.message) for w in caught)
    if problem is None and inspect.iscoroutine(card):
        card.close()
        problem = f"profile_card(db, {user_id}) gave back a coroutine object instead of a card."
    use_run = (
        "`profile_card` is plain code with no event loop running, so it cannot `await`: run the "
        "coroutine with `profile = asyncio.run(load_profile(db, user_id))`."
    )
    if no_loop and runs.calls == 0:
        raise fail(
            f"{problem} Plain code has no event loop to get or to run. `asyncio.run(...)` starts "
            "one, runs the coroutine to the end and closes the loop again: "
            "`profile = asyncio.run(load_profile(db, user_id))`."
        )
    if (problem or never_awaited) and runs.calls == 0 and loaded.started == 0:
        raise fail(
            f"{problem or 'Python warned that a coroutine was never awaited.'} Calling "
            f"`load_profile(db, user_id)` only creates a coroutine object; nothing in it runs. {use_run}"
        )
    if problem:
        raise fail(f"{problem} {use_run}")
    if runs.calls == 0:
        raise fail(
            "profile_card ran load_profile without `asyncio.run`. The task asks for "
            "`asyncio.run(...)`: it starts a new event loop, runs the coroutine to the end and "
            "always closes the loop again. A loop made by hand (`asyncio.new_event_loop()`, "
            "`asyncio.get_event_loop()`) with `run_until_complete` does none of that for you and "
            f"is easy to leave open. {use_run}"
        )
    if loaded.started == 0:
        raise fail(
            "profile_card called `asyncio.run`, but never ran `load_profile`. Reuse it rather "
            "than reading the database yourself: `profile = asyncio.run(load_profile(db, user_id))`."
        )
    if not all(loaded.inside_run):
        raise fail(
            "profile_card ran `load_profile` outside `asyncio.run`. Hand its coroutine to "
            "`asyncio.run`: `profile = asyncio.run(load_profile(db, user_id))`."
        )
    if never_awaited:
        raise fail(
            "Python warned that a coroutine made in profile_card was never awaited. Calling an "
            "`async def` function only creates a coroutine object; run each one you create, "
            "here with `asyncio.run(...)`."
        )
    expect_value(card, f"{name}: {len(orders)} orders", f"profile_card(db, {user_id})")
    expect_both_fetched(db, user_id, "profile_card")


@pytest.mark.task(3)
async def test_welcome_awaits_load_profile(ex, exercise, monkeypatch):
    welcome = require(ex, "welcome")
    require(ex, "load_profile")
    loaded = GraderLoadProfile(ex, monkeypatch)
    db, user_id, name, _ = make_db(exercise.timing["delay"])
    if not inspect.iscoroutinefunction(welcome):
        problem = (
            "`welcome` is a plain `def`, but it is called from async code and needs the result "
            "of a coroutine. Make it `async def welcome(...)` and write "
            "`profile = await load_profile(db, user_id)`."
        )
        with recording_never_awaited():
            try:
                welcome(db, user_id)
            except RuntimeError as exc:
                if "running event loop" in str(exc):
                    problem = (
                        f"welcome() raised RuntimeError: {exc}. It is called from async code, "
                        "where an event loop is already running, and `asyncio.run` starts a new "
                        "one: that only works in plain code. Make `welcome` `async def` and "
                        "write `profile = await load_profile(db, user_id)`."
                    )
            except Exception:  # wrong either way; the message above explains it
                pass
        raise fail(problem)
    problem = None
    with recording_never_awaited() as caught:
        try:
            text = await welcome(db, user_id)
        except RuntimeError as exc:
            if "running event loop" not in str(exc):
                raise
            problem = (
                f"welcome() raised RuntimeError: {exc}. Inside `async def` an event loop is "
                "already running, and `asyncio.run` tries to start another. In async code, just "
                "`await load_profile(db, user_id)`; keep `asyncio.run` for plain code like "
                "`profile_card`."
            )
        except TypeError as exc:
            if "coroutine" not in str(exc):
                raise
            problem = (
                f"welcome raised TypeError: {exc}. {NOT_AWAITED} Write `profile = await load_profile(db, user_id)`."
            )
        else:
            expect_not_coroutine(text, f"welcome(db, {user_id})")
    if problem:
        raise fail(problem)
    expect_no_unawaited(caught, "welcome")
    expect_on_this_loop(db, "welcome")
    if loaded.started == 0:
        raise fail(
            "welcome never ran `load_profile`. Reuse it rather than reading the database "
            "yourself: `profile = await load_profile(db, user_id)`."
        )
    expect_value(text, f"Welcome back, {name}!", f"await welcome(db, {user_id})")
    expect_both_fetched(db, user_id, "welcome")
