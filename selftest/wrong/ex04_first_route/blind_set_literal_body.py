# wrong: typo `{"message", "pong"}` (comma, not colon) builds a set; the body becomes a JSON list
# fails: 1
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping")
async def ping():
    return {"message", "pong"}
