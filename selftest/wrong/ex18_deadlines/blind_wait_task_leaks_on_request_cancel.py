# wrong: upstream call run as a separate task and cancelled on timeout, but if the request itself is cancelled (client gone) the task is never cancelled and keeps running
# fails: 3
import asyncio
import random
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel

DEADLINE = 0.5  # seconds a client is willing to wait for a forecast


class WeatherService:
    """The real upstream: sometimes quick, sometimes painfully slow."""

    async def get(self, city: str) -> dict:
        await asyncio.sleep(random.choice([0.1, 0.3, 2.0]))
        return {"sky": random.choice(["sunny", "cloudy", "rain"]), "temp": random.randint(-5, 30)}


def get_weather() -> WeatherService:
    return WeatherService()


app = FastAPI(title="awaitlings · deadlines")


class Forecast(BaseModel):
    city: str
    forecast: dict


async def forecast(city: str, weather: Annotated[WeatherService, Depends(get_weather)]) -> Forecast:
    task = asyncio.create_task(weather.get(city))
    done, _ = await asyncio.wait({task}, timeout=DEADLINE)
    if task not in done:
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
        raise HTTPException(status_code=504, detail="forecast timed out")
    return Forecast(city=city, forecast=task.result())


app.add_api_route(
    "/forecast/{city}", forecast, methods=["GET"], response_model=Forecast,
    responses={504: {"description": "the weather service was too slow"}},
)
