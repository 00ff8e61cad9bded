# right: aiosqlite.Row row_factory, db.execute_insert / execute_fetchall helpers, pydantic response_model
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

from fastapi import status


class NoteOut(BaseModel):
    id: int
    text: str


async def get_db():
    async with aiosqlite.connect(DB_PATH) as db:
        db.row_factory = aiosqlite.Row
        yield db


@app.post("/notes", status_code=status.HTTP_201_CREATED, response_model=NoteOut)
async def create_note(note: NoteIn, db=Depends(get_db)):
    row = await db.execute_insert("INSERT INTO notes (text) VALUES (?)", (note.text,))
    await db.commit()
    return NoteOut(id=row[0], text=note.text)


@app.get("/notes/{note_id}", response_model=NoteOut)
async def read_note(note_id: int, db=Depends(get_db)):
    rows = await db.execute_fetchall("SELECT id, text FROM notes WHERE id = ?", (note_id,))
    if not rows:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such note")
    return NoteOut(**dict(rows[0]))
