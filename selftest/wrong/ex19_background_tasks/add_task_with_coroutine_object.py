# wrong: calls the mailer inside add_task(...) instead of passing the function
# fails: all
# says: the function and its arguments separately
import asyncio
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel


class Mailer:
    async def send(self, to: str, text: str) -> None:
        await asyncio.sleep(0.8)


def get_mailer() -> Mailer:
    return Mailer()


class Order(BaseModel):
    email: str
    item: str


def receipt(order: Order) -> str:
    return f"Thank you for your order: {order.item}."


app = FastAPI()


@app.post("/orders")
async def place_order(
    order: Order, background_tasks: BackgroundTasks, mailer: Annotated[Mailer, Depends(get_mailer)]
):
    background_tasks.add_task(mailer.send(order.email, receipt(order)))
    return {"status": "accepted", "item": order.item}
