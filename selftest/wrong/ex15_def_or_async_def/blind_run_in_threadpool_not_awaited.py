# wrong: run_in_threadpool(...) called without await: the reading is a coroutine object, the response cannot be serialised
# fails: 1
from starlette.concurrency import run_in_threadpool
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


@app.get("/stations/{station_id}")
async def station(station_id: str, client: Stations):
    reading = run_in_threadpool(client.get, station_id)
    return {"station": station_id, "reading": reading}


@app.get("/forecast/{city}")
async def forecast(city: str, client: Forecasts):
    return {"city": city, "forecast": await client.get(city)}
