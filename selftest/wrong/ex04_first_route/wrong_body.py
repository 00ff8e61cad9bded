# wrong: answers with a plain string instead of the JSON object
# fails: 1
# says: expected {"message": "pong"}
from fastapi import FastAPI

app = FastAPI()


@app.get("/ping")
async def ping():
    return "pong"
