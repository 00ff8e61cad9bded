"""Which code is graded (`--target`), and importing it with errors a student can act on."""

from __future__ import annotations

import importlib
import re
import sys
import traceback
from pathlib import Path
from types import ModuleType

from awaitlings.engine.verdicts import Verdict
from awaitlings.manifest import ROOT

NAMED_TARGETS = ("exercises", "solutions")


def target_dir(target: str) -> Path:
    """`exercises` and `solutions` name the repo's folders; anything else is a folder path."""
    if target in NAMED_TARGETS:
        return ROOT / target
    return Path(target).resolve()


class ModuleLoader:
    """Imports `<target package>.<module>` once per process and remembers failures too."""

    def __init__(self, target: str, state: Path | None = None) -> None:
        self.directory = target_dir(target)
        self.package = self.directory.name
        if not self.package.isidentifier():
            # A folder like /tmp/tmp.x1 is no importable package name: register one for it.
            self.package = "awaitlings_target_" + re.sub(r"\W", "_", self.package)
            if self.package not in sys.modules:
                pkg = ModuleType(self.package)
                pkg.__path__ = [str(self.directory)]
                sys.modules[self.package] = pkg
        self.state = state  # shared with restarted workers: remembers imports that never returned
        self._cache: dict[str, ModuleType | Verdict] = {}

    def import_marker(self, module: str) -> Path | None:
        return self.state / f"importing-{self.package}-{module}.txt" if self.state is not None else None

    def file_for(self, module: str) -> Path:
        return self.directory / f"{module}.py"

    def load(self, module: str) -> ModuleType:
        cached = self._cache.get(module)
        if cached is None:
            cached = self._cache[module] = self._import(module)
        if isinstance(cached, Verdict):
            raise cached
        return cached

    def _import(self, module: str) -> ModuleType | Verdict:
        path = self.file_for(module)
        shown = _shown(path)
        if not path.exists():
            return Verdict(f"{shown} does not exist. Restore it with `awaitlings reset {module[:4]}`.")
        marker = self.import_marker(module)
        if marker is not None and marker.exists():
            # An earlier worker started this import and died in it (a hang, os._exit, a crash):
            # fail at once instead of paying for it again in every test.
            return Verdict(marker.read_text(encoding="utf-8"))
        if marker is not None:
            marker.write_text(
                f"{shown} cannot be imported: importing it ended the test process (os._exit(), "
                "a crash, or a kill). Code at the top level of an exercise runs as soon as it is "
                "imported; keep it to imports and definitions.",
                encoding="utf-8",
            )
        try:
            return self._import_now(module, path, shown)
        finally:
            if marker is not None:
                marker.unlink(missing_ok=True)

    def _import_now(self, module: str, path: Path, shown: str) -> ModuleType | Verdict:
        parent = str(self.directory.parent)
        if parent not in sys.path:
            sys.path.insert(0, parent)
        name = f"{self.package}.{module}"
        try:
            return importlib.import_module(name)
        except SyntaxError as exc:
            return Verdict(_syntax_message(exc, shown))
        except BaseException as exc:
            sys.modules.pop(name, None)
            return Verdict(_import_error_message(exc, path, shown))


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def _syntax_message(exc: SyntaxError, shown: str) -> str:
    line = (exc.text or "").rstrip("\n")
    pointer = ""
    if line and exc.offset:
        pointer = "\n    " + " " * (exc.offset - 1 - (len(line) - len(line.lstrip()))) + "^"
    source = f"\n    {line.strip()}{pointer}" if line else ""
    advice = "Fix it and run the tests again; the other exercises are graded as usual."
    msg = str(exc.msg)
    if "outside async function" in msg:
        advice = (
            "`await` is only allowed inside a coroutine function. Make the enclosing function "
            "`async def` (and await it where it is called), or run the coroutine from plain "
            "code with `asyncio.run(...)`."
        )
    elif "asynchronous comprehension outside" in msg or "'async with' outside" in msg or ("'async for' outside" in msg):
        advice = "`async with` and `async for` only work inside an `async def` function."
    return f"{shown} cannot be imported: SyntaxError at line {exc.lineno}: {msg}{source}\n\n{advice}"


def _import_error_message(exc: BaseException, path: Path, shown: str) -> str:
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if Path(frame.filename).resolve() == path.resolve():
            line = frame.lineno
    where = f" at line {line}" if line else ""
    kind = type(exc).__name__
    if isinstance(exc, SystemExit):
        what = "calls sys.exit() (or raises SystemExit) while it is imported"
    elif isinstance(exc, KeyboardInterrupt):
        what = "raises KeyboardInterrupt while it is imported"
    else:
        what = f"raised {kind}: {exc}"
    return (
        f"{shown} cannot be imported: it {what}{where}.\n\n"
        "Code at the top level of an exercise runs as soon as it is imported. Keep it to "
        "imports and definitions; put anything that runs inside functions (or under "
        '`if __name__ == "__main__":`).'
    )
