# right: commits via a small asynccontextmanager transaction helper (commit on success, rollback on error); get_db keeps the default-arg Depends
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



@asynccontextmanager
async def transaction(db: aiosqlite.Connection):
    try:
        yield db
    except BaseException:
        await db.rollback()
        raise
    else:
        await db.commit()


async def get_db():
    async with aiosqlite.connect(DB_PATH) as db:
        yield db


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn, db=Depends(get_db)):
    async with transaction(db):
        cursor = await db.execute("INSERT INTO notes (text) VALUES (?)", [note.text])
    return {"id": cursor.lastrowid, "text": note.text}


@app.get("/notes/{note_id}")
async def read_note(note_id: int, db=Depends(get_db)):
    cursor = await db.execute("SELECT id, text FROM notes WHERE id = ?", [note_id])
    try:
        row = await cursor.fetchone()
    finally:
        await cursor.close()
    if row is None:
        raise HTTPException(status_code=404)
    return dict(zip(("id", "text"), row))
