# wrong: the route is declared on an APIRouter that is never included in the app -> GET /ping is 404
# fails: 1, 2
from fastapi import APIRouter, FastAPI

app = FastAPI(title="awaitlings · first async route")
router = APIRouter()


@router.get("/ping")
async def ping():
    return {"message": "pong"}
