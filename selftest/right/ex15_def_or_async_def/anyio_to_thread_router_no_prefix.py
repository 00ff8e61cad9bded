# right: anyio.to_thread.run_sync for the blocking client, routes on an APIRouter WITHOUT prefix, JSONResponse answers
import asyncio
import time
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import JSONResponse

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

router = APIRouter(tags=["weather"])


@router.get("/stations/{station_id}")
async def station(station_id: str, client: Stations) -> JSONResponse:
    reading = await anyio.to_thread.run_sync(client.get, station_id)
    return JSONResponse({"station": station_id, "reading": reading})


@router.get("/forecast/{city}")
async def forecast(city: str, client: Forecasts) -> JSONResponse:
    text = await client.get(city)
    return JSONResponse(content={"city": city, "forecast": text})


app.include_router(router)
