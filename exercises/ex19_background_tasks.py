"""Exercise 19 · Background tasks

Some work belongs to a request but not to its answer: a receipt email, a log entry, a cache
refresh. The customer should not wait for it, yet it must still happen. FastAPI's
`BackgroundTasks` does exactly that: ask for a `BackgroundTasks` parameter, hand it a function
and its arguments, and FastAPI calls it *after* the response has been sent (an `async def`
function is awaited on the event loop, a plain `def` one runs in the thread pool):

    @app.post("/signup")
    async def signup(user: User, background_tasks: BackgroundTasks):
        background_tasks.add_task(audit_log.write, "signup", user.name)   # no () on write!
        return {"welcome": user.name}

A task you start yourself with `asyncio.create_task(...)` and never await is no substitute:
nobody waits for it, nobody sees its errors, and it can be lost when the server shuts down.

The mailer reaches the route through the dependency `get_mailer` (tests replace it with
`app.dependency_overrides[get_mailer]`), so keep the parameter
`mailer: Annotated[Mailer, Depends(get_mailer)]`.

Your tasks:
  1. `POST /orders` still answers {"status": "accepted", "item": ...}, and every order gets
     its receipt: `mailer.send(order.email, receipt(order))`, awaited to the end on the app's
     own event loop (not forgotten in a task, not `asyncio.run` in a thread).
  2. The customer gets the response before the receipt is sent: sending takes the mailer a
     while, and nobody should wait for it.

Check your work:  pytest tests/test_ex19_background_tasks.py     Stuck?  awaitlings hint 19
Try it live:      uvicorn exercises.ex19_background_tasks:app --reload   then POST /orders in /docs
"""

import asyncio
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from pydantic import BaseModel


class Mailer:
    """The real mail service: slow, like every mail server."""

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
    # TODO: send the receipt, mailer.send(order.email, receipt(order)), after the response.
    return {"status": "accepted", "item": order.item}


if __name__ == "__main__":  # `python exercises/ex19_background_tasks.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
