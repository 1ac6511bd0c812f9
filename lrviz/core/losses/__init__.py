"""The losses lrviz knows, in one registry: the trainer, the bowl's planes, the computation graph,
loss vs cost, the window's menus and the command line's ``--loss`` choices all read it.

    from lrviz.core import losses
    losses.get("squared_error").dz(z, y)   # an unknown name raises UnknownLoss, naming the known ones
    losses.names()                         # ("cross_entropy", "squared_error"): menus and choices, in order

To add a loss: a module beside these two with a :class:`Loss` subclass (see :mod:`.base`), an instance
registered below, and its test. Nothing else names a loss.
"""

from __future__ import annotations

from lrviz.core.errors import LrvizError
from lrviz.core.losses.base import CONTEXT, REQUIRED, Loss, Margin
from lrviz.core.losses.cross_entropy import CrossEntropy
from lrviz.core.losses.squared_error import SquaredError

__all__ = ["CONTEXT", "DEFAULT", "Loss", "Margin", "UnknownLoss", "get", "names", "register", "registered",
           "unregister"]

DEFAULT = "cross_entropy"  # the course's: what training descends and the bowl draws until told otherwise

_REGISTRY: dict[str, Loss] = {}


class UnknownLoss(LrvizError, ValueError):
    """A loss name that is not registered (a ValueError too: a bad argument wherever it is given)."""


def register(loss: Loss) -> Loss:
    """Make ``loss`` known by its name, after those already registered (the menus' order). The
    window trains in a process of its own, a fresh interpreter: a loss the app offers is registered
    when this package is imported (below), so that both processes know it."""
    if not isinstance(loss, Loss):
        raise TypeError(f"a loss must be a lrviz.core.losses.Loss, got {type(loss).__name__}")
    missing = [a for a in REQUIRED if not hasattr(loss, a)]
    if missing:
        raise TypeError(f"loss {type(loss).__name__} does not say its {', '.join(missing)}")
    if not (isinstance(loss.name, str) and loss.name.isidentifier()):
        raise ValueError(f"a loss's name is one word (letters, digits, _), got {loss.name!r}")
    if _REGISTRY.get(loss.name, loss) is not loss:
        raise ValueError(f"a loss named {loss.name!r} is already registered")
    _REGISTRY[loss.name] = loss
    return loss


def unregister(name: str) -> None:
    """Forget a loss (a test's own, once it is done); the course's cannot be forgotten."""
    if name == DEFAULT:
        raise ValueError(f"{DEFAULT!r} is the default loss and stays registered")
    _REGISTRY.pop(name, None)


def get(name: str) -> Loss:
    """The loss registered as ``name``; :class:`UnknownLoss` (a ValueError) naming the known ones."""
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise UnknownLoss(f"unknown loss {name!r}: the known losses are {', '.join(_REGISTRY)}") from None


def names() -> tuple[str, ...]:
    """Every registered loss's name, in the order registered."""
    return tuple(_REGISTRY)


def registered() -> tuple[Loss, ...]:
    """Every registered loss, in the order registered (the menus list them so)."""
    return tuple(_REGISTRY.values())


register(CrossEntropy())
register(SquaredError())
