# right: handler wrapped in a functools.wraps logging decorator; sys.stdout.write; background task added inside
import asyncio
import functools
import sys
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from pydantic import BaseModel


class Mailer:
    async def send(self, to: str, text: str) -> None:
        await asyncio.sleep(0.8)
        sys.stdout.write(f"mail to {to}: {text}\n")


def get_mailer() -> Mailer:
    return Mailer()


class Order(BaseModel):
    email: str
    item: str


def receipt(order: Order) -> str:
    return f"Thank you for your order: {order.item}."


def logged(handler):
    @functools.wraps(handler)
    async def wrapper(*args, **kwargs):
        sys.stdout.write(f"-> {handler.__name__}\n")
        result = await handler(*args, **kwargs)
        sys.stdout.write(f"<- {handler.__name__}\n")
        return result

    return wrapper


app = FastAPI(title="awaitlings · background tasks")


@app.post("/orders")
@logged
async def place_order(
    order: Order,
    mailer: Annotated[Mailer, Depends(get_mailer)],
    background_tasks: BackgroundTasks,
):
    background_tasks.add_task(mailer.send, order.email, receipt(order))
    return {"status": "accepted", "item": order.item}
