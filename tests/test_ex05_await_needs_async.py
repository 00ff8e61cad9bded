"""Exercise 5 · `await` only inside `async def`.

Until the SyntaxError is fixed the module cannot be imported, and the grader fails every
task with the compiler's message and the await rule. Afterwards: `load_profile` must be a
coroutine function, `profile_card` must run it from plain code (a plain `def` test, no loop
running: `asyncio.run` really starts a loop there), and `welcome` must await it from async code.
The database is a grader-owned fake with data the student cannot guess.
"""

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
        data={f"users/{user_id}": {"name": name, "email": f"u{user_id}@example.com"},
              f"orders/{user_id}": orders},
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
    names = sorted({str(w.message).split("'")[1] for w in caught
                    if "was never awaited" in str(w.message) and "'" in str(w.message)})
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
def test_profile_card_runs_the_coroutine_from_plain_code(ex, exercise):
    # A plain `def` test: no event loop is running here, as in a script.
    profile_card = require(ex, "profile_card")
    if inspect.iscoroutinefunction(profile_card):
        raise fail(
            "`profile_card` is `async def`, but it is called from plain code (a script with no "
            "event loop), which cannot await it: calling it only gives a coroutine object. Keep "
            "it a plain `def` and run the coroutine inside it with "
            "`asyncio.run(load_profile(db, user_id))`."
        )
    require(ex, "load_profile", coroutine=True)
    db, user_id, name, orders = make_db(exercise.timing["real_delay"])
    problem = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        try:
            card = profile_card(db, user_id)
        except TypeError as exc:
            if "coroutine" not in str(exc):
                raise
            problem = f"profile_card raised TypeError: {exc}."
        except RuntimeError as exc:
            if "event loop" not in str(exc):
                raise
            problem = f"profile_card raised RuntimeError: {exc}."
        gc.collect()
    never_awaited = any("was never awaited" in str(w.message) for w in caught)
    if problem is None and inspect.iscoroutine(card):
        card.close()
        problem = f"profile_card(db, {user_id}) gave back a coroutine object instead of a card."
    if problem or never_awaited:
        raise fail(
            f"{problem or 'Python warned that a coroutine was never awaited.'} Calling "
            "`load_profile(db, user_id)` only creates a coroutine object; nothing in it runs. "
            "`profile_card` is plain code with no event loop running, so it cannot `await`: "
            "run the coroutine with `profile = asyncio.run(load_profile(db, user_id))`."
        )
    expect_value(card, f"{name}: {len(orders)} orders", f"profile_card(db, {user_id})")
    expect_both_fetched(db, user_id, "profile_card")


@pytest.mark.task(3)
async def test_welcome_awaits_load_profile(ex, exercise):
    welcome = require(ex, "welcome")
    require(ex, "load_profile", coroutine=True)
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
                f"welcome raised TypeError: {exc}. {NOT_AWAITED} Write "
                "`profile = await load_profile(db, user_id)`."
            )
        else:
            expect_not_coroutine(text, f"welcome(db, {user_id})")
    if problem:
        raise fail(problem)
    expect_no_unawaited(caught, "welcome")
    expect_on_this_loop(db, "welcome")
    expect_value(text, f"Welcome back, {name}!", f"await welcome(db, {user_id})")
    expect_both_fetched(db, user_id, "welcome")
