# wrong: fetches all prices at once with as_completed and streams each line as its price arrives, in arrival order (not the order asked); leftover fetches keep running
# fails: 1, 2, 3
# says: not in the order asked
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
    async def one(symbol: str) -> tuple[str, float]:
        return symbol, await quotes.get(symbol)

    for next_done in asyncio.as_completed([one(s) for s in symbols]):
        symbol, price = await next_done
        yield f"{symbol}: {price}\n"


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    return StreamingResponse(price_lines(symbols.split(","), quotes), media_type="text/plain")
