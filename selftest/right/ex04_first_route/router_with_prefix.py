# right: an APIRouter(prefix="/ping", tags=[...]) whose handler path is "" (the documented way to avoid the 307 slash redirect)
from fastapi import APIRouter, FastAPI

app = FastAPI(title="awaitlings · first async route")

health = APIRouter(prefix="/ping", tags=["health"])


@health.get("")
async def ping():
    return {"message": "pong"}


app.include_router(health)
