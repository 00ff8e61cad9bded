"""Exercise 21 · An async database (reference solution)."""

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


async def get_db() -> AsyncIterator[aiosqlite.Connection]:
    async with aiosqlite.connect(DB_PATH) as db:
        yield db


Db = Annotated[aiosqlite.Connection, Depends(get_db)]


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn, db: Db) -> Note:
    cursor = await db.execute("INSERT INTO notes (text) VALUES (?)", (note.text,))
    await db.commit()
    assert cursor.lastrowid is not None
    return Note(id=cursor.lastrowid, text=note.text)


@app.get("/notes/{note_id}")
async def read_note(note_id: int, db: Db) -> Note:
    async with db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="note not found")
    return Note(id=row[0], text=row[1])


if __name__ == "__main__":  # `python exercises/ex21_async_database.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
