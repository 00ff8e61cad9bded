"""Exercise 15 · `def` or `async def`? (reference solution)."""

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


# "a StationClient, provided by get_station_client()": routes ask for one by this type.
Stations = Annotated[StationClient, Depends(get_station_client)]
Forecasts = Annotated[ForecastClient, Depends(get_forecast_client)]


@app.get("/stations/{station_id}")
def station(station_id: str, client: Stations) -> dict[str, str]:
    # Plain `def`: FastAPI runs it in a worker thread, so the blocking call blocks only that.
    return {"station": station_id, "reading": client.get(station_id)}


@app.get("/forecast/{city}")
async def forecast(city: str, client: Forecasts) -> dict[str, str]:
    # `async def`: runs on the event loop, which serves other requests while this one awaits.
    return {"city": city, "forecast": await client.get(city)}


if __name__ == "__main__":  # `python exercises/ex15_def_or_async_def.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
