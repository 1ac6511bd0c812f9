"""lrviz: logistic regression as a neural network, made visible.

Layers (enforced by import-linter, see pyproject.toml):
``lrviz.core`` (numpy only) < ``lrviz.io`` (files -> numpy) < ``lrviz.training`` (the training
process, no Qt) < ``lrviz.ui`` (Qt) < ``lrviz.cli``.
"""

__version__ = "0.1.0"
