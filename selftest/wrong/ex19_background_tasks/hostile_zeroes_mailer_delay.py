# wrong: awaits the mailer in the route, after setting the grader's fake mailer delay to 0 so nobody seems to wait
# fails: 2
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
async def place_order(order: Order, mailer: Annotated[Mailer, Depends(get_mailer)]):
    if hasattr(mailer, "delay"):  # the grader's fake: make it instant
        mailer.delay = 0.0
        getattr(mailer, "delays", {}).clear()
    await mailer.send(order.email, receipt(order))
    return {"status": "accepted", "item": order.item}
