# wrong: the stub as given
# fails: all
# says: no SQL statement


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
    # Given: creates the table once, when the app starts.
    async with aiosqlite.connect(DB_PATH) as db:
        await db.execute(SCHEMA)
        await db.commit()
    yield


app = FastAPI(title="awaitlings · notes in SQLite", lifespan=lifespan)


async def get_db():
    # TODO: open an aiosqlite connection to DB_PATH, yield it to the route, and make sure it
    #       is closed when the request is done.
    yield None


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn, db=Depends(get_db)):
    # TODO: insert note.text into the notes table, commit, and return {"id": ..., "text": ...}.
    #       (`cursor.lastrowid` is the id of the row an INSERT just created.)
    return None


@app.get("/notes/{note_id}")
async def read_note(note_id: int, db=Depends(get_db)):
    # TODO: select the note with this id; answer 404 (raise HTTPException) if there is none.
    return None
