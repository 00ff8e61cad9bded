# wrong: handler takes an un-annotated `request` parameter, which FastAPI treats as a required query param -> 422
# fails: 1
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping")
async def ping(request):
    return {"message": "pong"}
