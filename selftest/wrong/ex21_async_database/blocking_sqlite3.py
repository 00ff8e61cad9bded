# wrong: uses the blocking sqlite3 module inside async def routes
# fails: all
# says: blocked
import sqlite3

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

DB_PATH = "notes.db"
SCHEMA = "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"


class NoteIn(BaseModel):
    text: str


app = FastAPI()


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn):
    with sqlite3.connect(DB_PATH) as db:
        cursor = db.execute("INSERT INTO notes (text) VALUES (?)", (note.text,))
    db.close()
    return {"id": cursor.lastrowid, "text": note.text}


@app.get("/notes/{note_id}")
async def read_note(note_id: int):
    db = sqlite3.connect(DB_PATH)
    try:
        row = db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
    finally:
        db.close()
    if row is None:
        raise HTTPException(status_code=404, detail="note not found")
    return {"id": row[0], "text": row[1]}
