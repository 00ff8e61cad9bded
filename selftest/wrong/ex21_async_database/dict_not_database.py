# wrong: keeps the notes in a Python dict instead of the database file
# fails: all
# says: no SQL statement
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

DB_PATH = "notes.db"


class NoteIn(BaseModel):
    text: str


app = FastAPI()
notes: dict[int, str] = {}


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn):
    note_id = len(notes) + 1
    notes[note_id] = note.text
    return {"id": note_id, "text": note.text}


@app.get("/notes/{note_id}")
async def read_note(note_id: int):
    if note_id not in notes:
        raise HTTPException(status_code=404, detail="note not found")
    return {"id": note_id, "text": notes[note_id]}
