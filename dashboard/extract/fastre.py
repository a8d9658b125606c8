"""Case-insensitive matching, fast: lower-case the pattern once and the text per call.

Python's `re` with re.IGNORECASE folds case at every character comparison; matching
an ASCII-lower-cased copy with a lower-cased pattern is about 3x faster on our
trigger lexicon. `lower` only maps A–Z, so offsets in the copy equal offsets in the
original (str.lower can change lengths, e.g. "İ").
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

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


def first_chars(pattern: re.Pattern[str], digit: str | None = None) -> frozenset[str] | None:
    """The characters a non-empty match of `pattern` can start with, read from its
    parse tree; None when that is not known (any character, a class like \\w, flags).
    Zero-width items (\\b, look-arounds) are stepped over, which can only widen the set.
    With `digit`, a \\d stands in the set as that string."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    chars, _nullable = _first(re._parser.parse(pattern.pattern, pattern.flags), digit)
    return None if chars is None else frozenset(chars)


def prefixes(pattern: re.Pattern[str], k: int = 2) -> frozenset[str] | None:
    """The strings of length k a non-empty match of `pattern` can start with, read from
    its parse tree as `first_chars` does; a shorter string stands for itself and any
    continuation (when unsure); None: not known."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    found = _pre(re._parser.parse(pattern.pattern, pattern.flags), k)
    return None if found is None else frozenset(found)


def _pre(items, k: int) -> set[str] | None:
    """Strings of length <= k a match of `items` can start with, and "" when it can be
    empty; a shorter non-empty string stands for itself and any continuation; None:
    not known."""
    out: set[str] = set()
    heads = {""}
    for op, av in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        nullable = False
        if name == "LITERAL":
            parts, complete = {chr(av)}, True
        elif name == "IN":
            parts, complete = set(), True
            for kind, value in av:
                if str(kind) == "LITERAL":
                    parts.add(chr(value))
                elif str(kind) == "RANGE" and value[1] - value[0] < 256:
                    parts.update(chr(c) for c in range(value[0], value[1] + 1))
                else:
                    parts = None
                    break
        elif name in ("BRANCH", "SUBPATTERN", "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            if name == "BRANCH":
                subs = av[1]
            elif name == "SUBPATTERN":
                if av[1] or av[2]:
                    return None
                subs = [av[3]]
            else:
                subs = [av[2]]
                nullable = av[0] == 0
            parts, complete = set(), False
            for sub in subs:
                p = _pre(sub, k)
                if p is None:
                    parts = None
                    break
                parts |= p
                nullable = nullable or "" in p
        else:
            parts = None
        if parts is None:  # unknown from here: what is read so far, then anything
            return None if "" in heads else out | heads
        new_heads = set(heads) if nullable else set()
        for h in heads:
            for s in parts:
                u = (h + s)[:k]
                if not u:
                    continue  # an empty match of the item: `nullable` carries on
                if len(u) == k or not complete:
                    out.add(u)
                else:
                    new_heads.add(u)
        heads = new_heads
        if not heads:
            return out
    return out | heads


def _first(items, digit: str | None = None) -> tuple[set[str] | None, bool]:
    """(first characters or None for any, whether the sequence can match empty)."""
    out: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            return out | {chr(av)}, False
        if name == "IN":
            for kind, value in av:
                if str(kind) == "LITERAL":
                    out.add(chr(value))
                elif str(kind) == "RANGE" and value[1] - value[0] < 256:
                    out.update(chr(c) for c in range(value[0], value[1] + 1))
                elif digit and str(kind) == "CATEGORY" and str(value) == "CATEGORY_DIGIT":
                    out.add(digit)
                else:  # NEGATE, CATEGORY, wide ranges
                    return None, False
            return out, False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero-width
        if name == "BRANCH":
            nullable = False
            for alt in av[1]:
                chars, empty = _first(alt, digit)
                if chars is None:
                    return None, False
                out |= chars
                nullable = nullable or empty
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            if name == "SUBPATTERN" and (av[1] or av[2]):  # inline flags
                return None, False
            chars, nullable = _first(av[3] if name == "SUBPATTERN" else av, digit)
            if chars is None:
                return None, False
            out |= chars
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            chars, empty = _first(av[2], digit)
            if chars is None:
                return None, False
            out |= chars
            nullable = empty or av[0] == 0
        else:  # ANY, NOT_LITERAL, GROUPREF, ...
            return None, False
        if not nullable:
            return out, False
    return out, True


# The only characters outside ASCII that re.IGNORECASE matches to an ASCII letter
# (checked over every code point): İ and ı (i), ſ (s), the Kelvin sign K (k).
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def _may_fold(text: str) -> bool:
    """Whether `text` holds one of those characters; `str.isascii` is O(1) (a flag of the
    string) and answers for nearly every sentence without a scan."""
    return not text.isascii() and _FOLDS_TO_ASCII.search(text) is not None


class CiGate:
    """`re.compile(pattern, re.I)` for `search` (a gate's yes/no), 5-10x faster: on a
    text without the characters above, an ASCII pattern matches case-insensitively
    exactly where its lower-cased form matches `lower(text)` (the match returned is on
    that copy: same offsets)."""

    def __init__(self, pattern: str) -> None:
        if not pattern.isascii():
            raise ValueError("CiGate needs an ASCII pattern")
        self.pattern = pattern
        self._any_case = re.compile(pattern, re.I)
        self._lower = ci(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        if _may_fold(text):
            return self._any_case.search(text)
        return self._lower.search(lower(text))


class CiPattern(CiGate):
    """`re.compile(pattern, re.I)` for `search` and `finditer`, 3-10x faster by the same
    argument as `CiGate`. The matches are on `lower(text)`: the same offsets, but the
    groups are lower-cased (callers that read groups must not care about case)."""

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if _may_fold(text):
            return self._any_case.finditer(text)
        return self._lower.finditer(lower(text))


def start_finder(prefix: str, alternatives: list[str]) -> re.Pattern[str]:
    """A pattern that hits exactly where `prefix(?:alt1|alt2|...)` matches (prefix
    zero-width, no alternative matching empty; only the hit's start counts): the
    alternatives grouped by the characters they can start with,
    "c(?<=(?=(?:<alternatives that can start with c>))c)", so `re` skips the other
    groups on their first literal instead of trying every alternative at each word."""
    alts = [re.sub(r"\(\?P<\w+>", "(?:", a) for a in alternatives]  # a name may stand in several groups
    parsed = [_first(re._parser.parse(a), "\\d") for a in alts]
    if any(nullable for _chars, nullable in parsed):
        raise ValueError("an alternative can match empty")
    firsts = [None if chars is None else frozenset(chars) for chars, _nullable in parsed]
    by_char = {c: [a for a, f in zip(alts, firsts, strict=True) if f and c in f]
               for c in sorted(set().union(*(f for f in firsts if f)))}
    anywhere = [a for a, f in zip(alts, firsts, strict=True) if f is None]
    # Starting with capitals (and a few lower-case letters), the prefix goes inside: `re`
    # then scans for the first characters alone (3x faster); with many lower-case ones
    # it would stop at most letters, and the prefix outside is faster.
    inside = prefix if not anywhere and sum(c.islower() for c in by_char) <= 3 \
        and re._parser.parse(prefix).getwidth() == (0, 0) else ""
    groups = [_char_group(c, g, inside) for c, g in by_char.items()]
    groups += [f"(?=(?:{'|'.join(anywhere)}))"] if anywhere else []
    return re.compile(f"{prefix if not inside else ''}(?:{'|'.join(groups)})")


def _char_group(c: str, alts: list[str], inside: str) -> str:
    """The branch of `start_finder` for the alternatives `alts` that can start with c,
    dispatched again on the second character: "cd(?<=(?=(?:<those that can start
    with cd>))cd)" for each second character d that `prefixes` knows, and
    "c(?![<those d>])(?<=(?=(?:<the rest>))c)" for the alternatives whose second
    character is not known. At a word like "the" only the alternatives starting "th"
    are tried (2x fewer trials); the hits are the same, since an alternative that
    matches at a position starting cd is in the branch of d or in the rest."""
    k = c if c == "\\d" else re.escape(c)
    loose: list[str] = []
    by_second: dict[str, list[str]] = {}
    for a in alts:
        starts = None if c == "\\d" else _pre(re._parser.parse(a), 2)
        seconds = None if starts is None or c in starts else {s[1] for s in starts if len(s) == 2 and s[0] == c}
        if not seconds:
            loose.append(a)
        else:
            for d in seconds:
                by_second.setdefault(d, []).append(a)
    if not by_second:
        return f"{k}(?<={inside}(?=(?:{'|'.join(alts)})){k})"
    branches = [f"{re.escape(d)}(?<={inside}(?=(?:{'|'.join(a for a in alts if a in by_second[d] or a in loose)}))"
                f"{k}{re.escape(d)})" for d in sorted(by_second)]
    if loose:
        branches.append(f"(?![{''.join(re.escape(d) for d in sorted(by_second))}])"
                        f"(?<={inside}(?=(?:{'|'.join(loose)})){k})")
    return f"{k}(?:{'|'.join(branches)})"


def finditer(rx: re.Pattern[str], finder: re.Pattern[str], text: str, pos: int = 0,
             endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
    """`rx.finditer(text, pos, endpos)`, with `rx` tried only where `finder` (a
    `start_finder` of its alternatives, or one that hits at more places) hits: the
    same matches, since `rx.match` at a position equals the match `rx.search` finds
    there when it matches nowhere before."""
    while (hit := finder.search(text, pos, endpos)) is not None:
        start = hit.start()
        m = rx.match(text, start, endpos)
        if m is None:
            pos = start + 1
            continue
        yield m
        # Past the match, or one step on after an empty one (no builtin max: this loop
        # runs for every capitalised word and every actor or time candidate).
        end = m.end()
        pos = end if end > start else start + 1


def split_alternation(source: str) -> tuple[str, list[str]]:
    """"a|b|..." → ("", [a, b, ...]); "<prefix>(?:a|b|...)<suffix>" → (prefix, [a, b, ...])
    for the last top-level group (for `start_finder`; without the suffix, its finder
    hits wherever the pattern can match, and maybe elsewhere)."""
    depth, i, in_class, top = 0, 0, False, []
    opened, closed, bars, group_bars = -1, -1, [], []
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 1
        elif in_class:
            in_class = ch != "]" or source[i - 1] == "["
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
            if depth == 1:
                group_bars = [] if source.startswith("(?:", i) else None
                start = i
        elif ch == ")":
            depth -= 1
            if depth == 0 and group_bars is not None and source[i + 1:i + 2] not in ("*", "+", "?", "{"):
                opened, closed, bars = start, i, group_bars
        elif ch == "|" and depth == 0:
            top.append(i)
        elif ch == "|" and depth == 1 and group_bars is not None:
            group_bars.append(i)
        i += 1
    if depth or in_class:
        raise ValueError("unbalanced pattern")
    if top:
        return "", [source[a + 1:b] for a, b in pairwise([-1, *top, len(source)])]
    if opened < 0:
        raise ValueError("not <prefix>(?:...|...)<suffix>")
    return source[:opened], [source[a + 1:b] for a, b in pairwise([opened + 2, *bars, closed])]


class Scanner:
    """A compiled pattern's `search`, `finditer` and `findall` (of a pattern without
    groups), with the pattern tried only where a `start_finder` of its alternatives
    hits (see `finditer`): same results, several times faster on a long alternation."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        if rx.flags & ~re.UNICODE:
            raise ValueError("Scanner takes a pattern without flags (use fastre.ci for case)")
        self.rx, self.pattern, self.flags = rx, rx.pattern, rx.flags
        self._finder = start_finder(*split_alternation(rx.pattern))

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return finditer(self.rx, self._finder, text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)

    def findall(self, text: str) -> list[str]:
        if self.rx.groups:
            return self.rx.findall(text)
        return [m.group(0) for m in self.finditer(text)]


class EndGate:
    """`search` of a pattern anchored at the end of its window ("...\\s+$"), tried
    only when the window, trailing whitespace stripped, ends with one of `endings`
    (the last literals a match can end with, listed by hand next to the pattern).
    Same results: a match ends with such a literal and then whitespace only (a `$`
    before a final newline leaves that newline, whitespace too); most windows before
    a name end with a word no ending fits, and `str.endswith` costs far less than a
    scan of a 60-character window."""

    def __init__(self, rx: re.Pattern[str] | Scanner, endings: tuple[str, ...]) -> None:
        self.rx, self.endings = rx, endings

    def search(self, window: str) -> re.Match[str] | None:
        if not window.rstrip().endswith(self.endings):
            return None
        return self.rx.search(window)
