"""lrviz: logistic regression as a neural network, made visible.

Layers (enforced by import-linter, see pyproject.toml):
``lrviz.core`` (numpy only) < ``lrviz.io`` (files -> numpy) < ``lrviz.training`` (the training
process, no Qt) < ``lrviz.ui`` (Qt) < ``lrviz.cli``.

``lrviz.show(X, Y, …)`` opens the window on arrays (see :func:`lrviz.ui.viewer.show`); it is imported
when first used, so ``import lrviz`` loads no Qt.
"""

import importlib

__version__ = "0.1.0"
__all__ = ["__version__", "show"]


def __getattr__(name: str):
    if name == "show":  # by name, not an import statement: the layers below never reach Qt through here
        return importlib.import_module("lrviz.ui.viewer").show
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
