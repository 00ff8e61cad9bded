# wrong: the /ping handler is a plain `def`, not `async def` (it answers correctly, but runs in the thread pool)
# fails: 2
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping")
def ping():
    return {"message": "pong"}
