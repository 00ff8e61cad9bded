"""The classic async mistakes are explained in words a beginner understands."""

from __future__ import annotations

import asyncio
import gc
import re
import time

import pytest

from awaitlings.engine.runner import RunOptions, run
from awaitlings.engine.targets import ModuleLoader
from awaitlings.engine.verdicts import Verdict

pytestmark = pytest.mark.timeout(60)


def _verdict(factory, **options) -> str:
    with pytest.raises(Verdict) as info:
        run(factory, RunOptions(**options))
    return str(info.value)


def test_coroutine_never_awaited():
    async def save():
        return None

    async def main():
        save()

    text = _verdict(main)
    assert "never awaited: save()" in text and "Add the missing `await`" in text


def test_await_outside_async_def(tmp_path):
    pkg = tmp_path / "broken_pkg"
    pkg.mkdir()
    (pkg / "ex01_first_coroutine.py").write_text("import asyncio\n\ndef load():\n    await asyncio.sleep(1)\n")
    with pytest.raises(Verdict) as info:
        ModuleLoader(str(pkg)).load("ex01_first_coroutine")
    text = str(info.value)
    assert "SyntaxError at line 4: 'await' outside function" in text or "line 4" in text
    assert "only allowed inside a coroutine function" in text
    assert "await asyncio.sleep(1)" in text


def test_blocking_call_names_file_and_line():
    async def main():
        await asyncio.sleep(0)
        time.sleep(0.3)

    text = _verdict(main, watch_paths=(__file__,))
    # 0.3 s, or more on a loaded machine: the stall is measured, not assumed.
    found = re.search(r"The event loop was blocked for ([\d.]+) s at selftest/test_messages\.py:\d+ in main", text)
    assert found and float(found[1]) >= 0.29, text
    assert "in main" in text and "asyncio.to_thread" in text


def test_asyncio_run_inside_a_running_loop():
    async def inner():
        return 1

    async def main():
        coro = inner()
        try:
            return asyncio.run(coro)
        finally:
            coro.close()

    text = _verdict(main)
    assert "`asyncio.run()` was called while an event loop was already running" in text
    assert "`await` the coroutine instead" in text


def test_task_destroyed_while_pending():
    async def main():
        loop = asyncio.get_running_loop()

        async def waits():
            await loop.create_future()  # nothing will ever complete it

        loop.create_task(waits())  # noqa: RUF006 - the mistake under test: no reference kept
        await asyncio.sleep(0)  # it starts and waits; only a task<->future cycle holds it now
        gc.collect()  # so Python destroys it while it is pending

    text = _verdict(main)
    assert "A task was destroyed while it was still pending" in text
    assert "Keep the task returned by `asyncio.create_task(...)`" in text


def test_exception_at_import_names_the_line(tmp_path):
    pkg = tmp_path / "raising_pkg"
    pkg.mkdir()
    (pkg / "ex01_first_coroutine.py").write_text("x = 1\nraise ValueError('boom')\n")
    with pytest.raises(Verdict, match=r"raised ValueError: boom at line 2"):
        ModuleLoader(str(pkg)).load("ex01_first_coroutine")
