"""What `awaitlings watch` writes: colours when the output is a terminal, and test messages cut
to a readable length."""

from __future__ import annotations

import os
from typing import Any

MESSAGE_LINES = 14  # lines of one test's message shown before it is cut short


class Style:
    """ANSI colours when writing to a terminal (and NO_COLOR is unset); plain text otherwise."""

    def __init__(self, stream: Any) -> None:
        self.color = bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "✓✗·—…".encode(encoding)
            self.ok, self.bad = "✓", "✗"
        except (UnicodeEncodeError, LookupError):
            self.ok, self.bad = "+", "x"

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.color else text

    def green(self, text: str) -> str:
        return self._wrap("32", text)

    def red(self, text: str) -> str:
        return self._wrap("31", text)

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def clear(self) -> str:
        return "\033[H\033[2J\033[3J" if self.color else ""


def trim_message(message: str | None, max_lines: int = MESSAGE_LINES) -> list[str]:
    """A test's message, short enough to read: verdicts whole, tracebacks cut to their point."""
    if not message:
        return ["(the test failed without a message)"]
    lines = [line.rstrip() for line in message.strip().splitlines()]
    if len(lines) <= max_lines:
        return lines
    errors = [line for line in lines if line.startswith("E ")]
    if errors:  # a pytest traceback: the `E ...` lines say what went wrong
        kept = errors[:max_lines]
        more = len(errors) - len(kept)
    else:  # something else long: its end is usually the error itself
        kept = lines[-max_lines:]
        more = len(lines) - len(kept)
    if more > 0:
        kept.append(f"[... {more} more lines: run `pytest` on this exercise's test file to see them all]")
    return kept
