# wrong: stops waiting at the deadline but leaves the upstream call running (asyncio.wait)
# fails: 3
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
    done, _ = await asyncio.wait({task}, timeout=DEADLINE)
    if not done:
        raise HTTPException(status_code=504, detail="upstream too slow")
    return {"city": city, "forecast": task.result()}
