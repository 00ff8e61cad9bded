"""What students run: the `awaitlings` command and watch mode."""
