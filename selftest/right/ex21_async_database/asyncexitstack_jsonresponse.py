# right: get_db built on contextlib.AsyncExitStack; routes return JSONResponse with explicit status codes; module attribute DB_PATH read via sys.modules
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

import sys
from contextlib import AsyncExitStack

from fastapi.responses import JSONResponse


async def get_db():
    async with AsyncExitStack() as stack:
        path = getattr(sys.modules[__name__], "DB_PATH")
        db = await stack.enter_async_context(aiosqlite.connect(path))
        yield db


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn, db=Depends(get_db)):
    cursor = await db.execute("INSERT INTO notes(text) VALUES (:text)", {"text": note.text})
    new_id = cursor.lastrowid
    await cursor.close()
    await db.commit()
    return JSONResponse(status_code=201, content={"id": new_id, "text": note.text})


@app.get("/notes/{note_id}")
async def read_note(note_id: int, db=Depends(get_db)):
    async with db.execute("SELECT id, text FROM notes WHERE id = :id", {"id": note_id}) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return JSONResponse(status_code=404, content={"detail": "Not Found"})
    return JSONResponse({"id": row[0], "text": row[1]})
