# right: APIRouter(prefix="/prices") + include_router, route path ""; the generator yields encoded bytes
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

from fastapi import APIRouter, Query

app = FastAPI(title="awaitlings · streaming")
router = APIRouter(prefix="/prices")


async def price_lines(symbols: list[str], quotes: QuoteService) -> AsyncIterator[bytes]:
    for symbol in symbols:
        price = await quotes.get(symbol)
        yield f"{symbol}: {price}\n".encode()


@router.get("")
async def prices(
    symbols: Annotated[str, Query(description="comma-separated symbols")],
    quotes: Annotated[QuoteService, Depends(get_quotes)],
):
    return StreamingResponse(price_lines(symbols.split(","), quotes), media_type="text/plain")


app.include_router(router)
