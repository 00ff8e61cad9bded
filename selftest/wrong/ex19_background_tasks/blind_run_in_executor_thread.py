# wrong: loop.run_in_executor(None, asyncio.run, mailer.send(...)) in the route: a second event loop in a thread, never awaited
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


@app.post("/orders")
async def place_order(order: Order, mailer: Annotated[Mailer, Depends(get_mailer)]):
    loop = asyncio.get_running_loop()
    loop.run_in_executor(None, asyncio.run, mailer.send(order.email, receipt(order)))
    return {"status": "accepted", "item": order.item}
