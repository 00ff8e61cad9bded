"""Every kept answer is graded as it must be: each wrong answer in selftest/wrong/ fails the tasks
it names, with the message it names; each right answer in selftest/right/ passes every task.

All of them are graded by the real course tests in one separate pytest session, so this also
proves that grading works end to end (targets, workers, results JSON).
"""

from __future__ import annotations

import pytest

from awaitlings.course import answers
from awaitlings.manifest import course

WRONG = answers.discover()
RIGHT = answers.discover_right()
CASES = WRONG + RIGHT


@pytest.fixture(scope="session")
def graded(request):
    # Grade only the cases this run selected (`-k ex06` grades ex06's kept answers only).
    selected = [
        item.callspec.params["case"]
        for item in request.session.items
        if hasattr(item, "callspec") and "case" in item.callspec.params
    ]
    return answers.grade_all(selected or CASES)


# The first test grades every kept answer (the session fixture): far longer than one test's limit.
@pytest.mark.timeout(3600)
@pytest.mark.parametrize("case", WRONG, ids=[c.id for c in WRONG])
def test_wrong_answer_fails(case, graded):
    problems = answers.check(case, graded[case.id])
    assert not problems, "\n".join(problems)


@pytest.mark.timeout(3600)
@pytest.mark.parametrize("case", RIGHT, ids=[c.id for c in RIGHT])
def test_right_answer_passes(case, graded):
    problems = answers.check(case, graded[case.id])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind, cases, least", [("wrong", WRONG, 1), ("right", RIGHT, 4)])
def test_every_exercise_has_kept_answers(kind, cases, least):
    counts = {ex.module: 0 for ex in course().exercises}
    for case in cases:
        counts[case.module] += 1
    short = {module: n for module, n in counts.items() if n < least}
    assert not short, f"exercises with fewer than {least} {kind} answers in selftest/{kind}/: {short}"


def test_a_wrong_answer_is_graded_on_the_tasks_it_must_fail_only():
    case = next(c for c in WRONG if c.module == "ex01_first_coroutine" and len(c.fails) == 1)
    graded = answers.grade_all([case])[case.id]
    ran = {t.task_id for t in graded.tests if t.exercise == case.module}
    assert ran == set(case.fails), f"{case.id} must fail only {case.fails}, yet tests of tasks {ran} ran"


def test_a_right_answer_that_fails_a_task_is_reported(tmp_path):
    # The check must be able to fail: a "right" answer that is really the stub is caught.
    ex = course().by_module("ex01_first_coroutine")
    folder = tmp_path / "ex01_first_coroutine"
    folder.mkdir()
    stub = folder / "stub_as_right.py"
    stub.write_text("# right: (not really) the stub itself\n" + (answers.ROOT / ex.exercise_file).read_text())
    case = answers.parse(stub, ex.module, course())
    assert case.right
    problems = answers.check(case, answers.grade_all([case])[case.id])
    assert problems and "is correct, yet" in problems[0]
