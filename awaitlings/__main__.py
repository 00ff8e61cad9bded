"""`python -m awaitlings ...` is the same as the `awaitlings` command."""

from awaitlings.student.cli import main

raise SystemExit(main())
