# wrong: path written "ping" without the leading slash: the route never matches, so GET /ping is 404
# fails: 1, 2
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.get("ping")
async def ping():
    return {"message": "pong"}
