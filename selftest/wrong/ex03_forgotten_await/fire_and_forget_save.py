# wrong: starts the save as a task and returns without awaiting it
# fails: 2
# says: never saved
import asyncio


async def get_price(api, item):
    return await api.get(item)


async def place_order(db, order_id, items):
    asyncio.create_task(db.save(order_id, items))
    return f"order {order_id} placed"
