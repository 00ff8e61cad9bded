# wrong: a bare except (also swallows cancellation) turns every error into 504
# fails: 3
# says: catches too much
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
        data = await asyncio.wait_for(weather.get(city), timeout=DEADLINE)
    except:
        raise HTTPException(status_code=504, detail="upstream too slow")
    return {"city": city, "forecast": data}
