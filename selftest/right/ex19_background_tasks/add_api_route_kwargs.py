# right: route registered with app.add_api_route; add_task given keyword arguments
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


async def place_order(
    order: Order,
    background_tasks: BackgroundTasks,
    mailer: Annotated[Mailer, Depends(get_mailer)],
):
    background_tasks.add_task(mailer.send, to=order.email, text=receipt(order))
    return {"status": "accepted", "item": order.item}


app.add_api_route("/orders", place_order, methods=["POST"])
