"""Exercise 1 · Your first coroutine."""

import pytest

from awaitlings.probes import expect_not_coroutine, expect_value, fail, require


@pytest.mark.task(1)
async def test_greet_is_a_coroutine_function(ex):
    greet = require(ex, "greet", coroutine=True)
    expect_value(await greet("Ada"), "Hello, Ada!", 'await greet("Ada")')
    expect_value(await greet("Grace"), "Hello, Grace!", 'await greet("Grace")')


@pytest.mark.task(2)
async def test_main_awaits_greet_and_add(ex, monkeypatch):
    main = require(ex, "main", coroutine=True)
    require(ex, "greet", coroutine=True)
    calls = []
    real_greet, real_add = ex.greet, ex.add

    async def spy_greet(name):
        calls.append(("greet", name))
        return await real_greet(name)

    async def spy_add(a, b):
        calls.append(("add", a, b))
        return await real_add(a, b)

    monkeypatch.setattr(ex, "greet", spy_greet)
    monkeypatch.setattr(ex, "add", spy_add)
    result = await main()
    expect_not_coroutine(result, "main()")
    if isinstance(result, tuple):
        for part in result:
            expect_not_coroutine(part, "one of the values main() returned")
    expect_value(result, ("Hello, Ada!", 5), "await main()")
    if ("greet", "Ada") not in calls or ("add", 2, 3) not in calls:
        raise fail(
            "main() returned the right values without calling greet(\"Ada\") and add(2, 3). "
            "Await the two coroutine functions instead of writing the answer by hand."
        )
