"""The picture of what ran when (`awaitlings.engine.timeline`): rows, bars and marks."""

from __future__ import annotations

import asyncio
import re

import pytest

from awaitlings.engine.fakes import Call, SlowAPI
from awaitlings.engine.runner import RunOptions, run
from awaitlings.engine.timeline import AXIS, BAR, draw_timeline
from awaitlings.engine.verdicts import Verdict
from awaitlings.probes import Stopwatch, expect_concurrent, expect_in_flight_at_most

pytestmark = pytest.mark.timeout(60)


def done(key: str, start: float, end: float) -> Call:
    return Call(key=key, start=start, end=end, outcome="done")


def bars(picture: str, width: int = 30) -> list[str]:
    """The bar of each row: the cells drawn with BAR or AXIS, `width` of them."""
    found = []
    for line in picture.splitlines():
        cells = "".join(ch for ch in line if ch in (BAR, AXIS))
        assert len(cells) == width, line
        found.append(cells)
    return found


def span(bar: str) -> tuple[int, int]:
    """First and past-the-last column of a bar's drawn cells."""
    return bar.index(BAR), bar.rindex(BAR) + 1


def test_sequential_calls_form_a_staircase():
    picture = draw_timeline([done("/weather", 0.0, 0.5), done("/news", 0.5, 0.9), done("/stocks", 0.9, 1.2)])
    assert picture.splitlines() == [
        "/weather  ████████████░░░░░░░░░░░░░░░░░░  0.0–0.5 s",
        "/news     ░░░░░░░░░░░░██████████░░░░░░░░  0.5–0.9 s",
        "/stocks   ░░░░░░░░░░░░░░░░░░░░░░████████  0.9–1.2 s",
    ]
    first, second, third = map(span, bars(picture))
    assert first[1] == second[0] and second[1] == third[0]  # one after another, no overlap
    assert first[0] == 0 and third[1] == 30  # the axis runs from the first start to the last end


def test_concurrent_calls_share_their_columns():
    picture = draw_timeline([done("a", 0.0, 0.3), done("b", 0.0, 0.3), done("c", 0.0, 0.3)])
    assert bars(picture) == [BAR * 30] * 3
    assert all(line.endswith("0.0–0.3 s") for line in picture.splitlines())


def test_half_concurrent_calls_overlap_two_by_two():
    picture = draw_timeline([done("a", 0.0, 0.3), done("b", 0.0, 0.3), done("c", 0.3, 0.6)])
    a, b, c = map(span, bars(picture))
    assert a == b == (0, 15) and c == (15, 30)


def test_the_axis_runs_from_since_to_until():
    picture = draw_timeline([done("a", 10.2, 10.5)], since=10.0, until=11.0)
    (bar,) = bars(picture)
    assert span(bar) == (6, 15)  # 0.2–0.5 s of a 1 s axis, in 30 columns
    assert "0.2–0.5 s" in picture


def test_running_calls_reach_the_right_edge_and_say_so():
    picture = draw_timeline([done("a", 0.0, 0.3), Call(key="b", start=0.1)], until=0.6)
    a, b = bars(picture)
    assert span(a) == (0, 15) and span(b) == (5, 30)
    assert picture.splitlines()[1].endswith("from 0.1 s, still running")


def test_failed_and_cancelled_calls_are_marked():
    picture = draw_timeline(
        [
            done("ok", 0.0, 0.3),
            Call(key="refused", start=0.0, end=0.0, outcome="failed"),
            Call(key="stopped", start=0.0, end=0.2, outcome="cancelled"),
        ]
    )
    ok, refused, stopped = picture.splitlines()
    assert ok.endswith("0.0–0.3 s")
    assert refused.endswith("at 0.0 s  failed")
    assert stopped.endswith("0.0–0.2 s  cancelled")


def test_calls_that_take_no_time_are_still_visible():
    picture = draw_timeline([done("long", 0.0, 1.0), done("instant", 0.5, 0.5), done("last", 1.0, 1.0)])
    _, instant, last = map(span, bars(picture))
    assert instant == (15, 16) and last == (29, 30)
    assert draw_timeline([done("a", 2.0, 2.0), done("b", 2.0, 2.0)]).count(BAR) == 2


def test_many_calls_collapse_into_one_more_row():
    calls = [done(f"/items/{i}", 0.3 * i, 0.3 * i + 0.3) for i in range(50)]
    lines = draw_timeline(calls).splitlines()
    assert len(lines) == 11
    assert [line.split()[0] for line in lines[:10]] == [f"/items/{i}" for i in range(10)]
    assert lines[10].startswith("… and 40 more") and lines[10].endswith("3.0–15.0 s")
    more = bars("\n".join(lines))[10]
    assert span(more) == (6, 30) and BAR * 24 in more  # when the 40 others ran, together
    assert len(draw_timeline(calls, rows=3).splitlines()) == 4
    assert "more" not in draw_timeline(calls[:4], rows=3)  # one call left over gets its own row


def test_the_more_row_counts_unfinished_calls():
    calls = [done(str(i), 0.0, 0.1) for i in range(3)]
    calls += [Call(key="x", start=0.0), Call(key="y", start=0.0, end=0.1, outcome="failed")]
    last = draw_timeline(calls, rows=3, until=0.2).splitlines()[-1]
    assert last.startswith("… and 2 more") and last.endswith("(1 still running, 1 failed)")


def test_width_and_long_labels():
    calls = [done("/a/very/long/path/to/an/item-42", 0.0, 0.2), done("b", 0.2, 0.4)]
    picture = draw_timeline(calls, width=10)
    assert [span(bar) for bar in bars(picture, width=10)] == [(0, 5), (5, 10)]
    first = picture.splitlines()[0]
    assert first.startswith("…to/an/item-42  ")  # the end of a key is what tells keys apart
    assert len(first.split("  ")[0]) == 14
    assert [re.search(f"[{BAR}{AXIS}]", line).start() for line in picture.splitlines()] == [16, 16]


def test_plain_text_only():
    picture = draw_timeline([Call(key={"odd": "key\nwith a newline"}, start=0.0)])
    assert "\x1b" not in picture and "\t" not in picture and len(picture.splitlines()) == 1
    assert draw_timeline([]) == "(no calls were recorded)"


def test_the_verdicts_show_the_picture():
    async def sequential():
        api = SlowAPI(delay=0.3)
        with Stopwatch() as sw:
            for key in "abc":
                await api.get(key)
        expect_concurrent(api, calls=3, each=0.3, elapsed=sw.elapsed, what="fetches", since=sw.start)

    async def too_many():
        api = SlowAPI(delay=0.3)
        await asyncio.gather(*(api.get(key) for key in "abcd"))
        expect_in_flight_at_most(api, 2, what="requests")

    with pytest.raises(Verdict) as info:
        run(sequential, RunOptions())
    text = str(info.value)
    assert "they ran one after another" in text
    assert text.endswith(
        "a  ██████████░░░░░░░░░░░░░░░░░░░░  0.0–0.3 s\n"
        "b  ░░░░░░░░░░██████████░░░░░░░░░░  0.3–0.6 s\n"
        "c  ░░░░░░░░░░░░░░░░░░░░██████████  0.6–0.9 s"
    )
    with pytest.raises(Verdict) as info:
        run(too_many, RunOptions())
    assert str(info.value).endswith("d  " + BAR * 30 + "  0.0–0.3 s")
