# wrong: the stub as given: everything one after another, load errors swallowed
# fails: all
# says: one after another
# says: although loading
import asyncio
from typing import Any


async def build_page(db: Any, api: Any, user_ids: list[str]) -> dict[str, Any]:
    users = []
    for user_id in user_ids:  # TODO: load the users in the background...
        users.append(await db.fetch(user_id))
    header = await api.get("/header")  # TODO: ...while this one runs
    return {"header": header, "users": users}


async def load_all(db: Any, keys: list[str]) -> list[Any]:
    results = []
    for key in keys:  # TODO: load them all at the same time
        try:
            results.append(await db.fetch(key))
        except Exception:
            results.append(None)  # TODO: hiding an error is not handling it
    return results
