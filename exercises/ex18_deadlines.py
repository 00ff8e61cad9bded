"""Exercise 18 · Deadlines

A route that waits on a slow upstream service keeps its client waiting just as long. Give the
upstream a deadline: if it has not answered in time, stop waiting, *cancel* the call (so it
does not keep running for nobody), and tell the client with `504 Gateway Timeout`.

`asyncio.timeout(seconds)` cancels whatever the block is awaiting when time is up and then
raises `TimeoutError` (`asyncio.wait_for(aw, seconds)` does the same for one awaitable):

    try:
        async with asyncio.timeout(2):
            page = await crawler.fetch(url)      # cancelled after 2 s
    except TimeoutError:                         # only the timeout, nothing else
        page = None

An error response with a JSON body: `raise HTTPException(status_code=..., detail="...")`, or
`return JSONResponse(status_code=..., content={...})`.

The upstream reaches the route through the dependency `get_weather` (tests replace it with
`app.dependency_overrides[get_weather]`), so keep the parameter
`weather: Annotated[WeatherService, Depends(get_weather)]`.

Your tasks:
  1. `GET /forecast/{city}` awaits `weather.get(city)` and answers 200 with
     {"city": <city>, "forecast": <what weather.get returned>}.
  2. If the upstream has not answered within DEADLINE seconds, the route answers 504 with a
     JSON error body, right at the deadline (not when the upstream finally answers).
  3. On timeout the upstream call is cancelled, not left running; and only the timeout
     becomes a 504 (an upstream that *fails* is not a timeout).

Check your work:  pytest tests/test_ex18_deadlines.py     Stuck?  awaitlings hint 18
Try it live:      uvicorn exercises.ex18_deadlines:app --reload   then open /forecast/oslo
"""

import asyncio
import random
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
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
    # TODO: await weather.get(city), giving it at most DEADLINE seconds.
    # TODO: answer 200 with {"city": city, "forecast": ...}, or 504 with a JSON error body.
    raise HTTPException(status_code=501, detail="forecast is not written yet")


if __name__ == "__main__":  # `python exercises/ex18_deadlines.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
