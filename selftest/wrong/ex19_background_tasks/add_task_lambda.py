# wrong: hands add_task a lambda that calls mailer.send: a plain function, run in a thread, whose coroutine nobody awaits
# fails: all
# says: never awaited
import asyncio
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from pydantic import BaseModel


class Mailer:
    """The real mail service: slow, like every mail server."""

    async def send(self, to: str, text: str) -> None:
        await asyncio.sleep(0.8)
        print(f"mail to {to}: {text}")


def get_mailer() -> Mailer:
    return Mailer()


class Order(BaseModel):
    email: str
    item: str


def receipt(order: Order) -> str:
    return f"Thank you for your order: {order.item}."


app = FastAPI(title="awaitlings · background tasks")


@app.post("/orders")
async def place_order(
    order: Order, background_tasks: BackgroundTasks, mailer: Annotated[Mailer, Depends(get_mailer)]
):
    background_tasks.add_task(lambda: mailer.send(order.email, receipt(order)))
    return {"status": "accepted", "item": order.item}
