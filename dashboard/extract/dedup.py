"""One event, many reports: merge mentions within an article.

Two mentions are one event when they have the same type and place, dates at most a
day apart and compatible actors (equal, or one unknown). A governorate-level mention
of a type is folded into a finer mention of the same type in that governorate ("an
attack in Deir ez-Zor" after "an attack on a checkpoint in Dhiban"), because an
article that names the town and then the province is describing one event. Every
evidence sentence is kept; the finest date, the largest toll and the strongest
claim status win.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dashboard.extract.places import listed_together

if TYPE_CHECKING:
    from dashboard.extract.core import Mention

MAX_EVIDENCE = 12
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
# A contradicted claim stays contradicted; a party's claim outranks a plain report.
_CLAIM_RANK = {"disputed": 0, "claimed": 1, "reported": 2, "denied": -1}


def _compatible(a: Mention, b: Mention) -> bool:
    """Actors do not contradict: one unknown, equal, or the same two sides swapped."""
    generic = ("", "Unidentified gunmen")
    return a.actor1 in generic or b.actor1 in generic or a.actor1 in (b.actor1, b.actor2) \
        or b.actor1 in (a.actor1, a.actor2)


def _same_time(a: Mention, b: Mention) -> bool:
    """Day dates at most a day apart, or one date inside the other's coarser window."""
    coarse = max(a, b, key=lambda m: _PRECISION_RANK[m.date_precision])
    fine = b if coarse is a else a
    if a.event_type == "ceasefire":
        # A truce is a state that lasts: agreed on Sunday, broken on Tuesday is one truce.
        return abs((a.event_date - b.event_date).days) <= 7
    if coarse.date_precision == "day":
        return abs((a.event_date - b.event_date).days) <= 1
    if coarse.date_precision == "week":
        return abs((coarse.event_date - fine.event_date).days) <= 7
    if coarse.date_precision == "month":
        return (coarse.event_date.year, coarse.event_date.month) == (fine.event_date.year, fine.event_date.month)
    return coarse.event_date.year == fine.event_date.year


# "A second force arrested four in Rutba", "Separately, ...": the text says it is another event.
_DISTINCT = re.compile(r"^\W*(?:(?:a|the) (?:second|third|separate|different) (?:force|unit|operation|raid|team)|"
                       r"another (?:force|unit|operation|raid|team)|separately|elsewhere|in a separate)\b", re.I)


def _same_kind(a: Mention, b: Mention) -> bool:
    """Not told as another operation: a sweep of the desert and "a second force arrested
    four in Rutba" are two; a campaign in the province and its arrests in a town are one."""
    if a.sub_event_type == b.sub_event_type or "other" in (a.sub_event_type, b.sub_event_type):
        return True
    return not any(_DISTINCT.match(ev) for ev in (a.evidence[0], b.evidence[0]))


def _absorb(into: Mention, other: Mention, tolls: bool = True) -> None:
    for ev in other.evidence:
        # Enough evidence to check the event; a 5 MB page repeating it needs no more.
        if len(into.evidence) < MAX_EVIDENCE and ev not in into.evidence:
            into.evidence.append(ev)
    if _PRECISION_RANK[other.date_precision] < _PRECISION_RANK[into.date_precision]:
        into.event_date, into.date_precision = other.event_date, other.date_precision
    if tolls and other.fatalities is not None:
        into.fatalities = other.fatalities if into.fatalities is None else max(into.fatalities, other.fatalities)
    if _CLAIM_RANK[other.claim_status] < _CLAIM_RANK[into.claim_status]:
        into.claim_status = other.claim_status
    # Told in the body too: no longer only a headline's summary.
    into.headline = into.headline and other.headline
    into.actor1 = into.actor1 or other.actor1
    into.actor2 = into.actor2 or other.actor2
    if into.sub_event_type == "other" and other.sub_event_type != "other":
        into.sub_event_type = other.sub_event_type


def merge_events(mentions: list[Mention]) -> list[Mention]:
    """Merged events in order of first mention."""
    merged: list[Mention] = []
    by_key: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        key = (m.event_type, m.place.place.name)
        for cand in by_key.get(key, []):
            if _same_time(cand, m) and (
                    _compatible(cand, m) or cand.sentence_index == m.sentence_index):
                _absorb(cand, m)
                break
        else:
            fresh = type(m)(**{**m.__dict__, "evidence": list(m.evidence)})
            merged.append(fresh)
            by_key.setdefault(key, []).append(fresh)
    merged = _fold_unresolved(merged)
    merged = _fold_headline_and_truces(merged)
    # Governorate-level events fold into a finer event of the same type and governorate.
    finer = {}
    for m in merged:
        if m.place.place.kind != "governorate":
            finer.setdefault((m.event_type, m.place.place.admin1_code), m)
    out: list[Mention] = []
    for m in merged:
        target = finer.get((m.event_type, m.place.place.admin1_code))
        if m.place.place.kind == "governorate" and target is not None and m.event_type != "sleeper_cell" \
                and _same_time(target, m) and _same_kind(target, m):
            # A province-wide toll ("15 killed this month in Deir ez-Zor") is not this event's.
            _absorb(target, m, tolls=False)
        else:
            out.append(m)
    # Deaths mentioned without an event word ("five were killed") belong to an event
    # of the article in the same governorate, if there is one.
    strong = [m for m in out if not m.weak and not m.inherited]
    final: list[Mention] = []
    for m in out:
        if m.inherited and not m.weak:
            # A follow-up with the previous sentence's place ("the base attack", "after an
            # assault") is the event already told there, whatever word it uses for it.
            fits = [s for s in strong if s.event_type == m.event_type or m.event_type == "attack"
                    and s.event_type in ("armed_clash", "airstrike")]
            # The same place first; else "the attack" is the article's event of that kind.
            host = next((s for s in fits if s.place.place.name == m.place.place.name), None) or (
                fits[0] if fits else None)
            if host is not None:
                if (host.place.reference or host.place.place.kind == "governorate") and not m.place.reference \
                        and m.place.place.kind != "governorate" \
                        and m.place.place.admin1_code == host.place.place.admin1_code:
                    # "ambushed a bus on the road between X and Y. The attack took place near Z":
                    # Z places the event the road only located.
                    host.place = m.place
                _absorb(host, m)
                continue
        if m.inherited and m.weak and not any(s.event_type == m.event_type for s in strong):
            # A reference back ("concerned by the strikes") to an event the article never
            # told is not an event placed wherever the previous sentence was.
            continue
        if m.weak:
            # Deaths belong to violence (not to an arrest or a truce told nearby).
            # A killing at a place of its own ("gunmen killed two men near the village of X")
            # is its own attack, not a toll of another event in the province.
            host = next((s for s in strong if s.place.place.admin1_code == m.place.place.admin1_code
                         and s.event_type in ("attack", "airstrike", "armed_clash", "offensive")
                         and not (m.place.place.kind in ("town", "site", "unresolved")
                                  and s.place.place.kind in ("town", "site", "unresolved")
                                  and s.place.place.name != m.place.place.name)), None)
            if host is not None:
                _absorb(host, m)
                continue
        final.append(m)
    return final


def _fold_unresolved(merged: list[Mention]) -> list[Mention]:
    """A place the gazetteer lacks and a known place of the same governorate in the same
    sentence, for the same type, are one event ("In Raqqa city, forces raided a house in
    the X neighbourhood and arrested two men"): the known place wins, unless it only
    locates the other ("the X district south of Kirkuk"). A campaign "in the X and Y
    areas" of one province is one offensive."""
    out: list[Mention] = []
    for m in merged:
        twin = next((o for o in out if o.event_type == m.event_type and o.sentence_index == m.sentence_index
                     and o.place.place.admin1_code == m.place.place.admin1_code
                     and "unresolved" in (o.place.place.kind, m.place.place.kind)
                     and (o.place.place.kind != m.place.place.kind or m.event_type == "offensive")
                     and (m.event_type == "offensive"
                          or not listed_together(m.evidence[0], o.place.text, m.place.text))), None)
        if twin is None:
            out.append(m)
            continue
        unresolved, known = (twin, m) if twin.place.place.kind == "unresolved" else (m, twin)
        keep, drop = (unresolved, known) if known.place.reference or known.place.container \
            or known.place.place.kind == "governorate" else (known, unresolved)
        if keep is m:
            out[out.index(twin)] = m
        _absorb(keep, drop)
    return out


def _fold_headline_and_truces(merged: list[Mention]) -> list[Mention]:
    """A headline's event is the body's event of that type in that governorate ("Ankara says
    Idlib truce 'still standing' as shells fall on Jabal al-Zawiya"); and a truce is one per
    governorate and week, whichever villages its breaches are told at."""
    out: list[Mention] = []
    body = [m for m in merged if not m.headline]
    for m in merged:
        if m.headline:
            # A headline summarises the body: its event is the body's of that type there.
            host = next((b for b in body if b.event_type == m.event_type
                         and b.place.place.admin1_code == m.place.place.admin1_code), None)
            if host is not None:
                _absorb(host, m)
                continue
        if m.event_type == "attack" and m.sub_event_type == "other":
            # "the attacks on Hmeimim" after a drone strike on it: the same event in a generic word.
            host = next((o for o in out if o.event_type in ("airstrike", "armed_clash")
                         and o.place.place.name == m.place.place.name and _same_time(o, m) and _compatible(o, m)),
                        None)
            if host is not None:
                _absorb(host, m)
                continue
        if m.event_type == "ceasefire":
            host = next((o for o in out if o.event_type == "ceasefire"
                         and o.place.place.admin1_code == m.place.place.admin1_code and _same_time(o, m)), None)
            if host is not None:
                _absorb(host, m)
                continue
        out.append(m)
    return out
