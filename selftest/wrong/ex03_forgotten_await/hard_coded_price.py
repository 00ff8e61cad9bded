# wrong: returns a price without asking the API
# fails: 1
# says: the items asked of the API
async def get_price(api, item):
    return 2.5


async def place_order(db, order_id, items):
    await db.save(order_id, items)
    return f"order {order_id} placed"
