"""Exercise 18 · Deadlines (reference solution)."""

import asyncio
import random
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse

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
        return JSONResponse(
            status_code=504,
            content={"detail": f"the weather service did not answer within {DEADLINE} s"},
        )
    return {"city": city, "forecast": data}


if __name__ == "__main__":  # `python exercises/ex18_deadlines.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
