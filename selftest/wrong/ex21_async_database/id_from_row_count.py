# wrong: answers with SELECT COUNT(*) as the new note's id instead of the INSERT's lastrowid
# fails: 1
# says: the row it created has id
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
    await db.execute("INSERT INTO notes (text) VALUES (?)", (note.text,))
    await db.commit()
    async with db.execute("SELECT COUNT(*) FROM notes") as cursor:
        (count,) = await cursor.fetchone()
    return Note(id=count, text=note.text)  # "the newest note is the last one"


@app.get("/notes/{note_id}")
async def read_note(note_id: int, db: Db) -> Note:
    async with db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="note not found")
    return Note(id=row[0], text=row[1])
