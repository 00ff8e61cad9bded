"""Exercise 20 · Streaming (reference solution)."""

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
    for symbol in symbols:
        price = await quotes.get(symbol)
        yield f"{symbol}: {price}\n"


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    return StreamingResponse(price_lines(symbols.split(","), quotes), media_type="text/plain")


if __name__ == "__main__":  # `python exercises/ex20_streaming.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
