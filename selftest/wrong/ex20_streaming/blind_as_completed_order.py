# wrong: yields lines in the order the quotes finish (as_completed), not in the order asked
# fails: 1
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


async def price_lines(symbols: list[str], quotes: QuoteService) -> AsyncIterator[str]:
    async def one(symbol: str) -> str:
        return f"{symbol}: {await quotes.get(symbol)}\n"

    for next_line in asyncio.as_completed([one(s) for s in symbols]):
        yield await next_line


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    return StreamingResponse(price_lines(symbols.split(","), quotes), media_type="text/plain")
