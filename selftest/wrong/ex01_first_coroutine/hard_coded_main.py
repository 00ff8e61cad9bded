# wrong: main returns the right values without awaiting anything
# fails: 2
# says: without calling greet
async def greet(name: str) -> str:
    return f"Hello, {name}!"


async def add(a: int, b: int) -> int:
    return a + b


async def main():
    return "Hello, Ada!", 5
