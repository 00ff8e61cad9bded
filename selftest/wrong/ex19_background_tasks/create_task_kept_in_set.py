# wrong: create_task kept in a module-level set (the "keep a reference" recipe), but still nobody awaits it
# fails: 1
# says: still being sent
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


_sending: set[asyncio.Task] = set()  # keeps the tasks from being garbage-collected


@app.post("/orders")
async def place_order(order: Order, mailer: Annotated[Mailer, Depends(get_mailer)]):
    task = asyncio.create_task(mailer.send(order.email, receipt(order)))
    _sending.add(task)
    task.add_done_callback(_sending.discard)
    return {"status": "accepted", "item": order.item}
