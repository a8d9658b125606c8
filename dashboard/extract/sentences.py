"""Article text → paragraphs → sentences, with datelines and long quotes marked.

Why our own splitter: news text is full of "U.S.", "Gen.", "Lt. Col." and initials
that break naive splitters, and we need character offsets inside each sentence so
that cues (negation, hedges) can be tied to the clause of a trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Typographic variants folded to ASCII so one set of regexes covers every source.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "\u2014", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
})
# str.translate with a dict looks up every character (0.16 ms an article); a class
# search finds the few to fold.
_FOLD_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD) + "]")

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "u.s u.n u.k e.u mr mrs ms dr gen lt col maj capt sgt brig adm sen rep gov st no vs "
    "jan feb mar apr jun jul aug sep sept oct nov dec approx est dept govt inc ltd co corp "
    "e.g i.e a.m p.m al".split()
)

# Sentence boundary candidates: terminal punctuation (plus closing quotes/brackets),
# whitespace, then something that can start a sentence.
_BOUNDARY = re.compile(r"""[.!?]["')\]]*\s+(?=["'(\[]?[A-Z0-9])""")

# "BAGHDAD (Reuters) —", "ERBIL, Iraq —", "DUHOK, Kurdistan Region —", "SANAA, March 3 -".
_DATELINE = re.compile(
    r"""^\s*(?P<place>[A-Z][A-Z'\-]+(?:[\s/]+[A-Z][A-Z'\-]+){0,3})   # upper-case place ("ANKARA/ERBIL")
        (?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Za-z.]+){0,3})?            # ", Iraq" / ", Kurdistan Region of Iraq"
        (?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?                    # ", March 3"
        (?:,?\s*\([^)]{1,40}\))?                                  # "(Reuters)", "DAMASCUS, (SANA)"
        \s*(?:\u2014|\u2013|--|-|:)\s+""",
    re.VERBOSE,
)


# "Homs, SANA —", "Qamishli, Kurdistan24 -", "Erbil, Rudaw -": a title-case place and a
# news agency (an all-caps or digit-bearing name, or a known outlet).
_AGENCY_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z'\-]+(?:[\s/]+[A-Z][A-Za-z'\-]+){0,2}),\s*"
    r"(?:[A-Z][A-Z0-9]{1,9}|[A-Z][A-Za-z]*\d+[A-Za-z]*|Rudaw|Shafaq(?: News)?|Xinhua|Anadolu|Reuters|Enab Baladi|"
    r"North Press|Hawar|ANHA|Alsumaria|Baghdad Today)\s*(?:\u2014|--|-|:)\s+")

# "Damascus — Syrian air defences ...": a title-case place and an em dash opening a paragraph.
_TITLE_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+){0,2})\s*\u2014\s+(?=[A-Z])")


@dataclass
class Sentence:
    """One sentence of an article with its position and the spans to treat specially."""

    text: str
    index: int  # position in the article (0-based)
    paragraph: int
    quoted: list[tuple[int, int]] = field(default_factory=list)  # long direct quotes (offsets in text)
    dateline: str = ""  # the dateline place stripped from the start, if any
    headline: bool = False  # a line without final punctuation (title, standfirst)

    def in_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.quoted)


def normalize_text(text: str) -> str:
    """Fold typographic quotes/dashes/spaces so downstream regexes see one alphabet."""
    return _FOLD_RE.sub(lambda m: _FOLD[ord(m.group())], text).replace("\r\n", "\n").replace("\r", "\n")


def _split_paragraph(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of one paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        end = m.start() + 1
        # The word before the full stop: an abbreviation or an initial does not end it.
        before = paragraph[start:end].rstrip(".").split()
        last = before[-1].casefold().strip("\"'(") if before else ""
        if paragraph[m.start()] == "." and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        if paragraph[start:m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if paragraph[start:].strip():
        spans.append((start, len(paragraph)))
    return spans


# A "sentence" longer than this (a run-on list, a page without punctuation) is cut at
# whitespace: per-sentence work pairs triggers with places, so one 5 MB line would be
# quadratic.
MAX_SENTENCE_CHARS = 800


def _cap_length(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while b - a > MAX_SENTENCE_CHARS:
            cut = paragraph.rfind(" ", a + MAX_SENTENCE_CHARS // 2, a + MAX_SENTENCE_CHARS)
            cut = cut if cut > a else a + MAX_SENTENCE_CHARS
            out.append((a, cut))
            a = cut
        out.append((a, b))
    return out


_ANSWER = re.compile(r"^\s*(?:A|Q|Answer|Question)\s*[:.\u2014-]\s")


def _quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """Direct quotes of a paragraph (pairs of double quotes; an unclosed one runs to
    the end). Only quotes of 20+ characters count: short ones are names or scare quotes."""
    marks = [m.start() for m in re.finditer('"', paragraph)]
    spans = []
    for i in range(0, len(marks), 2):
        a = marks[i]
        b = marks[i + 1] + 1 if i + 1 < len(marks) else len(paragraph)
        if b - a >= 20:
            spans.append((a, b))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Split normalised article text into sentences (blank lines and single newlines
    both end a paragraph; a dateline at a paragraph's start is stripped and kept)."""
    sentences: list[Sentence] = []
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        # Hard-wrapped lines ("... Homs and\nAl-Raqqa governorates") are one paragraph;
        # a line ending a sentence, a short (headline) line or a dateline ends one.
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        current, previous_line = "", ""
        for ln in lines:
            if current and len(previous_line) >= 50 and not re.search(r"[.!?:\"')\]]$", current) \
                    and not _DATELINE.match(ln):
                current += " " + ln
            else:
                if current:
                    paragraphs.append(current)
                current = ln
            previous_line = ln
        if current:
            paragraphs.append(current)
    for p_index, paragraph in enumerate(paragraphs):
        dateline = ""
        m = _DATELINE.match(paragraph) or _AGENCY_DATELINE.match(paragraph) or _TITLE_DATELINE.match(paragraph)
        if m and len(paragraph) > m.end() + 20:
            dateline = m.group("place")
            paragraph = paragraph[m.end():]
        quotes = _quote_spans(paragraph)
        if _ANSWER.match(paragraph):
            # An interview's answer ("A: We fought them in Kobani ...") is the speaker's
            # words, as a direct quote is.
            quotes = [(0, len(paragraph))]
        for a, b in _cap_length(paragraph, _split_paragraph(paragraph)):
            raw = paragraph[a:b]
            lead = len(raw) - len(raw.lstrip())
            piece = raw.strip()
            offset = a + lead
            quoted = [(max(qa, offset) - offset, min(qb, offset + len(piece)) - offset)
                      for qa, qb in quotes if qa < offset + len(piece) and qb > offset]
            headline = not piece.rstrip('"\')').endswith((".", "!", "?", ":"))
            sentences.append(Sentence(piece, len(sentences), p_index, quoted, dateline, headline))
            dateline = ""
    return sentences
