# right: the handler is registered imperatively with app.add_api_route("/ping", ping, methods=["GET"])
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


async def ping() -> dict[str, str]:
    return {"message": "pong"}


app.add_api_route("/ping", ping, methods=["GET"])
