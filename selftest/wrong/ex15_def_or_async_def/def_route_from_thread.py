# wrong: `def` forecast route that reaches the async client through anyio.from_thread
# fails: 2
# says: plain `def`
import asyncio
import time

import anyio.from_thread
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


@app.get("/forecast/{city}")
def forecast(city: str, client: ForecastClient = Depends(get_forecast_client)):
    return {"city": city, "forecast": anyio.from_thread.run(client.get, city)}
