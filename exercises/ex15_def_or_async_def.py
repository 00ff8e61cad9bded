"""Exercise 15 · `def` or `async def`?

FastAPI runs your route in one of two places, and you pick which by how you write it:

  * `async def` routes run ON the event loop. Perfect when every wait is an `await`: while
    one request awaits, the loop serves the others. But one blocking call inside (a
    `requests.get`, a legacy SDK, `time.sleep`) freezes the loop, and every request waits.
  * plain `def` routes run in a worker thread (FastAPI's thread pool). Blocking there only
    blocks that thread, so blocking clients belong in `def` routes (or, inside `async def`,
    behind `await asyncio.to_thread(...)` / `await run_in_threadpool(...)`). But a `def` route
    cannot `await`, so it is the wrong home for an async client.

    @app.get("/slow-hello")
    def slow_hello():                 # plain def: FastAPI runs it in a worker thread
        time.sleep(1)                 # blocks that thread only
        return {"message": "hi"}

Both clients come from dependency functions: `client: Stations` means "a StationClient,
provided by `get_station_client()`". The grader swaps in its own clients through
`app.dependency_overrides`, so keep the routes asking for them that way.

Your tasks:
  1. `GET /stations/{station_id}` uses the BLOCKING station client (`client.get(station_id)`,
     a plain function that takes a while) without blocking the event loop: eight requests at
     once finish in about the time of one. Answer {"station": station_id, "reading": ...}.
  2. `GET /forecast/{city}` uses the ASYNC forecast client (`await client.get(city)`) on the
     app's own event loop (`async def`): eight requests at once finish in the time of one.
     Answer {"city": city, "forecast": ...}.

Check your work:  pytest tests/test_ex15_def_or_async_def.py    Stuck?  awaitlings hint 15
Try it live:      uvicorn exercises.ex15_def_or_async_def:app --reload   then open /docs
"""

import asyncio
import time
from typing import Annotated

from fastapi import Depends, FastAPI

app = FastAPI(title="awaitlings · def or async def")


class StationClient:
    """A blocking client, like `requests` or an old vendor SDK."""

    def get(self, station_id: str) -> str:
        time.sleep(0.5)  # really blocks the calling thread
        return f"station {station_id}: 12.5 °C"


class ForecastClient:
    """An async client, like `httpx.AsyncClient`."""

    async def get(self, city: str) -> str:
        await asyncio.sleep(0.5)
        return f"{city}: sunny"


def get_station_client() -> StationClient:
    return StationClient()


def get_forecast_client() -> ForecastClient:
    return ForecastClient()


# "a StationClient, provided by get_station_client()": routes ask for one by this type.
Stations = Annotated[StationClient, Depends(get_station_client)]
Forecasts = Annotated[ForecastClient, Depends(get_forecast_client)]


@app.get("/stations/{station_id}")
async def station(station_id: str, client: Stations):
    # TODO: `client.get` blocks. Inside `async def` it freezes the event loop for every request.
    reading = client.get(station_id)
    return {"station": station_id, "reading": reading}


@app.get("/forecast/{city}")
def forecast(city: str, client: Forecasts):
    # TODO: a plain `def` route cannot await, so this starts a whole new event loop (in a
    # worker thread) for every request. Await the client on the app's own loop instead.
    text = asyncio.run(client.get(city))
    return {"city": city, "forecast": text}


if __name__ == "__main__":  # `python exercises/ex15_def_or_async_def.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
