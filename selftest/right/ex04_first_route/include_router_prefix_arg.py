# right: router route "" and the prefix given at app.include_router(router, prefix="/ping")
from fastapi import APIRouter, FastAPI

app = FastAPI(title="awaitlings · first async route")

router = APIRouter()


@router.get("", summary="Health check")
async def ping() -> dict:
    return dict(message="pong")


app.include_router(router, prefix="/ping")
