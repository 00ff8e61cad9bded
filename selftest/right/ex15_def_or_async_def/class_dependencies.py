# right: class-based dependencies (a service class that itself Depends on the stub's providers), def station route
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


class StationService:
    def __init__(self, client: Stations) -> None:
        self.client = client

    def reading(self, station_id: str) -> dict:
        return {"station": station_id, "reading": self.client.get(station_id)}


class ForecastService:
    def __init__(self, client: Forecasts) -> None:
        self.client = client

    async def for_city(self, city: str) -> dict:
        return {"city": city, "forecast": await self.client.get(city)}


@app.get("/stations/{station_id}")
def station(station_id: str, service: Annotated[StationService, Depends()]):
    return service.reading(station_id)


@app.get("/forecast/{city}")
async def forecast(city: str, service: Annotated[ForecastService, Depends()]):
    return await service.for_city(city)
