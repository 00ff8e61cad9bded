# wrong: catches asyncio.CancelledError inside the timeout block and answers 504, so any cancellation (client gone, server shutting down) becomes a 504
# fails: 3
# says: never catch CancelledError
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
    async with asyncio.timeout(DEADLINE):
        try:
            data = await weather.get(city)
        except asyncio.CancelledError:  # "the timeout cancels the call, so catch that"
            return JSONResponse(
                status_code=504,
                content={"detail": f"the weather service did not answer within {DEADLINE} s"},
            )
    return {"city": city, "forecast": data}
