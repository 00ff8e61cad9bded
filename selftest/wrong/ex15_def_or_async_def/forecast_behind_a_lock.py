# wrong: async forecast route, but every call goes through one global asyncio.Lock: one forecast at a time
# fails: 2
# says: at most 1 forecast
# says: █
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



@app.get("/stations/{station_id}")
def station(station_id: str, client: StationClient = Depends(get_station_client)):
    return {"station": station_id, "reading": client.get(station_id)}


forecast_lock = asyncio.Lock()  # "the client is shared, so take turns"


@app.get("/forecast/{city}")
async def forecast(city: str, client: ForecastClient = Depends(get_forecast_client)):
    async with forecast_lock:
        text = await client.get(city)
    return {"city": city, "forecast": text}
