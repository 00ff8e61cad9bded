# wrong: `@app.get` used without (path): nothing is registered and `ping` is replaced by a decorator -> 404
# fails: 1, 2
from fastapi import FastAPI

app = FastAPI(title="awaitlings · first async route")


@app.get
async def ping():
    return {"message": "pong"}
