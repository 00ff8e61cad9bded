# right: builds the body with json.dumps and sends it in a Response with media_type="application/json; charset=utf-8"
import json

from fastapi import FastAPI, Response

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping")
async def ping() -> Response:
    return Response(content=json.dumps({"message": "pong"}), media_type="application/json; charset=utf-8")
