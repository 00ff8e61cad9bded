# right: price_lines returns a class-based async iterator (__aiter__/__anext__) instead of an async generator
import asyncio
import random
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import StreamingResponse


class QuoteService:
    async def get(self, symbol: str) -> float:
        await asyncio.sleep(random.uniform(0.2, 0.6))
        return round(random.uniform(10, 500), 2)


def get_quotes() -> QuoteService:
    return QuoteService()


app = FastAPI(title="awaitlings · streaming")


class PriceLines:
    def __init__(self, symbols: list[str], quotes: QuoteService):
        self._symbols = iter(symbols)
        self._quotes = quotes

    def __aiter__(self) -> "PriceLines":
        return self

    async def __anext__(self) -> str:
        try:
            symbol = next(self._symbols)
        except StopIteration:
            raise StopAsyncIteration from None
        price = await self._quotes.get(symbol)
        return f"{symbol}: {price}\n"


def price_lines(symbols: list[str], quotes: QuoteService) -> AsyncIterator[str]:
    return PriceLines(symbols, quotes)


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    return StreamingResponse(price_lines(symbols.split(","), quotes), media_type="text/plain")
