"""Training in a process of its own, and its controller: no Qt here (an import-linter contract).

Imports nothing itself, so the spawned training process loads only what it runs.
"""
