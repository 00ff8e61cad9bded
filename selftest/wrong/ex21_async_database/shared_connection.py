# wrong: one connection opened at startup and shared by every request
# fails: 3
# says: one after another
# says: connection per request
from contextlib import asynccontextmanager

import aiosqlite
from fastapi import FastAPI, HTTPException, Request
from pydantic import BaseModel

DB_PATH = "notes.db"
SCHEMA = "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"


class NoteIn(BaseModel):
    text: str


@asynccontextmanager
async def lifespan(app):
    async with aiosqlite.connect(DB_PATH) as db:
        await db.execute(SCHEMA)
        await db.commit()
        yield {"db": db}


app = FastAPI(lifespan=lifespan)


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn, request: Request):
    db = request.state.db
    cursor = await db.execute("INSERT INTO notes (text) VALUES (?)", (note.text,))
    await db.commit()
    return {"id": cursor.lastrowid, "text": note.text}


@app.get("/notes/{note_id}")
async def read_note(note_id: int, request: Request):
    async with request.state.db.execute(
        "SELECT id, text FROM notes WHERE id = ?", (note_id,)
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="note not found")
    return {"id": row[0], "text": row[1]}
