# right: a functools.wraps deadline decorator (wait_for around the whole handler) raising HTTPException(504)
import asyncio
import functools
import random
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
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


def deadline(seconds_getter):
    """Give the whole handler a deadline; only a timeout becomes 504."""
    def decorate(handler):
        @functools.wraps(handler)
        async def wrapper(*args, **kwargs):
            try:
                return await asyncio.wait_for(handler(*args, **kwargs), timeout=seconds_getter())
            except TimeoutError:
                raise HTTPException(status_code=504, detail="upstream did not answer in time") from None
        return wrapper
    return decorate


@app.get("/forecast/{city}")
@deadline(lambda: DEADLINE)
async def forecast(city: str, weather: Annotated[WeatherService, Depends(get_weather)]):
    return {"city": city, "forecast": await weather.get(city)}
