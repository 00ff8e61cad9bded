"""Loads the grader plugin for every pytest run in this repository (no install needed)."""

pytest_plugins = ["awaitlings.pytest_plugin"]
