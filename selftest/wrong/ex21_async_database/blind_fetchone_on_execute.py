# wrong: db.execute(...).fetchone() chained without awaiting execute: AttributeError -> 500
# fails: 2
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

async def get_db():
    async with aiosqlite.connect(DB_PATH) as db:
        yield db


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn, db=Depends(get_db)):
    cursor = await db.execute("INSERT INTO notes (text) VALUES (?)", (note.text,))
    await db.commit()
    return {"id": cursor.lastrowid, "text": note.text}


@app.get("/notes/{note_id}")
async def read_note(note_id: int, db=Depends(get_db)):
    row = await db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise HTTPException(status_code=404)
    return {"id": row[0], "text": row[1]}
