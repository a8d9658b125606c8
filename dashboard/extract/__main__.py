"""Command line: an article in, its events as CSV out.

    python -m dashboard.extract ARTICLE --published YYYY-MM-DD [--source NAME] [--source-url URL]

ARTICLE is a text file, an .html/.htm page (reduced to its article text with
trafilatura) or `-` for standard input. Without --published, a first line
`Published: YYYY-MM-DD` (or, for HTML, the page's own date metadata) is used.
Output: the event table's header and one row per event on stdout (only the header
when there are none). Unreadable, binary or oversized input: one line on stderr and
exit status 2. Notes (Arabic script, another country) go to stderr with exit 0.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from dashboard.extract.core import MAX_ARTICLE_CHARS, extract_events, split_header, text_problem
from dashboard.extract.sentences import normalize_text
from dashboard.schema import COLUMNS

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


class InputError(Exception):
    """Input that cannot be read as an article; the message is the one line to print."""


def decode_article(data: bytes, name: str) -> str:
    """Bytes → text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything
    containing NUL bytes or undecodable is refused as binary."""
    if len(data) > MAX_ARTICLE_CHARS * 2:
        raise InputError(f"{name}: {len(data):,} bytes is too large for an article "
                         f"(limit {MAX_ARTICLE_CHARS:,} characters)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-16 text") from None
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: binary file, expected article text (UTF-8 .txt or .html)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (undecodable byte at offset {exc.start}); "
                         "expected article text (UTF-8 .txt or .html)") from None


def html_to_text(html: str) -> tuple[str, str | None]:
    """Article text of an HTML page and its publication date if the page states one."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    published = None
    try:
        meta = trafilatura.extract_metadata(html)
        published = getattr(meta, "date", None) if meta is not None else None
    except Exception:  # metadata is a bonus; a page without it is still an article
        published = None
    if not text:
        # trafilatura found no main content (a fragment, a tiny page): fall back to all text.
        from lxml import html as lxml_html

        try:
            tree = lxml_html.fromstring(html)
            for bad in tree.xpath("//script|//style|//noscript"):
                bad.getparent().remove(bad)
            text = "\n".join(t.strip() for t in tree.itertext() if t.strip())
        except Exception:
            text = ""
    return text or "", published


def read_article(path_arg: str) -> tuple[str, str, str | None]:
    """(text, source name, publication date found in the input or None)."""
    if path_arg == "-":
        data, name = sys.stdin.buffer.read(), "stdin"
    else:
        path = Path(path_arg)
        name = path.name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{path_arg}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{path_arg}: is a directory, expected an article file") from None
        except OSError as exc:
            raise InputError(f"{path_arg}: cannot read ({exc.strerror or exc})") from None
    text = decode_article(data, name)
    published = None
    looks_html = name.lower().endswith(_HTML_SUFFIXES) or text.lstrip()[:200].lower().startswith(
        ("<!doctype html", "<html"))
    if looks_html:
        text, published = html_to_text(text)
    header_date, text = split_header(normalize_text(text))
    return text, name, header_date or published


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.extract",
                                     description="Extract conflict events from a news article as CSV.")
    parser.add_argument("article", help="article file (.txt or .html), or - for standard input")
    parser.add_argument("--published", help="publication date YYYY-MM-DD (relative dates resolve against it)")
    parser.add_argument("--source", help="source name for the events (default: the file name)")
    parser.add_argument("--source-url", default="", help="source URL for the events")
    parser.add_argument("--keep-false-alarms", action="store_true",
                        help="also emit the events the learned filter judges likely false alarms (the rules alone)")
    args = parser.parse_args(argv)
    try:
        text, name, found_date = read_article(args.article)
        published = args.published or found_date
        if not published:
            raise InputError(f"{name}: no publication date; pass --published YYYY-MM-DD")
        problem = text_problem(text)
        if problem is not None and problem != "empty text":
            print(f"note: {name}: {problem}; no events extracted", file=sys.stderr)
        events = extract_events(text, published, source=args.source or name, source_url=args.source_url,
                                keep_false_alarms=args.keep_false_alarms)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in events.itertuples(index=False):
        writer.writerow(["" if v is None or (isinstance(v, float) and v != v) or v is _NA else v for v in row])
    return 0


try:
    import pandas as _pd

    _NA = _pd.NA
except ImportError:  # pragma: no cover - pandas is a runtime dependency
    _NA = None

if __name__ == "__main__":
    raise SystemExit(main())
