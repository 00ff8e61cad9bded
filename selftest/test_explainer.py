"""The explainer: an error no test foresaw becomes a few lines naming the student's file:line.

The end-to-end cases are wrong answers named `unforeseen_*` in selftest/wrong/ (graded by
test_answers.py, whose check also keeps every message short and free of pytest frames);
these tests pin the explainer itself on the common async mistakes.
"""

from __future__ import annotations

import asyncio
import gc
import json
import textwrap
import warnings
from pathlib import Path
from typing import Any

import pytest

from awaitlings.course import answers
from awaitlings.engine import explain


def _raise_from(tmp_path: Path, source: str, call: str) -> tuple[BaseException, str]:
    """Run `call` against a student file written from `source`; the exception and the file."""
    path = tmp_path / "ex99_student.py"
    path.write_text(textwrap.dedent(source).lstrip(), encoding="utf-8")
    namespace: dict[str, Any] = {"__name__": "ex99_student"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    try:
        asyncio.run(eval(call, namespace)) if call.startswith("main") else eval(call, namespace)
    except Exception as exc:
        return exc, str(path)
    raise AssertionError("the student code did not raise")


CASES = {
    "gather given a list": (
        """
        import asyncio
        async def one():
            return 1
        async def main():
            return await asyncio.gather([one(), one()])
        """,
        "main()",
        5,
        "not a list",
    ),
    "await on the function": (
        """
        async def greet():
            return "hi"
        async def main():
            return await greet
        """,
        "main()",
        4,
        "not a call of it",
    ),
    "await on a plain value": (
        """
        async def main():
            return await 3
        """,
        "main()",
        2,
        "plain int",
    ),
    "asyncio.run given function and arguments": (
        """
        import asyncio
        async def load(x):
            return x
        def card(x):
            return asyncio.run(load, x)
        """,
        "card(1)",
        5,
        "asyncio.run(load(db, 7))",
    ),
    "asyncio.run given the function": (
        """
        import asyncio
        async def load():
            return 1
        def card():
            return asyncio.run(load)
        """,
        "card()",
        5,
        "not `asyncio.run(main)`",
    ),
    "create_task given the function": (
        """
        import asyncio
        async def load():
            return 1
        async def main():
            return await asyncio.create_task(load)
        """,
        "main()",
        5,
        "create_task(fetch(x))",
    ),
    "to_thread given an async def": (
        """
        import asyncio
        async def read():
            return "x"
        async def main():
            text = await asyncio.to_thread(read)
            return text.upper()
        """,
        "main()",
        6,
        "Threads are for plain blocking functions",
    ),
    "coroutine used as a value": (
        """
        async def price():
            return 3
        async def main():
            return price() + 1
        """,
        "main()",
        4,
        "used as if it were a result",
    ),
    "forgotten .json()": (
        """
        class Response:
            pass
        async def main():
            return Response()["items"]
        """,
        "main()",
        4,
        "response.json()",
    ),
    "async for over a list": (
        """
        async def main():
            async for x in [1, 2]:
                return x
        """,
        "main()",
        2,
        "__aiter__",
    ),
    "a KeyError in the student's own code": (
        """
        async def main():
            data = {"news": 1}
            return data["nws"]
        """,
        "main()",
        3,
        "KeyError: 'nws'",
    ),
    "run inside a running loop": (
        """
        import asyncio
        async def load():
            return 1
        async def main():
            return asyncio.run(load())
        """,
        "main()",
        5,
        "`await` the coroutine instead",
    ),
    "a TaskGroup's failure": (
        """
        import asyncio
        async def boom():
            raise ValueError("bad row")
        async def main():
            async with asyncio.TaskGroup() as tg:
                tg.create_task(boom())
        """,
        "main()",
        3,
        "ValueError: bad row",
    ),
}


@pytest.fixture(autouse=True)
def _collect_what_the_mistakes_leave():
    # The mistakes leave coroutines that were never awaited: collect them inside the test that
    # made them (which ignores the warning), or they warn in whichever test runs the collector.
    yield
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gc.collect()


@pytest.mark.filterwarnings("ignore:coroutine .* was never awaited:RuntimeWarning")  # the mistakes leave some
@pytest.mark.parametrize("name", list(CASES))
def test_an_unforeseen_error_names_the_students_line_briefly(tmp_path, name):
    source, call, line, advice = CASES[name]
    exc, path = _raise_from(tmp_path, source, call)
    message = explain.explain(exc, [path])
    assert f"ex99_student.py:{line} in " in message, message
    assert advice in message, message
    assert not answers.message_problems(message), (answers.message_problems(message), message)
    assert "Traceback" not in message and "asyncio/" not in message, message


@pytest.mark.filterwarnings("ignore:coroutine .* was never awaited:RuntimeWarning")
def test_the_full_traceback_is_there_on_request(tmp_path):
    exc, path = _raise_from(tmp_path, CASES["a KeyError in the student's own code"][0], "main()")
    assert "Traceback (most recent call last)" in explain.explain(exc, [path], full=True)


def test_a_response_that_is_not_json_is_named_as_such():
    try:
        json.loads("pong")
    except json.JSONDecodeError as exc:
        message = explain.explain(exc, [])
    assert "not JSON" in message and "'pong'" in message, message


def test_there_are_at_least_twelve_unforeseen_mistakes_graded_end_to_end():
    cases = [c for c in answers.discover() if c.case.startswith("unforeseen_")]
    naming_a_line = [c for c in cases if any(".py:" in s for s in c.says)]
    assert len(naming_a_line) >= 12, [c.id for c in naming_a_line]


async def test_an_error_inside_a_route_is_recorded_for_the_message():
    # Guards the one library hook app_errors relies on (Starlette's ServerErrorMiddleware).
    from fastapi import FastAPI

    from awaitlings.engine import app_errors
    from awaitlings.probes import asgi_client

    app = FastAPI()

    @app.get("/boom")
    async def boom() -> dict[str, str]:
        return {"x": {}["missing"]}

    app_errors.install()
    app_errors.reset()
    async with asgi_client(app) as client:
        with pytest.raises(KeyError):
            await client.get("/boom")
    recorded = app_errors.take()
    assert [type(e) for e in recorded] == [KeyError], recorded
