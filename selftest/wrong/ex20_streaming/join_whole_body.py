# wrong: builds the whole body with join and returns it in one piece
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


@app.get("/prices")
async def prices(symbols: str, quotes: Annotated[QuoteService, Depends(get_quotes)]):
    lines = [f"{s}: {await quotes.get(s)}\n" for s in symbols.split(",")]
    return PlainTextResponse("".join(lines))
