# right: anyio.move_on_after + cancel_scope.cancelled_caught check, route on an APIRouter WITH prefix="/forecast"
import asyncio
import random
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, FastAPI, HTTPException
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

router = APIRouter(prefix="/forecast")


@router.get("/{city}")
async def forecast(city: str, weather: Annotated[WeatherService, Depends(get_weather)]):
    result = None
    with anyio.move_on_after(DEADLINE) as scope:
        result = await weather.get(city)
    if scope.cancelled_caught:
        return JSONResponse({"error": "gateway timeout", "city": city}, status_code=504)
    return {"city": city, "forecast": result}


app.include_router(router)
