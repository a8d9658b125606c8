"""Case-insensitive matching, fast: lower-case the pattern once and the text per call.

Python's `re` with re.IGNORECASE folds case at every character comparison; matching
an ASCII-lower-cased copy with a lower-cased pattern is about 3x faster on our
trigger lexicon. `lower` only maps A–Z, so offsets in the copy equal offsets in the
original (str.lower can change lengths, e.g. "İ").
"""

from __future__ import annotations

import re
from functools import lru_cache

_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})


@lru_cache(maxsize=2048)
def lower(text: str) -> str:
    """ASCII-only lower-casing that keeps every offset (cached: the claim checks ask
    for the same sentence several times)."""
    return text.translate(_ASCII_LOWER)


def ci(pattern: str) -> re.Pattern[str]:
    """Compile `pattern` for matching against `lower(text)`: letters are lower-cased
    except in escapes (\\W, \\S, \\B, \\D keep their meaning) and group names."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(pattern[i:i + 2])
            i += 2
        elif pattern.startswith("(?P<", i):
            end = pattern.index(">", i)
            out.append(pattern[i:end + 1])
            i = end + 1
        else:
            out.append(pattern[i].lower())
            i += 1
    return re.compile("".join(out))
