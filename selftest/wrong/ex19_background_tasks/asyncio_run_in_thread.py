# wrong: a plain def background function that runs the mailer with asyncio.run in a thread
# fails: all
# says: another event loop
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
    def send_receipt() -> None:
        asyncio.run(mailer.send(order.email, receipt(order)))

    background_tasks.add_task(send_receipt)
    return {"status": "accepted", "item": order.item}
