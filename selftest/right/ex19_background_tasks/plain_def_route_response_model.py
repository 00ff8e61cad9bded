# right: plain `def` route (thread pool) with a pydantic response_model; the async mailer.send is still added as the task
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


class Accepted(BaseModel):
    status: str = "accepted"
    item: str


def receipt(order: Order) -> str:
    return f"Thank you for your order: {order.item}."


app = FastAPI(title="awaitlings · background tasks")


@app.post("/orders", response_model=Accepted)
def place_order(
    order: Order,
    mailer: Annotated[Mailer, Depends(get_mailer)],
    background_tasks: BackgroundTasks,
) -> Accepted:
    text = receipt(order)
    background_tasks.add_task(mailer.send, order.email, text)
    return Accepted(item=order.item)
