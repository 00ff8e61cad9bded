"""Exercise 21 · An async database, graded against a real SQLite file.

Each test gives the app its own database file (`DB_PATH` in tmp_path) and replaces
`sqlite3.connect` (which aiosqlite calls in its worker thread) with a grader wrapper. Every
connection opened through it is recorded (which thread opened it, whether it was closed) and
gets a trace callback that makes each statement on the `notes` table take `delay` seconds of
real time, in whatever thread runs it:

- on the event loop's thread (the blocking `sqlite3` module in `async def`), that stalls the
  loop and the heartbeat fails the test;
- in aiosqlite's thread, it makes overlap measurable: in the concurrency test, the slowed
  reads wait (up to `gather_timeout`) until all of them are running, so "N reads in flight at
  once" is a deterministic count, not a wall-clock guess.

The tests run on the real clock (`realtime`): aiosqlite works in threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import sqlite3
import threading
import uuid
import warnings
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from awaitlings.clocks import real_monotonic, real_sleep
from awaitlings.probes import expect_app, fail, secs
from awaitlings.servers import lifespan, with_state

_REAL_CONNECT = sqlite3.connect
_TABLE = "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"
_SLOWED = ("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH")


class _TracedConnection(sqlite3.Connection):
    """A sqlite3 connection that tells the probe when it is closed."""

    probe: SQLiteProbe | None = None

    def close(self) -> None:
        if self.probe is not None:
            self.probe.closed.add(id(self))
        super().close()


class SQLiteProbe:
    """Wraps `sqlite3.connect` for one test: records connections, slows `notes` statements."""

    def __init__(self, path: Path, delay: float, loop_thread: int) -> None:
        self.path = path
        self.delay = delay
        self.loop_thread = loop_thread
        self.opened: list[weakref.ref[sqlite3.Connection]] = []
        self.opened_ids: list[int] = []
        self.opened_on_loop = 0
        self.closed: set[int] = set()
        self.statements = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.gather_n = 0  # > 0: slowed statements wait until this many run at once
        self.gather_timeout = 3.0
        self._gathered = False
        self._cond = threading.Condition()

    # -- the wrapper that replaces sqlite3.connect
    def connect(self, database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        ours = "factory" not in kwargs and len(args) < 5
        if ours:
            kwargs["factory"] = _TracedConnection
        conn = _REAL_CONNECT(database, *args, **kwargs)
        if str(database) != str(self.path):
            return conn  # not the test's database: leave it alone
        if isinstance(conn, _TracedConnection):
            conn.probe = self
            self.opened.append(weakref.ref(conn))
            self.opened_ids.append(id(conn))
        if threading.get_ident() == self.loop_thread:
            self.opened_on_loop += 1
        conn.set_trace_callback(self._on_statement)
        return conn

    def _on_statement(self, sql: str) -> None:
        text = sql.lstrip().upper()
        if "NOTES" not in text or not text.startswith(_SLOWED):
            return
        with self._cond:
            self.statements += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            if self.gather_n and not self._gathered:
                deadline = real_monotonic() + self.gather_timeout
                while self.in_flight < self.gather_n and not self._gathered:
                    remaining = deadline - real_monotonic()
                    if remaining <= 0:
                        self.gather_n = 0  # they are not coming: stop waiting for them
                        break
                    self._cond.wait(remaining)
                self._gathered = True
                self._cond.notify_all()
        try:
            real_sleep(self.delay)
        finally:
            with self._cond:
                self.in_flight -= 1

    def open_connections(self) -> int:
        return sum(
            1
            for ref in self.opened
            if (conn := ref()) is not None and id(conn) not in self.closed
        )

    # -- the grader's own, independent view of the file
    def rows(self) -> list[tuple[int, str]]:
        with _REAL_CONNECT(self.path, timeout=10) as conn:
            return list(conn.execute("SELECT id, text FROM notes ORDER BY id"))

    def insert(self, rows: list[tuple[int, str]]) -> None:
        conn = _REAL_CONNECT(self.path, timeout=10)
        try:
            conn.executemany("INSERT INTO notes (id, text) VALUES (?, ?)", rows)
            conn.commit()
        finally:
            conn.close()


def _stop_leaked_aiosqlite_connections() -> None:
    """aiosqlite's worker threads are not daemons: a connection never closed would keep the
    test process alive. Stop any that the code under test left open."""
    try:
        import aiosqlite
    except ImportError:  # pragma: no cover
        return
    for obj in gc.get_objects():
        if isinstance(obj, aiosqlite.Connection) and getattr(obj, "_running", False):
            with contextlib.suppress(Exception):
                obj.stop()


@pytest.fixture
def notes_db(ex, exercise, tmp_path, monkeypatch):
    path = tmp_path / "notes.db"
    with _REAL_CONNECT(path) as conn:
        conn.execute(_TABLE)
    probe = SQLiteProbe(path, exercise.timing["delay"], threading.get_ident())
    monkeypatch.setattr(sqlite3, "connect", probe.connect)
    monkeypatch.setattr(ex, "DB_PATH", str(path), raising=False)
    yield probe
    _stop_leaked_aiosqlite_connections()


@asynccontextmanager
async def serve(ex: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Lifespan startup, an httpx client over ASGI (app errors become 500s), shutdown."""
    app = expect_app(ex)
    async with lifespan(app) as state:
        transport = httpx.ASGITransport(app=with_state(app, state), raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


def _body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def _check_ok(response: httpx.Response, what: str, status: int) -> Any:
    if response.status_code == 404 and status != 404 and "Not Found" in response.text:
        raise fail(f"{what} answered 404 Not Found: is the route there? {response.text}")
    if response.status_code == 500:
        raise fail(f"{what} crashed the app (500 Internal Server Error); see the traceback "
                   "printed above the test result.")
    if response.status_code != status:
        raise fail(f"{what} answered {response.status_code}; expected {status}. "
                   f"Body: {response.text[:300]}")
    return _body(response)


def _unique_text() -> str:
    return f"note {uuid.uuid4().hex[:10]}"


def _expect_on_aiosqlite(probe: SQLiteProbe, what: str) -> None:
    if probe.opened_on_loop:
        raise fail(
            f"{what}: your code opened the database with the blocking `sqlite3` module on the "
            "event loop's thread. Every query then holds up all other requests. Use "
            "`aiosqlite.connect(DB_PATH)` and `await` each call."
        )
    if probe.statements == 0:
        raise fail(
            f"{what}, but no SQL statement on the notes table ever ran against the database "
            f"file at DB_PATH ({probe.path.name}). Store and read the notes in SQLite with "
            "`aiosqlite.connect(DB_PATH)` (read DB_PATH when you connect: the tests change it)."
        )


@pytest.mark.realtime
@pytest.mark.task(1)
async def test_post_stores_the_note_for_good(ex, notes_db):
    texts = [_unique_text() for _ in range(3)]
    # Notes already there, with a gap in their ids (one was deleted): the new rows' ids are
    # neither the number of rows nor anything a guess could match.
    base = 1000 + uuid.uuid4().int % 3000
    await asyncio.to_thread(notes_db.insert, [(base, _unique_text()), (base + 5, _unique_text())])
    async with serve(ex) as client:
        answers = []
        for text in texts:
            response = await client.post("/notes", json={"text": text})
            answers.append(_check_ok(response, f'POST /notes {{"text": "{text}"}}', 201))
        _expect_on_aiosqlite(notes_db, "POST /notes answered")
        rows = await asyncio.to_thread(notes_db.rows)
    for text, answer in zip(texts, answers, strict=True):
        if not isinstance(answer, dict) or answer.get("text") != text or not isinstance(
            answer.get("id"), int
        ):
            raise fail(
                f'POST /notes {{"text": "{text}"}} answered {answer!r}; expected '
                f'{{"id": <the new row\'s id>, "text": "{text}"}}.'
            )
    stored = {text: row_id for row_id, text in rows}
    missing = [t for t in texts if t not in stored]
    if missing:
        raise fail(
            f"POST /notes answered 201, but a second connection to the database file finds "
            f"{len(rows)} notes and not {missing[0]!r}. The INSERT was never committed: "
            "changes stay invisible to everyone else (and are rolled back when the connection "
            "closes) until you `await db.commit()`."
        )
    for text, answer in zip(texts, answers, strict=True):
        if answer["id"] != stored[text]:
            raise fail(
                f'POST /notes {{"text": "{text}"}} answered id {answer["id"]}, but the row it '
                f"created has id {stored[text]} (ids are not counted: deleted notes leave "
                "gaps). Return the id of the new row: `cursor.lastrowid` of the INSERT's cursor."
            )


@pytest.mark.realtime
@pytest.mark.task(2)
async def test_get_reads_the_note_from_the_file(ex, notes_db):
    base = 4000 + uuid.uuid4().int % 5000
    seeded = [(base + 7 * i, _unique_text()) for i in range(3)]
    await asyncio.to_thread(notes_db.insert, seeded)
    async with serve(ex) as client:
        for row_id, text in seeded:
            response = await client.get(f"/notes/{row_id}")
            if response.status_code == 404 and "Not Found" not in response.text:
                raise fail(
                    f"GET /notes/{row_id} answered 404, but the database file holds "
                    f'{{"id": {row_id}, "text": "{text}"}}. Read the notes from the file at '
                    "DB_PATH (`SELECT id, text FROM notes WHERE id = ?`), not from anywhere else."
                )
            body = _check_ok(response, f"GET /notes/{row_id}", 200)
            if body != {"id": row_id, "text": text}:
                raise fail(
                    f"GET /notes/{row_id} returned {body!r}; the database file holds "
                    f'{{"id": {row_id}, "text": "{text}"}} for that id. Read the row with '
                    "`SELECT id, text FROM notes WHERE id = ?`."
                )
        _expect_on_aiosqlite(notes_db, f"GET /notes/{seeded[0][0]} answered")
        unknown = base + 1
        response = await client.get(f"/notes/{unknown}")
        if response.status_code != 404:
            raise fail(
                f"GET /notes/{unknown} (no such note) answered {response.status_code} with "
                f"{response.text[:200]!r}; expected 404. When the SELECT finds no row, "
                'raise HTTPException(status_code=404, detail="note not found").'
            )


@pytest.mark.realtime
@pytest.mark.task(3)
async def test_concurrent_requests_do_not_wait_for_each_other(ex, exercise, notes_db):
    n = exercise.timing["concurrent"]
    delay = notes_db.delay
    base = 20000 + uuid.uuid4().int % 5000
    seeded = [(base + i, _unique_text()) for i in range(n)]
    await asyncio.to_thread(notes_db.insert, seeded)
    async with serve(ex) as client:
        notes_db.gather_n = n
        notes_db.gather_timeout = exercise.timing["gather_timeout"]
        start = real_monotonic()
        responses = await asyncio.gather(*(client.get(f"/notes/{row_id}") for row_id, _ in seeded))
        elapsed = real_monotonic() - start
    for (row_id, text), response in zip(seeded, responses, strict=True):
        body = _check_ok(response, f"GET /notes/{row_id}", 200)
        if body != {"id": row_id, "text": text}:
            raise fail(f"GET /notes/{row_id} returned {body!r}; expected "
                       f'{{"id": {row_id}, "text": "{text}"}}.')
    _expect_on_aiosqlite(notes_db, f"{n} GET requests were answered")
    if notes_db.max_in_flight < n:
        how = ("they ran one after another" if notes_db.max_in_flight <= 1
               else f"at most {notes_db.max_in_flight} ran at the same time")
        raise fail(
            f"{n} concurrent GET requests, each with a database read of {secs(delay)}, took "
            f"{secs(elapsed)}: {how}. One aiosqlite connection runs its queries one at a time, "
            "so requests that share one connection (or a lock) queue up behind each other. "
            "Open a connection per request in a `yield` dependency "
            "(`async with aiosqlite.connect(DB_PATH) as db: yield db`)."
        )


@pytest.mark.realtime
@pytest.mark.task(3)
async def test_every_connection_is_closed(ex, notes_db):
    seeded = [(31000 + uuid.uuid4().int % 5000, _unique_text())]
    await asyncio.to_thread(notes_db.insert, seeded)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        async with serve(ex) as client:
            for _ in range(3):
                _check_ok(await client.post("/notes", json={"text": _unique_text()}),
                          "POST /notes", 201)
                _check_ok(await client.get(f"/notes/{seeded[0][0]}"), "GET /notes/{id}", 200)
        # The app has shut down. A dependency's cleanup may finish just after its response:
        # give it a moment, then count what is still open.
        deadline = real_monotonic() + 2.0
        while notes_db.open_connections() > 0 and real_monotonic() < deadline:
            await asyncio.sleep(0.02)
        still_open = notes_db.open_connections()
    opened = len(notes_db.opened_ids)
    _expect_on_aiosqlite(notes_db, "6 requests were answered")
    leaked = [w for w in caught if "deleted before being closed" in str(w.message)]
    if still_open or leaked:
        count = still_open or len(leaked)
        raise fail(
            f"After 6 requests and the app's shutdown, {count} of the {max(opened, count)} "
            "database connections your app opened were never closed"
            f"{' (aiosqlite warned: connection deleted before being closed)' if leaked else ''}. "
            "Each open connection keeps a thread and a file handle; a busy server runs out of "
            "them. Close every connection when its request is done: open it with "
            "`async with aiosqlite.connect(DB_PATH) as db:` and `yield db` inside that block."
        )
