"""The stable API test authors import (`from awaitlings.probes import ...`).

It lives in `awaitlings.engine.probes`; this name stays when the engine's layout changes.
"""

from awaitlings.engine.probes import *  # noqa: F403
from awaitlings.engine.probes import __all__ as __all__
