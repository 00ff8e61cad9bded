# wrong: pastes the note text into the SQL with an f-string: a note with a quote (It's) breaks the INSERT
# fails: 1
# says: Pass values as parameters
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
    cursor = await db.execute(f"INSERT INTO notes (text) VALUES ('{note.text}')")
    await db.commit()
    return {"id": cursor.lastrowid, "text": note.text}


@app.get("/notes/{note_id}")
async def read_note(note_id: int, db=Depends(get_db)):
    async with db.execute(f"SELECT id, text FROM notes WHERE id = {note_id}") as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise HTTPException(status_code=404)
    return {"id": row[0], "text": row[1]}
