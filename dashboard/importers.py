"""CSV bytes → the event table, for our own format, ACLED exports and UCDP GED.

The format is guessed from the header. Every row either ends up in `.events` or is
named in `.problems` (file, row, line, column, value, what was expected); a bad row
never costs the good ones. Notices about rows that were kept (a swapped coordinate
pair that was fixed, a formula-looking cell kept as text, a governorate name that
disagreed with the point) are problems too, and their message says the row was kept.

Row numbers follow the schema's convention: row 1 is the first data row under the
header, counted as a spreadsheet shows records (a quoted line break does not start a
new row, a blank line does). Messages also give the physical line of the file.

Rules a researcher may want to know:
- Dates: ISO `YYYY-MM-DD` (a time after it is ignored), `YYYY/MM/DD`, `15 January 2020`,
  `January 15, 2020`, `15-Jan-2020`, and numeric `DD/MM/YYYY` or `MM/DD/YYYY`. A numeric
  column is read day-first when some of its dates can only be day-first (a first
  number above 12) and none can only be month-first, and vice versa. Otherwise each
  date must settle it alone: `03/04/2020` is reported as ambiguous, `03/03/2020` is fine.
  `YYYY-MM` and `YYYY` are read as month/year precision.
- Governorates: `admin1_code` comes from the governorate name in the file (`admin1`,
  `adm_1`, or a name in our `admin1_code` column). Where the name is missing or not
  recognised, the point's governorate is used. Where the name disagrees with the
  point, the name wins only if the point lies within ≈15 km of the named governorate
  (`NAME_BORDER_TOLERANCE_DEGREES`: generalised borders put points near them on the
  wrong side); otherwise the point wins and the row is reported. The country follows
  the governorate. A point outside every governorate (beyond geo's ≈10 km snapping)
  is outside Syria and Iraq and drops the row. Country-level rows (UCDP where_prec
  6–7) get no governorate: their point is a national centroid, not a place. A row
  with neither coordinates nor a governorate is placed by its `location` through the
  gazetteer when the name is known (reported).
- Coordinates: a pair that is out of range or outside Syria and Iraq, but lands in a
  governorate when swapped, is swapped and reported (row kept). Other out-of-range
  pairs drop the row. With `;` as delimiter, decimal commas (`34,5`) are read.
- Encodings: UTF-8 (with or without BOM) and UTF-16 with BOM are read as such; other
  bytes are read as Windows-1256 when high bytes come in runs (Arabic words),
  otherwise as Windows-1252/Latin-1, with a notice naming the encoding used.
- Rows with more cells than the header are skipped and reported; missing trailing
  cells are empty. ACLED protests, riots and non-violent developments other than
  territory transfers and arrests are skipped and reported, as are other countries.
- Duplicate rows (identical cells) are kept once; the repeats are reported.
- Cells starting with `=`, `+`, `-`, `@` (spreadsheet formulas) and HTML are kept
  verbatim as text and reported; nothing in a cell is ever evaluated. Exports
  neutralise formulas (`dashboard.exports`).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from dashboard import geo
from dashboard.schema import (
    ADMIN1_CODE_RE,
    COLUMNS,
    REQUIRED,
    RowProblem,
    empty_events,
    event_ids,
    validate_events,
)

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
FORMATS: tuple[str, ...] = ("native", "acled", "ucdp")

# Columns that only one format has: the header's overlap with each decides the guess.
_MARKERS: dict[str, frozenset[str]] = {
    "native": frozenset({"event_id", "date_precision", "admin1_code", "claim_status", "evidence",
                         "source_url", "site_type", "dataset_id"}),
    "acled": frozenset({"event_id_cnty", "event_id_no_cnty", "time_precision", "disorder_type", "admin1",
                        "admin2", "admin3", "notes", "inter1", "inter2", "interaction", "assoc_actor_1",
                        "assoc_actor_2", "source_scale", "iso", "iso3", "region", "civilian_targeting"}),
    "ucdp": frozenset({"type_of_violence", "where_prec", "where_coordinates", "date_prec", "date_start",
                       "date_end", "side_a", "side_b", "adm_1", "adm_2", "best", "dyad_name",
                       "conflict_name", "priogrid_gid", "source_headline", "source_article", "deaths_a"}),
}
_REQUIRED_BY_FORMAT: dict[str, tuple[str, ...]] = {
    "native": REQUIRED,
    "acled": ("event_date", "event_type", "country", "latitude", "longitude"),
    "ucdp": ("id", "type_of_violence", "date_start", "latitude", "longitude"),
}
# Free-text columns of the event table, where formulas and HTML are looked for.
_TEXT_COLUMNS: tuple[str, ...] = ("actor1", "actor2", "location", "source", "source_url", "evidence")

_COUNTRY_CODES: dict[str, str] = {
    "sy": "SY", "syr": "SY", "syria": "SY", "syrian arab republic": "SY",
    "iq": "IQ", "irq": "IQ", "iraq": "IQ",
}

# ACLED (event_type, sub_event_type) → ours. "" sub_event_type is the event type's default.
_ACLED_TYPES: dict[tuple[str, str], tuple[str, str]] = {
    ("battles", ""): ("armed_clash", ""),
    ("battles", "armed clash"): ("armed_clash", ""),
    ("battles", "government regains territory"): ("territory_change", "capture"),
    ("battles", "non-state actor overtakes territory"): ("territory_change", "capture"),
    ("explosions/remote violence", ""): ("attack", ""),
    ("explosions/remote violence", "air/drone strike"): ("airstrike", ""),
    ("explosions/remote violence", "shelling/artillery/missile attack"): ("attack", "shelling"),
    ("explosions/remote violence", "remote explosive/landmine/ied"): ("attack", "ied"),
    ("explosions/remote violence", "suicide bomb"): ("attack", "suicide_bombing"),
    ("explosions/remote violence", "grenade"): ("attack", ""),
    ("explosions/remote violence", "chemical weapon"): ("attack", ""),
    ("violence against civilians", ""): ("attack", ""),
    ("violence against civilians", "attack"): ("attack", ""),
    ("violence against civilians", "abduction/forced disappearance"): ("attack", "kidnapping"),
    ("violence against civilians", "sexual violence"): ("attack", ""),
    ("strategic developments", "non-violent transfer of territory"): ("territory_change", ""),
    ("strategic developments", "arrests"): ("security_operation", "arrest"),
}
_ACLED_TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
_ACLED_GEO_PRECISION = {"1": "town", "2": "district", "3": "governorate"}

_UCDP_TYPES = {"1": "armed_clash", "2": "armed_clash", "3": "attack"}
_UCDP_WHERE_PREC = {"1": "town", "2": "town", "3": "district", "4": "governorate", "5": "governorate",
                    "6": "country", "7": "country"}
_UCDP_DATE_PREC = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}
# Words in a UCDP headline that make a state-based event an air or drone strike.
_AIRSTRIKE_WORDS = (r"\b(?:air ?strikes?|air ?raids?|warplanes?|war planes?|jets?|helicopters?|drones?"
                    r"|barrel bombs?)\b")

# Spellings of the main actors in UCDP and ACLED → the names the dashboard uses.
_ACTOR_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), name) for p, name in (
        (r"^(?:government of syria|military forces of syria\b.*)$", "Syrian army"),
        (r"^(?:is|isis|isil|daesh|islamic state(?: \((?:syria|iraq)\))?)$", "ISIS"),
        (r"^(?:government of iraq|(?:military|police) forces of iraq\b.*)$", "Iraqi security forces"),
        (r"^(?:sdf|sdf: syrian democratic forces|syrian democratic forces)$", "SDF"),
        (r"^(?:government of turkey|military forces of turkey\b.*)$", "Turkish army"),
        (r"^(?:government of russia(?: \(soviet union\))?|military forces of russia\b.*)$", "Russian forces"),
        (r"^(?:government of iran|military forces of iran\b.*)$", "Iranian forces"),
        (r"^(?:government of israel|military forces of israel\b.*)$", "Israeli military"),
        (r"^(?:government of united states of america|military forces of the united states\b.*)$",
         "US forces"),
        (r"^(?:hts|hayat tahrir al-sham)$", "HTS"),
    )
)

_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for m in names}


@dataclass
class ImportResult:
    """What came out of one CSV: the valid events and everything said about the rest."""

    events: pd.DataFrame
    problems: list[RowProblem]
    format: str  # "native" | "acled" | "ucdp"; "" when the header was not recognised
    filename: str
    encoding: str = ""
    delimiter: str = ""
    rows_read: int = 0
    fatal: bool = False  # the whole file was rejected (empty, too big, unreadable header)
    columns_ignored: list[str] = field(default_factory=list)


class _Rows:
    """Row bookkeeping for one file: positions → row/line numbers, problems, drops.

    Row and line numbers need a scan of the whole file, so they are worked out only
    when a problem is first reported.
    """

    def __init__(self, filename: str, count: int, numbering: Callable[[], tuple[np.ndarray, np.ndarray | None]]):
        self.filename = filename
        self.count = count
        self._numbering = numbering
        self._numbers: tuple[np.ndarray, np.ndarray | None] | None = None
        self.dropped = np.zeros(count, dtype=bool)
        self._items: list[tuple[int, str | None, str, str, str, bool]] = []

    def _numbered(self) -> tuple[np.ndarray, np.ndarray | None]:
        if self._numbers is None:
            self._numbers = self._numbering()
        return self._numbers

    def row_number(self, pos: int) -> int:
        return int(self._numbered()[0][pos])

    def report(self, mask: np.ndarray | pd.Series, column: str | None, values: pd.Series | np.ndarray | str,
               expected: str, message: str, drop: bool) -> None:
        """Name every row in `mask` (positions); `drop` removes them from the result."""
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        if isinstance(values, str):
            shown = [values] * len(positions)
        else:
            shown = [_show(v) for v in np.asarray(values, dtype=object)[positions]]
        self.report_at(positions, column, shown, expected, message, drop)

    def report_at(self, positions: np.ndarray | list[int], column: str | None, values: list[str],
                  expected: str, message: str, drop: bool) -> None:
        """Name the rows at `positions`, with the value shown for each."""
        positions = np.asarray(positions, dtype=np.int64)
        for pos, value in zip(positions, values, strict=True):
            self._items.append((int(pos), column, _show(value), expected, message, drop))
        if drop:
            self.dropped[positions] = True

    def problems(self) -> list[RowProblem]:
        if not self._items:
            return []
        row_numbers, line_numbers = self._numbered()
        out = []
        for pos, column, value, expected, message, drop in sorted(self._items, key=lambda t: t[0]):
            row = int(row_numbers[pos])
            line = "" if line_numbers is None else f" (line {int(line_numbers[pos])} of the file)"
            col = f", column {column}" if column else ""
            shown = f" {value!r}" if value else (" (empty)" if column else "")
            outcome = "row skipped" if drop else "row kept"
            out.append(RowProblem(row, column, value, expected, f"{self.filename}, row {row}{line}{col}:{shown} — "
                                  f"{message}; expected {expected}; {outcome}"))
        return out


def import_csv(data: bytes, filename: str, max_bytes: int = MAX_UPLOAD_BYTES) -> ImportResult:
    """Read an uploaded CSV (our format, ACLED or UCDP GED) into the event table."""
    if len(data) > max_bytes:
        return _fatal(filename, "", f"{len(data):,} bytes", f"a file of at most {max_bytes:,} bytes",
                      f"{filename}: the file is {len(data):,} bytes, over the upload limit of {max_bytes:,} bytes "
                      f"({max_bytes / 2**20:.0f} MB); split it into smaller files")
    # Judge UTF-8 by the head only: decoding 50 MB up front costs more than the parse.
    # A non-UTF-8 byte further on makes the parser fail, and the file is read again.
    encoding, notices = _detect_encoding(data, head_only=True)
    data = _as_ascii_compatible(data, encoding)
    head = data[:_HEAD_BYTES].decode(_codec(encoding), errors="replace").lstrip("\ufeff")
    if not head.strip():
        return _fatal(filename, "", "", "a header line and at least one data row",
                      f"{filename}: the file is empty")
    delimiter = _sniff_delimiter(head)
    try:
        frame, bad_records, notices_parse = _read(data, encoding, delimiter, filename)
    except UnicodeDecodeError:
        encoding, notices = _detect_encoding(data, head_only=False)
        frame, bad_records, notices_parse = _read(data, encoding, delimiter, filename)
    if frame is None:
        return _fatal(filename, "", "", "CSV text", notices_parse[0].message)
    notices += notices_parse
    frame.columns = [_normal_name(c) for c in frame.columns]
    fmt, missing = _guess_format(list(frame.columns))
    base = ImportResult(empty_events(), [], fmt, filename, encoding, delimiter, len(frame) + len(bad_records))
    if fmt == "":
        base.fatal = True
        base.problems = notices + [RowProblem(
            None, None, ", ".join(frame.columns[:8]), "a header in our format, ACLED's or UCDP GED's",
            f"{filename}: the header was not recognised as our format, ACLED or UCDP GED "
            f"(columns found: {', '.join(frame.columns[:12]) or 'none'}); expected at least "
            + "; ".join(f"{f}: {', '.join(c)}" for f, c in _REQUIRED_BY_FORMAT.items()))]
        return base
    if missing:
        base.fatal = True
        base.problems = notices + [RowProblem(
            None, ", ".join(missing), ", ".join(frame.columns[:12]), ", ".join(_REQUIRED_BY_FORMAT[fmt]),
            f"{filename}: missing required column(s) {', '.join(missing)} — the header looks like the "
            f"{_FORMAT_NAMES[fmt]} format, which needs {', '.join(_REQUIRED_BY_FORMAT[fmt])}")]
        return base
    if len(frame) == 0:
        base.problems = notices + _bad_record_problems(bad_records, filename) + [
            RowProblem(None, None, "", "at least one data row", f"{filename}: no data rows under the header")]
        return base

    rows = _Rows(filename, len(frame), lambda: _row_and_line_numbers(data, len(frame), bad_records))
    _report_duplicates(frame, rows)
    mapped, ignored = _MAPPERS[fmt](frame, rows, delimiter)
    if ignored:
        notices.append(RowProblem(None, ", ".join(ignored), "", "columns of the " + _FORMAT_NAMES[fmt] + " format",
                                  f"{filename}: ignored column(s) not used by the {_FORMAT_NAMES[fmt]} format: "
                                  + ", ".join(ignored)))
    _place(mapped, rows)
    _flag_text(mapped, rows)
    events = _finish(mapped, rows)
    base.events = events
    base.columns_ignored = ignored
    base.problems = notices + sorted(_bad_record_problems(bad_records, filename) + rows.problems(),
                                     key=lambda p: p.row or 0)
    return base


_HEAD_BYTES = 256 * 1024

_FORMAT_NAMES = {"native": "our own (native)", "acled": "ACLED export", "ucdp": "UCDP GED"}


def _fatal(filename: str, fmt: str, value: str, expected: str, message: str) -> ImportResult:
    return ImportResult(empty_events(), [RowProblem(None, None, value, expected, message)], fmt, filename,
                        fatal=True)


# -- bytes → table ------------------------------------------------------------------------------

def _detect_encoding(data: bytes, head_only: bool) -> tuple[str, list[RowProblem]]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1256 / Windows-1252 / Latin-1.

    Single-byte Arabic (Windows-1256) and Western text decode without error in any
    single-byte codec, so they are told apart by shape: Arabic words are runs of
    high bytes, while accented Latin letters stand alone between ASCII letters.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", []
    try:
        if head_only:
            # final=False: a character cut in two at the end of the head is not an error.
            codecs.getincrementaldecoder("utf-8")().decode(data[:_HEAD_BYTES], final=False)
        else:
            data.decode("utf-8")
        return "utf-8", []
    except UnicodeDecodeError:
        pass
    raw = np.frombuffer(data, dtype=np.uint8)
    high = raw >= 0x80
    n_high = int(high.sum())
    paired = int((high[1:] & high[:-1]).sum())
    if n_high and paired / n_high > 0.4:
        encoding, label = "cp1256", "Windows-1256 (Arabic)"
    elif ((raw >= 0x80) & (raw <= 0x9F)).any():
        encoding, label = "cp1252", "Windows-1252 (Western European)"
    else:
        encoding, label = "latin-1", "Latin-1 (ISO-8859-1)"
    return encoding, [RowProblem(None, None, encoding, "UTF-8 text",
                                 f"the file is not UTF-8; it was read as {label}. If names look wrong, "
                                 "save it as UTF-8 (\"CSV UTF-8\" in Excel) and upload again")]


def _codec(encoding: str) -> str:
    return "utf-8" if encoding == "utf-16" else encoding


def _as_ascii_compatible(data: bytes, encoding: str) -> bytes:
    """UTF-16 is re-encoded as UTF-8 so quotes and newlines are single bytes for the scanners."""
    if encoding == "utf-16":
        return data.decode("utf-16").encode("utf-8")
    return data


def _sniff_delimiter(head: str) -> str:
    """The delimiter that splits the header line most (outside quotes): , ; tab or |."""
    first = next((line for line in head.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _normal_name(column: object) -> str:
    return str(column).strip().lstrip("\ufeff").strip().lower()


_BAD_LINE_RE = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


def _read(data: bytes, encoding: str, delimiter: str,
          filename: str) -> tuple[pd.DataFrame | None, list[tuple[int, str]], list[RowProblem]]:
    """Parse every cell as text. Records with too many fields are set aside, not fatal."""
    options = dict(sep=delimiter, encoding=_codec(encoding), skip_blank_lines=True, engine="c",
                   keep_default_na=False, na_values=[""])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            # Types are inferred (forcing text costs the parser twice its time); the
            # mappers read every column they use as text or numbers either way.
            # index_col=False: a first row with extra cells is a bad row, not an index.
            # The chunked (low_memory) parse is a quarter faster, and pandas 3.1 reconciles a
            # column's type across chunks to what one pass gives (checked for ints, floats, "007",
            # bools, empty stretches); should it ever warn of mixed types, one pass is used.
            frame = pd.read_csv(io.BytesIO(data), on_bad_lines="warn", index_col=False, **options)
            if any(issubclass(w.category, pd.errors.DtypeWarning) for w in caught):
                caught.clear()
                frame = pd.read_csv(io.BytesIO(data), on_bad_lines="warn", low_memory=False, index_col=False,
                                    **options)
            # Our own ids are text: "007" must not become 7.
            for column in [c for c in frame.columns if _normal_name(c) == "event_id"]:
                if not pd.api.types.is_string_dtype(frame[column]):
                    frame[column] = pd.read_csv(io.BytesIO(data), usecols=[column], dtype=str, on_bad_lines="skip",
                                                index_col=False, **options)[column]
        except UnicodeDecodeError:
            raise
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
            return None, [], [RowProblem(None, None, "", "CSV text",
                                         f"{filename}: not readable as CSV ({str(exc).strip()})")]
    if any("does not match length of data" in str(w.message) for w in caught):
        # The first data row has more cells than the header: pandas would cut every row
        # to the header's width without saying which. Read it record by record instead.
        frame, bad = _read_records(data.decode(_codec(encoding)).lstrip("\ufeff"), delimiter)
        return frame, bad, []
    bad: list[tuple[int, str]] = []
    for w in caught:
        for m in _BAD_LINE_RE.finditer(str(w.message)):
            bad.append((int(m.group(1)), f"expected {m.group(2)} fields like the header, found {m.group(3)}"))
    return frame, bad, []


def _read_records(text: str, delimiter: str) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Slow, exact reader for ragged files: every record with too many cells is set aside.

    Records are numbered like pandas' bad-line messages (1-based, blank records counted).
    """
    header: list[str] | None = None
    kept: list[list[str]] = []
    bad: list[tuple[int, str]] = []
    for number, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
        if not record or (len(record) == 1 and not record[0]):
            continue
        if header is None:
            header = record
        elif len(record) > len(header):
            bad.append((number, f"expected {len(header)} fields like the header, found {len(record)}"))
        else:
            kept.append(record + [""] * (len(header) - len(record)))
    frame = pd.DataFrame(kept, columns=header or [], dtype="str")
    return frame.where(frame != "", None), bad


_NEWLINE = re.compile(b"\n")
_SCAN_BLOCK = 1 * 2**20  # bytes of lines per numpy pass in _record_starts


def _record_starts(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Physical line number of each CSV record's first line, and whether the record is blank.

    A newline ends a record only outside quotes: the count of `"` before it is even
    (an escaped `""` adds two and keeps the parity).
    """
    buf = np.frombuffer(data, dtype=np.uint8)
    # Newline positions by the regex engine (in C, no file-sized temporary array).
    newlines = np.fromiter((m.start() for m in _NEWLINE.finditer(data)), dtype=np.int64)
    line_starts = np.concatenate(([0], newlines[:-1] + 1)) if len(newlines) else np.zeros(0, dtype=np.int64)
    # Parity of each line's quotes: XOR of its quote flags, a few MB of lines at a time
    # (one numpy pass per block instead of one bytes.count call per line).
    parity = np.zeros(len(newlines), dtype=np.uint8)
    block_ends = np.searchsorted(newlines, np.arange(_SCAN_BLOCK, len(buf) + _SCAN_BLOCK, _SCAN_BLOCK))
    first = 0
    for last in np.unique(np.minimum(block_ends + 1, len(newlines))).tolist():
        if last <= first:
            continue
        lo, hi = line_starts[first], newlines[last - 1] + 1
        quotes = (buf[lo:hi] == ord('"')).view(np.uint8)
        parity[first:last] = np.bitwise_xor.reduceat(quotes, line_starts[first:last] - lo)
        first = last
    ends = newlines[np.cumsum(parity, dtype=np.int64) % 2 == 0]
    starts = np.concatenate(([0], ends + 1))
    stops = np.concatenate((ends, [len(buf)]))
    keep = starts < len(buf)
    starts, stops = starts[keep], stops[keep]
    length = stops - starts
    last = buf[np.maximum(stops - 1, 0)]
    blank = (length == 0) | ((length == 1) & (last == 13))
    lines = np.searchsorted(newlines, starts) + 1
    return lines, blank


def _row_and_line_numbers(data: bytes, n_rows: int,
                          bad_records: list[tuple[int, str]]) -> tuple[np.ndarray, np.ndarray | None]:
    """Row (spreadsheet count under the header) and file line of each parsed data row.

    Falls back to row = position + 1 and no line numbers if a stray quote makes the
    record scan disagree with the parser.
    """
    lines, blank = _record_starts(data)
    records = np.arange(1, len(lines) + 1)  # pandas' "line" numbering in its bad-line warnings
    nonblank = np.flatnonzero(~blank)
    if len(nonblank) == 0:
        return np.arange(1, n_rows + 1), None
    header = nonblank[0]
    data_records = nonblank[1:]
    skipped = {r for r, _ in bad_records}
    data_records = data_records[~np.isin(records[data_records], list(skipped))]
    if len(data_records) != n_rows:
        return np.arange(1, n_rows + 1), None
    return (data_records - header).astype(np.int64), lines[data_records]


def _bad_record_problems(bad_records: list[tuple[int, str]], filename: str) -> list[RowProblem]:
    # pandas numbers records from 1 counting blank ones, with the header first (when it is on line 1).
    return [RowProblem(record - 1, None, "", "one value per header column",
                       f"{filename}, row {record - 1}: {why} (is a delimiter unquoted?); row skipped")
            for record, why in bad_records]


def _guess_format(columns: list[str]) -> tuple[str, list[str]]:
    """The format whose marker columns the header has most of, and its missing required columns."""
    present = set(columns)
    scores = {fmt: len(present & markers) for fmt, markers in _MARKERS.items()}
    best = max(scores, key=lambda f: (scores[f], f == "native"))
    if scores[best] == 0:
        if set(REQUIRED) <= present:
            return "native", []
        if len(present & set(COLUMNS)) < 2:
            return "", []
        best = "native"
    missing = [c for c in _REQUIRED_BY_FORMAT[best] if c not in present]
    return best, missing


# -- format mappers: raw text table → event table columns (+ helper columns) -------------------

def _blank_frame(n: int) -> pd.DataFrame:
    blank = pd.Series("", index=range(n), dtype="str")  # one column, shared until written (copy-on-write)
    return pd.DataFrame({c: blank for c in COLUMNS if c != "dataset_id"})


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as stripped text ("" when missing); whole numbers read as numbers print without ".0"."""
    if name not in frame.columns:
        return pd.Series("", index=frame.index, dtype="str")
    values = frame[name]
    if pd.api.types.is_float_dtype(values):
        whole = values.dropna()
        if (whole == np.floor(whole)).all():
            values = values.astype("Int64")
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("str").where(values.notna(), "")
    return values.astype("str").fillna("").str.strip()


def _from_native(frame: pd.DataFrame, rows: _Rows, delimiter: str) -> tuple[pd.DataFrame, list[str]]:
    out = _blank_frame(len(frame))
    known = [c for c in frame.columns if c in COLUMNS and c != "dataset_id"]
    ignored = [c for c in frame.columns if c not in COLUMNS]
    for c in known:
        out[c] = _col(frame, c)
    for c in ("event_type", "sub_event_type", "date_precision", "geo_precision", "site_type", "claim_status"):
        out[c] = out[c].str.lower().str.replace(r"[\s\-]+", "_", regex=True)
    dates, date_precision = _parse_dates(out["event_date"], rows, "event_date")
    out["event_date"] = dates
    out["date_precision"] = out["date_precision"].where(out["date_precision"] != "", date_precision)
    out["country"] = _country_codes(out["country"], rows, "country")
    # A governorate name where a code belongs is resolved like any other name.
    admin = out["admin1_code"].str.upper()
    is_code = admin.str.match(ADMIN1_CODE_RE.pattern)
    out["_name_admin1"] = admin.where(is_code, _governorate_codes(out["admin1_code"].where(~is_code, ""),
                                                                  out["country"]))
    out["_name_given"] = out["admin1_code"]
    out.attrs["admin1_column"] = "admin1_code"
    out["admin1_code"] = ""
    _coordinates(out, frame, rows, delimiter)
    out["fatalities"] = _fatalities(frame, "fatalities", rows, delimiter)
    out["_extra"] = ""
    return out, ignored


def _from_acled(frame: pd.DataFrame, rows: _Rows, delimiter: str) -> tuple[pd.DataFrame, list[str]]:
    out = _blank_frame(len(frame))
    dates, date_precision = _parse_dates(_col(frame, "event_date"), rows, "event_date")
    out["event_date"] = dates
    time_precision = _col(frame, "time_precision")
    mapped = _lookup(time_precision, _ACLED_TIME_PRECISION.get)
    rows.report((time_precision != "") & mapped.isna(), "time_precision", time_precision, "1, 2 or 3",
                "unknown ACLED time_precision; date precision left to the date", drop=False)
    out["date_precision"] = mapped.fillna(date_precision)

    acled_type = _col(frame, "event_type").str.lower()
    acled_sub = _col(frame, "sub_event_type").str.lower()
    pairs = list(zip(acled_type, acled_sub, strict=True))
    # An unknown sub-type falls back to its event type's default, where the type has one.
    found = [_ACLED_TYPES.get(pair) or _ACLED_TYPES.get((pair[0], "")) for pair in pairs]
    unmapped = np.array([f is None for f in found])
    shown = _col(frame, "event_type") + " / " + _col(frame, "sub_event_type")
    rows.report(unmapped, "event_type", shown, "a conflict event type (Battles, Explosions/Remote violence, "
                "Violence against civilians, or Strategic developments: territory transfer or arrests)",
                "not a conflict event type we map (protests, riots and other developments are left out)",
                drop=True)
    out["event_type"] = [f[0] if f else "" for f in found]
    out["sub_event_type"] = [f[1] if f else "" for f in found]

    out["actor1"] = _actors(_col(frame, "actor1"))
    out["actor2"] = _actors(_col(frame, "actor2"))
    out["country"] = _country_codes(_col(frame, "country"), rows, "country")
    out["_name_given"] = _col(frame, "admin1")
    out.attrs["admin1_column"] = "admin1"
    out["_name_admin1"] = _governorate_codes(out["_name_given"], out["country"])
    out["location"] = _col(frame, "location")
    _coordinates(out, frame, rows, delimiter)
    geo_precision = _col(frame, "geo_precision")
    out["geo_precision"] = _lookup(geo_precision, _ACLED_GEO_PRECISION.get).fillna("")
    rows.report((geo_precision != "") & (out["geo_precision"] == ""), "geo_precision", geo_precision,
                "1, 2 or 3", "unknown ACLED geo_precision; left blank", drop=False)
    out["fatalities"] = _fatalities(frame, "fatalities", rows, delimiter)
    source = _col(frame, "source")
    out["source"] = ("ACLED: " + source).where(source != "", "ACLED")
    out["evidence"] = _col(frame, "notes")
    out["claim_status"] = "reported"
    out["_extra"] = _col(frame, "event_id_cnty")
    return out, []


def _from_ucdp(frame: pd.DataFrame, rows: _Rows, delimiter: str) -> tuple[pd.DataFrame, list[str]]:
    out = _blank_frame(len(frame))
    dates, _ = _parse_dates(_col(frame, "date_start"), rows, "date_start")
    out["event_date"] = dates
    date_prec = _col(frame, "date_prec")
    out["date_precision"] = _lookup(date_prec, _UCDP_DATE_PREC.get).fillna("day")
    rows.report((date_prec != "") & ~date_prec.isin(list(_UCDP_DATE_PREC)), "date_prec", date_prec, "1 to 5",
                "unknown UCDP date_prec; read as an exact day", drop=False)

    violence = _col(frame, "type_of_violence")
    event_type = _lookup(violence, _UCDP_TYPES.get)
    rows.report(event_type.isna(), "type_of_violence", violence, "1, 2 or 3", "unknown UCDP type_of_violence",
                drop=True)
    headline = _col(frame, "source_headline")
    side_a = _col(frame, "side_a")
    # State-based violence whose headline names aircraft is an airstrike (a state's air force).
    state = ((violence == "1") & side_a.str.startswith("Government of")).to_numpy(dtype=bool)
    # Headlines repeat (one per source article): each distinct one is searched once.
    codes, distinct = pd.factorize(headline)
    air = state & _matches(pd.Series(distinct, dtype="str"), _AIRSTRIKE_WORDS)[codes]
    out["event_type"] = event_type.fillna("").where(~air, "airstrike")
    out["actor1"] = _actors(side_a)
    out["actor2"] = _actors(_col(frame, "side_b"))
    out["country"] = _country_codes(_col(frame, "country"), rows, "country")
    where_prec = _col(frame, "where_prec")
    out["geo_precision"] = _lookup(where_prec, _UCDP_WHERE_PREC.get).fillna("")
    rows.report((where_prec != "") & (out["geo_precision"] == ""), "where_prec", where_prec, "1 to 7",
                "unknown UCDP where_prec; left blank", drop=False)
    names = _col(frame, "adm_1")
    out["_name_given"] = names
    out.attrs["admin1_column"] = "adm_1"
    out["_name_admin1"] = _governorate_codes(names, out["country"])  # the gazetteer knows "… Governorate"
    out["location"] = _col(frame, "where_coordinates")
    _coordinates(out, frame, rows, delimiter)
    out["fatalities"] = _fatalities(frame, "best", rows, delimiter)
    office = _col(frame, "source_office")
    out["source"] = ("UCDP GED: " + office).where(office != "", "UCDP GED")
    # The article's name stands in for an empty headline (read only when one is empty: long text).
    no_headline = (headline == "").to_numpy(dtype=bool)
    if no_headline.any():
        article = _lookup(_col(frame, "source_article"), lambda text: text.strip('"'))
        out["evidence"] = headline.where(~no_headline, article)
    else:
        out["evidence"] = headline
    out["claim_status"] = "reported"
    out["_extra"] = "ucdp:" + _col(frame, "id")
    return out, []


_MAPPERS = {"native": _from_native, "acled": _from_acled, "ucdp": _from_ucdp}


# -- column helpers -----------------------------------------------------------------------------

def _show(value: object, limit: int = 80) -> str:
    s = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _parse_dates(values: pd.Series, rows: _Rows, column: str) -> tuple[pd.Series, pd.Series]:
    """Text dates → ISO strings ("" when unreadable, reported) and the precision they imply.

    ISO dates, by far the commonest, are parsed in one vectorised pass; only the rest
    go through the slower patterns (see the module docstring for the rules).
    """
    text = values.astype("str").fillna("").str.strip()
    # A column holds few distinct dates: each is parsed once. The day-/month-first
    # decision looks at the set of dates only, so it is the same on the distinct ones.
    codes, distinct = pd.factorize(text)
    out, precision, empty, ambiguous, valid = _parse_distinct_dates(pd.Series(distinct, dtype="str"))
    empty, ambiguous, valid = empty[codes], ambiguous[codes], valid[codes]
    rows.report(empty, column, text, "a date such as 2020-03-15", "missing date", drop=True)
    rows.report(ambiguous, column, text, "YYYY-MM-DD, or a column whose other dates show which number is the day",
                "ambiguous date: day and month could be either way round", drop=True)
    rows.report(~valid & ~empty & ~ambiguous, column, text,
                "a date such as 2020-03-15, 15/03/2020, 15 March 2020 or March 15, 2020", "unreadable date",
                drop=True)
    return _taken(out, codes, values.index), _taken(precision, codes, values.index)


def _parse_distinct_dates(text: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(ISO text or "", precision, empty, ambiguous, valid) for each of a column's distinct stripped dates."""
    n = len(text)
    iso = pd.to_datetime(text.where(text.str.len() == 10, None), format="%Y-%m-%d", errors="coerce")
    fast = iso.notna().to_numpy()
    year = np.where(fast, iso.dt.year.fillna(-1).to_numpy(dtype=np.int64), -1)
    month = np.where(fast, iso.dt.month.fillna(-1).to_numpy(dtype=np.int64), -1)
    day = np.where(fast, iso.dt.day.fillna(-1).to_numpy(dtype=np.int64), -1)
    precision = np.full(n, "day", dtype=object)
    ambiguous = np.zeros(n, dtype=bool)
    rest = np.flatnonzero(~fast & (text != "").to_numpy())
    if len(rest):
        parts = _date_parts(text.iloc[rest].reset_index(drop=True))
        for target, source in zip((year, month, day, precision, ambiguous), parts, strict=True):
            target[rest] = source

    in_range = (year >= 1900) & (year <= 2100) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= 31)
    # Out-of-range fields are replaced by a harmless date and rejected through `in_range`;
    # an impossible day such as 31 February becomes NaT.
    parsed = pd.to_datetime(pd.DataFrame({"year": np.where(in_range, year, 2000),
                                          "month": np.where(in_range, month, 1),
                                          "day": np.where(in_range, day, 1)}), errors="coerce")
    valid = in_range & parsed.notna().to_numpy()
    as_text = np.datetime_as_string(parsed.to_numpy(dtype="datetime64[D]"), unit="D").astype(object)
    out = np.where(valid, as_text, "").astype(object)
    empty = (text == "").to_numpy(dtype=bool)
    return out, precision, empty, ambiguous, valid


def _date_parts(text: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(year, month, day, precision, ambiguous) for dates in the slower, non-ISO forms; -1 = unread."""
    n = len(text)
    year = np.full(n, -1, dtype=np.int64)
    month = np.full(n, -1, dtype=np.int64)
    day = np.full(n, -1, dtype=np.int64)
    precision = np.full(n, "day", dtype=object)

    def take(match: pd.DataFrame, y: int, m: int | None, d: int | None, months_by_name: bool = False) -> np.ndarray:
        hit = match[y].notna().to_numpy() & (year < 0)
        if not hit.any():
            return hit
        year[hit] = match[y][hit].astype(int).to_numpy()
        if months_by_name:
            month[hit] = match[m][hit].str.lower().str.rstrip(".").map(_MONTHS).fillna(0).astype(int).to_numpy()
        else:
            month[hit] = match[m][hit].astype(int).to_numpy() if m is not None else 1
        day[hit] = match[d][hit].astype(int).to_numpy() if d is not None else 1
        return hit

    take(text.str.extract(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"), 0, 1, 2)
    take(text.str.extract(r"^(\d{1,2})[\s\-]+([A-Za-z]{3,9})\.?[\s\-,]+(\d{4})$"), 2, 1, 0, months_by_name=True)
    take(text.str.extract(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$"), 2, 0, 1, months_by_name=True)
    precision[take(text.str.extract(r"^(\d{4})-(\d{1,2})$"), 0, 1, None)] = "month"
    precision[take(text.str.extract(r"^(\d{4})$"), 0, None, None)] = "year"

    numeric = text.str.extract(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
    is_numeric = numeric[0].notna().to_numpy() & (year < 0)
    ambiguous = np.zeros(n, dtype=bool)
    if is_numeric.any():
        first = pd.to_numeric(numeric[0], errors="coerce").fillna(0).astype(int).to_numpy()
        second = pd.to_numeric(numeric[1], errors="coerce").fillna(0).astype(int).to_numpy()
        only_day_first = is_numeric & (first > 12)
        only_month_first = is_numeric & (second > 12)
        if only_day_first.any() and not only_month_first.any():
            day_first = is_numeric
        elif only_month_first.any() and not only_day_first.any():
            day_first = np.zeros(n, dtype=bool)
        else:
            day_first = only_day_first
            ambiguous = is_numeric & ~only_day_first & ~only_month_first & (first != second)
        settled = is_numeric & ~ambiguous
        year[settled] = pd.to_numeric(numeric[2], errors="coerce").fillna(-1).astype(int).to_numpy()[settled]
        month[settled] = np.where(day_first, second, first)[settled]
        day[settled] = np.where(day_first, first, second)[settled]
    return year, month, day, precision, ambiguous


def _country_codes(values: pd.Series, rows: _Rows, column: str) -> pd.Series:
    """Country names or codes → SY / IQ. Other countries are reported and dropped."""
    distinct, uniques = pd.factorize(values)
    # Lower-cased by pandas for the column's dtype (Arrow's Unicode rules for pandas strings), as before.
    found = pd.Series(uniques).str.lower().map(_COUNTRY_CODES).to_numpy(dtype=object, na_value=None)
    codes = _taken(np.append(found, None), distinct, values.index)
    other = codes.isna() & (values != "")
    rows.report(other.to_numpy(), column, values, "Syria or Iraq (SY, IQ)", "events must be in Syria or Iraq",
                drop=True)
    return codes.fillna("")


def _lookup(values: pd.Series, convert: Callable[[str], str | None]) -> pd.Series:
    """`convert` of each cell of a text column, computed once per distinct value, as pandas strings.

    Missing cells count as ""; a None from `convert` is a missing value (as `Series.map(dict)`
    gives for a value not in the dict).
    """
    codes, uniques = pd.factorize(values.astype("str").fillna(""))
    return _taken(np.array([convert(u) for u in uniques] + [None], dtype=object), codes, values.index)


def _taken(distinct: np.ndarray, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """distinct[codes] (code -1 → the last entry) as a pandas string column, gathered in Arrow."""
    return pd.Series(distinct, dtype="str").take(codes).set_axis(index)


def _governorate_codes(names: pd.Series, countries: pd.Series) -> pd.Series:
    """Governorate names (any spelling) → ISO codes via the gazetteer, one lookup per distinct pair."""
    name_codes, name_uniques = pd.factorize(names.astype("str").fillna(""))
    country_codes, country_uniques = pd.factorize(countries.astype("str").fillna(""))
    pairs, pair_uniques = pd.factorize(name_codes * max(len(country_uniques), 1) + country_codes)
    looked_up = []
    for pair in pair_uniques.tolist():
        name = name_uniques[pair // max(len(country_uniques), 1)]
        country = country_uniques[pair % max(len(country_uniques), 1)]
        looked_up.append((geo.governorate_code(name, country_hint=country or None) or "") if name else "")
    return pd.Series(np.array(looked_up + [""], dtype=object)[pairs], index=names.index, dtype=object)


def _actors(values: pd.Series) -> pd.Series:
    """Map the sources' spellings of common actors onto ours."""
    def ours(name: str) -> str:
        return next((label for pattern, label in _ACTOR_PATTERNS if pattern.match(name)), name)

    return _lookup(values, ours)


def _numbers(frame: pd.DataFrame, name: str, rows: _Rows, delimiter: str, expected: str, message: str,
             drop: bool) -> pd.Series:
    """A numeric column as float64 (NaN where empty); cells that are not numbers are reported."""
    if name not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype="float64")
    values = frame[name]
    if pd.api.types.is_numeric_dtype(values):  # the parser already read every cell as a number
        return values.astype("float64")
    text = _col(frame, name)
    if delimiter == ";":
        # European spreadsheets write decimals with a comma when they use ; between cells.
        text = text.str.replace(r"^(-?\d+),(\d+)$", r"\1.\2", regex=True)
    number = pd.to_numeric(text.where(text != "", None), errors="coerce").astype("float64")
    rows.report(((text != "") & number.isna()).to_numpy(), name, _col(frame, name), expected, message, drop)
    return number


def _coordinates(out: pd.DataFrame, frame: pd.DataFrame, rows: _Rows, delimiter: str) -> None:
    for col in ("latitude", "longitude"):
        out[col] = _numbers(frame, col, rows, delimiter, "a decimal number such as 34.73", "not a number",
                            drop=True)


def _fatalities(frame: pd.DataFrame, name: str, rows: _Rows, delimiter: str) -> pd.Series:
    number = _numbers(frame, name, rows, delimiter, "a whole number ≥ 0", "not a count of deaths; left blank",
                      drop=False)
    whole = number.notna() & (number >= 0) & (number == np.floor(number.fillna(0)))
    rows.report((number.notna() & ~whole).to_numpy(), name, _col(frame, name), "a whole number ≥ 0",
                "not a count of deaths; left blank", drop=False)
    return number.where(whole).astype("Int64")


# -- shared steps -----------------------------------------------------------------------------

def _report_duplicates(frame: pd.DataFrame, rows: _Rows) -> None:
    """Identical rows are kept once; each repeat names the row it repeats.

    Rows are compared by a 64-bit hash of all their cells first (vectorised); the few
    candidates are then confirmed cell by cell, so a hash collision cannot drop a row.
    The hash is built a column at a time over the rows still in question: a row whose
    cells so far match no other row's cannot repeat one, and a column of unique ids
    (UCDP's `id`, ACLED's `event_id_cnty`, ours) settles most files after one column.
    """
    candidates = np.arange(len(frame))
    combined = np.zeros(len(frame), dtype=np.uint64)
    for col in range(frame.shape[1]):
        column = frame.iloc[candidates, col]
        combined = combined * np.uint64(1_000_003) ^ pd.util.hash_pandas_object(column, index=False).to_numpy()
        alike = pd.Series(combined).duplicated(keep=False).to_numpy()
        if not alike.any():
            return
        candidates, combined = candidates[alike], combined[alike]
    # Same rows, same steps as hashing the whole table: rows outside `candidates` repeat none.
    subset = frame.iloc[candidates]
    hashes = pd.util.hash_pandas_object(subset, index=False)
    repeated = hashes.duplicated(keep="first").to_numpy()
    if not repeated.any():
        return
    first_of = {}
    for pos, value in zip(candidates[~repeated].tolist(), hashes[~repeated].tolist(), strict=True):
        first_of[value] = pos
    for pos, value in zip(candidates[repeated].tolist(), hashes[repeated].tolist(), strict=True):
        original = first_of[value]
        if frame.iloc[pos].equals(frame.iloc[original]):
            rows.report_at([pos], None, [""], "each event once", f"duplicate of row {rows.row_number(original)}",
                           drop=True)


# A named governorate beats the point's when the point is this close to it (≈ 15 km):
# Natural Earth's generalised borders put points within a few km on the wrong side.
NAME_BORDER_TOLERANCE_DEGREES = 0.135


def _place(out: pd.DataFrame, rows: _Rows) -> None:
    """Settle coordinates, governorate and country of every row (rules in the module docstring)."""
    lat = out["latitude"].to_numpy(dtype="float64", na_value=np.nan)
    lon = out["longitude"].to_numpy(dtype="float64", na_value=np.nan)
    has_point = ~np.isnan(lat) & ~np.isnan(lon)
    in_range = has_point & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    point_code = _admin1_of(lat, lon, in_range)

    # Outside every governorate (or out of range): does the swapped pair land in one?
    try_swap = has_point & (point_code == "") & (np.abs(lon) <= 90) & (np.abs(lat) <= 180)
    swapped_code = _admin1_of(lon, lat, try_swap)
    swapped = swapped_code != ""
    if swapped.any():
        rows.report(swapped, "latitude", _pairs(lat, lon, swapped), "latitude (29–38 N) before longitude (35–49 E)",
                    "latitude and longitude were swapped; used them the other way round", drop=False)
        point_code = np.where(swapped, swapped_code, point_code)
        lat, lon = np.where(swapped, lon, lat), np.where(swapped, lat, lon)
        out["latitude"], out["longitude"] = lat, lon
        in_range |= swapped
    rows.report(has_point & ~in_range, "latitude", _pairs(lat, lon, has_point & ~in_range),
                "latitude -90..90 and longitude -180..180", "coordinates out of range", drop=True)

    name_code = out["_name_admin1"].to_numpy(dtype=object, copy=True)  # _place_by_name fills it in
    name_given = out["_name_given"].to_numpy(dtype=object)
    name_column = out.attrs.get("admin1_column", "admin1")
    rows.report((name_given != "") & (name_code == ""), name_column, name_given, "a governorate of Syria or Iraq",
                "governorate name not recognised; used the point instead", drop=False)
    _place_by_name(out, rows, has_point, name_code)
    outside = in_range & (point_code == "")
    rows.report(outside, "latitude", _pairs(lat, lon, outside), "a point inside Syria or Iraq",
                "the point is outside Syria and Iraq", drop=True)
    differ = (point_code != "") & (name_code != "") & (point_code != name_code)
    near_border = _near_governorate(lat, lon, name_code, differ)
    rows.report(differ & ~near_border, name_column, name_given, "the governorate the point lies in",
                "governorate name disagrees with the point; used the point's governorate", drop=False)
    code = np.where((point_code != "") & ~near_border, point_code, name_code)
    # A country-level row's point is a national centroid, not a place in a governorate.
    code = np.where((out["geo_precision"] == "country").to_numpy(), "", code)

    declared = out["country"].to_numpy(dtype=object)
    code_country, point_country = _country_of(code), _country_of(point_code)
    known = np.where(code_country != "", code_country, point_country)
    conflict = (known != "") & (declared != "") & (declared != known)
    rows.report(conflict, "country", declared, "the country the point lies in",
                "country disagrees with the point; used the point's country", drop=False)
    out["admin1_code"] = code
    out["country"] = np.where(known != "", known, declared)


def _place_by_name(out: pd.DataFrame, rows: _Rows, has_point: np.ndarray, name_code: np.ndarray) -> None:
    """A row with neither coordinates nor a governorate is placed by its location name, if the gazetteer knows it."""
    unplaced = ~has_point & (name_code == "") & (out["location"] != "").to_numpy()
    if not unplaced.any():
        return
    keys = list(zip(out["location"].to_numpy(dtype=object)[unplaced], out["country"].to_numpy(dtype=object)[unplaced],
                    strict=True))
    found = {key: geo.resolve_place(key[0], country_hint=key[1] or None) for key in set(keys)}
    places = [found[key] for key in keys]
    hit = np.zeros(len(out), dtype=bool)
    hit[np.flatnonzero(unplaced)] = [p is not None for p in places]
    if not hit.any():
        return
    chosen = [p for p in places if p is not None]
    rows.report(hit, "location", out["location"].to_numpy(dtype=object), "coordinates or an admin1_code",
                "no coordinates or governorate; placed at the gazetteer's point for this name", drop=False)
    name_code[hit] = [p.admin1_code for p in chosen]
    out.loc[hit, "latitude"] = [p.latitude for p in chosen]
    out.loc[hit, "longitude"] = [p.longitude for p in chosen]
    blank_precision = hit & (out["geo_precision"] == "").to_numpy()
    out.loc[blank_precision, "geo_precision"] = [p.precision for p, b in zip(chosen, blank_precision[hit], strict=True)
                                                 if b]


def _country_of(codes: np.ndarray) -> np.ndarray:
    """The country part ("SY") of each governorate code, "" for ""; worked out once per distinct code."""
    positions, distinct = pd.factorize(codes)
    return np.array([c[:2] for c in distinct] + [""], dtype=object)[positions]


def _pairs(lat: np.ndarray, lon: np.ndarray, mask: np.ndarray) -> np.ndarray:
    shown = np.full(len(lat), "", dtype=object)
    shown[mask] = [f"{a}, {b}" for a, b in zip(lat[mask], lon[mask], strict=True)]
    return shown


def _admin1_of(lats: np.ndarray, lons: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """geo.admin1_of for the rows in `mask`, "" elsewhere; each distinct point is looked up once."""
    codes = np.full(len(lats), "", dtype=object)
    if not mask.any():
        return codes
    # A complex number holds the pair: one 1-D unique instead of a slow row-wise one.
    inverse, unique = pd.factorize(lats[mask] + 1j * lons[mask])
    found = geo.admin1_of(unique.real, unique.imag)
    found = np.array(["" if c is None else str(c) for c in found], dtype=object)
    codes[mask] = found[inverse]
    return codes


def _near_governorate(lat: np.ndarray, lon: np.ndarray, codes: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Whether each point in `mask` lies within the border tolerance of governorate `codes`."""
    near = np.zeros(len(lat), dtype=bool)
    if not mask.any():
        return near
    polygons = geo.governorates().set_index("admin1_code").geometry
    positions = np.flatnonzero(mask)
    # Each distinct (point, governorate) pair is measured once: resampled and real files repeat places.
    point_ids, _ = pd.factorize(lat[positions] + 1j * lon[positions])
    code_ids, _ = pd.factorize(codes[positions])
    _, first, pair_ids = np.unique(point_ids.astype(np.int64) * (code_ids.max() + 2) + code_ids, return_index=True,
                                   return_inverse=True)
    distinct = positions[first]
    shapes = polygons.reindex(codes[distinct]).to_numpy()
    distance = shapely.distance(shapely.points(lon[distinct], lat[distinct]), shapes)
    near[positions] = (np.nan_to_num(distance, nan=np.inf) <= NAME_BORDER_TOLERANCE_DEGREES)[pair_ids.ravel()]
    return near


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet runs as a formula (as in dashboard.exports)
_HTML_RE = r"<\s*/?\s*[A-Za-z!][^>]*>"


def _flag_text(out: pd.DataFrame, rows: _Rows) -> None:
    for col in _TEXT_COLUMNS:
        text = out[col].astype("str")
        # Each distinct text is looked at once (names and sources repeat on many rows).
        codes, distinct = pd.factorize(text)
        distinct = pd.Series(distinct, dtype="str")
        formula = np.append(distinct.str.startswith(_FORMULA_STARTS).to_numpy(dtype=bool), False)
        rows.report(formula[codes], col, text, "plain text",
                    "looks like a spreadsheet formula; kept as text, never evaluated (exports prefix it with ')",
                    drop=False)
        # Only cells with a "<" can hold markup: the regex runs on those alone.
        maybe = np.flatnonzero(distinct.str.contains("<", regex=False).to_numpy(dtype=bool))
        if len(maybe):
            html = np.zeros(len(distinct) + 1, dtype=bool)
            html[maybe] = _matches(distinct.iloc[maybe], _HTML_RE)
            rows.report(html[codes], col, text, "plain text",
                        "contains HTML markup; kept as text and shown escaped, never run", drop=False)


def _matches(text: pd.Series, pattern: str) -> np.ndarray:
    """Case-insensitive regex search over a column, in Arrow's RE2 engine.

    pandas' own `str.contains` runs Python's `re` cell by cell for these patterns,
    twenty times slower on a large upload.
    """
    codes, distinct = pd.factorize(text.astype("str").fillna(""))  # each distinct text searched once
    found = pc.match_substring_regex(pa.array(pd.Series(distinct, dtype="str")), pattern, ignore_case=True)
    return np.append(found.to_numpy(zero_copy_only=False).astype(bool), False)[codes]


def _finish(out: pd.DataFrame, rows: _Rows) -> pd.DataFrame:
    """Assign ids, pass the surviving rows through the schema gate, and renumber its problems."""
    keep = np.flatnonzero(~rows.dropped)
    table = out if len(keep) == len(out) else out.iloc[keep].reset_index(drop=True)
    generated = (table["event_id"] == "").to_numpy()
    if len(table) and generated.all():  # the usual case for ACLED and UCDP: no copy of the table, ids as they come
        table["event_id"] = event_ids(table, table["_extra"])
    elif generated.any():
        table.loc[generated, "event_id"] = event_ids(table.loc[generated], table.loc[generated, "_extra"])
    repeated = table["event_id"].duplicated(keep="first").to_numpy()
    # An id the file gives twice is the file's own key repeated: keep the first.
    given_twice = repeated & ~generated
    rows.report_at(keep[given_twice], "event_id", table.loc[given_twice, "event_id"].tolist(), "a unique event_id",
                   "event_id already used by an earlier row", drop=True)
    # Two different rows with the same source, date, type and place are two events:
    # the later ones get their occurrence number in the id (stable on re-import).
    regenerate = repeated & generated
    if regenerate.any():
        occurrence = table.groupby("event_id", sort=False).cumcount().astype(str)
        table.loc[regenerate, "event_id"] = event_ids(
            table.loc[regenerate], table.loc[regenerate, "_extra"] + "#" + occurrence[regenerate])
    if given_twice.any():
        table, keep = table.loc[~given_twice].reset_index(drop=True), keep[~given_twice]

    valid, schema_problems = validate_events(table.loc[:, [c for c in COLUMNS if c in table.columns]],
                                             first_row=0)
    for p in schema_problems:
        # validate_events blanks or truncates optional cells and drops rows for everything else.
        kept = p.message.endswith(("left blank", "truncated"))
        rows.report_at([keep[p.row]], p.column, [p.value], p.expected, p.message, drop=not kept)
    return valid  # validate_events gives the contract's columns and dtypes


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell a spreadsheet would run as a formula prefixed with `'`."""
    from dashboard.exports import neutralise_frame

    return neutralise_frame(df)


__all__ = ["ImportResult", "MAX_UPLOAD_BYTES", "FORMATS", "NAME_BORDER_TOLERANCE_DEGREES", "import_csv", "csv_safe"]
