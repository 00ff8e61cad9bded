# wrong: answers {"message": "Pong"}: the value's case differs from the required "pong"
# fails: 1
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping")
async def ping():
    return {"message": "Pong"}
