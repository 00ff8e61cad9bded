# wrong: the 504 body is JSON text, served as text/plain
# fails: 2
# says: application/json
import asyncio
import json
import random
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import PlainTextResponse

DEADLINE = 0.5  # seconds a client is willing to wait for a forecast


class WeatherService:
    """The real upstream: sometimes quick, sometimes painfully slow."""

    async def get(self, city: str) -> dict:
        await asyncio.sleep(random.choice([0.1, 0.3, 2.0]))
        return {"sky": random.choice(["sunny", "cloudy", "rain"]), "temp": random.randint(-5, 30)}


def get_weather() -> WeatherService:
    return WeatherService()


app = FastAPI(title="awaitlings · deadlines")


@app.get("/forecast/{city}")
async def forecast(city: str, weather: Annotated[WeatherService, Depends(get_weather)]):
    try:
        async with asyncio.timeout(DEADLINE):
            data = await weather.get(city)
    except TimeoutError:
        body = json.dumps({"detail": f"the weather service did not answer within {DEADLINE} s"})
        return PlainTextResponse(body, status_code=504)
    return {"city": city, "forecast": data}
