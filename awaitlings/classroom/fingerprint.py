"""A fingerprint of everything that grades: tests, manifest, grader package, pytest config.

The Classroom workflow carries the fingerprint of the pristine course; each grading run
recomputes it and reports loudly when a student changed any of these files. (`regrade` does
not trust them at all: it copies pristine ones over the student's.) The code lives in the base
layer (`awaitlings.pristine`) so that the engine's progress summary can use it too.
"""

from __future__ import annotations

from awaitlings.pristine import GRADING_PATHS, NOT_GRADING, fingerprint, grading_files, per_file

__all__ = ["GRADING_PATHS", "NOT_GRADING", "fingerprint", "grading_files", "per_file"]
