# right: APIRouter without prefix + include_router; an async helper coroutine function added as the background task
import asyncio
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, FastAPI
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
router = APIRouter(tags=["orders"])


async def send_receipt(mailer: Mailer, order: Order) -> None:
    await mailer.send(order.email, receipt(order))


@router.post("/orders")
async def place_order(
    order: Order,
    mailer: Annotated[Mailer, Depends(get_mailer)],
    background_tasks: BackgroundTasks,
):
    background_tasks.add_task(send_receipt, mailer, order)
    return {"status": "accepted", "item": order.item}


app.include_router(router)
