"""Per-row seeds of a batch: the same numbers whatever the workers, backend or order.

A row's seed depends on the batch seed and the row's ``id`` only. The id is hashed with
SHA-256 (stable across processes and machines, unlike Python's salted ``hash()``); the first
16 bytes, as four 32-bit words, form the ``spawn_key`` of a :class:`numpy.random.SeedSequence`
whose entropy is the batch seed; the row seed is the sequence's first 63-bit state word.
"""
from __future__ import annotations

import hashlib

__all__ = ["row_seed"]


def row_seed(batch_seed: int, row_id: str) -> int:
    """The seed of row ``row_id`` in a batch seeded with ``batch_seed``.

    Parameters
    ----------
    batch_seed : int
        The batch's seed (a non-negative integer).
    row_id : str
        The row's id (the table's ``id`` column).

    Returns
    -------
    int
        A seed in ``[0, 2**63)``, a function of ``batch_seed`` and ``row_id`` only: adding,
        removing or reordering other rows, or changing the number of workers, never changes it.

    Examples
    --------
    >>> row_seed(2025, "xinzhuang") == row_seed(2025, "xinzhuang")
    True
    >>> row_seed(2025, "xinzhuang") != row_seed(2025, "qibao") != row_seed(2026, "qibao")
    True
    """
    import numpy as np

    from ..checks import integer

    if isinstance(batch_seed, (int, np.integer)) and not isinstance(batch_seed, bool) and batch_seed >= 0:
        batch_seed = int(batch_seed)                 # exact, even above 2**53
    else:
        batch_seed = integer(batch_seed, "seed", minimum=0)
    digest = hashlib.sha256(str(row_id).encode("utf-8")).digest()
    key = tuple(int.from_bytes(digest[i:i + 4], "little") for i in range(0, 16, 4))
    ss = np.random.SeedSequence(batch_seed, spawn_key=key)
    return int(ss.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))
