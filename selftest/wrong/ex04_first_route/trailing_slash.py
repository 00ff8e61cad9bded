# wrong: registers "/ping/" (trailing slash), so GET /ping is only a redirect
# fails: 1
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping/")
async def ping() -> dict[str, str]:
    return {"message": "pong"}
