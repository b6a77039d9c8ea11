"""Keeping the served data out of the cycle collector's full collections.

A worker holds some 70,000 containers of glossary data with half a million references
between them (the sense judge's vocabulary alone is 40,000 words in frozensets). Python's
full collection walks all of them, though none is ever garbage: 20-35 ms, once every couple
of thousand requests, in the middle of one. `gc.freeze()` moves what is alive into a
permanent generation that collections skip; objects there are still freed by reference
counting, so a state dropped at a reload is freed as long as it holds no cycle (a test
holds the served state to that: `tests/backend/web/test_heap.py`).
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Everything alive now, the state just built among it, out of full collections' way.
    At a reload, first back into their reach, and collected: garbage in a cycle that was
    frozen with the old state is freed then, not kept for good."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.freeze()
