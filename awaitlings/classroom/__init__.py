"""Grading as GitHub Classroom and instructors run it: the workflow, the lock file, the grading
files' fingerprint, the job summary, and `regrade`."""
