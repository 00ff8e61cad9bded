# wrong: a plain def route
# fails: 2
# says: plain `def`
from fastapi import FastAPI

app = FastAPI()


@app.get("/ping")
def ping():
    return {"message": "pong"}
