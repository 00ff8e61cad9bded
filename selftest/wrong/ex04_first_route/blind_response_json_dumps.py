# wrong: builds the body by hand with json.dumps in a bare Response, which sends no JSON content type
# fails: 1
# says: content-type application/json
import json

from fastapi import FastAPI, Response

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping")
async def ping() -> Response:
    return Response(content=json.dumps({"message": "pong"}))
