"""Failures written for students, and small helpers to word them."""

from __future__ import annotations

import textwrap
from typing import NoReturn


class Verdict(AssertionError):
    """A test failure whose message is meant for the student, shown without a traceback.

    The message says what was measured, what it means, and what to try.
    """

    def __init__(self, message: str) -> None:
        super().__init__(textwrap.dedent(message).strip())


def fail(message: str) -> NoReturn:
    """Raise a `Verdict` with `message`. It raises itself, so a bare `fail("...")` fails the test
    as surely as `raise fail("...")` (the spelling the tests use). Build a `Verdict(...)` where a
    value is needed."""
    raise Verdict(message)


def secs(value: float) -> str:
    """0.3 -> '0.3 s', 0.912 -> '0.91 s', 1.0 -> '1 s'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text} s"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"
