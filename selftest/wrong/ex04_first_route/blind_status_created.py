# wrong: declares status_code=201, but the task asks for 200
# fails: 1
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping", status_code=201)
async def ping():
    return {"message": "pong"}
