# wrong: sqlite3 through run_in_executor, but `conn.execute(...)` is called on the loop thread and only `.fetchone` goes to the executor
# fails: 2, 3
# says: blocked
import asyncio
import functools
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import aiosqlite
from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel

DB_PATH = "notes.db"  # the tests point this at a temporary file
SCHEMA = "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"


class NoteIn(BaseModel):
    text: str


class Note(BaseModel):
    id: int
    text: str


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    async with aiosqlite.connect(DB_PATH) as db:
        await db.execute(SCHEMA)
        await db.commit()
    yield


app = FastAPI(title="awaitlings · notes in SQLite", lifespan=lifespan)


async def get_db() -> AsyncIterator[sqlite3.Connection]:
    loop = asyncio.get_running_loop()
    db = await loop.run_in_executor(
        None, functools.partial(sqlite3.connect, DB_PATH, check_same_thread=False)
    )
    try:
        yield db
    finally:
        await loop.run_in_executor(None, db.close)


Db = Annotated[sqlite3.Connection, Depends(get_db)]


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn, db: Db) -> Note:
    loop = asyncio.get_running_loop()
    cursor = await loop.run_in_executor(
        None, functools.partial(db.execute, "INSERT INTO notes (text) VALUES (?)", (note.text,))
    )
    await loop.run_in_executor(None, db.commit)
    assert cursor.lastrowid is not None
    return Note(id=cursor.lastrowid, text=note.text)


@app.get("/notes/{note_id}")
async def read_note(note_id: int, db: Db) -> Note:
    loop = asyncio.get_running_loop()
    # the SELECT runs right here; only fetchone() goes to the executor
    row = await loop.run_in_executor(
        None, db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone
    )
    if row is None:
        raise HTTPException(status_code=404, detail="note not found")
    return Note(id=row[0], text=row[1])
