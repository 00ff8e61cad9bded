# right: both handlers wrapped in a functools.wraps logging decorator (sync wrapper for the def route, async wrapper for the async one)
import asyncio
import functools
import inspect
import sys
import time
from typing import Annotated

from fastapi import Depends, FastAPI

app = FastAPI(title="awaitlings · def or async def")


class StationClient:
    """A blocking client, like `requests` or an old vendor SDK."""

    def get(self, station_id: str) -> str:
        time.sleep(0.5)  # really blocks the calling thread
        return f"station {station_id}: 12.5 °C"


class ForecastClient:
    """An async client, like `httpx.AsyncClient`."""

    async def get(self, city: str) -> str:
        await asyncio.sleep(0.5)
        return f"{city}: sunny"


def get_station_client() -> StationClient:
    return StationClient()


def get_forecast_client() -> ForecastClient:
    return ForecastClient()


Stations = Annotated[StationClient, Depends(get_station_client)]
Forecasts = Annotated[ForecastClient, Depends(get_forecast_client)]


def logged(func):
    """Log every call; keeps the handler's own def / async def kind."""
    if inspect.iscoroutinefunction(func):
        @functools.wraps(func)
        async def async_wrapper(*args, **kwargs):
            sys.stdout.write(f"-> {func.__name__} {kwargs.get('city') or kwargs.get('station_id')}\n")
            return await func(*args, **kwargs)
        return async_wrapper

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        sys.stdout.write(f"-> {func.__name__} {kwargs.get('station_id')}\n")
        return func(*args, **kwargs)
    return wrapper


@app.get("/stations/{station_id}")
@logged
def station(station_id: str, client: Stations):
    return {"station": station_id, "reading": client.get(station_id)}


@app.get("/forecast/{city}")
@logged
async def forecast(city: str, client: Forecasts):
    return {"city": city, "forecast": await client.get(city)}
