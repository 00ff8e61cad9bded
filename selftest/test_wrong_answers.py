"""Every wrong answer in selftest/wrong/ fails the tasks it names, with the message it names.

The wrong answers are graded by the real course tests in separate pytest processes, so this
also proves that grading works end to end (targets, workers, results JSON).
"""

from __future__ import annotations

import pytest

from awaitlings import wrong_answers

CASES = wrong_answers.discover()


@pytest.fixture(scope="session")
def graded(request):
    # Grade only the cases this run selected (`-k ex06` grades ex06's wrong answers only).
    selected = [item.callspec.params["case"] for item in request.session.items
                if hasattr(item, "callspec") and "case" in item.callspec.params]
    return wrong_answers.grade_all(selected or CASES)


@pytest.mark.timeout(900)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_wrong_answer_fails(case, graded):
    problems = wrong_answers.check(case, graded[case.id])
    assert not problems, "\n".join(problems)


def test_every_exercise_has_wrong_answers():
    from awaitlings.manifest import course

    covered = {c.module for c in CASES}
    missing = [ex.module for ex in course().exercises if ex.module not in covered]
    assert not missing, f"exercises without wrong answers in selftest/wrong/: {missing}"


def test_a_wrong_answer_is_graded_on_the_tasks_it_must_fail_only():
    case = next(c for c in CASES if c.module == "ex01_first_coroutine" and len(c.fails) == 1)
    graded = wrong_answers.grade_all([case])[case.id]
    ran = {t.task_id for t in graded.tests if t.exercise == case.module}
    assert ran == set(case.fails), f"{case.id} must fail only {case.fails}, yet tests of tasks {ran} ran"
