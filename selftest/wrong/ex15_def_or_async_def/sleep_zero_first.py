# wrong: `await asyncio.sleep(0)` before the blocking call, as if one await made the route non-blocking
# fails: 1
# says: ran on the event loop's thread
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
async def station(station_id: str, client: StationClient = Depends(get_station_client)):
    await asyncio.sleep(0)  # "yield to the loop first, so this route is async now"
    return {"station": station_id, "reading": client.get(station_id)}


@app.get("/forecast/{city}")
async def forecast(city: str, client: ForecastClient = Depends(get_forecast_client)):
    return {"city": city, "forecast": await client.get(city)}

