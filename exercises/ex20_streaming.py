"""Exercise 20 · Streaming

A response does not have to be finished before it is sent. `StreamingResponse` takes an
iterator and sends each piece the moment the iterator produces it, so the client can show
the first result while the server is still working on the rest. With an *async* generator
the server awaits slow work between pieces without holding up the event loop:

    async def countdown(n: int):
        for i in range(n, 0, -1):
            yield f"{i}...\\n"             # sent to the client right away
            await asyncio.sleep(1)         # the loop serves others meanwhile

    @app.get("/countdown")
    async def run_countdown():
        return StreamingResponse(countdown(3), media_type="text/plain")

Collecting everything first (a list, then `"".join(...)`) defeats the purpose: the client
sees nothing until the last piece is ready.

The quote service reaches the route through the dependency `get_quotes` (tests replace it
with `app.dependency_overrides[get_quotes]`), so keep the parameter
`quotes: Annotated[QuoteService, Depends(get_quotes)]`.

Your tasks:
  1. `GET /prices?symbols=ACME,INITECH,...` answers 200 with `media_type="text/plain"`: one
     line per symbol, in the order asked, "SYMBOL: PRICE\\n", with PRICE from
     `await quotes.get(symbol)`.
  2. Each line reaches the client as soon as its price is known, not when all of them are.
  3. When the client goes away mid-stream, the stream stops: no more quotes are fetched and
     nothing is left running.

Check your work:  pytest tests/test_ex20_streaming.py     Stuck?  awaitlings hint 20
Try it live:      uvicorn exercises.ex20_streaming:app --reload
                  curl -N "http://127.0.0.1:8000/prices?symbols=ACME,INITECH,UMBRELLA"
"""

import asyncio
import random
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import StreamingResponse


class QuoteService:
    """The real price service: every quote takes a moment."""

    async def get(self, symbol: str) -> float:
        await asyncio.sleep(random.uniform(0.2, 0.6))
        return round(random.uniform(10, 500), 2)


def get_quotes() -> QuoteService:
    return QuoteService()


app = FastAPI(title="awaitlings · streaming")


async def price_lines(symbols: list[str], quotes: QuoteService) -> AsyncIterator[str]:
    # TODO: for each symbol, await its price and yield the line "SYMBOL: PRICE\n".
    yield "no prices yet\n"


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    # TODO: stream price_lines(...) for the comma-separated symbols, as text/plain.
    return {"todo": "stream the prices"}


if __name__ == "__main__":  # `python exercises/ex20_streaming.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
