# wrong: the background send gets a 0.5 s timeout whose TimeoutError is suppressed, so a slow mailer never delivers
# fails: 1
import asyncio
import contextlib
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


async def send_receipt(mailer: Mailer, to: str, text: str) -> None:
    with contextlib.suppress(TimeoutError):  # "a stuck mail server must not hang the worker"
        async with asyncio.timeout(0.5):
            await mailer.send(to, text)


@app.post("/orders")
async def place_order(
    order: Order, background_tasks: BackgroundTasks, mailer: Annotated[Mailer, Depends(get_mailer)]
):
    background_tasks.add_task(send_receipt, mailer, order.email, receipt(order))
    return {"status": "accepted", "item": order.item}
