# wrong: a functools.wraps timing decorator with an async wrapper turns the plain-def station route into a coroutine that blocks the loop
# fails: 1
# says: a decorator wraps it in an `async def` wrapper
import functools
import asyncio
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


def timed(func):
    @functools.wraps(func)
    async def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            result = func(*args, **kwargs)
            if asyncio.iscoroutine(result):
                result = await result
            return result
        finally:
            print(f"{func.__name__} took {time.perf_counter() - started:.3f}s")
    return wrapper


@app.get("/stations/{station_id}")
@timed
def station(station_id: str, client: Stations):
    return {"station": station_id, "reading": client.get(station_id)}


@app.get("/forecast/{city}")
@timed
async def forecast(city: str, client: Forecasts):
    return {"city": city, "forecast": await client.get(city)}
