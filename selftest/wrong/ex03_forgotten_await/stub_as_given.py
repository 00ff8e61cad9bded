# wrong: both awaits missing (the stub)
# fails: all
# says: coroutine object
# says: never awaited
async def get_price(api, item):
    price = api.get(item)
    return price


async def place_order(db, order_id, items):
    db.save(order_id, items)
    return f"order {order_id} placed"
