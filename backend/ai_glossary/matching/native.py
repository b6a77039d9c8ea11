"""The matcher's native path, where it was built (`Scanner` is None where it was not).

AI_GLOSSARY_PURE_PYTHON=1 in the environment, read once at import, keeps matchers on the
Python path: the reference, and the fallback wherever no compiler was present at install.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ai_glossary.matching._native import Scanner as ScannerType
    from ai_glossary.matching._native import Shaper as ShaperType

PURE_PYTHON = os.environ.get("AI_GLOSSARY_PURE_PYTHON", "") not in ("", "0")

Scanner: type[ScannerType] | None
Shaper: type[ShaperType] | None
try:
    from ai_glossary.matching import _native
except ImportError:  # installed without a compiler
    Scanner = Shaper = None
else:
    Scanner, Shaper = _native.Scanner, _native.Shaper
