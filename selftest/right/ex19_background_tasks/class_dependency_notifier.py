# right: a class used as a dependency (Annotated[..., Depends()]) that receives BackgroundTasks and schedules the receipt
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


class ReceiptScheduler:
    """Per-request helper: FastAPI builds it with the request's BackgroundTasks."""

    def __init__(self, background_tasks: BackgroundTasks):
        self.background_tasks = background_tasks

    def schedule(self, mailer: Mailer, order: Order) -> None:
        self.background_tasks.add_task(mailer.send, order.email, receipt(order))


app = FastAPI(title="awaitlings · background tasks")


@app.post("/orders", status_code=200)
async def place_order(
    order: Order,
    mailer: Annotated[Mailer, Depends(get_mailer)],
    receipts: Annotated[ReceiptScheduler, Depends()],
):
    receipts.schedule(mailer, order)
    return {"status": "accepted", "item": order.item}
