# wrong: Starlette-style handler taking an un-annotated `request` argument, so FastAPI expects a ?request= query parameter (422)
# fails: 1
# says: 422
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping")
async def ping(request) -> dict[str, str]:
    return {"message": "pong"}
