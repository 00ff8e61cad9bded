# wrong: uses the blocking sqlite3 module in plain `def` routes (thread pool) although the text says to use aiosqlite
# fails: 2
# says: not with aiosqlite
import sqlite3
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


def get_db():
    db = sqlite3.connect(DB_PATH, check_same_thread=False)
    try:
        yield db
    finally:
        db.close()


@app.post("/notes", status_code=201)
def create_note(note: NoteIn, db=Depends(get_db)):
    cursor = db.execute("INSERT INTO notes (text) VALUES (?)", (note.text,))
    db.commit()
    return {"id": cursor.lastrowid, "text": note.text}


@app.get("/notes/{note_id}")
def read_note(note_id: int, db=Depends(get_db)):
    row = db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise HTTPException(status_code=404)
    return {"id": row[0], "text": row[1]}
