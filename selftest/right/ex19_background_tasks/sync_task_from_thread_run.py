# right: a plain `def` background task (thread pool) that hands mailer.send back to the app's loop with anyio.from_thread.run
import asyncio
from typing import Annotated

import anyio.from_thread
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


def deliver_receipt(mailer: Mailer, to: str, text: str) -> None:
    # runs in FastAPI's worker thread; the coroutine itself runs on the app's event loop
    anyio.from_thread.run(mailer.send, to, text)


@app.post("/orders")
async def place_order(
    order: Order,
    mailer: Annotated[Mailer, Depends(get_mailer)],
    background_tasks: BackgroundTasks,
):
    background_tasks.add_task(deliver_receipt, mailer, order.email, receipt(order))
    return {"status": "accepted", "item": order.item}
