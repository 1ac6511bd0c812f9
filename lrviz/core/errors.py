"""Errors a user can act on. ``str(error)`` is the whole message, naming the file and the problem."""

from __future__ import annotations


class LrvizError(Exception):
    """Base class: a problem to show to the user as one line, never as a traceback."""


class DataError(LrvizError):
    """Bad input: ``source`` is the file or folder (or built-in name), ``problem`` says what is wrong."""

    def __init__(self, source: object, problem: str):
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")


class Cancelled(LrvizError):
    """The user cancelled a long operation (e.g. loading a large image folder)."""
