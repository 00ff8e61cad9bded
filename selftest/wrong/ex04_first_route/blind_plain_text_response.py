# wrong: answers with PlainTextResponse, so the body is text/plain, not JSON
# fails: 1
# says: content-type application/json
from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping", response_class=PlainTextResponse)
async def ping():
    return '{"message": "pong"}'
