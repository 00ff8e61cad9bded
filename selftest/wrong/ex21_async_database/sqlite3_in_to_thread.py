# wrong: the blocking sqlite3 module run through asyncio.to_thread in async routes, instead of aiosqlite (the loop is not blocked, but the task says to use aiosqlite)
# fails: 2
# says: not with aiosqlite
import asyncio
import sqlite3
from contextlib import asynccontextmanager

import aiosqlite
from fastapi import FastAPI, HTTPException
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


def insert(text: str) -> int:
    db = sqlite3.connect(DB_PATH)
    try:
        cursor = db.execute("INSERT INTO notes (text) VALUES (?)", (text,))
        db.commit()
        return cursor.lastrowid
    finally:
        db.close()


def select(note_id: int):
    db = sqlite3.connect(DB_PATH)
    try:
        return db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
    finally:
        db.close()


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn):
    return {"id": await asyncio.to_thread(insert, note.text), "text": note.text}


@app.get("/notes/{note_id}")
async def read_note(note_id: int):
    row = await asyncio.to_thread(select, note_id)
    if row is None:
        raise HTTPException(status_code=404)
    return {"id": row[0], "text": row[1]}
