"""awaitlings: exercises that teach async/await in Python and FastAPI, and the grader for them."""

__version__ = "0.1.0"
