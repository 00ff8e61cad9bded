# wrong: anyio.move_on_after used, but the cancelled case is never checked: a slow upstream answers 200 with forecast null
# fails: 2
import asyncio
import random
from typing import Annotated

import anyio
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


@app.get("/forecast/{city}")
async def forecast(city: str, weather: Annotated[WeatherService, Depends(get_weather)]):
    data = None
    with anyio.move_on_after(DEADLINE):
        data = await weather.get(city)
    return {"city": city, "forecast": data}
