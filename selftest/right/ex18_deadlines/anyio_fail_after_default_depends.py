# right: anyio.fail_after (raises TimeoutError) inside try, default-argument Depends, HTTPException with status.HTTP_504_GATEWAY_TIMEOUT
import asyncio
import random
from typing import Annotated

import anyio
from fastapi import Depends, FastAPI, HTTPException, status
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
async def forecast(city: str, weather: WeatherService = Depends(get_weather)):
    try:
        with anyio.fail_after(DEADLINE):
            result = await weather.get(city)
    except TimeoutError:
        raise HTTPException(status.HTTP_504_GATEWAY_TIMEOUT, detail="weather service timed out")
    return {"city": city, "forecast": result}
