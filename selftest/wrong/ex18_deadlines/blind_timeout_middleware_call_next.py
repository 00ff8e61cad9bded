# wrong: deadline enforced by a BaseHTTPMiddleware (wait_for around call_next): 504 on time, but the route and its upstream call keep running after the 504
# fails: 2, 3
import asyncio
import random
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from fastapi import Request
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


@app.middleware("http")
async def deadline_middleware(request: Request, call_next):
    try:
        return await asyncio.wait_for(call_next(request), timeout=DEADLINE)
    except asyncio.TimeoutError:
        return JSONResponse(status_code=504, content={"detail": "upstream timed out"})


@app.get("/forecast/{city}")
async def forecast(city: str, weather: Annotated[WeatherService, Depends(get_weather)]):
    return {"city": city, "forecast": await weather.get(city)}
