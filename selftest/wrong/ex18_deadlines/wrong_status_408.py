# wrong: answers 408 Request Timeout instead of 504
# fails: 2
# says: 504 Gateway Timeout
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
    try:
        return {"city": city, "forecast": await asyncio.wait_for(weather.get(city), DEADLINE)}
    except TimeoutError:
        raise HTTPException(status_code=408, detail="too slow")
