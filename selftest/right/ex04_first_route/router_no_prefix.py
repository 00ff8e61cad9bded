# right: the route lives on an APIRouter without a prefix, included into the app with app.include_router
from fastapi import APIRouter, FastAPI

app = FastAPI(title="awaitlings · first async route")
router = APIRouter()


@router.get("/ping")
async def ping() -> dict[str, str]:
    return {"message": "pong"}


app.include_router(router)
