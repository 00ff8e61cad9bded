# wrong: an async route that blocks the loop while it "checks health"
# fails: 1
# says: blocked
import time

from fastapi import FastAPI

app = FastAPI()


@app.get("/ping")
async def ping():
    time.sleep(0.2)
    return {"message": "pong"}
