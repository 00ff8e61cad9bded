"""`python -m awaitlings ...` is the same as the `awaitlings` command."""

from awaitlings.cli import main

raise SystemExit(main())
