# wrong: starts every fetch as a task up front; tasks are left running when the client leaves
# fails: 3
# says: left running
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
    tasks = [asyncio.create_task(quotes.get(s)) for s in symbols]
    for symbol, task in zip(symbols, tasks):
        yield f"{symbol}: {await task}\n"


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    return StreamingResponse(price_lines(symbols.split(","), quotes), media_type="text/plain")
