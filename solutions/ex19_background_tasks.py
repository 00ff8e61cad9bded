"""Exercise 19 · Background tasks (reference solution)."""

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
    background_tasks.add_task(mailer.send, order.email, receipt(order))
    return {"status": "accepted", "item": order.item}


if __name__ == "__main__":  # `python exercises/ex19_background_tasks.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
