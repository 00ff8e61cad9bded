# wrong: counts pings under a threading.Lock held across an await: a second concurrent request blocks the loop forever
# fails: 1
import asyncio
import threading

from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")

_lock = threading.Lock()
pings = 0


@app.get("/ping")
async def ping() -> dict[str, str]:
    global pings
    with _lock:
        await asyncio.sleep(0)  # e.g. an async audit log write
        pings += 1
    return {"message": "pong"}
