# wrong: plain def background task that runs mailer.send with asyncio.run in the worker thread (a second event loop)
# fails: 1
import asyncio
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from pydantic import BaseModel


class Mailer:
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


def send_receipt(mailer: Mailer, to: str, text: str) -> None:
    asyncio.run(mailer.send(to, text))


@app.post("/orders")
async def place_order(
    order: Order,
    mailer: Annotated[Mailer, Depends(get_mailer)],
    background_tasks: BackgroundTasks,
):
    background_tasks.add_task(send_receipt, mailer, order.email, receipt(order))
    return {"status": "accepted", "item": order.item}
