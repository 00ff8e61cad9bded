"""The internals of Python and of libraries that the grader relies on, checked on the running
versions. Each test names the internal and who relies on it; when an upgrade changes one, the
test fails loudly here, instead of the grader silently judging wrong (a thread blocked in
`join()` counted as busy, say, because the function it waits in was renamed).

Real threads are parked at each wait point the virtual clock knows, and the clock's own
judgement (`clocks._thread_is_idle`, what `threads_busy` asks of every thread) must call them
idle; a thread running an event loop of its own must not be.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import importlib
import inspect
import os
import platform
import queue
import selectors
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import pytest

from awaitlings.engine import clocks, heartbeat
from awaitlings.engine.clocks import RealClockLoop, VirtualClockLoop, real_monotonic, real_sleep

pytestmark = pytest.mark.timeout(60)

SETTLE = 5.0  # seconds a thread gets to reach its wait point (a loaded 2-core machine)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


VERSIONS = (
    f"Python {platform.python_version()} ({platform.python_implementation()}, {sys.platform}), "
    f"pytest {_version('pytest')}, pytest-xdist {_version('pytest-xdist')}, anyio {_version('anyio')}"
)


def changed(internal: str, user: str, detail: str) -> str:
    """The message of a failed check: which internal, who relies on it, what was seen."""
    return (
        f"INTERNAL CHANGED: {internal} (relied on by {user}) on {VERSIONS}: {detail}. "
        "Update the grader for this version (and this test with it)."
    )


def _chain(frame: FrameType | None, depth: int = 6) -> str:
    parts = []
    while frame is not None and len(parts) < depth:
        parts.append(f"{Path(frame.f_code.co_filename).name}:{frame.f_code.co_name}")
        frame = frame.f_back
    return " <- ".join(parts) or "(no frame)"


def _frame_of(thread: threading.Thread) -> FrameType | None:
    assert thread.ident is not None
    return sys._current_frames().get(thread.ident)


def _settled(thread: threading.Thread, judge: Callable[[FrameType], bool]) -> tuple[bool, str]:
    """Poll until `judge` accepts the thread's innermost frame (it may still be on its way to
    the wait point); (accepted, where the thread last was)."""
    deadline = real_monotonic() + SETTLE
    where = "(never seen)"
    while real_monotonic() < deadline:
        frame = _frame_of(thread)
        if frame is not None:
            where = _chain(frame)
            if judge(frame):
                return True, where
        real_sleep(0.01)
    return False, where


# -- the virtual clock's wait points (awaitlings/engine/clocks.py, _WAIT_POINTS)

_MODULE_OF_FILE = {
    "threading.py": "threading",
    "thread.py": "concurrent.futures.thread",
    "selectors.py": "selectors",
}


def _functions_named(module: ModuleType, name: str) -> list[str]:
    """Functions and methods defined in `module`'s own file with the code name `name`."""
    found = []
    for attr, value in vars(module).items():
        candidates = [(attr, value)]
        if inspect.isclass(value):
            candidates += [(f"{attr}.{k}", v) for k, v in vars(value).items()]
        for label, obj in candidates:
            code = getattr(inspect.unwrap(obj) if callable(obj) else obj, "__code__", None)
            if code is not None and code.co_name == name and code.co_filename == module.__file__:
                found.append(label)
    return found


@pytest.mark.parametrize("point", sorted(clocks._WAIT_POINTS), ids=lambda p: f"{p[0]}:{p[1]}")
def test_every_wait_point_exists_on_this_python(point: tuple[str, str]) -> None:
    filename, function = point
    assert filename in _MODULE_OF_FILE, changed(
        "clocks._WAIT_POINTS", "the virtual clock", f"no module known for {filename!r}: add it to this test"
    )
    module = importlib.import_module(_MODULE_OF_FILE[filename])
    assert _functions_named(module, function), changed(
        f"{module.__name__}: a function named {function!r}",
        "the virtual clock's _WAIT_POINTS",
        f"{module.__file__} defines none, so a thread waiting there is never judged idle",
    )


@contextmanager
def _parked(target: Callable[[], Any], release: Callable[[], Any], name: str) -> Iterator[threading.Thread]:
    thread = threading.Thread(target=target, name=f"internals-{name}", daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        release()
        thread.join(10)


def _join() -> Iterator[tuple[Callable[[], Any], Callable[[], Any]]]:
    done = threading.Event()
    other = threading.Thread(target=done.wait, daemon=True)
    other.start()
    yield other.join, done.set


def _join_with_timeout() -> Iterator[tuple[Callable[[], Any], Callable[[], Any]]]:
    done = threading.Event()
    other = threading.Thread(target=done.wait, daemon=True)
    other.start()
    yield (lambda: other.join(30)), done.set


def _condition_wait() -> Iterator[tuple[Callable[[], Any], Callable[[], Any]]]:
    cond = threading.Condition()
    woken = False

    def wait() -> None:
        with cond:
            cond.wait_for(lambda: woken, timeout=30)

    def wake() -> None:
        nonlocal woken
        with cond:
            woken = True
            cond.notify_all()

    yield wait, wake


def _event_wait() -> Iterator[tuple[Callable[[], Any], Callable[[], Any]]]:
    event = threading.Event()
    yield (lambda: event.wait(30)), event.set


def _queue_get() -> Iterator[tuple[Callable[[], Any], Callable[[], Any]]]:
    q: queue.Queue[int] = queue.Queue()
    yield (lambda: q.get(timeout=30)), (lambda: q.put(1))


def _selector_select() -> Iterator[tuple[Callable[[], Any], Callable[[], Any]]]:
    read, write = os.pipe()
    selector = selectors.DefaultSelector()
    selector.register(read, selectors.EVENT_READ)
    try:
        yield (lambda: selector.select(30)), (lambda: os.write(write, b"x"))
    finally:
        selector.close()
        os.close(read)
        os.close(write)


PARKED = {
    "Thread.join()": _join,
    "Thread.join(timeout)": _join_with_timeout,
    "Condition.wait": _condition_wait,
    "Event.wait": _event_wait,
    "queue.Queue.get": _queue_get,
    "selector.select outside an event loop": _selector_select,
}


@pytest.mark.parametrize("wait", list(PARKED))
def test_a_thread_parked_at_a_wait_point_is_idle(wait: str) -> None:
    setup = PARKED[wait]()
    target, release = next(setup)
    try:
        with _parked(target, release, wait) as thread:
            idle, where = _settled(thread, clocks._thread_is_idle)
            assert idle, changed(
                f"where a thread blocked in {wait} waits",
                "the virtual clock (clocks._WAIT_POINTS)",
                f"its stack is {where}, and the clock judges that busy, so time would stop jumping "
                "while it waits (innermost frame first; add its file:function to _WAIT_POINTS)",
            )
    finally:
        setup.close()


def test_an_idle_thread_pool_worker_is_idle() -> None:
    """concurrent.futures' worker (asyncio.to_thread, run_in_executor) waiting for work."""
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="internals-pool") as pool:
        pool.submit(int).result()
        worker = next(t for t in threading.enumerate() if t.name.startswith("internals-pool"))
        idle, where = _settled(worker, clocks._thread_is_idle)
        assert idle, changed(
            "concurrent.futures.thread._worker waiting in work_queue.get",
            "the virtual clock",
            f"an idle pool worker's stack is {where}, and the clock judges it busy",
        )
        frame = _frame_of(worker)
        assert frame is not None and "work_queue" in frame.f_locals, changed(
            "the local `work_queue` of concurrent.futures.thread._worker",
            "clocks._has_work_waiting (work handed over but not picked up is work)",
            f"the worker's frame {_chain(frame)} has locals {sorted(frame.f_locals) if frame else None}",
        )


def test_an_idle_anyio_worker_is_idle() -> None:
    """anyio's worker threads (FastAPI's `def` routes, run_in_threadpool) waiting for work."""
    anyio = pytest.importorskip("anyio")

    async def main() -> tuple[bool, str]:
        await anyio.to_thread.run_sync(int)
        worker = next(t for t in threading.enumerate() if t.name == "AnyIO worker thread")
        return await asyncio.to_thread(_settled, worker, clocks._thread_is_idle)

    idle, where = asyncio.run(main())
    assert idle, changed(
        "where anyio's idle worker thread waits",
        "the virtual clock",
        f"its stack is {where}, and the clock judges it busy",
    )


def test_a_thread_running_its_own_event_loop_is_busy() -> None:
    """Waiting in select() inside an event loop of its own is work in progress (its timers will
    wake it): the clock tells it apart by asyncio's `BaseEventLoop._run_once` on its stack.
    The heartbeat, for the loop's own thread, calls the same frame "idle in select"."""
    ready = threading.Event()
    holder: dict[str, Any] = {}

    def run_loop() -> None:
        loop = asyncio.new_event_loop()
        holder["loop"], holder["stop"] = loop, loop.create_future()
        ready.set()
        loop.run_until_complete(holder["stop"])
        loop.close()

    def stop() -> None:
        ready.wait(10)
        holder["loop"].call_soon_threadsafe(holder["stop"].set_result, None)

    assert callable(getattr(asyncio.BaseEventLoop, "_run_once", None)), changed(
        "asyncio.BaseEventLoop._run_once", "clocks._thread_is_idle", "it no longer exists"
    )
    with _parked(run_loop, stop, "own-loop") as thread:
        in_select, where = _settled(thread, heartbeat._is_idle_in_select)
        assert in_select, changed(
            "an idle event loop waits in selectors.py's select()",
            "the heartbeat (_is_idle_in_select)",
            f"an idle loop thread's stack is {where}",
        )
        frame = _frame_of(thread)
        assert frame is not None
        assert not clocks._thread_is_idle(frame), changed(
            "asyncio's _run_once in base_events.py on an event loop's stack",
            "clocks._thread_is_idle",
            f"a thread running its own loop ({_chain(frame, 12)}) was judged idle",
        )


def test_threads_are_told_apart_by_ident_and_native_id() -> None:
    """clocks.thread_key reads `threading._active`: without it every key loses its native id
    and a new pool thread reusing an old ident is mistaken for the old one."""
    done = threading.Event()
    with _parked(done.wait, done.set, "key") as thread:
        assert isinstance(getattr(threading, "_active", None), dict), changed(
            "threading._active", "clocks.thread_key", "it is gone or no longer a dict"
        )
        assert thread.ident is not None and thread.native_id is not None
        assert clocks.thread_key(thread.ident) == (thread.ident, thread.native_id), changed(
            "threading._active",
            "clocks.thread_key",
            f"thread_key gave {clocks.thread_key(thread.ident)} for a thread with ident {thread.ident} and "
            f"native id {thread.native_id}",
        )


def test_current_frames_and_getframe_exist() -> None:
    for name in ("_current_frames", "_getframe"):
        assert callable(getattr(sys, name, None)), changed(
            f"sys.{name}",
            "the virtual clock, the heartbeat's watchdog and the timeout message",
            "it does not exist on this interpreter",
        )


# -- the heartbeat's other frame checks (awaitlings/engine/heartbeat.py)


def test_thread_start_waits_inside_start() -> None:
    """`_is_starting_a_thread`: the loop thread, inside Thread.start, waits for the new thread."""
    source = inspect.getsource(threading.Thread.start)
    assert "self._started.wait(" in source, changed(
        "threading.Thread.start waits for self._started",
        "heartbeat._is_starting_a_thread",
        "Thread.start no longer waits on its _started event in Python code",
    )


def test_imports_run_in_frozen_importlib_frames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`_is_importing`: a stall during an import is not the student's (a lazy library import)."""
    (tmp_path / "internals_import_probe.py").write_text("import sys\nFRAME = sys._getframe()\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("internals_import_probe", None)
    try:
        probe = importlib.import_module("internals_import_probe")
        assert heartbeat._is_importing(probe.FRAME), changed(
            "importlib's frames are named '<frozen importlib...>'",
            "heartbeat._is_importing",
            f"the stack of a module being imported is {_chain(probe.FRAME, 12)}",
        )
    finally:
        sys.modules.pop("internals_import_probe", None)


# -- asyncio, pytest and xdist


async def test_async_tests_run_on_the_graders_virtual_loop() -> None:
    """pytest-asyncio runs async tests on the loop the plugin's pytest_asyncio_loop_factories makes."""
    loop = asyncio.get_running_loop()
    assert isinstance(loop, VirtualClockLoop), changed(
        "pytest-asyncio's pytest_asyncio_loop_factories hook",
        "plugin (the loop of every async test)",
        f"this async test runs on {type(loop).__name__}",
    )


@pytest.mark.realtime
async def test_realtime_tests_run_on_the_real_clock_loop() -> None:
    loop = asyncio.get_running_loop()
    assert isinstance(loop, RealClockLoop), changed(
        "pytest-asyncio's pytest_asyncio_loop_factories hook",
        "plugin (realtime tests)",
        f"this realtime test runs on {type(loop).__name__}",
    )


@pytest.fixture
async def loop_of_an_async_fixture() -> Any:
    return asyncio.get_running_loop()


async def test_an_async_fixture_shares_its_tests_loop(loop_of_an_async_fixture: Any) -> None:
    assert loop_of_an_async_fixture is asyncio.get_running_loop()


def test_anyio_asyncio_backend_module_exists() -> None:
    """plugin._warm_up imports it ahead of any timed test (a missing one is skipped silently)."""
    try:
        importlib.import_module("anyio._backends._asyncio")
    except ImportError as exc:
        pytest.fail(changed("anyio._backends._asyncio", "plugin._warm_up", f"cannot be imported: {exc}"))


def test_xdists_terminal_reporter_has_the_writers_the_plugin_silences() -> None:
    """quiet.quiet_xdist replaces `write_line` and `rewrite` on xdist's TerminalDistReporter."""
    from xdist.dsession import TerminalDistReporter

    missing = [name for name in ("write_line", "rewrite") if not callable(getattr(TerminalDistReporter, name, None))]
    assert not missing, changed(
        f"xdist's TerminalDistReporter.{', '.join(missing)}", "quiet.quiet_xdist", "no longer there"
    )
