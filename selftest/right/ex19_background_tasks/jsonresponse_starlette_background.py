# right: no BackgroundTasks parameter; returns JSONResponse(background=starlette BackgroundTask(...))
import asyncio
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.background import BackgroundTask


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


@app.post("/orders")
async def place_order(order: Order, mailer: Annotated[Mailer, Depends(get_mailer)]):
    task = BackgroundTask(mailer.send, order.email, receipt(order))
    return JSONResponse({"status": "accepted", "item": order.item}, background=task)
