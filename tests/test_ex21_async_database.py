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

The wrapper also notes whether aiosqlite opened each connection (its worker calls
`sqlite3.connect`) or the app called the blocking module itself, and can make the database
refuse INSERTs (an authorizer), to send a request down an error path inside the route. Note
texts hold quotes, a semicolon and non-ASCII letters, so SQL pasted together from them breaks.
Cleanup is checked after every kind of request while the app still runs: an answer, a 404, a
422 (FastAPI rejects the body after the dependency opened its connection), a client that gives
up mid-query (the request is cancelled), and a database error.

The tests run on the real clock (`realtime`): aiosqlite works in threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import sqlite3
import sys
import threading
import uuid
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from awaitlings.engine import app_errors
from awaitlings.engine.clocks import real_monotonic, real_sleep
from awaitlings.engine.servers import lifespan, with_state
from awaitlings.probes import expect_app, fail, secs

_REAL_CONNECT = sqlite3.connect
_TABLE = "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"
_SLOWED = ("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH")


class _TracedConnection(sqlite3.Connection):
    """A sqlite3 connection that tells the probe when it is closed."""

    probe: SQLiteProbe | None = None
    serial = 0  # its number among the connections the probe saw (ids are reused once freed)

    def close(self) -> None:
        if self.probe is not None:
            self.probe.closed.add(self.serial)
        super().close()


class SQLiteProbe:
    """Wraps `sqlite3.connect` for one test: records connections, slows `notes` statements."""

    def __init__(self, path: Path, delay: float, loop_thread: int) -> None:
        self.path = path
        self.delay = delay
        self.loop_thread = loop_thread
        self.opened_ids: list[int] = []
        self.opened_on_loop = 0
        self.opened_without_aiosqlite = 0  # the blocking sqlite3 module, called by the app itself
        self.refuse_inserts = False  # the database refuses INSERTs into notes (an error path)
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
            conn.serial = len(self.opened_ids) + 1
            self.opened_ids.append(conn.serial)
        if threading.get_ident() == self.loop_thread:
            self.opened_on_loop += 1
        if not _called_from_aiosqlite():
            self.opened_without_aiosqlite += 1
        conn.set_trace_callback(self._on_statement)
        conn.set_authorizer(self._authorize)
        return conn

    def _authorize(self, action: int, arg1: Any, *_: Any) -> int:
        if self.refuse_inserts and action == sqlite3.SQLITE_INSERT and str(arg1).lower() == "notes":
            return sqlite3.SQLITE_DENY  # the statement fails: sqlite3.DatabaseError, not authorized
        return sqlite3.SQLITE_OK

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
        """Connections opened and never closed, also those dropped without closing (sqlite3
        lets go of the file when the object is freed, but nobody closed it)."""
        return sum(1 for serial in self.opened_ids if serial not in self.closed)

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


def _called_from_aiosqlite() -> bool:
    """Is aiosqlite's worker opening this connection (`aiosqlite.connect`), rather than code
    calling `sqlite3.connect` itself (in a route, a thread, an executor)?"""
    frame = sys._getframe(2)
    depth = 0
    while frame is not None and depth < 12:
        module = frame.f_globals.get("__name__", "")
        if module == "aiosqlite" or module.startswith("aiosqlite."):
            return True
        frame, depth = frame.f_back, depth + 1
    return False


def _stop_leaked_aiosqlite_connections() -> None:
    """aiosqlite's worker threads are not daemons: a connection never closed would keep the
    test process alive. Stop any that the code under test left open."""
    try:
        import aiosqlite
    except ImportError:  # pragma: no cover
        return

    # `stop()` would hand its worker a future of the (closed) test loop, and the worker would
    # fail on it in its thread; without a loop it just closes and ends.
    def no_loop() -> None:
        raise RuntimeError("no event loop")

    saved = asyncio.get_event_loop
    asyncio.get_event_loop = no_loop  # type: ignore[assignment]
    try:
        for obj in gc.get_objects():
            if isinstance(obj, aiosqlite.Connection) and getattr(obj, "_running", False):
                with contextlib.suppress(Exception):
                    obj.stop()
    finally:
        asyncio.get_event_loop = saved  # type: ignore[assignment]


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


_SQL_TEXT_ERRORS = (
    "syntax error",
    "unrecognized token",
    "incomplete input",
    "values for",
    "one statement at a time",
    "no such column",
)


def _sql_built_from_text() -> bool:
    """Did the app crash on SQL that does not parse: a note's text pasted into the SQL?"""
    raised = app_errors.take()
    for exc in raised:  # only looked at: the grader still shows them with a failed test
        app_errors.record(exc)
    return any(isinstance(exc, sqlite3.Error) and any(t in str(exc) for t in _SQL_TEXT_ERRORS) for exc in raised)


def _check_ok(response: httpx.Response, what: str, status: int) -> Any:
    if response.status_code == 404 and status != 404 and "Not Found" in response.text:
        raise fail(f"{what} answered 404 Not Found: is the route there? {response.text}")
    if response.status_code == 500:
        hint = ""
        if _sql_built_from_text():
            hint = (
                ' The notes in these tests hold quotes (It\'s, "so"), semicolons and '
                "letters like é: SQL built by pasting the text in breaks on them (and lets "
                "a note rewrite your query). Pass values as parameters: "
                '`db.execute("INSERT INTO notes (text) VALUES (?)", (note.text,))`.'
            )
        raise fail(f"{what} crashed the app (500 Internal Server Error).{hint}")
    if response.status_code != status:
        raise fail(f"{what} answered {response.status_code}; expected {status}. Body: {response.text[:300]}")
    return _body(response)


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _unique_text() -> str:
    # Quotes of both kinds, a semicolon, a percent sign and non-ASCII letters: SQL built by
    # pasting the text in (an f-string) breaks; a parameter (`VALUES (?)`) stores it as is.
    return f'It\'s note {uuid.uuid4().hex[:10]}; "so" 100% café ✓'


def _expect_on_aiosqlite(probe: SQLiteProbe, what: str) -> None:
    if probe.opened_on_loop:
        raise fail(
            f"{what}: your code opened the database with the blocking `sqlite3` module on the "
            "event loop's thread. Every query then holds up all other requests. Use "
            "`aiosqlite.connect(DB_PATH)` and `await` each call."
        )
    if probe.opened_without_aiosqlite:
        raise fail(
            f"{what}, but your code opened the database with the blocking `sqlite3` module "
            f"({probe.opened_without_aiosqlite} time(s)), not with aiosqlite. The task asks for "
            "aiosqlite: open each request's connection with "
            "`async with aiosqlite.connect(DB_PATH) as db:` in an `async def` dependency, and "
            "`await` every query (`await db.execute(...)`)."
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
    seeded_texts = [_unique_text(), _unique_text()]
    await asyncio.to_thread(notes_db.insert, [(base, seeded_texts[0]), (base + 5, seeded_texts[1])])
    async with serve(ex) as client:
        answers = []
        for text in texts:
            response = await client.post("/notes", json={"text": text})
            answers.append(_check_ok(response, f"POST /notes {_js({'text': text})}", 201))
        _expect_on_aiosqlite(notes_db, "POST /notes answered")
        rows = await asyncio.to_thread(notes_db.rows)
    for text, answer in zip(texts, answers, strict=True):
        if not isinstance(answer, dict) or answer.get("text") != text or not isinstance(answer.get("id"), int):
            raise fail(
                f"POST /notes {_js({'text': text})} answered {answer!r}; expected "
                f'{{"id": <the new row\'s id>, "text": {_js(text)}}}.'
            )
    stored = {text: row_id for row_id, text in rows}
    missing = [t for t in texts if t not in stored]
    others = [t for _, t in rows if t not in seeded_texts and t not in texts]
    if missing and others:
        raise fail(
            f"POST /notes {_js({'text': missing[0]})} answered 201, but the database file holds "
            f"{others[0]!r} instead: the text was changed on its way in. Store the text exactly "
            "as it came, as a parameter: `VALUES (?)` with `(note.text,)`."
        )
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
                f"POST /notes {_js({'text': text})} answered id {answer['id']}, but the row it "
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
                    f"{_js({'id': row_id, 'text': text})}. Read the notes from the file at "
                    "DB_PATH (`SELECT id, text FROM notes WHERE id = ?`), not from anywhere else."
                )
            body = _check_ok(response, f"GET /notes/{row_id}", 200)
            if body != {"id": row_id, "text": text}:
                raise fail(
                    f"GET /notes/{row_id} returned {body!r}; the database file holds "
                    f"{_js({'id': row_id, 'text': text})} for that id. Read the row with "
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
            raise fail(f"GET /notes/{row_id} returned {body!r}; expected {_js({'id': row_id, 'text': text})}.")
    _expect_on_aiosqlite(notes_db, f"{n} GET requests were answered")
    if notes_db.max_in_flight < n:
        how = (
            "they ran one after another"
            if notes_db.max_in_flight <= 1
            else f"at most {notes_db.max_in_flight} ran at the same time"
        )
        raise fail(
            f"{n} concurrent GET requests, each with a database read of {secs(delay)}, took "
            f"{secs(elapsed)}: {how}. One aiosqlite connection runs its queries one at a time, "
            "so requests that share one connection (or a lock) queue up behind each other. "
            "Open a connection per request in a `yield` dependency "
            "(`async with aiosqlite.connect(DB_PATH) as db: yield db`)."
        )


def _dropped(caught: list[warnings.WarningMessage]) -> int:
    """aiosqlite's warnings so far: a connection object freed without being closed."""
    return sum(1 for w in caught if "deleted before being closed" in str(w.message))


async def _left_open(
    probe: SQLiteProbe, caught: list[warnings.WarningMessage], dropped_before: int, seconds: float = 2.0
) -> int:
    """Connections not closed once a request is over: still open, or dropped unclosed (and
    freed by the garbage collector meanwhile, with aiosqlite's warning). A dependency's cleanup
    may finish just after its response: it gets a moment."""
    deadline = real_monotonic() + seconds
    while probe.open_connections() > 0 and real_monotonic() < deadline:
        await asyncio.sleep(0.02)
    return max(probe.open_connections(), _dropped(caught) - dropped_before)


async def _cancelled_mid_query(client: httpx.AsyncClient, probe: SQLiteProbe, path: str) -> bool:
    """GET `path`, and give up (cancel the request) while its SELECT runs. False if the app
    answered before any statement started."""
    before = probe.statements
    request = asyncio.create_task(client.get(path))
    deadline = real_monotonic() + 5.0
    while probe.statements == before and not request.done() and real_monotonic() < deadline:
        await asyncio.sleep(0.005)
    started = probe.statements > before and not request.done()
    request.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await request
    return started


def _forget_refused_insert() -> None:
    """The DatabaseError the grader caused on purpose is not the student's error to show."""
    for exc in app_errors.take():
        if not (isinstance(exc, sqlite3.DatabaseError) and str(exc) == "not authorized"):
            app_errors.record(exc)


_CLEANUP_ADVICE = (
    "Close every connection when its request is done, however the request ends (an answer, "
    "a 404 raised in the route, any error, a client that gives up): open it with "
    "`async with aiosqlite.connect(DB_PATH) as db:` and `yield db` inside that block, or put "
    "`await db.close()` in a `finally:` around the `yield`. Code after a bare `yield` does not "
    "run when the route raises: FastAPI throws the exception in at the `yield`."
)


@pytest.mark.realtime
@pytest.mark.task(3)
async def test_every_connection_is_closed(ex, notes_db):
    """One request of each kind, and after each one (the app still running) every connection
    it opened must be closed: the answer, a 404, a request FastAPI rejects (422) after the
    dependency opened its connection, a client that gives up mid-query, and a database error."""
    row_id, text = 31000 + uuid.uuid4().int % 5000, _unique_text()
    await asyncio.to_thread(notes_db.insert, [(row_id, text)])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        async with serve(ex) as client:
            steps: list[tuple[str, int, str, Any]] = [
                ("POST /notes", 201, "answered 201", lambda: client.post("/notes", json={"text": _unique_text()})),
                (f"GET /notes/{row_id}", 200, "answered 200", lambda: client.get(f"/notes/{row_id}")),
                (
                    f"GET /notes/{row_id - 7}",
                    404,
                    "no such note: answered 404",
                    lambda: client.get(f"/notes/{row_id - 7}"),
                ),
                (
                    'POST /notes with the body {"txt": ...}',
                    422,
                    "FastAPI answered 422 after your dependency had opened its connection",
                    lambda: client.post("/notes", json={"txt": _unique_text()}),
                ),
            ]
            for request, status, how, send in steps:
                what = f"{request} ({how})"
                opened, dropped = len(notes_db.opened_ids), _dropped(caught)
                response = await send()
                if status == 404 and response.status_code != 404:
                    raise fail(f"{request} answered {response.status_code}; expected 404 (there is no such note).")
                if status != 404:
                    _check_ok(response, request, status)
                still_open = await _left_open(notes_db, caught, dropped)
                if still_open:
                    raise fail(
                        f"After {what}, {still_open} of the {len(notes_db.opened_ids) - opened} "
                        "database connection(s) it opened were never closed (checked after "
                        f"that request, while the app still runs). {_CLEANUP_ADVICE}"
                    )
            # (The blocking sqlite3 module is not cancelled safely: closing a connection while
            # a thread still runs a query on it can crash the process.)
            _expect_on_aiosqlite(notes_db, "The requests were answered")
            opened, dropped = len(notes_db.opened_ids), _dropped(caught)
            if await _cancelled_mid_query(client, notes_db, f"/notes/{row_id}"):
                still_open = await _left_open(notes_db, caught, dropped)
                if still_open:
                    raise fail(
                        f"A client asked for GET /notes/{row_id} and gave up while the SELECT ran "
                        f"(the request was cancelled); afterwards {still_open} of the "
                        f"{len(notes_db.opened_ids) - opened} connection(s) it opened were never "
                        f"closed. {_CLEANUP_ADVICE}"
                    )
            # Last: the database refuses the INSERT (the grader's doing), so the route raises.
            opened, dropped = len(notes_db.opened_ids), _dropped(caught)
            notes_db.refuse_inserts = True
            try:
                await client.post("/notes", json={"text": _unique_text()})
            finally:
                notes_db.refuse_inserts = False
                _forget_refused_insert()
            still_open = await _left_open(notes_db, caught, dropped)
            if still_open:
                raise fail(
                    "The grader made the database refuse one INSERT (sqlite3 raised "
                    "DatabaseError: not authorized, inside your route). After that request, "
                    f"{still_open} of the {len(notes_db.opened_ids) - opened} connection(s) it "
                    f"opened were never closed. {_CLEANUP_ADVICE}"
                )
        still_open = await _left_open(notes_db, caught, _dropped(caught))
    opened = len(notes_db.opened_ids)
    _expect_on_aiosqlite(notes_db, "The requests were answered")
    leaked = [w for w in caught if "deleted before being closed" in str(w.message)]
    if still_open or leaked:
        count = still_open or len(leaked)
        raise fail(
            f"After the app's shutdown, {count} of the {max(opened, count)} database "
            "connections your app opened were never closed"
            f"{' (aiosqlite warned: connection deleted before being closed)' if leaked else ''}. "
            "Each open connection keeps a thread and a file handle; a busy server runs out of "
            f"them. {_CLEANUP_ADVICE}"
        )
