"""Exercise 1 · Your first coroutine."""

import inspect
import random
from types import ModuleType
from typing import Any

import pytest

from awaitlings.probes import expect_not_coroutine, expect_value, fail, require

NAMES = ["Alan", "Barbara", "Edsger", "Frances", "Katherine", "Linus", "Margaret", "Radia"]
# Names as people really write them: the greeting must give each back exactly as it came in,
# so a greet that "tidies" the name (.title(), .capitalize(), .upper()) is caught.
LOWER = ["ada", "grace hopper", "bell hooks", "linus"]  # every tidying changes these
ODD_CASE = [
    "McKenzie",
    "DJ",
    "O'Neill",
    "van der Berg",
    "DeShawn",
    "LeBron",
    "ÉLODIE",
    "Zoë d'Arcy",
    "Mary-Jane",
    "MacDonald",
    "iPhone Ian",
    "Nguyễn Thị Minh",
]


def require_coroutine(module: ModuleType, name: str) -> Any:
    """`require(..., coroutine=True)`, but a decorator hiding an `async def` is named as such."""
    value = getattr(module, name, None)
    if (
        value is not None
        and not inspect.iscoroutinefunction(value)
        and inspect.iscoroutinefunction(inspect.unwrap(value))
    ):
        raise fail(
            f"`{name}` is written with `async def`, but the decorator above it hides that: the "
            f"name `{name}` now holds a plain wrapper, and `{name}` must be a coroutine function. "
            "A caching decorator such as `@functools.lru_cache` stores the coroutine object, "
            f"which can be awaited only once. Remove the decorator from `{name}`."
        )
    return require(module, name, coroutine=True)


@pytest.mark.task(1)
async def test_greet_is_a_coroutine_function(ex):
    greet = require_coroutine(ex, "greet")
    expect_value(await greet("Ada"), "Hello, Ada!", 'await greet("Ada")')
    names = [random.choice(NAMES), random.choice(LOWER), *random.sample(ODD_CASE, 3)]
    random.shuffle(names)
    for name in names:
        greeting = await greet(name)
        expect_not_coroutine(greeting, f"greet({name!r})")
        if greeting != f"Hello, {name}!":
            changed = isinstance(greeting, str) and greeting.casefold() == f"Hello, {name}!".casefold()
            hint = (
                " The letters are right but their case changed: give the name back exactly "
                "as it was passed in (no `.title()`, `.capitalize()` or `.upper()`)."
                if changed
                else ""
            )
            raise fail(f"await greet({name!r}) returned {greeting!r}; expected {f'Hello, {name}!'!r}.{hint}")


@pytest.mark.task(2)
async def test_main_awaits_greet_and_add(ex, monkeypatch):
    main = require_coroutine(ex, "main")
    require_coroutine(ex, "greet")
    calls: list[tuple[Any, ...]] = []
    real_greet, real_add = ex.greet, ex.add
    # First with the real greet and add, then with stand-ins that answer something else:
    # main() must return whatever its awaits gave back, not values typed in by hand.
    stand_in = (f"Hi there, Ada (test {random.randint(100, 999)})", random.randint(1000, 9999))

    async def spy_greet(name: str) -> str:
        calls.append(("greet", name))
        greeting = await real_greet(name)
        return stand_in[0] if swapped else greeting

    async def spy_add(a: int, b: int) -> int:
        calls.append(("add", a, b))
        total = await real_add(a, b)
        return stand_in[1] if swapped else total

    # Named as the student's functions: a message about a call of them says `greet()`.
    spy_greet.__name__ = spy_greet.__qualname__ = "greet"
    spy_add.__name__ = spy_add.__qualname__ = "add"
    monkeypatch.setattr(ex, "greet", spy_greet)
    monkeypatch.setattr(ex, "add", spy_add)
    swapped = False
    result = await main()
    expect_not_coroutine(result, "main()")
    if isinstance(result, tuple):
        for part in result:
            expect_not_coroutine(part, "one of the values main() returned")
    expect_value(result, ("Hello, Ada!", 5), "await main()")
    if ("greet", "Ada") not in calls or ("add", 2, 3) not in calls:
        raise fail(
            'main() returned the right values without calling greet("Ada") and add(2, 3). '
            "Await the two coroutine functions instead of writing the answer by hand."
        )
    swapped = True
    result = await main()
    if result != stand_in:
        raise fail(
            f'The test swapped in its own greet and add: greet("Ada") gave back '
            f"{stand_in[0]!r} and add(2, 3) gave back {stand_in[1]!r}, yet main() returned "
            f"{result!r}. main() must return the results it awaited, not values written by hand: "
            '`greeting = await greet("Ada")`, then return `greeting`.'
        )
