# wrong: returns the string "pong" (JSON body "pong") instead of the object {"message": "pong"}
# fails: 1
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping")
async def ping():
    return "pong"
