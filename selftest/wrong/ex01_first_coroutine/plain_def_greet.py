# wrong: greet is a plain def; main hard-codes the answer
# fails: all
# says: must be a coroutine function
async def add(a: int, b: int) -> int:
    return a + b


def greet(name: str) -> str:
    return f"Hello, {name}!"


async def main():
    return "Hello, Ada!", 5
