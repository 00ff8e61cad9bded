"""Exercise 4 · Your first async route (reference solution)."""

from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping")
async def ping() -> dict[str, str]:
    return {"message": "pong"}


if __name__ == "__main__":  # `python exercises/ex04_first_route.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
