# right: APIRouter without prefix; the route wraps price_lines in a second async generator that adds nothing but forwards lines
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

from fastapi import APIRouter

app = FastAPI(title="awaitlings · streaming")
router = APIRouter()


async def price_lines(symbols: list[str], quotes: QuoteService) -> AsyncIterator[str]:
    for symbol in symbols:
        yield "{}: {}\n".format(symbol, await quotes.get(symbol))


async def forward(lines: AsyncIterator[str]) -> AsyncIterator[str]:
    async for line in lines:
        yield line


@router.get("/prices", response_class=StreamingResponse)
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]) -> StreamingResponse:
    symbol_list = symbols.split(",")
    return StreamingResponse(forward(price_lines(symbol_list, quotes)), media_type="text/plain")


app.include_router(router)
