# wrong: fire-and-forget asyncio.create_task; nobody waits for the receipt
# fails: 1
# says: still being sent
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
async def place_order(order: Order, mailer: Annotated[Mailer, Depends(get_mailer)]):
    asyncio.create_task(mailer.send(order.email, receipt(order)))
    return {"status": "accepted", "item": order.item}
