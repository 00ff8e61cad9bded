# wrong: station route builds its own StationClient() instead of asking get_station_client (the dependency), so overrides are ignored; forecast also bypasses its dependency
# fails: 1, 2
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


stations = StationClient()
forecasts = ForecastClient()


@app.get("/stations/{station_id}")
def station(station_id: str):
    return {"station": station_id, "reading": stations.get(station_id)}


@app.get("/forecast/{city}")
async def forecast(city: str):
    return {"city": city, "forecast": await forecasts.get(city)}
