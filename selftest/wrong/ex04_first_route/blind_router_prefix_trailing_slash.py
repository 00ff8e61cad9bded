# wrong: router prefix "/ping" plus path "/" makes the route /ping/, so GET /ping answers 307 redirect, not 200
# fails: 1
from fastapi import APIRouter, FastAPI

app = FastAPI(title="awaitlings · first async route")
router = APIRouter(prefix="/ping")


@router.get("/")
async def ping():
    return {"message": "pong"}


app.include_router(router)
