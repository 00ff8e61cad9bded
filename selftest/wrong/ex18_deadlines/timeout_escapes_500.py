# wrong: lets the TimeoutError escape (500 instead of 504)
# fails: 2
# says: 500 Internal Server Error
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
    async with asyncio.timeout(DEADLINE):
        data = await weather.get(city)
    return {"city": city, "forecast": data}
