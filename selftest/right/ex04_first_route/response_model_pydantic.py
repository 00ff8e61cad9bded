# right: returns a pydantic model declared as response_model; serialized to {"message": "pong"}
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="awaitlings · first async route")


class Pong(BaseModel):
    message: str


@app.get("/ping", response_model=Pong, status_code=200)
async def ping() -> Pong:
    return Pong(message="pong")
