# wrong: ignores the injected dependency and builds its own upstream
# fails: all
# says: never called the weather service
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
async def forecast(city: str):
    weather = WeatherService()
    try:
        async with asyncio.timeout(DEADLINE):
            data = await weather.get(city)
    except TimeoutError:
        raise HTTPException(status_code=504, detail="upstream too slow")
    return {"city": city, "forecast": data}
