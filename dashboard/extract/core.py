"""The extraction pipeline: article text + publication date → event table.

One pass over sentences. For each sentence: triggers (lexicon) → which are asserted
(claims) → actors → places (places) → each place goes to the nearest trigger of its
clause → date (dates) and fatalities (numbers). Then denials cancel, duplicates merge
(dedup), and the rows are checked against the schema.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from dashboard.extract import claims
from dashboard.extract.confidence import assess, drop_false_alarms
from dashboard.extract.dates import find_times, nearest_time, parse_published
from dashboard.extract.dedup import merge_events
from dashboard.extract.fastre import CiGate, Scanner, ci, lower
from dashboard.extract.lexicon import ActorMention, TriggerMatch, find_actors, find_triggers, resolve_type
from dashboard.extract.numbers import fatalities_in
from dashboard.extract.places import PlaceMention, country_hint_of, find_places, listed_together
from dashboard.extract.sentences import Sentence, normalize_text, split_sentences
from dashboard.geo import Place
from dashboard.schema import (
    ADMIN1_CODES,
    CLAIM_STATUSES,
    COLUMNS,
    COUNTRIES,
    DATE_PRECISIONS,
    EVENT_TYPES,
    GEO_PRECISIONS,
    MAX_TEXT,
    SITE_TYPES,
    STRING_COLUMNS,
    SUB_EVENT_TYPES,
    empty_events,
    make_event_id,
)

# Above this an input is not an article; refusing is clearer than a minute of work.
MAX_ARTICLE_CHARS = 6_000_000

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")
_FOREIGN = re.compile(
    r"(?<![A-Za-z0-9_])(?:Yemen|Yemeni|Sanaa|Marib|Hodeidah|Aden|Houthis?|Libya|Libyan|Tripoli|Benghazi|Misrata|Ukraine|"
    r"Ukrainian|Kyiv|Kharkiv|Donetsk|Luhansk|Afghanistan|Afghan|Kabul|Kandahar|Sudan|Sudanese|Khartoum|Darfur|"
    r"Somalia|Somali|Mogadishu|Mali|Malian|Nigeria|Nigerian|Gaza|West Bank|Lebanon|Lebanese|Beirut|Myanmar|"
    r"Sahel|Mozambique|Burkina Faso|Niger|Congo|Ethiopia|Tigray|Pakistan|Pakistani|Iranian territory|"
    r"inside Iran|inside Turkey|in Jordan)\b"
)
_FOREIGN = Scanner(_FOREIGN)  # the same matches, 3x faster (see fastre.Scanner)
_PUBLISHED_HEADER = re.compile(r"^\s*Published:\s*(\d{4}-\d{2}-\d{2})\s*\n", re.I)


@dataclass
class Mention:
    """One asserted (trigger, place) pair before merging."""

    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    place: PlaceMention
    event_date: date
    date_precision: str
    claim_status: str
    fatalities: int | None
    evidence: list[str] = field(default_factory=list)
    sentence_index: int = 0
    weak: bool = False  # from a weak trigger ("were killed"): folds into a stronger event there
    inherited: bool = False  # place taken from an earlier sentence ("the attack"): folds into an event there
    headline: bool = False  # told in the headline: the same event as the body's of that type and governorate


def split_header(text: str) -> tuple[str | None, str]:
    """A leading "Published: YYYY-MM-DD" line (our corpus format) → (date, rest)."""
    m = _PUBLISHED_HEADER.match(text)
    if m:
        return m.group(1), text[m.end():]
    return None, text


def text_problem(text: str) -> str | None:
    """Why a text yields no events without being read, or None: empty, not in Latin
    script (Arabic), or about a country other than Syria and Iraq."""
    if not text or not text.strip():
        return "empty text"
    arabic = len(_ARABIC.findall(text))
    latin = len(_LATIN.findall(text)) if arabic else 0  # no Arabic: no need to count
    if arabic > latin:
        return "text is in Arabic script; only English text is supported"
    if country_hint_of(text) is None and _FOREIGN.search(text) and not re.search(r"\b(?:Syria|Iraq)", text):
        return "text is about a country other than Syria or Iraq"
    return None


_BETWEEN_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?between\b")
_BY_AFTER = re.compile(r"^\s*(?:(?!(?:used|owned|run|held|controlled|occupied|frequented|operated|manned)\b)"
                       r"\w+\s+){0,3}?by\s+(?:the\s+)?")
_PATIENT_BEFORE = re.compile(r"(?:suspected|alleged|members of|member of|against|targeting|on|of)\s+(?:the\s+)?$")
_SOURCE_AFTER = re.compile(r"^(?:'s)?\s+(?:ministry|spokes\w+|media|command|statement|official|officials|"
                           r"council|channels|sources|said|says|announced|claimed)\b", re.I)
_REPORTING_VERB = re.compile(r"\b(?:said|says|claimed|announced|reported|stated|told|added|confirmed)\b", re.I)
_PASSIVE_VICTIM = re.compile(r"\b(?:was|were|been|being|are|is)\s+(?:\w+\s+)?(?:killed|wounded|injured|hurt|"
                             r"targeted|attacked|hit|struck|abducted|kidnapped|ambushed|shelled|bombed)\b", re.I)


_REPELLED = re.compile(r"(?:repel|repuls|fended)", re.I)
_REPELLED_BY = re.compile(r"\s+(?:launched\s+|carried out\s+|mounted\s+)?by\b[^.;,]{0,40}", re.I)


def _actors_for(trigger: TriggerMatch, actors: list[ActorMention], text: str) -> tuple[str, str]:
    """actor1 = the agent: 'by X' after the trigger, else the nearest actor before it,
    else the first after it; actor2 = the nearest other actor."""
    if not actors:
        return "", ""
    after = [a for a in actors if a.start >= trigger.end]
    before = [a for a in actors if a.end <= trigger.start]
    overlapping = [a for a in actors if a.start < trigger.end and a.end > trigger.start]
    by = _BY_AFTER.match(text[trigger.end:trigger.end + 60])
    # "suspected ISIS members", "members of the SDF": the actor is acted upon.
    non_patients = [a for a in before if not _PATIENT_BEFORE.search(text[max(0, a.start - 30):a.start])]
    subjects = [a for a in non_patients if not _SOURCE_AFTER.match(text[a.end:a.end + 40])]
    # "X said Y attacked Z": the agent is after the last reporting verb, if one is named there.
    reports = list(_REPORTING_VERB.finditer(text, 0, trigger.start))
    if reports:
        after_report = [a for a in subjects if a.start >= reports[-1].end()]
        subjects = after_report or subjects
    actor1 = ""
    if trigger.event_type == "attack" and _REPELLED.match(text, trigger.start):
        # "Army units repelled an attack by ISIS": the attacker acts, the defenders are its target.
        by_span = _REPELLED_BY.match(text, trigger.end)
        attackers = overlapping or [a for a in after if by_span and a.start <= by_span.end()]
        defenders = [a for a in subjects or before if not attackers or a.name != attackers[0].name]
        return (attackers[0].name if attackers else "", defenders[-1].name if defenders else "")
    if trigger.event_type in ("armed_clash", "ceasefire") and _BETWEEN_AFTER.match(text, trigger.end) \
            and len(after) >= 1:
        # "clashes between X and Y", "a truce between X and Y": the sides follow.
        second = after[1].name if len(after) > 1 and after[1].name != after[0].name else ""
        return after[0].name, second
    if overlapping:
        actor1 = overlapping[0].name
    elif by and after and after[0].start <= trigger.end + by.end() + 2:
        actor1 = after[0].name
    elif subjects and (trigger.trigger.by_actor or not _PASSIVE_VICTIM.search(text[subjects[0].end:trigger.start])):
        # The clause's subject acts ("Iraqi forces killed two ISIS fighters in an
        # airstrike"), unless it is a passive victim ("SDF fighters were killed when ...").
        actor1 = subjects[0].name
    elif subjects:
        actor1 = subjects[-1].name
    elif non_patients:
        # Only the source is named before the trigger ("the CTS said its units arrested ...").
        actor1 = non_patients[-1].name
    elif before:
        actor1 = before[-1].name
    elif after and trigger.event_type in ("armed_clash", "ceasefire"):
        # "clashes between X and Y": both sides follow the trigger.
        actor1 = after[0].name
    # Otherwise an actor after the trigger is its target ("a bomb hit a PMF vehicle").
    others = sorted((a for a in actors if a.name != actor1),
                    key=lambda a: abs(a.start - trigger.start) + (0 if a.start >= trigger.end else 15))
    return actor1, others[0].name if others else ""


# A new finite clause ("..., and a curfew was imposed in Latakia"): places after it do
# not belong to a trigger before it.
_NEW_CLAUSE = re.compile(r";|,?\s+(?:and|but|while|whereas)\s+(?:(?!(?:and|but)\b)[\w'-]+\s+){0,6}?"
                         r"(?:was|were|is|are|has|have|"
                         r"had|said|says|remains?|stayed)\b", re.I)


def _assign_places(triggers: list[TriggerMatch], places: list[PlaceMention],
                   text: str = "") -> dict[int, list[PlaceMention]]:
    """Each place goes to the closest trigger before it (or, if none, after it) that
    is not cut off from it by a new clause."""
    out: dict[int, list[PlaceMention]] = {i: [] for i in range(len(triggers))}
    if not triggers:
        return out
    # Clause cuts found once per sentence; a pair is cut off if a cut lies between them.
    ends = {p.end for p in places}
    starts = {p.start for p in places}
    # "in Hasakah and Deir ez-Zor governorates were ...": a list, not a new clause.
    cuts = [m.start() for m in _NEW_CLAUSE.finditer(text) if not (
        m.start() in ends and m.group(0).startswith(" and ") and m.start() + 5 in starts
        and m.group(0).rsplit(None, 1)[-1].casefold() in ("were", "are", "have", "remain"))] if text else []
    for p in places:
        costs = []
        for t in triggers:
            lo, hi = (t.end, p.start) if t.start <= p.start else (p.end, t.start)
            i = bisect_left(cuts, lo)
            if i < len(cuts) and cuts[i] < hi:
                costs.append(float("inf"))
            else:
                costs.append(p.start - t.end if t.start <= p.start else (t.start - p.end) * 2.0 + 20)
        best = min(costs)
        if best != float("inf"):
            out[costs.index(best)].append(p)
    return out


def _prune_places(places: list[PlaceMention]) -> list[PlaceMention]:
    """Sites beat towns beat governorates within one governorate; "X in Y province"
    trusts the text's Y when the gazetteer puts X elsewhere; reference places
    ("east of Palmyra") give way to the place they locate."""
    rank = {"site": 0, "town": 1, "district": 2, "unresolved": 2, "governorate": 3, "country": 4}
    kept: list[PlaceMention] = []
    for i, p in enumerate(places):
        if p.reference:
            # "X east of Y": Y gives way to the X right before it, or to any place of
            # its governorate that is at least as precise.
            if (i > 0 and p.start - places[i - 1].end <= 40) or any(
                    q is not p and not q.reference and q.place.admin1_code == p.place.admin1_code
                    and rank.get(q.place.kind, 4) <= rank.get(p.place.kind, 4) for q in places):
                continue
        kept.append(p)
    # Containers ("Al-Busayrah in Deir ez-Zor", "Baghdad's Sadr City", "In Hasakah, ...")
    # give way to the place they contain; if the gazetteer puts the contained place
    # in another governorate, the text's container wins.
    contained = [p for p in kept if not p.container]
    if contained and len(contained) < len(kept):
        # Each container governs the places told before it, back to the previous
        # container ("in the desert of X, in the countryside of Hama, and in the Y
        # mountains of rural Raqqa": X by Hama, Y by Raqqa).
        resolved: list[PlaceMention] = []
        group: list[PlaceMention] = []
        for p in kept:
            if not p.container:
                group.append(p)
                continue
            if not group:
                resolved.append(p)  # a container with nothing before it ("In Hasakah, ...")
                continue
            if any(q.place.admin1_code == p.place.admin1_code for q in group):
                resolved.extend(group)
            else:
                # The text's container wins over a gazetteer that puts the place right
                # before it elsewhere; the group's other places are items of their own.
                resolved.extend(group[:-1] + [p])
            group = []
        resolved.extend(group)
        # A leading container ("In Hasakah, gunmen ... near al-Shaddadi") gives way to
        # the places it contains when they are in it.
        leading = [p for p in resolved if p.container]
        rest = [p for p in resolved if not p.container]
        if leading and rest and {p.place.admin1_code for p in rest} & {p.place.admin1_code for p in leading}:
            resolved = rest
        kept = resolved
    result = kept
    best: dict[str, int] = {}
    for p in result:
        a1 = p.place.admin1_code
        best[a1] = min(best.get(a1, 9), rank.get(p.place.kind, 4))
    pruned = [p for p in result if rank.get(p.place.kind, 4) == best[p.place.admin1_code]
              or p.place.kind != "governorate"]
    # A governorate is dropped when a finer place of it is named for the same event.
    return [p for p in pruned if not (p.place.kind == "governorate" and best[p.place.admin1_code] < 3)]


# A sentence referring back to an event told before: only such a sentence may take
# its place from the previous one.
# "during a raid", "in a raid": the circumstance of the sentence's arrest.
_CAUSE_BEFORE = re.compile(r"\b(?:following|in (?:response|retaliation) (?:to|for)|in revenge for|sparked by|"
                           r"triggered by) the\s+$", re.I)
_DISTRICT_AFTER = re.compile(r"\s+(?:district|sub-?district|area|region|countryside|administration)\b")
_STATE_SUBJECT = re.compile(r"\b(?:army|troops|soldiers|police|security forces|security units|counter-terrorism|"
                            r"commandos|intelligence service|"
                            r"federal police|border guards|Peshmerga|Asayish|PMF|Hashd|SDF|General Security)\b", re.I)
_TOLD_ANAPHOR = re.compile(r"\W*(?:The|This|That|Both) (?:[\w-]+ )?(?:attacks?|ambush|bombing|blast|explosion|strikes?|"
                           r"raid|assault|clashes|fighting|shelling|operation)\b")
_WHERE_OPEN = re.compile(r",\s+where\b")
_DURING_THE = re.compile(r"\b(?:during|amid|throughout|after|since|in connection with|over) the\s+$", re.I)
_GENERIC_ATTACK = re.compile(r"attack(?:ed|s|ing)?", re.I)
_CIRCUMSTANCE_BEFORE = re.compile(r"\b(?:during|in|amid)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?$", re.I)
_TOLD_BEFORE_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:came|come|comes|followed|follows)\b", re.I)
_RELATIVE_BEFORE = re.compile(r"\b(?:with|against|fought|engaged)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?"
                              r"(?:that|which|who)\s+(?:had\s+)?$", re.I)
_TOWARD_BEFORE = re.compile(r"\btowards?\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?$", re.I)
_ANAPHOR = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,2}?"
                      r"(?:attacks?|"
                      r"strikes?|airstrikes?|raids?|operations?|bombings?|blasts?|explosions?|ambush(?:es)?|clash(?:es)?|"
                      r"fighting|assault|incident|campaign|offensive|arrests?|sweep|shelling|truce|ceasefire|"
                      r"violations?|killings?|assassination)\b|\b(?:there|[Tt]he (?:same )?area|"
                      r"the (?:site|town|village|city|"
                      r"field|base|prison|camp|checkpoint|post|facility|plant|refinery|airport|dam|border|tower|"
                      r"outpost|position|station|compound|well|pipeline|convoy|patrol|headquarters|warehouse|depot|"
                      r"neighbou?rhoods?|district|province|governorate|region))\b|\b(?:continued|resumed|continuing)\b")
_ANAPHOR = Scanner(_ANAPHOR)  # the same matches, 1.7x faster (fastre)


# Places abroad: an event there is not in Syria or Iraq.
_FOREIGN_PLACE = re.compile(
    r"\b(?:Ankara|Istanbul|Gaziantep|Kilis|Sanliurfa|[SŞ]anl[ıi]urfa|Urfa|Mardin|Hatay|Antakya|Reyhanl[ıi]|Nusaybin|"
    r"Cizre|Diyarbak[ıi]r|Hakkari|[SŞ][ıi]rnak|Tehran|Kermanshah|Amman|Zarqa|Irbid|Mafraq|Beirut|Baalbek|Hermel|"
    r"Riyadh|Kuwait City|Tel Aviv|Haifa|Jerusalem|Europe|Brussels|Paris|Berlin|London|Moscow|Washington)\b|"
    r"\b(?:in|inside|into|across|from) (?:southern |northern |eastern |western |south-?eastern |neighbou?ring )?"
    r"(?:Turkey|T[uü]rkiye|Iran|Jordan|Lebanon|Israel|Saudi Arabia|Kuwait)\b")
_FOREIGN_PLACE = Scanner(_FOREIGN_PLACE)
# "in the village of X", "near X": a capitalised name after a locative word.
_LOCATIVE_NAME = re.compile(r"(?<!['`])\b(?:(?:in|near|at|outside|around|along|control of|(?:north|south|east|west|"
                            r"north-?east|north-?west|south-?east|south-?west)\s+of)\s+(?:the\s+)?(?:(?:towns?|villages?|city|"
                            r"district|hamlets?|area|neighbou?rhood|sub-district) of\s+)?|(?:towns?|villages?|city|"
                            r"district|hamlets?|neighbou?rhood|sub-district) of\s+)"
                            r"(?P<name>(?:al-|el-|Al-)?[A-Z][\w'`]+(?:-[A-Z][\w'`]*)*(?: (?:al-|el-)?[A-Z][\w'`]+"
                            r"(?:-[A-Z][\w'`]*)*)?)"
                            r"(?![\w-])")


def _foreign_nearer(text: str, tr: TriggerMatch, own: list[PlaceMention]) -> bool:
    """A place abroad in the trigger's clause is nearer to it than any place it was given."""
    c_start, c_end = claims.clause_bounds(text, tr.start)
    foreign = [m for m in _FOREIGN_PLACE.finditer(text, c_start, c_end)]
    if not foreign:
        return False

    def dist(a: int, b: int) -> int:
        return a - tr.end if a >= tr.end else tr.start - b
    nearest = min(dist(m.start(), m.end()) for m in foreign)
    return all(dist(p.start, p.end) > nearest for p in own)


def _unknown_names_in(clause: str, places: list[PlaceMention], offset: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of places the clause names after a locative word ("in the
    village of X", "near X", "south of X") that the gazetteer did not resolve."""
    from dashboard.extract.places import _NOT_PLACE_WORDS
    out = []
    for m in _LOCATIVE_NAME.finditer(clause):
        a = offset + m.start("name")
        word = m.group("name")
        if word.casefold().strip("'") in _NOT_PLACE_WORDS or word.casefold() in _NOT_PLACE_WORDS:
            continue
        if word.endswith(("'s", "s'")) or _INSIDE_KNOWN_AFTER.match(clause, m.end("name")):
            # "the Kurdistan Region's economy"; "the al-Mashlab neighbourhood of Raqqa city"
            # is placed by the city that contains it.
            continue
        if not any(p.start <= a < p.end for p in places):
            out.append((a, offset + m.end("name"), word))
        more = _AND_NAME.match(clause, m.end("name"))
        if more and not any(p.start <= offset + more.start("name") < p.end for p in places):
            # "the villages of X and Y": Y too
            out.append((offset + more.start("name"), offset + more.end("name"), more.group("name")))
    return out


_AND_NAME = re.compile(r",? and (?:the )?(?P<name>(?:al-|el-|Al-)?[A-Z][\w'`]+(?:-[A-Z][\w'`]*)*"
                       r"(?: (?:al-|el-)?[A-Z][\w'`]+(?:-[A-Z][\w'`]*)*)?)(?![\w-])")


_INSIDE_KNOWN_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|quarters?|districts?|suburbs?|areas?|sub-?districts?)\s+"
                                 r"(?:of|in)\s+[A-Z]")


def _unknown_place_in(clause: str, places: list[PlaceMention], offset: int) -> bool:
    """The clause names a place after a locative word that the gazetteer did not resolve."""
    return bool(_unknown_names_in(clause, places, offset))


def _not_in_gazetteer(names: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name the gazetteer knows but the sentence set aside (a speaker's "in Homs") is
    not an unknown place."""
    from dashboard.geo import resolve_place
    return [n for n in names if resolve_place(n[2]) is None]


def _unresolved_places(names: list[tuple[int, int, str]], governorates: list[PlaceMention]) -> list[PlaceMention]:
    """Places the gazetteer lacks, kept under their own name at their governorate's
    point (geo_precision `governorate`, honestly): "the village of X" in a Deir ez-Zor
    story is X, placed in Deir ez-Zor, and not the same event as "the town of Y" there."""
    if len(governorates) != 1 or not names:
        return governorates
    gov = governorates[0].place
    return [PlaceMention(a, b, name, Place(name=name, kind="unresolved", country=gov.country,
                                           admin1_code=gov.admin1_code, latitude=gov.latitude,
                                           longitude=gov.longitude, precision="governorate"))
            for a, b, name in names[:4]]


def _names_governorate(p: PlaceMention) -> bool:
    """A town named like its governorate (Deir ez-Zor, Raqqa, Homs)."""
    from dashboard.extract.places import governorate_place
    gov = governorate_place(p.place.admin1_code)
    return gov is not None and gov.name == p.place.name


def _governorates_of(places: list[PlaceMention]) -> list[PlaceMention]:
    from dashboard.extract.places import governorate_place
    out: list[PlaceMention] = []
    seen: set[str] = set()
    for p in places:
        code = p.place.admin1_code
        if code in seen:
            continue
        seen.add(code)
        gov = p.place if p.place.kind == "governorate" else governorate_place(code)
        if gov is not None:
            out.append(PlaceMention(p.start, p.end, p.text, gov))
    return out


_NOT_THE_CASE = re.compile(r"^\W*(?:but\s+|however,?\s+|in fact,?\s+)?(?:that|this|it|the (?:report|claim|account))\s+"
                           r"(?:was|is|has proved|proved)\s+(?:not\s+(?:the case|true|correct|accurate|so)|untrue|"
                           r"false|incorrect|inaccurate|wrong|baseless)\b", re.I)
_REJECT_GATE = CiGate(r"(?:reject|den[iy]|dismiss|refut|disput|contradict|false|untrue|baseless|fabricat|"
                      r"unfounded|incorrect|groundless|lies|propaganda|fake)")
_REJECTS_CLAIM = re.compile(
    r"\b(?:rejected|denied|dismissed|refuted|disputed|contradicted|rejects|denies|dismisses|refutes|disputes|"
    r"contradicts)\s+(?:the|these|this|that|those|such|its|their|his|the group's)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:claims?|reports?|account|allegations?|statements?|assertions?|version)\b(?!\s+that)|"
    r"\b(?:the|this|that|these|those|such|its|their) (?:[\w'-]+ )?(?:claims?|reports?|allegations?|account)s? "
    r"(?:was|were|is|are) (?:\w+ )?(?:false|untrue|baseless|fabricated|unfounded|incorrect|groundless|lies|"
    r"propaganda|fake)\b", re.I)


def _skip_sentence(sentence: Sentence) -> bool:
    """A sentence about another country (and not also about Syria/Iraq)."""
    return bool(_FOREIGN.search(sentence.text)) and country_hint_of(sentence.text) is None


def extract_mentions(text: str, published: date) -> tuple[list[Mention], list[tuple[str, PlaceMention]]]:
    """Asserted (trigger, place) mentions and denied ones (type, place).

    Places and time expressions are only computed for sentences that need them
    (their own events, or as context for a following sentence), which halves the
    work on a typical article.
    """
    sentences = split_sentences(text)
    article_hint = country_hint_of(text)
    government = "Iraqi security forces" if article_hint == "IQ" else "Syrian army"
    mentions: list[Mention] = []
    denials: list[Denial] = []
    times_cache: dict[int, list] = {}
    quoted_events: set[int] = set()  # sentences whose quoted words tell events
    places_cache: dict[int, list[PlaceMention]] = {}
    skip_cache: dict[int, bool] = {}

    def skipped(i: int) -> bool:
        # Asked for a sentence with triggers and again for its places: scanned once.
        if i not in skip_cache:
            skip_cache[i] = _skip_sentence(sentences[i])
        return skip_cache[i]

    def times_of(i: int) -> list:
        if i not in times_cache:
            times_cache[i] = find_times(sentences[i].text, published)
        return times_cache[i]

    def places_of(i: int) -> list[PlaceMention]:
        if i not in places_cache:
            s = sentences[i]
            places_cache[i] = [] if skipped(i) else [
                p for p in find_places(s.text, article_hint) if i in quoted_events or not s.in_quote(p.start)]
        return places_cache[i]

    def context_governorates(i: int) -> list[PlaceMention]:
        # The governorate of the nearest earlier sentence that names places in one.
        for j in range(i - 1, max(-1, i - 4), -1):
            govs = _governorates_of([p for p in places_of(j) if not p.reference])
            if govs:
                return govs if len(govs) == 1 else []
        return []

    fresh_times_cache: dict[int, list] = {}

    def fresh_times_of(i: int) -> list:
        # A year-old date ("the ceasefire agreed in March 2020") is background; it does
        # not date the other clauses or the sentences that follow. (Memoised: asked up
        # to three times per sentence by time_before.)
        if i not in fresh_times_cache:
            fresh_times_cache[i] = [x for x in times_of(i) if not is_stale(x[1], x[2], published)]
        return fresh_times_cache[i]

    def time_before(i: int) -> tuple[date, str] | None:
        # The narrative's current time: the latest time expression in the previous
        # few sentences, else the lead's.
        for j in range(i - 1, max(-1, i - 6), -1):
            if fresh_times_of(j):
                return nearest_time(fresh_times_of(j), len(sentences[j].text))
        for j in range(min(4, len(sentences))):
            if fresh_times_of(j):
                return fresh_times_of(j)[0][1], fresh_times_of(j)[0][2]
        return None

    def time_of(i: int, pos: int) -> tuple[date, str] | None:
        # The trigger's own clause's time, however old; else the sentence's fresh ones.
        text = sentences[i].text
        c_start, c_end = claims.clause_bounds(text, pos)
        # "the ceasefire agreed ... in March 2020": that date is the truce's, not the
        # breach's told before it.
        low = lower(text)
        usable = [x for x in times_of(i) if not (
            pos < x[0] and _PARTICIPLE_DATED.search(low, max(pos, x[0] - 60), x[0]))]
        own = [x for x in usable if c_start <= x[0] < c_end]
        # Else the sentence's fresh times; a sentence told wholly in the past ("stormed
        # Kirkuk in October 2016 ..., and took the fields a year later") keeps its old date.
        return nearest_time(own or fresh_times_of(i) or usable, pos)

    previous_actors: list[ActorMention] = []
    for s in sentences:
        t = s.text
        if mentions and _NOT_THE_CASE.match(t):
            # "Pro-government outlets reported that the SDF had pulled out of X. That was not
            # the case: ...": the narrator drops the report; a speaker saying so disputes it.
            told = [m for m in mentions if m.sentence_index == s.index - 1]
            if _SPEAKER_VERB.search(t):
                for m in told:
                    m.claim_status = "disputed"
            else:
                mentions[:] = [m for m in mentions if m not in told]
        if mentions and _REJECT_GATE.search(t) and _REJECTS_CLAIM.search(t):
            # "The ministry rejected the claims": the claims told just before are disputed.
            for m in mentions:
                if s.index - 2 <= m.sentence_index < s.index and m.claim_status == "claimed":
                    m.claim_status = "disputed"
        # A speaker's words are opinion, not events, except presence: an official saying
        # "sleeper cells are still active in Kirkuk" is how presence is reported.
        # A quoted account of a dated incident ('"On Friday night, Daesh fighters took over
        # the village of X"') is the speaker's claim of an event, not opinion.
        triggers = [tr for tr in find_triggers(t) if tr.event_type != "none"]
        if s.quoted and any(s.in_quote(tr.start) and tr.event_type != "sleeper_cell" for tr in triggers):
            dated_quote = any(s.in_quote(x[0]) for x in times_of(s.index))
            triggers = [tr for tr in triggers
                        if not s.in_quote(tr.start) or tr.event_type == "sleeper_cell" or dated_quote]
        if any(s.in_quote(tr.start) for tr in triggers):
            quoted_events.add(s.index)
            places_cache.pop(s.index, None)
        if not triggers or skipped(s.index):
            previous_actors = []
            continue
        nonassertive = claims.sentence_is_nonassertive(t)
        negated: list[int] = []
        asserted: list[tuple[int, TriggerMatch]] = []
        disputed_ids: set[int] = set()
        for i, tr in enumerate(triggers):
            is_neg = claims.is_negated(t, tr.start, tr.end)
            is_den = not is_neg and claims.is_denied(t, tr.start)
            if is_den and claims.denies_party_claim(t, tr.start):
                # "denied claims by ISIS media that militants had taken the field": the party's
                # claim is contradicted, not the narrator's denial (DESIGN: disputed).
                if not (nonassertive or claims.is_hedged(t, tr.start, tr.end, s.headline)):
                    asserted.append((i, tr))
                    disputed_ids.add(id(tr))
                continue
            if is_neg or is_den:
                negated.append(i)
            elif not (nonassertive or claims.is_meta(t, tr.start)
                      or claims.is_hedged(t, tr.start, tr.end, s.headline, presence=tr.event_type == "sleeper_cell")
                      or claims.is_background(t, tr.start, published,
                                              presence=tr.event_type == "sleeper_cell")):
                asserted.append((i, tr))
        if not asserted and not negated:
            continue
        places = places_of(s.index)
        actors = [a if a.name != "Government forces" else
                  ActorMention(government, a.start, a.end) for a in find_actors(t)]
        if article_hint == "IQ":
            # The Asayish of the Kurdistan Region are not the SDF's.
            actors = [ActorMention("Kurdistan Region security forces", a.start, a.end)
                      if a.name == "SDF" and t[a.start:a.end].casefold() == "asayish" else a for a in actors]
        assigned = _assign_places(triggers, places, t)
        for i in negated:
            if triggers[i].trigger.weak:
                # "No soldiers were killed": casualties denied, not the event.
                continue
            actor1, _ = _actors_for(triggers[i], actors, t)
            denied_type, denied_sub = resolve_type(triggers[i], actor1)
            attributed = bool(_SPEAKER_VERB.search(t))
            for p in _prune_places(assigned[i] or places):
                denials.append(Denial(denied_type, p, s.index, attributed))
            if not (assigned[i] or places) and (claims.is_denied(t, triggers[i].start) or claims.is_total_denial(
                    t, triggers[i].start, triggers[i].end) or (not attributed and any(
                    m.event_type == denied_type and m.sub_event_type == denied_sub and m.claim_status == "claimed"
                    and s.index - 8 <= m.sentence_index for m in mentions))):
                # "The ministry denied that any attack took place", "there was no ambush":
                # the event just told did not happen; and the narrator's "The PMF did not
                # take any new ground", a few quoted sentences after a party's claim.
                told = [m for m in mentions if m.event_type == denied_type and (
                    s.index - 2 <= m.sentence_index <= s.index
                    or (not attributed and m.claim_status == "claimed" and m.sub_event_type == denied_sub
                        and s.index - 8 <= m.sentence_index))]
                for m in told:
                    if attributed and m.sentence_index < s.index:
                        # One party's account contradicted by another's: disputed (DESIGN).
                        m.claim_status = "disputed"
                mentions[:] = [m for m in mentions if m not in told or m.claim_status == "disputed"]
        if not asserted:
            previous_actors = actors
            continue
        status = claims.claim_status(t)
        tolls = fatalities_in(t)
        # Triggers with no place of their own share the sentence's places, or the
        # previous sentence's (a follow-up sentence about the same event).
        # Places that belong to a trigger the sentence does not assert (background,
        # hedged, denied) are not shared with the others.
        asserted_ids = {k for k, _tr in asserted}
        unasserted = {id(p) for k in range(len(triggers)) if k not in asserted_ids and (
            k in negated or claims.is_background(t, triggers[k].start, published, past_perfect=False,
                                                 presence=triggers[k].event_type == "sleeper_cell")
            or claims.is_hedged(t, triggers[k].start, triggers[k].end, s.headline))
            for p in assigned[k] if p.start >= triggers[k].start}
        # "swept toward Damascus": a direction, not where the event was; only an offensive
        # ("advanced towards Raqqa") is placed by where it heads.
        toward = {id(p) for p in places if p.reference and _TOWARD_BEFORE.search(t, max(0, p.start - 40), p.start)}
        if toward:
            places = [p for p in places if id(p) not in toward]
            # An offensive is placed by where it heads only when nothing else places it
            # ("the offensive around Hajin is continuing toward X and Y": Hajin).
            assigned = {k: ([p for p in v if id(p) not in toward] or v) if triggers[k].event_type == "offensive"
                        else [p for p in v if id(p) not in toward] for k, v in assigned.items()}
        sentence_places = _prune_places([p for p in places if id(p) not in unasserted])
        for i, tr in asserted:
            c_start, c_end = claims.clause_bounds(t, tr.start)
            clause = t[c_start:c_end]
            own = _prune_places(assigned[i])
            # "The attack took place near X": the event told just before, now placed.
            told = _TOLD_ANAPHOR.match(t)
            inherited = bool(own) and told is not None and tr.start < told.end() and any(
                m.event_type == tr.event_type and s.index - 2 <= m.sentence_index < s.index for m in mentions)
            if tr.event_type == "attack" and _RELATIVE_BEFORE.search(t, max(0, tr.start - 60), tr.start) and any(
                    o.event_type == "armed_clash" and o.start < tr.start for _k, o in asserted):
                # "clashed with a group that attacked military points near X": the attack
                # the clash answered, one incident.
                continue
            if (_DURING_THE.search(t, max(0, tr.start - 14), tr.start) and any(
                    m.event_type == tr.event_type for m in mentions)) or _CAUSE_BEFORE.search(
                    t, max(0, tr.start - 30), tr.start):
                # "fled to camps in Duhok during the fighting": the fighting told before;
                # "clashes ..., following the kidnapping of a merchant": the cause, background.
                continue
            if tr.event_type == "ceasefire" and not own and any(m.event_type == "ceasefire" for m in mentions) \
                    and any(m.start() <= tr.start and tr.end <= m.end() for m in _ANAPHOR.finditer(t)):
                # "The truce appeared to be fraying as factions shelled X": the truce told
                # before (one truce), and the shelling is its own event at X, not a second truce.
                continue
            if own and all(p.place.kind == "town" and (p.container or _names_governorate(p)) for p in own):
                if _unknown_place_in(clause, places, c_start):
                    # "In Deir Ezzor, gunmen shot a man in the town of X" (X unknown): the
                    # province, not the city of the same name.
                    own = _governorates_of(own)
            if own and len({p.place.admin1_code for p in own}) == 1 and any(p.place.kind != "governorate" for p in own):
                # "pounded the villages of Kansafra and al-Bara": a name the gazetteer lacks,
                # listed with a known place, is a place of the same event type there too.
                listed = [n for n in _not_in_gazetteer(_unknown_names_in(clause, places, c_start))
                          if any(listed_together(t, p.text, n[2]) for p in own)]
                own = own + _unresolved_places(listed, _governorates_of(own)[:1]) if listed else own
            if own and len(own) == 1 and (own[0].place.kind in ("district", "governorate") or _DISTRICT_AFTER.match(
                    t, own[0].end)):
                # "the villages of X and Y in the Amedi district": X and Y (unknown), in it.
                inside = _not_in_gazetteer(_unknown_names_in(t[c_start:own[0].start], places, c_start))
                if inside:
                    own = _unresolved_places(inside, _governorates_of(own))
            if own and all(p.place.kind == "governorate" for p in own):
                # "near the village of X in Deir ez-Zor province": X, in that province.
                own = _unresolved_places(_not_in_gazetteer(_unknown_names_in(clause, places, c_start)), own)
            if own and _foreign_nearer(t, tr, own):
                # "A bomb exploded in Ankara ..., which has bases in Duhok": abroad.
                continue
            if not own:
                if _WHERE_OPEN.match(t, max(0, c_start - 8), c_start + 1):
                    # "cells remain active in X and Y as well as in Z, where the group has
                    # attacked ...": the "where" is Z, the place right before it.
                    before = [p for p in places if p.end <= c_start]
                    own = _prune_places(before[-1:])
            if not own:
                if _FOREIGN_PLACE.search(clause):
                    # "a bombing in Ankara": abroad, not at a place named elsewhere.
                    continue
                # Triggers of one clause tell one event: "arrested four in a raid on a house in X".
                own = _prune_places([p for k, o in enumerate(triggers) if k != i and k in asserted_ids
                                      and c_start <= o.start < c_end for p in assigned[k]])
                unknown_names = [] if own else _unknown_names_in(clause, places, c_start)
                unknown = bool(unknown_names)
                if own:
                    pass
                elif unknown:
                    # "in the village of X" (X not in the gazetteer): X, in the governorate
                    # of the sentence's places, or else of the story told just before;
                    # never a town named for something else.
                    govs = _governorates_of(sentence_places)
                    unknown_names = _not_in_gazetteer(unknown_names)
                    anaphoric = any(m.start() <= tr.start and tr.end <= m.end() for m in _ANAPHOR.finditer(t)) and any(
                        m.event_type == tr.event_type and s.index - 3 <= m.sentence_index for m in mentions)
                    if not govs and unknown_names and not anaphoric:
                        # ("the strikes hit the villages of X and Y" is the strike told before.)
                        govs = context_governorates(s.index)
                    own = _unresolved_places(unknown_names, govs)
                else:
                    # Not across a semicolon: "Rockets land near Basra oil site; Babil police arrest suspect".
                    # (A segment that refers back, "the village had been captured", may borrow.)
                    own = sentence_places if _ANAPHOR.search(clause) else [
                        p for p in sentence_places
                        if ";" not in (t[p.end:tr.start] if p.end <= tr.start else t[tr.end:p.start])]
            else:
                unknown = False
            if not own and tr.event_type not in ("territory_change", "sleeper_cell") and _ANAPHOR.search(t):
                # A follow-up sentence ("The attack was claimed by ...", "there"): the
                # previous sentence's places; a place captured, or where cells are, must be named.
                for j in (s.index - 1, s.index - 2, s.index - 3):
                    # Directions and spans ("escaped towards X") are not where it was.
                    earlier = [p for p in places_of(j) if not p.reference] if j >= 0 else []
                    if earlier:
                        own = _prune_places(earlier)
                        # Only the event named by the anaphor itself ("the base attack")
                        # is the one told before; "clashes continued there" is new.
                        inherited = tr.event_type == "attack" or any(
                            m.start() <= tr.start and tr.end <= m.end() for m in _ANAPHOR.finditer(t))
                        if unknown:
                            # "arrested three in the village of X after the attack": X is
                            # unknown; only the governorate of the event told before is.
                            own, inherited = _governorates_of(own), False
                        break
            if not own:
                continue
            if _TOLD_BEFORE_AFTER.match(t, tr.end) and any(
                    m.start() <= tr.start and tr.end <= m.end() for m in _ANAPHOR.finditer(t)) and mentions:
                # "The attacks came a day after a raid in X": the events already told, not new ones at X.
                continue
            actor1, actor2 = _actors_for(tr, actors, t)
            if not actor1 and tr.trigger.by_actor and tr.trigger.sub_event_type != "sweep" and previous_actors:
                # "The raid took place in ...": the side named in the previous sentence.
                actor1 = previous_actors[0].name
            event_type, sub = resolve_type(tr, actor1)
            if sub == "raid" and (any(o.event_type == "airstrike" for _k, o in asserted) or (
                    any(m.start() <= tr.start and tr.end <= m.end() for m in _ANAPHOR.finditer(t))
                    and any(m.event_type == "airstrike" and m.sentence_index == s.index - 1 for m in mentions))):
                # "Russian jets struck X, ... which said the raids hit a farm": the air raids told.
                continue
            if event_type == "offensive" and tr.trigger.sub_event_type == "sweep" and _STATE_SUBJECT.search(
                    t, c_start, tr.start):
                # "army units and tribal fighters combed the desert": state forces sweeping.
                event_type, sub = "security_operation", "sweep"
            if event_type == "offensive" and t[tr.start:tr.end].casefold() in ("sweep", "sweeps"):
                # The noun is the state's word ("after a three-day sweep"); the group it
                # names nearby is the target, not the side sweeping.
                event_type, sub = "security_operation", "sweep"
            if event_type == "none":
                continue
            if (event_type, sub) == ("attack", "other") and _GENERIC_ATTACK.fullmatch(t[tr.start:tr.end]) and any(
                    o.event_type == "airstrike" and claims.clause_bounds(t, o.start) == (c_start, c_end)
                    for _k, o in asserted):
                # "Several drones attacked the base", "claimed both attacks, as well as a drone
                # strike on X": the generic word names the strike, not another event.
                continue
            if tr.trigger.sub_event_type == "seizure" and any(
                    o.trigger.sub_event_type != "seizure" for _k, o in asserted):
                # "clashed ..., seizing weapons": the haul of the sentence's event, not another.
                continue
            if (event_type, sub) == ("attack", "raid") and not actor1 and _STATE_SUBJECT.search(
                    t, c_start, tr.start):
                # "Security forces raided a house in X": a security raid.
                event_type = "security_operation"
            if (event_type, sub) == ("attack", "raid") and (not actor1 or _CIRCUMSTANCE_BEFORE.search(
                    t[max(0, tr.start - 30):tr.start])) and any(
                    o.event_type == "security_operation" and o.trigger.sub_event_type == "arrest"
                    for _k, o in asserted):
                # "raided a house and arrested two suspects": arrests make it a security raid.
                event_type = "security_operation"
            if tr.event_type == "sleeper_cell":
                # Presence is told as of publication ("cells remain active across ..."),
                # not at the date of the incident told in the sentence before.
                when = time_of(s.index, tr.start) or (published, "week")
            else:
                when = time_of(s.index, tr.start) or time_before(s.index) or (published, "week")
            toll = None
            for pos, n in tolls:
                # The toll belongs to the closest trigger of the sentence.
                closest = min(asserted, key=lambda it, pos=pos: abs(it[1].start - pos))
                if closest[1] is tr:
                    toll = n if toll is None else max(toll, n)
            if event_type == "sleeper_cell":
                # Presence is area-level: the governorate (DESIGN).
                own = _governorates_of(own)
            for p in own:
                mentions.append(Mention(event_type, sub, actor1, actor2, p, when[0], when[1],
                                        "disputed" if id(tr) in disputed_ids else status, toll,
                                        [t], s.index, tr.trigger.weak, inherited, s.headline))
        previous_actors = actors
    return mentions, denials


STALE_AFTER_DAYS = 365
_PARTICIPLE_DATED = ci(r"\b(?:agreed|signed|reached|brokered|struck|concluded|declared|announced|established|imposed|"
                       r"launched|begun|started)\b(?:\s+[\w-]+){0,6}\s+$")


def is_stale(when: date, precision: str, published: date) -> bool:
    """An event whose whole date period ended over a year before publication is
    background ("took control of the fields a year later", after "October 2016"),
    whatever wording slipped past the background rules: news reports what is new."""
    if precision == "year":
        end = date(when.year, 12, 31)
    elif precision == "month":
        end = date(when.year + (when.month == 12), when.month % 12 + 1, 1)
    else:
        end = when
    return (published - end).days > STALE_AFTER_DAYS


@dataclass(frozen=True)
class Denial:
    """A negated or denied (type, place), who says so, and where."""

    event_type: str
    place: PlaceMention
    sentence_index: int
    attributed: bool  # a speaker denies it ("activists said no shells hit X"), not the narrator


# A speaker in the sentence: a party's or witness's account, not the narrator's voice.
_SPEAKER_VERB = ci(r"\b(?:said|says|say|told|insisted|insists|stated|added|denied|denies|according to|saying|"
                   r"maintained|asserted|stressed|countered|responded)\b")


def _cancel_denied(mentions: list[Mention], denials: list[Denial]) -> list[Mention]:
    """A denial that names a place cancels the same type of event at that place; when a
    speaker (not the narrator) contradicts an account told before, the event stays as
    `disputed` (DESIGN: a claim contradicted in the text). The narrator's own denial,
    or a denial of something only rumoured inside it, leaves no event."""
    if not denials:
        return mentions
    out = []
    for m in mentions:
        hits = [d for d in denials if d.event_type == m.event_type and (
            d.place.place.name == m.place.place.name
            or (d.place.place.kind == "governorate" and d.place.place.admin1_code == m.place.place.admin1_code))]
        if not hits:
            out.append(m)
        elif all(d.attributed and d.sentence_index > m.sentence_index for d in hits):
            m.claim_status = "disputed"
            out.append(m)
    return out


def extract_events(text: str, published: date | str, *, source: str = "", source_url: str = "",
                   keep_false_alarms: bool = False) -> pd.DataFrame:
    """The events an article reports, as the schema's event table.

    `published` (date or "YYYY-MM-DD") anchors relative dates. Empty, Arabic-script
    and foreign-country texts give an empty table (see `text_problem`). Raises
    ValueError for a bad date or a text over MAX_ARTICLE_CHARS. The rules' events
    that the learned model (`confidence`) judges likely false alarms are dropped,
    unless `keep_false_alarms`.
    """
    pub = parse_published(published)
    rows, body = candidate_rows(text, pub, source=source, source_url=source_url)
    if not keep_false_alarms:
        rows = drop_false_alarms(rows, body, pub)
    return _to_frame(rows)


def extract_events_for_review(text: str, published: date | str, *, source: str = "",
                              source_url: str = "") -> tuple[pd.DataFrame, list[float], list[bool]]:
    """Every event the rules find, the learned model's false-alarm probability of each,
    and whether `extract_events` drops it: a reviewer sees what was set aside and why,
    and can keep it."""
    pub = parse_published(published)
    rows, body = candidate_rows(text, pub, source=source, source_url=source_url)
    probabilities, set_aside = assess(rows, body, pub)
    return _to_frame(rows), probabilities, set_aside


def candidate_rows(text: str, pub: date, *, source: str = "", source_url: str = "") -> tuple[list[dict], str]:
    """The rules' event rows (schema columns) and the normalised article text they
    were read from (what `confidence.event_features` needs)."""
    if not isinstance(text, str):
        raise ValueError(f"article text must be str, not {type(text).__name__}")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ValueError(f"article is {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    text = normalize_text(text)
    header_date, text = split_header(text)
    if text_problem(text) is not None:
        return [], text
    mentions, denials = extract_mentions(text, pub)
    mentions = _cancel_denied(mentions, denials)
    mentions = [m for m in mentions if not is_stale(m.event_date, m.date_precision, pub)]
    merged = merge_events(mentions)
    rows = []
    for m in merged:
        p = m.place.place
        d = m.event_date.isoformat()
        rows.append({
            "event_id": make_event_id(source, d, m.event_type, p.name, p.latitude, p.longitude,
                                      extra=f"{m.actor1}|{m.sub_event_type}"),
            "event_date": d,
            "date_precision": m.date_precision,
            "event_type": m.event_type,
            "sub_event_type": m.sub_event_type,
            "actor1": m.actor1,
            "actor2": m.actor2,
            "country": p.country,
            "admin1_code": p.admin1_code,
            "location": p.name,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "geo_precision": p.precision,
            "site_type": getattr(p, "site_type", "") or "",
            "claim_status": m.claim_status,
            "fatalities": m.fatalities,
            "source": source,
            "source_url": source_url,
            "evidence": " | ".join(m.evidence),
            "dataset_id": "",
        })
    return [r for r in rows if _row_ok(r)], text


_COLUMN_INDEX = pd.Index(COLUMNS)  # copied per table (10x cheaper than building it: no type inference)


def _to_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows → the event table with the contract's dtypes, built column by column.

    `validate_events` would re-check every row with pandas per article (≈ 25 ms,
    five times the extraction itself); the rows here come from the gazetteer and
    our own vocabularies, so a plain-Python check of the same rules suffices. The
    tests run `validate_events` on extractor output to prove it. `rows` have passed
    `_row_ok` (in `candidate_rows`).
    """
    if not rows:
        return _empty()
    for r in rows:
        for col in STRING_COLUMNS:
            if len(r[col]) > MAX_TEXT:
                r[col] = r[col][:MAX_TEXT]
    data = {c: [r[c] for r in rows] for c in COLUMNS}
    arrays = []
    for c in COLUMNS:
        if c in ("latitude", "longitude"):
            arrays.append(np.array(data[c], dtype="float64"))
        elif c == "fatalities":
            # What pd.array(.., dtype="Int64") builds (1 under the mask), without its type inference.
            arrays.append(pd.arrays.IntegerArray(np.array([1 if v is None else v for v in data[c]], dtype="int64"),
                                                 np.array([v is None for v in data[c]], dtype=bool)))
        else:
            # object, not pandas' inferred string dtype: the contract's dtypes
            arr = np.empty(len(rows), dtype=object)
            arr[:] = data[c]
            arrays.append(arr)
    try:
        # One call with the typed arrays (≈ 0.08 ms for a dozen rows, a fraction of the public path).
        return pd.DataFrame._from_arrays(arrays, columns=_COLUMN_INDEX.copy(), index=pd.RangeIndex(len(rows)),
                                         verify_integrity=False)
    except (AttributeError, TypeError):  # pragma: no cover - a pandas without the helper
        df = pd.DataFrame(data, dtype=object)
        df["latitude"] = arrays[COLUMNS.index("latitude")]
        df["longitude"] = arrays[COLUMNS.index("longitude")]
        df["fatalities"] = arrays[COLUMNS.index("fatalities")]
        return df


def _row_ok(row: dict) -> bool:
    return (row["event_type"] in EVENT_TYPES and row["country"] in COUNTRIES
            and row["admin1_code"] in ADMIN1_CODES and row["admin1_code"].startswith(row["country"])
            and (row["sub_event_type"] in SUB_EVENT_TYPES or not row["sub_event_type"])
            and row["geo_precision"] in GEO_PRECISIONS and row["date_precision"] in DATE_PRECISIONS
            and row["claim_status"] in CLAIM_STATUSES
            and (not row["site_type"] or row["site_type"] in SITE_TYPES)
            and -90 <= row["latitude"] <= 90 and -180 <= row["longitude"] <= 180)


_EMPTY: pd.DataFrame | None = None


def _empty() -> pd.DataFrame:
    global _EMPTY
    if _EMPTY is None:
        _EMPTY = empty_events()
    return _EMPTY.copy()
