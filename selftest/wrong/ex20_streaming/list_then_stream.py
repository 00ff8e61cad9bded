# wrong: collects every line in a list, then streams the finished list
# fails: 2
# says: put together first
import asyncio
import time
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import PlainTextResponse, StreamingResponse


class QuoteService:
    async def get(self, symbol: str) -> float:
        await asyncio.sleep(0.3)
        return 42.0


def get_quotes() -> QuoteService:
    return QuoteService()


app = FastAPI()


async def price_lines(symbols, quotes):
    lines = []
    for symbol in symbols:
        lines.append(f"{symbol}: {await quotes.get(symbol)}\n")
    for line in lines:
        yield line


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    return StreamingResponse(price_lines(symbols.split(","), quotes), media_type="text/plain")
