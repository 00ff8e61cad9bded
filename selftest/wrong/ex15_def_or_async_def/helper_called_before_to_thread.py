# wrong: runs the blocking call through a helper handed to to_thread already called: helper(client, id) runs on the loop
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



def read_station(client: StationClient, station_id: str) -> str:
    return client.get(station_id)


@app.get("/stations/{station_id}")
async def station(station_id: str, client: StationClient = Depends(get_station_client)):
    reading = await asyncio.to_thread(read_station(client, station_id))
    return {"station": station_id, "reading": reading}


@app.get("/forecast/{city}")
async def forecast(city: str, client: ForecastClient = Depends(get_forecast_client)):
    return {"city": city, "forecast": await client.get(city)}

