# wrong: response_class=HTMLResponse on a dict-returning handler: the body is sent as text/html, not JSON
# fails: 1
# says: content-type application/json
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI(title="awaitlings · first async route")


@app.get("/ping", response_class=HTMLResponse)
async def ping():
    return HTMLResponse('{"message": "pong"}')
