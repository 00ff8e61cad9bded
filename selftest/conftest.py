"""The tooling's own tests: the grader's parts, and the wrong answers it must fail."""
