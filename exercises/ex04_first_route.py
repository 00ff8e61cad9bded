"""Exercise 4 · Your first async route

FastAPI turns Python functions into web routes. A route written with `async def` runs on the
event loop, so while one request awaits a database or another API, the server answers
others. (A route with no blocking work, like this one, is also best as `async def`.)

    @app.get("/hello")
    async def hello():
        return {"message": "hi"}     # sent back as JSON

Your tasks:
  1. `GET /ping` answers status 200 with the JSON body {"message": "pong"}.
  2. The `/ping` handler is a coroutine function (`async def`).

Check your work:  pytest tests/test_ex04_first_route.py     Stuck?  awaitlings hint 4
Try it live:      uvicorn exercises.ex04_first_route:app --reload   then open /docs
"""

from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")

# TODO: add the GET /ping route here.


if __name__ == "__main__":  # `python exercises/ex04_first_route.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
