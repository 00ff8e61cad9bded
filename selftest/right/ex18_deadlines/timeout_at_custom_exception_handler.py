# right: asyncio.timeout_at(loop.time() + DEADLINE), custom UpstreamTimeout exception turned into a 504 JSON body by an app.exception_handler
import asyncio
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
from fastapi import Request


class UpstreamTimeout(Exception):
    def __init__(self, service: str) -> None:
        self.service = service


@app.exception_handler(UpstreamTimeout)
async def upstream_timeout_handler(request: Request, exc: UpstreamTimeout) -> JSONResponse:
    return JSONResponse(status_code=504, content={"detail": f"{exc.service} did not answer in time"})


@app.get("/forecast/{city}")
async def forecast(city: str, weather: Annotated[WeatherService, Depends(get_weather)]):
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() + DEADLINE):
            forecast_data = await weather.get(city)
    except TimeoutError as exc:
        raise UpstreamTimeout("weather") from exc
    return {"city": city, "forecast": forecast_data}
