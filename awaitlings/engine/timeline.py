"""A picture of what ran when: the calls a fake recorded, as a plain-text timeline.

One row per call: its key, a bar on a time axis shared by every row, and when it ran (seconds
from the start of the picture, in the clock the fake recorded: loop time, virtual or real).

    /weather  ██████████░░░░░░░░░░░░░░░░░░░░  0.0–0.4 s
    /news     ░░░░░░░░░░░░░░░░░░░░████████░░  0.4–0.5 s
    /stocks   ░░░░░░░░░░░░░░░░░░░░░░░░░░████  0.7–0.8 s

It is plain text (no colours, no control characters), so it reads the same in a terminal, in
a GitHub job summary and in a JSON string. The empty part of the axis is drawn (`░`), never
left blank: runs of spaces collapse in HTML, which would slide every bar to the left.
Unfinished calls run to the right edge and say so; failed and cancelled ones are marked; a
call that took no time still gets one column; past `rows` calls, the rest share one row.
"""

from __future__ import annotations

from collections.abc import Sequence

from awaitlings.engine.fakes import NOT_WAITED, Call

BAR = "█"
AXIS = "░"

# Fits beside the indentation of `awaitlings watch` in an 80-column terminal.
WIDTH = 30
ROWS = 10
LABEL_WIDTH = 14
MARKED = ("failed", "cancelled", NOT_WAITED)  # outcomes named beside a finished call


def draw_timeline(
    calls: Sequence[Call],
    *,
    since: float | None = None,
    until: float | None = None,
    width: int = WIDTH,
    rows: int = ROWS,
    label_width: int = LABEL_WIDTH,
) -> str:
    """`calls` as lines of text, in the order they started.

    `since`: when the picture starts (e.g. a `Stopwatch`'s `start`; default: the first call's
    start); `until`: when it ends, where unfinished calls stop (default: the last start or
    end). Both are in the clock the calls were recorded in. At most `rows` calls get a row of
    their own (`rows + 1` when that is all of them); the others share a last row
    ("… and 40 more") that shows when any of them ran.
    """
    if not calls:
        return "(no calls were recorded)"
    width, rows = max(width, 1), max(rows, 1)
    ordered = sorted(calls, key=lambda c: c.start)  # stable: calls started together keep their order
    start = min([ordered[0].start, *([since] if since is not None else [])])
    moments = [c.start for c in ordered] + [c.end for c in ordered if c.end is not None]
    end = max([*moments, *([until] if until is not None else [])])
    scale = _Scale(start, end, width)

    keep = rows + 1 if len(ordered) == rows + 1 else rows  # a row for one call, not "… and 1 more"
    shown, hidden = ordered[:keep], ordered[keep:]
    labels = [_label(c.key, label_width) for c in shown]
    more = f"… and {len(hidden)} more" if hidden else ""
    column = max([len(more), *map(len, labels)])
    lines = [f"{label:<{column}}  {scale.bar([c])}  {_when(c, start)}" for label, c in zip(labels, shown, strict=True)]
    if hidden:
        lines.append(f"{more:<{column}}  {scale.bar(hidden)}  {_when_all(hidden, start)}")
    return "\n".join(line.rstrip() for line in lines)


class _Scale:
    """Maps times to columns 0..width of the shared axis."""

    def __init__(self, start: float, end: float, width: int) -> None:
        self.start, self.span, self.width = start, end - start, width

    def column(self, at: float) -> int:
        if self.span <= 0:
            return 0
        return min(self.width, max(0, round((at - self.start) / self.span * self.width)))

    def bar(self, calls: Sequence[Call]) -> str:
        cells = [AXIS] * self.width
        for call in calls:
            first = self.column(call.start)
            last = self.width if call.end is None else self.column(call.end)
            if last <= first:  # took no time (or less than a column): still one column
                first = min(first, self.width - 1)
                last = first + 1
            cells[first:last] = [BAR] * (last - first)
        return "".join(cells)


def _label(key: object, width: int) -> str:
    text = key if isinstance(key, str) else repr(key)
    text = " ".join(text.split())  # one line, whatever the key holds
    return text if len(text) <= width else "…" + text[len(text) - max(width - 1, 0) :]


def _seconds(value: float) -> str:
    """0 -> '0.0', 0.5 -> '0.5', 1.25 -> '1.25'."""
    text = f"{max(value, 0.0):.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _when(call: Call, start: float) -> str:
    began = _seconds(call.start - start)
    if call.end is None:
        return f"from {began} s, still running"
    ended = _seconds(call.end - start)
    when = f"at {began} s" if ended == began else f"{began}–{ended} s"
    return f"{when}  {call.outcome}" if call.outcome in MARKED else when


def _when_all(calls: Sequence[Call], start: float) -> str:
    began = _seconds(min(c.start for c in calls) - start)
    ends = [c.end for c in calls if c.end is not None]
    when = f"{began}–{_seconds(max(ends) - start)} s" if ends else f"from {began} s"
    counts = {
        "still running": sum(1 for c in calls if c.end is None),
        **{outcome: sum(1 for c in calls if c.end is not None and c.outcome == outcome) for outcome in MARKED},
    }
    marks = [f"{n} {what}" for what, n in counts.items() if n]
    return f"{when}  ({', '.join(marks)})" if marks else when
