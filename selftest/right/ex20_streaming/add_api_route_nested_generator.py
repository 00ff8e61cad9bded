# right: add_api_route; price_lines delegates to a per-symbol helper and uses try/finally for a log line
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

import sys

app = FastAPI(title="awaitlings · streaming")


async def one_line(symbol: str, quotes: QuoteService) -> str:
    return f"{symbol}: {await quotes.get(symbol)}\n"


async def price_lines(symbols: list[str], quotes: QuoteService) -> AsyncIterator[str]:
    sent = 0
    try:
        for symbol in symbols:
            yield await one_line(symbol, quotes)
            sent += 1
    finally:
        sys.stderr.write(f"stream closed after {sent} of {len(symbols)} lines\n")


async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    response = StreamingResponse(price_lines(symbols.split(","), quotes))
    response.media_type = "text/plain"
    response.headers["content-type"] = "text/plain; charset=utf-8"
    return response


app.add_api_route("/prices", prices, methods=["GET"])
