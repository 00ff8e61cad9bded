# wrong: calls queue.task_done() as soon as a job is taken, so queue.join() returns while the last jobs still run, and they are cancelled
# fails: all
# says: cut off
import asyncio


async def worker(queue, api, results):
    while True:
        job = await queue.get()
        queue.task_done()  # "got it"
        results[job] = await api.get(job)


async def process_all(api, jobs, workers):
    queue = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    results = {}
    tasks = [asyncio.create_task(worker(queue, api, results)) for _ in range(workers)]
    await queue.join()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return results
