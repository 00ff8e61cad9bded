# right: the async handler is wrapped in a functools.wraps logging decorator (async wrapper) under @app.get
import functools
import logging
import time
from typing import Any, Awaitable, Callable

from fastapi import FastAPI

log = logging.getLogger(__name__)

app = FastAPI(title="awaitlings · first async route")


def timed(handler: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(handler)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await handler(*args, **kwargs)
        finally:
            log.info("%s took %.3f ms", handler.__name__, (time.perf_counter() - started) * 1000)

    return wrapper


@app.get("/ping")
@timed
async def ping() -> dict[str, str]:
    return {"message": "pong"}
