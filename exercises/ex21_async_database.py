"""Exercise 21 · An async database

The `sqlite3` module that ships with Python is blocking: while it reads the disk, the whole
event loop waits, and so does every other request. `aiosqlite` gives you the same database
with `await`: each connection runs its SQL in a thread of its own and your coroutine waits
without holding the loop.

    async with aiosqlite.connect("shop.db") as db:                 # closed when the block ends
        await db.execute("INSERT INTO fruit (name) VALUES (?)", ("kiwi",))
        await db.commit()                                          # or nobody else ever sees it
        async with db.execute("SELECT name FROM fruit") as cursor:
            rows = await cursor.fetchall()

Two more things to know:
  * A change is visible to other connections only after `await db.commit()`.
  * One connection runs its queries one at a time (in its one thread). If every request
    shares a single connection, requests queue up behind each other. Give each request its
    own connection: a dependency that opens it, `yield`s it to the route, and closes it.

The tests point `DB_PATH` at a temporary file before each test, so read `DB_PATH` when you
connect (not at import time).

Your tasks:
  1. `POST /notes` with {"text": ...} stores the note in the SQLite file for good (committed)
     and answers 201 with {"id": <the new row's id>, "text": ...}.
  2. `GET /notes/{note_id}` reads the note back from the file: 200 with {"id", "text"}, or
     404 if there is no such note. Use aiosqlite, not the blocking `sqlite3`.
  3. Concurrent requests do not wait for each other (one connection per request, not one
     shared connection), and every connection you open is closed after its request.

Check your work:  pytest tests/test_ex21_async_database.py    Stuck?  awaitlings hint 21
Try it live:      uvicorn exercises.ex21_async_database:app --reload   then open /docs
"""

from contextlib import asynccontextmanager

import aiosqlite
from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel

DB_PATH = "notes.db"  # the tests point this at a temporary file
SCHEMA = "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"


class NoteIn(BaseModel):
    text: str


@asynccontextmanager
async def lifespan(app: FastAPI):
    # Given: creates the table once, when the app starts.
    async with aiosqlite.connect(DB_PATH) as db:
        await db.execute(SCHEMA)
        await db.commit()
    yield


app = FastAPI(title="awaitlings · notes in SQLite", lifespan=lifespan)


async def get_db():
    # TODO: open an aiosqlite connection to DB_PATH, yield it to the route, and make sure it
    #       is closed when the request is done.
    yield None


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn, db=Depends(get_db)):
    # TODO: insert note.text into the notes table, commit, and return {"id": ..., "text": ...}.
    #       (`cursor.lastrowid` is the id of the row an INSERT just created.)
    return None


@app.get("/notes/{note_id}")
async def read_note(note_id: int, db=Depends(get_db)):
    # TODO: select the note with this id; answer 404 (raise HTTPException) if there is none.
    return None


if __name__ == "__main__":  # `python exercises/ex21_async_database.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
