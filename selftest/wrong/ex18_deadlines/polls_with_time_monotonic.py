# wrong: runs the call as a task and polls task.done() every 50 ms against time.monotonic(), cancelling after DEADLINE (late by up to one poll)
# fails: 1, 2
import asyncio
import contextlib
import random
import time
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse

DEADLINE = 0.5  # seconds a client is willing to wait for a forecast


class WeatherService:
    """The real upstream: sometimes quick, sometimes painfully slow."""

    async def get(self, city: str) -> dict:
        await asyncio.sleep(random.choice([0.1, 0.3, 2.0]))
        return {"sky": random.choice(["sunny", "cloudy", "rain"]), "temp": random.randint(-5, 30)}


def get_weather() -> WeatherService:
    return WeatherService()


app = FastAPI(title="awaitlings · deadlines")


@app.get("/forecast/{city}")
async def forecast(city: str, weather: Annotated[WeatherService, Depends(get_weather)]):
    task = asyncio.create_task(weather.get(city))
    start = time.monotonic()
    while not task.done():
        if time.monotonic() - start > DEADLINE:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            return JSONResponse(
                status_code=504,
                content={"detail": f"the weather service did not answer within {DEADLINE} s"},
            )
        await asyncio.sleep(0.05)
    return {"city": city, "forecast": task.result()}
