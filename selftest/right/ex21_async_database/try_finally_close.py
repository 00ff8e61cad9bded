# right: get_db awaits aiosqlite.connect and closes in try/finally; Annotated dependency; execute + fetchone without async with
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
    async with aiosqlite.connect(DB_PATH) as db:
        await db.execute(SCHEMA)
        await db.commit()
    yield


app = FastAPI(title="awaitlings · notes in SQLite", lifespan=lifespan)

from typing import Annotated


async def get_db():
    db = await aiosqlite.connect(DB_PATH)
    try:
        yield db
    finally:
        await db.close()


Db = Annotated[aiosqlite.Connection, Depends(get_db)]


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn, db: Db):
    cursor = await db.execute("INSERT INTO notes (text) VALUES (?)", (note.text,))
    await db.commit()
    return {"id": cursor.lastrowid, "text": note.text}


@app.get("/notes/{note_id}")
async def read_note(note_id: int, db: Db):
    cursor = await db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,))
    row = await cursor.fetchone()
    await cursor.close()
    if row is None:
        raise HTTPException(status_code=404, detail="Note not found")
    note_id, text = row
    return {"id": note_id, "text": text}
