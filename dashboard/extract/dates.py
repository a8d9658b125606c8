"""Time expressions resolved against the article's publication date.

Our own rules rather than dateparser: news time expressions are a small closed set
("on Sunday", "overnight", "last week", "on March 3"), they must resolve *backwards*
from the publication date, and dateparser is ~100x slower per call.

Conventions (documented for researchers):
- "on Sunday" / "Sunday" = the most recent Sunday on or before publication (day).
- "yesterday", "last night", "overnight" = the day before publication (day).
- "today", "this morning", "earlier today" = the publication date (day).
- "N days ago" = publication − N (day); "last week"/"past week" = publication − 7 (week);
  "this week" = publication (week); "earlier this month"/"this month" = 1st of the
  month (month); "last month" = 1st of the previous month (month).
- "on March 3" / "3 March" = that day in the latest year not after publication (day);
  "in March" = 1st of that month (month); an explicit year is honoured.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dashboard.extract.fastre import ci, finditer, lower, split_alternation, start_finder

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a": 1, "an": 1, "a couple of": 2, "several": 3, "few": 3, "a few": 3}

_MONTH_NAME = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
              r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# The leading look-behind (every alternative starts at a word) makes scanning 3x faster.
_TIME_RE = ci(
    r"(?<![a-z0-9_])(?:(?P<md>\b(?P<md_month>" + _MONTH_NAME + r")\s+(?P<md_day>\d{1,2})(?:st|nd|rd|th)?\b"
    r"(?:,?\s+(?P<md_year>\d{4}))?)"
    r"|(?P<dm>\b(?P<dm_day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_month>" + _MONTH_NAME + r")"
    r"(?:,?\s+(?P<dm_year>\d{4}))?)"
    r"|(?P<iso>\b(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})\b)"
    r"|(?P<ago>\b(?P<ago_n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|a couple of|a few|few|"
    r"several)\s+(?P<ago_unit>days?|weeks?|months?)\s+(?:ago|earlier)\b)"
    r"|(?P<yesterday>\b(?:yesterday|last night|overnight|the previous day|the day before)\b)"
    r"|(?P<today>\b(?:today|this morning|this afternoon|this evening|tonight|earlier today|hours ago|"
    r"on the same day)\b)"
    r"|(?P<weekday>\b(?:(?P<wd_last>last|past)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)(?:'s)?\b)"
    r"|(?P<lastweek>\b(?:last|past|previous)\s+week(?:end)?\b|\bover the (?:past|last) (?:week|seven days)\b)"
    r"|(?P<thisweek>\b(?:this|earlier this|later this)\s+week(?:end)?\b)"
    r"|(?P<thismonth>\b(?:earlier this|this|so far this)\s+month\b)"
    r"|(?P<lastmonth>\b(?:last|past|previous)\s+month\b)"
    r"|(?P<inmonth>\b(?:in|since|during|early|late|mid-?)\s+(?P<in_month>" + _MONTH_NAME + r")"
    r"(?:\s+(?P<in_year>\d{4}))?\b))",
)
_TIME_STARTS = start_finder(*split_alternation(_TIME_RE.pattern))  # where _TIME_RE can match (3x faster scan)


def _month_num(name: str) -> int | None:
    return _MONTH_ABBR.get(name.casefold().rstrip(".")[:4]) or _MONTH_ABBR.get(name.casefold().rstrip(".")[:3])


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _latest_not_after(month: int, day: int, published: date) -> date | None:
    """That day-of-month in the latest year not after publication (a few days of slack
    for time zones and embargoes)."""
    for year in (published.year, published.year - 1):
        d = _safe_date(year, month, day)
        if d and d <= published + timedelta(days=2):
            return d
    return None


def resolve_time(m: re.Match[str], published: date) -> tuple[date, str] | None:
    """One matched time expression → (date, precision), or None when it does not resolve."""
    g = m.groupdict()
    if g["md"] or g["dm"]:
        month = _month_num(g["md_month"] or g["dm_month"])
        day = int(g["md_day"] or g["dm_day"])
        year = g["md_year"] or g["dm_year"]
        if month is None:
            return None
        d = _safe_date(int(year), month, day) if year else _latest_not_after(month, day, published)
        return (d, "day") if d else None
    if g["iso"]:
        d = _safe_date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        return (d, "day") if d else None
    if g["ago"]:
        raw = g["ago_n"].casefold()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 1)
        unit = g["ago_unit"].casefold()
        if unit.startswith("day"):
            return published - timedelta(days=n), "day"
        if unit.startswith("week"):
            return published - timedelta(weeks=n), "week"
        y, mo = published.year, published.month - n
        while mo <= 0:
            y, mo = y - 1, mo + 12
        return date(y, mo, 1), "month"
    if g["yesterday"]:
        return published - timedelta(days=1), "day"
    if g["today"]:
        return published, "day"
    if g["weekday"]:
        target = WEEKDAYS.index(g["wd"].casefold())
        back = (published.weekday() - target) % 7
        if g["wd_last"] and back == 0:
            back = 7
        return published - timedelta(days=back), "day"
    if g["lastweek"]:
        return published - timedelta(days=7), "week"
    if g["thisweek"]:
        return published, "week"
    if g["thismonth"]:
        return published.replace(day=1), "month"
    if g["lastmonth"]:
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month"
    if g["inmonth"]:
        month = _month_num(g["in_month"])
        if month is None:
            return None
        if g["in_year"]:
            return date(int(g["in_year"]), month, 1), "month"
        year = published.year if month <= published.month else published.year - 1
        return date(year, month, 1), "month"
    return None


def find_times(text: str, published: date) -> list[tuple[int, date, str]]:
    """(offset, date, precision) of every resolvable time expression in a sentence."""
    out = []
    for m in finditer(_TIME_RE, _TIME_STARTS, lower(text)):
        # "May" is also a modal verb: only a month with a day or year next to it.
        if m.group("inmonth") and m.group("in_month").casefold() == "may" and not m.group("in_year"):
            continue
        if m.group(0).startswith("since"):
            # "the deadliest since January": a span's start, not when the event was.
            continue
        r = resolve_time(m, published)
        if r is not None:
            out.append((m.start(), r[0], r[1]))
    return out


def nearest_time(times: list[tuple[int, date, str]], pos: int) -> tuple[date, str] | None:
    """The time expression closest to a trigger, preferring day precision (ties: the
    later one, which in news prose usually follows the verb: "attacked ... on Sunday")."""
    if not times:
        return None
    # A day-precise expression a little farther away beats a vaguer one next to the
    # trigger ("10 attacks in October, including one ... on October 21").
    best = min(times, key=lambda t: (abs(t[0] - pos) + (0 if t[2] == "day" else 60), -t[0]))
    return best[1], best[2]


def parse_published(value: date | str) -> date:
    """A publication date from a date or an ISO string (ValueError with a clear message)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"publication date {value!r} is not a date YYYY-MM-DD") from None
