# wrong: uses APIRouter without importing it -> NameError when the module is imported
# fails: all
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")
router = APIRouter()


@router.get("/ping")
async def ping():
    return {"message": "pong"}


app.include_router(router)
