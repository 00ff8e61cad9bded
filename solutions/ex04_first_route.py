"""Exercise 4 · Your first async route (reference solution)."""

from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping")
async def ping() -> dict[str, str]:
    return {"message": "pong"}
