# right: @app.api_route("/ping", methods=["GET"]) returning an explicit JSONResponse
from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI(title="awaitlings · first async route")


@app.api_route("/ping", methods=["GET"])
async def ping() -> JSONResponse:
    return JSONResponse(content={"message": "pong"}, status_code=200)
