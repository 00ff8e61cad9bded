# wrong: shields the upstream call from the timeout, so it keeps running
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
    try:
        data = await asyncio.wait_for(asyncio.shield(weather.get(city)), DEADLINE)
    except TimeoutError:
        raise HTTPException(status_code=504, detail="upstream too slow")
    return {"city": city, "forecast": data}
