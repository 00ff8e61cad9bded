# right: the reply text comes from a dependency injected with Annotated[str, Depends(...)]
from typing import Annotated

from fastapi import Depends, FastAPI

app = FastAPI(title="awaitlings · first async route")


async def pong_text() -> str:
    return "pong"


@app.get("/ping")
async def ping(reply: Annotated[str, Depends(pong_text)]) -> dict[str, str]:
    return {"message": reply}
