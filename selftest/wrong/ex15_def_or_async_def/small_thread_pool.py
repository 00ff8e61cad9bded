# wrong: sends the blocking calls to its own 4-thread pool: 8 requests take two rounds, not one
# fails: 1
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

from fastapi import Depends, FastAPI

app = FastAPI()


class StationClient:
    def get(self, station_id: str) -> str:
        time.sleep(0.5)
        return f"station {station_id}: 12.5 °C"


class ForecastClient:
    async def get(self, city: str) -> str:
        await asyncio.sleep(0.5)
        return f"{city}: sunny"


def get_station_client() -> StationClient:
    return StationClient()


def get_forecast_client() -> ForecastClient:
    return ForecastClient()


LEGACY_POOL = ThreadPoolExecutor(max_workers=4)  # "don't flood the legacy service"


@app.get("/stations/{station_id}")
async def station(station_id: str, client: StationClient = Depends(get_station_client)):
    loop = asyncio.get_running_loop()
    reading = await loop.run_in_executor(LEGACY_POOL, client.get, station_id)
    return {"station": station_id, "reading": reading}


@app.get("/forecast/{city}")
async def forecast(city: str, client: ForecastClient = Depends(get_forecast_client)):
    return {"city": city, "forecast": await client.get(city)}

