# wrong: both routes `async def`: the blocking client runs on the event loop
# fails: 1
# says: blocked
# says: ran on the event loop's thread
# says: █
import asyncio
import time

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
    return {"station": station_id, "reading": client.get(station_id)}

@app.get("/forecast/{city}")
async def forecast(city: str, client: ForecastClient = Depends(get_forecast_client)):
    return {"city": city, "forecast": await client.get(city)}

