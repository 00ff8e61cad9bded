# right: APIRouter(prefix="/notes") + include_router; INSERT ... RETURNING id read through an async-with cursor
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

from fastapi import APIRouter

router = APIRouter(prefix="/notes", tags=["notes"])


async def get_db():
    async with aiosqlite.connect(DB_PATH) as connection:
        yield connection


@router.post("", status_code=201)
async def create_note(note: NoteIn, db=Depends(get_db)):
    async with db.execute("INSERT INTO notes (text) VALUES (?) RETURNING id", (note.text,)) as cursor:
        (new_id,) = await cursor.fetchone()
    await db.commit()
    return {"id": new_id, "text": note.text}


@router.get("/{note_id}")
async def read_note(note_id: int, db=Depends(get_db)):
    async with db.execute("SELECT text FROM notes WHERE id = ?", (note_id,)) as cursor:
        found = await cursor.fetchone()
    if not found:
        raise HTTPException(404)
    return {"id": note_id, "text": found[0]}


app.include_router(router)
