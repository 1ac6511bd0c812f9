"""Errors a user can act on, and the sentences that explain them.

``str(error)`` is the whole message in English, naming the file and the problem (the command line
prints it as it is). The window shows it in the user's language: every sentence is a
:class:`Message`, an English ``str`` that also keeps its template (marked for Qt's translation
tools with :func:`QT_TRANSLATE_NOOP`) and the values filled into it, so the window can translate
the template and fill in the same values. No Qt here: the marker is a plain function that
``pyside6-lupdate`` finds by its name.
"""

from __future__ import annotations

from collections.abc import Mapping


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Marks ``text`` for translation in ``context``; it is translated where it is shown."""
    return text


class Message(str):
    """An English sentence (it *is* the str) made from ``template`` and ``fields``:
    ``template.format(**fields)``. A field may itself be a Message (a reason inside a sentence).
    ``context`` is the translation context the template was marked with."""

    template: str
    fields: Mapping[str, object]
    context: str

    def __new__(cls, template: str, fields: Mapping[str, object] | None = None, context: str = "DataError"):
        fields = dict(fields or {})
        self = super().__new__(cls, template.format(**fields) if fields else template)
        self.template, self.fields, self.context = template, fields, context
        return self

    def __getnewargs__(self):  # pickled whole: it crosses to the window from the training process
        return self.template, self.fields, self.context

    def render(self, translate) -> str:
        """The sentence with ``translate(context, template)`` for every template, this one's and its
        fields'; ``translate`` returns the template itself where it knows no translation."""
        fields = {k: v.render(translate) if isinstance(v, Message) else v for k, v in self.fields.items()}
        text = translate(self.context, self.template)
        try:
            return text.format(**fields) if fields else text
        except (KeyError, IndexError, ValueError):  # a translation that lost a field: the English is right
            return str(self)


class LrvizError(Exception):
    """Base class: a problem to show to the user as one line, never as a traceback."""


class DataError(LrvizError):
    """Bad input: ``source`` is the file or folder (or built-in name), ``problem`` says what is wrong
    (a :class:`Message` made from the template ``problem`` and the ``fields``)."""

    def __init__(self, source: object, problem: str, **fields):
        self.source = str(source)
        self.problem = problem if isinstance(problem, Message) and not fields else \
            Message(problem, fields, "DataError")
        super().__init__(f"{self.source}: {self.problem}")

    def __reduce__(self):
        return _data_error, (self.source, self.problem)

    @property
    def message(self) -> Message:
        """The whole message, "{source}: {problem}", as a Message."""
        return Message(QT_TRANSLATE_NOOP("DataError", "{source}: {problem}"),
                       {"source": self.source, "problem": self.problem})


def _data_error(source: str, problem: Message) -> DataError:
    return DataError(source, problem)


class Cancelled(LrvizError):
    """The user cancelled a long operation (e.g. loading a large image folder)."""
