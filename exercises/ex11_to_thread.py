"""Exercise 11 · Blocking libraries in async code

Many libraries are not async: `requests`, old database drivers, vendor SDKs. Their calls
block: they hold the thread until the answer arrives. Inside `async def`, a blocking call
holds the *event loop's* thread, so every other task waits too. Putting it in an
`async def` wrapper changes nothing: the call still runs on the loop's thread.

`asyncio.to_thread(func, *args)` runs `func(*args)` in a worker thread and gives you
something to await. The loop stays free while the thread waits, and several calls sent
to threads wait at the same time:

    def read_sensor(port):            # a blocking function from some library
        ...

    value = await asyncio.to_thread(read_sensor, 8)   # not: read_sensor(8)

Note: pass the function and its arguments separately. `asyncio.to_thread(read_sensor(8))`
would call `read_sensor` right away, on the loop's thread, and then hand its result over.

`client.get(city)` below is such a blocking call: a legacy weather client that takes
a while to answer.

Your tasks:
  1. `fetch_weather(client, city)` returns `client.get(city)` without blocking the event
     loop.
  2. `fetch_all(client, cities)` returns the weather for every city, in the order given,
     with all the blocking calls waiting at the same time.

Check your work:  pytest tests/test_ex11_to_thread.py    Stuck?  awaitlings hint 11
"""

import asyncio


async def fetch_weather(client, city: str) -> str:
    # TODO: `client.get` blocks: run it in a worker thread and await it.
    return client.get(city)


async def fetch_all(client, cities: list[str]) -> list[str]:
    # TODO: this waits for each city before asking for the next. Start them all, then
    # wait for them together.
    results = []
    for city in cities:
        results.append(await fetch_weather(client, city))
    return results


if __name__ == "__main__":  # `python exercises/ex11_to_thread.py` shows what your code does
    from awaitlings.student.demos import demo
    demo(__file__)
