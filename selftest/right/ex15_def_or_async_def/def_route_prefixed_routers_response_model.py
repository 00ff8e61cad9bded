# right: plain def station route registered on APIRouters WITH prefixes (/stations, /forecast), pydantic response_model
import asyncio
import time
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI
from pydantic import BaseModel

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


class StationReading(BaseModel):
    station: str
    reading: str


class CityForecast(BaseModel):
    city: str
    forecast: str


stations_router = APIRouter(prefix="/stations")
forecast_router = APIRouter(prefix="/forecast")


@stations_router.get("/{station_id}", response_model=StationReading)
def station(station_id: str, client: Stations):
    # plain def: FastAPI runs it in its worker thread pool
    return StationReading(station=station_id, reading=client.get(station_id))


@forecast_router.get("/{city}", response_model=CityForecast)
async def forecast(city: str, client: Forecasts):
    return CityForecast(city=city, forecast=await client.get(city))


app.include_router(stations_router)
app.include_router(forecast_router)
