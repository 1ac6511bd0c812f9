"""Grids over a plane, computed in blocks whose working memory is bounded by bytes, not by m.

Shared by :mod:`lrviz.core.surface` (the plane) and every loss's grid (:mod:`lrviz.core.losses`):
a grid point needs the m logits of its examples, so at CIFAR-10's m = 50,000 a 101 × 101 grid at
once would take 2 GB; in blocks of ``GRID_CHUNK_BYTES`` it takes a few MB, whatever m.
"""

from __future__ import annotations

GRID_CHUNK_BYTES = 4 * 2**20  # a grid's working arrays (grid points × m) at a time, whatever m: cache-sized


def grid_blocks(rows: int, cols: int, m: int, itemsize: int, max_bytes: int = GRID_CHUNK_BYTES):
    """(row slice, column slice) blocks of a rows × cols grid whose points each need m values of
    ``itemsize`` bytes: whole rows while a row fits in ``max_bytes``, else parts of one row (at
    least one point at a time). Peak memory is bounded by bytes, not by a count of rows."""
    point = max(1, m * itemsize)
    per_row = max(1, max_bytes // (cols * point))
    if cols * point <= max_bytes:
        for i in range(0, rows, per_row):
            yield slice(i, min(i + per_row, rows)), slice(0, cols)
        return
    per_col = max(1, max_bytes // point)
    for i in range(rows):
        for j in range(0, cols, per_col):
            yield slice(i, i + 1), slice(j, min(j + per_col, cols))
