# wrong: sleeps for the whole deadline, then looks whether the upstream is done
# fails: 1, 3
# says: not a wait
# says: left running
import asyncio

from fastapi import Depends, FastAPI, HTTPException
from fastapi.responses import JSONResponse, PlainTextResponse

DEADLINE = 0.5


class WeatherService:
    async def get(self, city: str) -> dict:
        await asyncio.sleep(0.1)
        return {"sky": "sunny", "temp": 20}


def get_weather() -> WeatherService:
    return WeatherService()


app = FastAPI()


@app.get("/forecast/{city}")
async def forecast(city: str, weather: WeatherService = Depends(get_weather)):
    task = asyncio.create_task(weather.get(city))
    await asyncio.sleep(DEADLINE)
    if not task.done():
        raise HTTPException(status_code=504, detail="upstream too slow")
    return {"city": city, "forecast": task.result()}
