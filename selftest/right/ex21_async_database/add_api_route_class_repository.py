# right: add_api_route; a NotesRepository class built per request by a dependency on get_db (class dependency)
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
    async with aiosqlite.connect(DB_PATH) as db:
        yield db


class NotesRepository:
    def __init__(self, db: Annotated[aiosqlite.Connection, Depends(get_db)]):
        self.db = db

    async def add(self, text: str) -> int:
        cursor = await self.db.execute("INSERT INTO notes (text) VALUES (?)", (text,))
        await self.db.commit()
        return cursor.lastrowid

    async def get(self, note_id: int) -> dict | None:
        async with self.db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)) as cur:
            row = await cur.fetchone()
        return None if row is None else {"id": row[0], "text": row[1]}


Repo = Annotated[NotesRepository, Depends()]


async def create_note(note: NoteIn, repo: Repo):
    return {"id": await repo.add(note.text), "text": note.text}


async def read_note(note_id: int, repo: Repo):
    found = await repo.get(note_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"note {note_id} not found")
    return found


app.add_api_route("/notes", create_note, methods=["POST"], status_code=201)
app.add_api_route("/notes/{note_id}", read_note, methods=["GET"])
