# wrong: registers the route for POST, so GET /ping answers 405 Method Not Allowed
# fails: 1
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.post("/ping")
async def ping():
    return {"message": "pong"}
