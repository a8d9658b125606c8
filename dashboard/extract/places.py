"""Place mentions in a sentence, resolved with `dashboard.geo.resolve_place`.

What this module adds on top of the gazetteer is *mention* reading, not geography:
- lists: "Deir Ezzor, Al-Hasakah, Al-Anbar (Iraq) and Homs governorates" and
  "the Sha'er and Hayyan gas fields" give one mention per item, each with the kind
  the trailing noun says (governorate / site);
- kind from context: "Hasakah province", "province of X", "the eastern countryside of
  Homs", "western Anbar", "the Homs desert" are governorates; "in Raqqa" is left to
  the gazetteer, which prefers the town;
- country hints: "Al-Anbar (Iraq)", Iraq/Syria words in the sentence, other
  unambiguous places of the sentence, then the article's majority country;
- where is not who speaks: "said in Erbil", "told reporters in Baghdad", "based in X"
  and datelines are not event places;
- reference places: in "the Shaer gas field east of Palmyra", Palmyra only locates
  the field (`PlaceMention.reference`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from dashboard.extract.fastre import CiGate, CiPattern, EndGate, Scanner, ci, finditer, lower
from dashboard.geo import Place, resolve_place

# A name word: capitalised, optionally with a glued Arabic article ("al-Numan",
# "ez-Zor", "Al-Hasakah") and internal apostrophes/hyphens ("Sha'er", "Ma'arrat").
# Letters include Latin-1 accented ones: Kurdish spellings ("Girê Bahar", "Bolê").
_WORD = (r"(?:(?:[Aa]l|[Ee]l|[Aa][dsztnr]|[Aa]sh|[Aa]th|[Aa]dh|[Ee][dsztnr])[-'](?=[A-Z]))?"
         r"[A-ZÀ-ÖØ-Þ](?:[A-Za-zÀ-ÖØ-öø-ÿ`]|'(?!s\b))*(?:-[a-z](?:[A-Za-zÀ-ÖØ-öø-ÿ`]|'(?!s\b))*)*")
_JOIN = r"(?:\s+(?:(?:al|el|ad|as|ash|az|ez|an|ar|at|bin|ibn|bani|of the|of)\s+)?)"
_NAME = _WORD + r"(?:" + _JOIN + _WORD + r")*"
NAME_RE = re.compile(_NAME)
# Where NAME_RE can start (a capital, or a glued article before one): `re` scans for
# [A-Zae] alone, and NAME_RE is tried only there (fastre.finditer; 2x faster).
_NAME_STARTS = re.compile(r"[A-Zae](?:(?<=[A-Z])|(?=[a-z]{1,2}[-'][A-Z]))")

_HINT = r"(?:\s*\((?P<h{i}>Iraq|Syria)\))?"
_GENERIC_PLURAL = re.compile(
    r"(?P<list>" + _NAME + _HINT.format(i=0) + r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?"
    + _NAME + r"(?:\s*\((?:Iraq|Syria)\))?)+)\s+(?P<noun>governorates|provinces|gas fields|oil fields|oil and gas "
    r"fields|fields|districts|towns|cities)\b"
)
_GENERIC_PLURAL_BEFORE = re.compile(
    r"\b(?P<noun>governorates|provinces|districts|towns|cities) of\s+(?P<list>" + _NAME
    + r"(?:\s*\((?:Iraq|Syria)\))?(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)" + _NAME + r"(?:\s*\((?:Iraq|Syria)\))?)+)"
)
_PLURAL_GATE = re.compile(r"governorates|provinces|fields|districts|towns|cities")
_ITEM = re.compile(r"(?P<name>" + _NAME + r")(?:\s*\((?P<hint>Iraq|Syria)\))?")

_SITE_NOUN = ci(r"^\s+(?P<noun>gas field|oil field|oilfield|gas plant|refinery|dam|air ?base|airport|"
                        r"border crossing|crossing|pumping station|power station|camp|prison)\b")
_GOV_AFTER = ci(r"^(?:\s+(?:governorate|province|countryside|desert|badia|badiya|region|"
                        r"governorate's|province's)\b|'s (?:eastern |western |northern |southern )?"
                        r"(?:countryside|desert|province|governorate)\b)")
_GOV_BEFORE = ci(r"(?:\b(?:province|governorate|countryside|desert|badia|badiya) of\s+(?:the\s+)?|"
                         r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|central)ern\s+"
                         r"(?:countryside of\s+|desert of\s+|parts of\s+|areas of\s+)?(?:the\s+)?)$")
_DAMASCUS = re.compile(r"(?:the\s+)?Damascus")
_COUNTRYSIDE_AFTER = ci(r"^(?:'s)?\s+(?:(?:eastern|western|northern|southern)\s+)?countryside\b")
_COUNTRYSIDE_BEFORE = ci(r"\bcountryside of\s+(?:the\s+)?$")
# "X east of Y", "X, 20 km from Y": Y only locates X.
_REFERENCE_BEFORE = ci(r"(?:\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
                               r"(?:ward)? of|\bkm from|\bkilometres from|\bkilometers from|\bmiles from|"
                               r"\bborders? with|\bboundary with)\s+"
                               r"(?:the\s+)?(?:(?:city|town|village|mount|mountains?) of\s+)?$")
# "the Akkas gas field near al-Qaim": right after another place, a place after these
# only locates it.
_NEAR_BEFORE = ci(r"(?:\bnear(?:by)?|\bclose to|\bnot far from|\boutside|\baround|\bin the vicinity of|"
                  r"\bon the outskirts of)\s+(?:the\s+)?(?:(?:city|town|village) of\s+)?$")
# "towards X", "between X and Y": directions and spans, not where the event was.
_BETWEEN_BEFORE = ci(r"(?:\btowards?\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?|\bbetween\s+(?:the\s+)?|"
                             r"\bbetween\s+(?:the\s+)?[\w' -]{1,40}?\s+and\s+(?:the\s+)?)$")
# Where a speaker is, not where the event is: the place right after these.
_SPEAKER_BEFORE = ci(
    r"(?:\b(?:said|says|announced|stated|spoke|speaking|added|wrote|tweeted)\s+(?:(?:late\s+)?on\s+\w+\s+|"
    r"today\s+|yesterday\s+)?(?:in|from)\s+|\b(?:told\s+(?:\w+\s+){0,3}?|press conference|news conference|"
    r"briefing|based|headquartered|hosted|meeting|summit|talks|visit(?:ing|ed)?|interview|reporters|"
    r"journalists|statement issued|read out|delegations?|envoys?|reinforcements|sent|dispatched|arrived|"
    r"according to (?:\w+\s+){0,3}?(?:officials?|sources?|residents|activists|witnesses|authorities)|"
    r"returned|fled|flee|fleeing|displaced|transferred|flown|evacuated|left by bus|bused|bussed|headed|heading|"
    r"officials|representatives|leaders|mediators|"
    r"negotiators|camps|agreement signed|deal signed)(?:\s+\w+){0,2}?\s+(?:in|from|at|to|towards?|between|for)\s+|"
    r"\b(?:called on|calls on|urged|urges|asked|pressed|appealed to|summoned by|protest to|told)\s+|"
    # Where a projectile came from is not where it struck: "drones launched by militants from Idlib".
    r"\b(?:launched|fired)\s+(?:[\w'-]+\s+){0,4}?from\s+(?:the\s+)?(?:direction\s+of\s+(?:the\s+)?)?|"
    # Fronted participial phrases: "Speaking to Kurdistan24 in Duhok, ...", "In a statement from X".
    r"\b(?:speaking|spoke|talking|writing|interviewed)\s+(?:on condition of anonymity\s+)?(?:(?:to|with|by)\s+"
    r"(?:[\w'-]+\s+){1,4}?)?(?:by (?:tele)?phone\s+)?(?:(?:late\s+)?on\s+\w+\s+)?(?:in|from|at)\s+|"
    r"\b(?:in|from)\s+a\s+(?:\w+\s+)?(?:statement|interview|video|speech|message)\s+"
    r"(?:(?:issued|released|published|posted|given|delivered|broadcast)\s+)?(?:in|from|at)\s+)(?:the\s+)?$")
# A capital or province named as an actor ("Baghdad summoned the ambassador", "Ankara denied"):
# the government, not where an event was.
_AGENT_AFTER = ci(r"^(?:'s)?\s+(?:(?:has|have|had|also|again|repeatedly|formally|swiftly|later|then|quickly)\s+){0,3}"
                  r"(?:summoned|condemned|protested|denied|rejected|accused|blamed|demanded|called|urged|responded|"
                  r"warned|vowed|insisted|welcomed|announced|said|says|sent|dispatched|asked|threatened)\b")
_INSTITUTION_AFTER = re.compile(
    r"^(?:'s)?\s+(?:Oil|Gas|Petroleum|Company|Operations|Command|Military Council|Civil Council|Council|"
    r"council|[Pp]olice|[Gg]overnor|[Gg]overnorate council|[Pp]rovincial council|University|Health Directorate|"
    r"[Hh]ealth [Dd]irectorate|Media|Security Committee|security committee|Asayish|[Mm]ayor|officials said|"
    r"official said|(?:security |local |health |police |tribal )?(?:officials?|sources?|authorities|spokes\w+)|"
    r"(?:[Ss]ecurity |[Pp]olice |[Ii]ntelligence )?[Dd]irectorate|[Oo]perations [Cc]ommand|"
    r"[Rr]esearch [Cc]ent(?:re|er)|[Tt]hink[- ][Tt]ank|[Ii]nstitute)\b")
# (Look-behind anchors: see lexicon._ANY_TRIGGER.)
_IRAQ_WORDS = re.compile(r"(?<![A-Za-z0-9_])(?:Iraq|Iraqi|Iraqis|Baghdad|Kurdistan Region|KRG|Erbil|Peshmerga|"
                         r"Hashd|PMF|Popular Mobili[sz]ation)\b")
_SYRIA_WORDS = re.compile(r"(?<![A-Za-z0-9_])(?:Syria|Syrian|Syrians|Damascus|SDF|Assad|SOHR|Observatory)\b")
_IRAQ_WORDS, _SYRIA_WORDS = Scanner(_IRAQ_WORDS), Scanner(_SYRIA_WORDS)  # the same matches, faster (fastre)
# Searched before every capitalised word or place: the same matches, 1.2-1.5x faster.
_SPEAKER_BEFORE = Scanner(_SPEAKER_BEFORE)
# The windows before a name are searched with patterns anchored at their end: each is
# tried only when the window ends with a word its matches can end with (fastre.EndGate).
_SPEAKER_BEFORE = EndGate(_SPEAKER_BEFORE, ("in", "from", "at", "to", "toward", "towards", "between", "for",
                                            "on", "urged", "urges", "asked", "pressed", "by", "told", "of", "the"))
_GOV_BEFORE = EndGate(_GOV_BEFORE, ("of", "ern", "the"))
_REFERENCE_BEFORE = EndGate(_REFERENCE_BEFORE, ("of", "from", "with", "the"))
_NEAR_BEFORE = EndGate(_NEAR_BEFORE, ("near", "nearby", "to", "from", "outside", "around", "of", "the"))

# Capitalised words that start sentences or name actors/things, never places; they
# are skipped before asking the gazetteer (whose fuzzy tier could otherwise match).
_NOT_PLACE_WORDS = frozenset(w.casefold() for w in (
    "The A An On In At By For From Of And But However After Before During Since While When Where Who What "
    "Islamic State ISIS ISIL IS Daesh Amaq Syrian Syria Iraqi Iraq Kurdish Kurds Kurdistan Region Turkish "
    "Turkey Russian Russia American America US U.S. Israeli Israel Iranian Iran Saudi Jordanian Jordan "
    "Lebanese Lebanon Yemeni Yemen Libyan Libya Houthi Houthis Ukrainian Ukraine Western European Arab "
    "Democratic Forces Popular Mobilisation Mobilization Hashd Shaabi Peshmerga Army Forces Ministry Minister "
    "Observatory Human Rights Monitor Command Joint Operations Security Media Cell Council Military Service "
    "Counter-Terrorism Police Agency News Defence Defense Interior Foreign Oil Company Centre Center Central "
    "Reuters AFP AP Wire Telegram Twitter Monday Tuesday Wednesday Thursday Friday Saturday Sunday January "
    "February March April May June July August September October November December Eid Ramadan God Allah "
    "Analysis Opinion Explainer Published Weekly Update Report Statement Officials Residents Activists "
    "They He She It We Our Its Their This That These Those Some Several Two Three One Four Five Six Seven "
    "Eight Nine Ten No Not Meanwhile Separately Also Later Earlier Elsewhere Across Near Heavy Local Unknown "
    "Gunmen Militants Fighters Soldiers Troops Government Regime Opposition Rebels Federal Special Envoy "
    "Atlantic Council Green Zone Badiya Badia Al-Sham Sham SAA SDF PMF PKK HTS SNA YPG CTS ISF JOC SOHR "
    "UN United Nations Coalition Euphrates Tigris Khabur Katyusha F-16 F-16s Asayish Yazidi Druze Bedouin "
    "Shiite Sunni Alawite Christian Christians Muslim Kurdistan-Region KRG Soleimani Suleimani Qassem Qasem "
    "Muhandis Tahrir Turkistan Nusra Jabhat Hayat Hay'at Hayat-Tahrir".split()
))

# Phrases a gazetteer does not hold but news uses for a place it does hold.
MENTION_ALIASES: dict[str, tuple[str, str | None]] = {
    "green zone": ("Baghdad", "town"),
    "damascus countryside": ("Rif Dimashq", "governorate"),
    # Daraa's Busra al-Harir is not Iraq's Basra (the gazetteer lacks the town: its governorate)
    "busra al-harir": ("Daraa", "governorate"),
    "bosra al-harir": ("Daraa", "governorate"),
    "bosra": ("Busra ash Sham", "town"),
    "t-3 station": ("T3 pumping station", "site"),
    "t-3 pumping station": ("T3 pumping station", "site"),
    "t-2 station": ("T2 pumping station", "site"),
    "t-2 pumping station": ("T2 pumping station", "site"),
    "rural damascus": ("Rif Dimashq", "governorate"),
    "wadi horan": ("Anbar", "governorate"),
    "wadi houran": ("Anbar", "governorate"),
    "wadi hauran": ("Anbar", "governorate"),
    # Areas whose governorate is certain but whose extent a point would misstate:
    # the governorate, honestly at governorate precision.
    "wadi al-shay": ("Kirkuk", "governorate"),
    "wadi al-shai": ("Kirkuk", "governorate"),
    "makhoul mountains": ("Salahuddin", "governorate"),
    "makhoul mountain": ("Salahuddin", "governorate"),
    "makhul mountains": ("Salahuddin", "governorate"),
    "jabal makhoul": ("Salahuddin", "governorate"),
    "akashat": ("Anbar", "governorate"),
    "sinuni": ("Nineveh", "governorate"),
    "sinun": ("Nineveh", "governorate"),
    "sinune": ("Nineveh", "governorate"),
    "snune": ("Nineveh", "governorate"),
    "sajur": ("Aleppo", "governorate"),
    "sajur river": ("Aleppo", "governorate"),
}
# Lower-cased matching (fastre.CiPattern: same spans, 3x faster than re.I); the match's
# text, lower-cased there, is only looked up case-blind in MENTION_ALIASES.
_ALIAS_RE = CiPattern(r"\b(?:" + "|".join(re.escape(k) for k in sorted(MENTION_ALIASES, key=len, reverse=True))
                      + r")\b")


_ALIAS_GATE = CiGate(r"Zone|Wadi|Makh|Akashat|Sin[ui]n|Snune|Sajur|Damascus|T-[23]|Bosra|Busra")


_NONSPACE = re.compile(r"\S+")
_PAREN_HINT = re.compile(r"\s*\((Iraq|Syria)\)")
_BORDER_AFTER = re.compile(r"\s+(?:border|borders|frontier|boundary|boundaries)\b")
# "the Palmyra-Deir ez-Zor road": the towns name a route, not where the event was.
_ROAD_AFTER = re.compile(r"(?:\s?[-\u2013\u2014]\s?[A-Z][\w'` -]{0,30}?)?\s+(?:road|highway|motorway|route|pipeline)\b")
_LIST_JOIN = re.compile(r"\s*,\s*(?:and\s+|or\s+)?(?:the\s+)?|\s+(?:and|or|&)\s+(?:the\s+)?")
_LIST_NEXT = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?(?:in\s+)?(?:the\s+)?(?:al-|el-)?[A-Z]|and\b|or\b)")
_POSSESSIVE = re.compile(r"'s\s+")
_FRONTED_IN = re.compile(r"^\W*In\s+$")
# "In Hama's north-western countryside, clashes ...": a fronted container with its area.
_FRONTED_AREA_AFTER = re.compile(r"(?:'s)?\s+(?:(?:north|south|east|west)(?:ern|-?(?:east|west)ern)?\s+)?"
                                 r"(?:countryside|desert|province|governorate|district|outskirts)\s*,")
_CONTAINED_BY = ci(r"(?:\s+(?:\w+\s+){0,1}in\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?|,\s+(?:in\s+)?(?:the\s+)?|"
                  r"\s+(?:mountains?|area|region|countryside|desert|plains?|valley|heights|hills|axis|front)\s+of\s+"
                  r"(?:(?:rural|the|eastern|western|northern|southern)\s+)?)")


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place
    reference: bool = False  # only locates another place ("east of Palmyra")
    container: bool = False  # contains another named place ("X in Deir ez-Zor", "Baghdad's Sadr City")


@lru_cache(maxsize=1)  # asked for the whole article twice (core.text_problem, extract_mentions)
def country_hint_of(text: str) -> str | None:
    """'IQ' or 'SY' when a text names one country more than the other."""
    iq = len(_IRAQ_WORDS.findall(text))
    sy = len(_SYRIA_WORDS.findall(text))
    if iq > sy:
        return "IQ"
    if sy > iq:
        return "SY"
    return None


_SITE_WORDS = re.compile(r"\b(?:field|fields|oilfield|refinery|plant|dam|base|airbase|airport|crossing|"
                         r"station|camp|prison|mines?)\b", re.I)


@lru_cache(maxsize=200_000)
def _lookup(name: str, hint: str | None, kind: str | None) -> Place | None:
    # A hint is a preference here: the gazetteer treats it as a filter for lesser-known
    # places, but an Iraqi town named in a mostly-Syrian article is still that town.
    place = resolve_place(name, hint, kind)
    if place is not None and hint is not None and place.country != hint and place.kind == "site" \
            and not _SITE_WORDS.search(name):
        # "the al-Rumaila neighbourhood" of Raqqa is not Iraq's Rumaila oil field.
        place = None
    if place is None and hint is not None:
        place = resolve_place(name, None, kind)
        if place is not None and place.country != hint and place.kind == "site" and not _SITE_WORDS.search(name):
            place = None
        if place is not None and not _spelled_as(name, place):
            # Across the article's country only a name spelled as the gazetteer spells it:
            # "Tal al-Dhahab" in a Kirkuk story is not Syria's Tall Dhahab by a loose match.
            place = None
    if place is None or place.kind == "country":
        return None
    # The gazetteer folds "Kirkuk oil field" and "Kirkuk" to one key and ranks sites
    # first; a bare name without a site word means the town.
    if kind is None and place.kind == "site" and not _SITE_WORDS.search(name) and _SITE_WORDS.search(place.name):
        for other_kind in ("town", "district", "governorate"):
            other = resolve_place(name, hint, other_kind)
            if other is not None:
                return other
    return place


def _names_site(name: str, site: Place) -> bool:
    """The site's name or an alias shares the mention's first name word (after articles)."""
    from dashboard.names import normalize_place_name
    words = [w for w in normalize_place_name(name).split() if w not in _NAME_TAIL_WORDS]
    if not words:
        return False  # "Airport" alone names no particular airport
    first = words[0]
    return any(first in normalize_place_name(n).split() for n in (site.name, *site.aliases)) or \
        _spelled_as(name, site)


def _spelled_as(name: str, place: Place) -> bool:
    from dashboard.names import normalize_place_name
    key = normalize_place_name(name)
    return any(normalize_place_name(n) == key for n in (place.name, *place.aliases))


@lru_cache(maxsize=200_000)
def _ambiguous(name: str, kind: str | None) -> bool:
    """Both countries hold a place of this name (Sinjar in Nineveh and in Idlib)."""
    a, b = _lookup(name, "SY", kind), _lookup(name, "IQ", kind)
    return a is not None and b is not None and a.country != b.country


def _resolve_span(name: str, hint: str | None, kind: str | None) -> Place | None:
    alias = MENTION_ALIASES.get(name.casefold())
    if alias is not None:
        name, alias_kind = alias
        kind = kind or alias_kind
    place = _lookup(name, hint, kind)
    if place is None and kind == "site":
        place = _lookup(name, hint, None)
    return place


_GLUED_ARTICLE = re.compile(r"(?:al|el|ad|as|ash|az|ez|an|ar|at)-[A-Z]")


def _words(span: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _NONSPACE.finditer(span)]


_NAME_TAIL_WORDS = frozenset(
    "province governorate district city town village countryside desert region area military council civil "
    "police security forces oil gas company university airport refinery field fields dam base camp prison "
    "operations command media centre center directorate hospital road highway bridge crossing river "
    "mountains mountain valley sub-district subdistrict international air airbase station plant".split())


_PERSON_TITLE_BEFORE = re.compile(r"\b(?:general|gen\.|commander|colonel|col\.|brigadier|major|lieutenant|"
                                  r"sheikh|shaykh|president|prime minister|minister|envoy|spokesman|spokeswoman|mr\.?|"
                                  r"mrs\.?|ms\.?|dr\.?|cleric|imam|emir|ayatollah|mullah|mufti|leader|governor|"
                                  r"mayor|mukhtar|ambassador|senator|secretary|chief|brother|son|daughter)\s+$")
_PERSON_TITLE_BEFORE = Scanner(_PERSON_TITLE_BEFORE)  # the same matches, 1.5x faster (fastre)
_PERSON_TITLE_BEFORE = EndGate(_PERSON_TITLE_BEFORE, (  # every title above, as it ends
    "general", "gen.", "commander", "colonel", "col.", "brigadier", "major", "lieutenant", "sheikh", "shaykh",
    "president", "minister", "envoy", "spokesman", "spokeswoman", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr",
    "dr.", "cleric", "imam", "emir", "ayatollah", "mullah", "mufti", "leader", "governor", "mayor", "mukhtar",
    "ambassador", "senator", "secretary", "chief", "brother", "son", "daughter"))
# First words of compound Arabic place names ("mother of", "hill of", "ruin of", "spring of" ...).
_NAME_HEADS = frozenset({"umm", "tal", "tall", "tell", "khirbet", "khirbat", "ain", "ayn", "deir", "dayr", "kafr",
                         "kfar", "jabal", "jebel", "abu", "bir", "wadi", "beit", "bayt", "qasr", "ras", "marj", "hawsh",
                         "bab", "qaryat", "mazraat", "arab", "sheikh", "shaykh", "tel", "bani", "bint", "jisr"})


def _unknown_name_word(word: str) -> bool:
    w = word.casefold().strip("'`")
    return bool(w) and word[:1].isupper() and w not in _NOT_PLACE_WORDS and w not in _NAME_TAIL_WORDS


class _Sub(NamedTuple):
    """A sub-span of a capitalised run worth asking the gazetteer about (offsets in the run)."""
    name: str  # the words, stripped of " ,'"
    a: int
    b: int
    resume: int  # the word index to go on from after a hit (past glued-article words)
    next_glued: bool  # a glued-article word follows ("Busra al-Harir")


@lru_cache(maxsize=50_000)
def _run_plan(span: str) -> tuple[tuple[_Sub, ...] | None, ...]:
    """For each word index i of a capitalised run, the sub-spans starting there that
    `_resolve_candidate` tries, longest first; None: the word is skipped. Everything
    here depends on the run's text alone (keyed on the name: cached), so per mention
    only the context-dependent checks and the gazetteer are left. Sub-spans that a
    text-only rule would reject after any lookup are left out (the lookups are pure)."""
    words = _words(span)
    texts = [span[x:y] for x, y in words]
    n = len(words)
    resume = list(range(n + 1))
    for j in range(n - 1, -1, -1):
        # "Daraa al-Balad": a glued-article word right after a match continues
        # that name; it is not a place of its own (Balad).
        if _GLUED_ARTICLE.match(texts[j]):
            resume[j] = resume[j + 1]
    plan: list[tuple[_Sub, ...] | None] = []
    for i in range(n):
        first = texts[i]
        if i > 0 and _GLUED_ARTICLE.match(first) and _unknown_name_word(texts[i - 1]):
            # "Busra al-Harir": "al-Harir" continues the name before it, never a place alone.
            plan.append(None)
            continue
        if i > 0 and (texts[i - 1].casefold() in _NAME_HEADS or not texts[i - 1].isascii()):
            # "Umm Qusayr" is not al-Qusayr: "Umm", "Tal", "Khirbet" ... head a name of their own,
            # as does a Kurdish word before it ("Girê Bahar" is not Nahiyat Bahar).
            plan.append(())
            continue
        subs: list[_Sub] = []
        for j in range(n, i, -1):
            last = texts[j - 1]
            if first.casefold() in _NOT_PLACE_WORDS or last.casefold() in ("of", "al", "the", "and"):
                continue
            if j - i == 1 and first.casefold().strip("'") in _NOT_PLACE_WORDS:
                continue
            if j - i == 1 and j < n and first.casefold() in _NAME_HEADS:
                continue  # "Tal" of "Tal al-Hara" is not the town of At Tall
            sub = span[words[i][0]:words[j - 1][1]].strip(" ,'")
            if len(sub) < 3 or sub.casefold() in _NOT_PLACE_WORDS:
                continue
            if j < n and _unknown_name_word(texts[j]):
                continue  # "Qara Qozak" is not the town of Qarah: the next word belongs to the name.
            subs.append(_Sub(sub, words[i][0], words[j - 1][1], resume[j],
                             j < n and bool(_GLUED_ARTICLE.match(texts[j]))))
        plan.append(tuple(subs))
    return tuple(plan)


def _resolve_candidate(text: str, start: int, end: int, hint: str | None, kind: str | None,
                       out: list[tuple[int, int, Place]], low: str = "", gov_whole: bool | None = None) -> None:
    """Longest resolvable sub-spans of a capitalised run, left to right. `gov_whole`: the
    caller's governorate-context test of the whole run, when it made one (the same
    windows: not read twice)."""
    plan = _run_plan(text[start:end])
    low = low or lower(text)
    i = 0
    while i < len(plan):
        subs = plan[i]
        i += 1
        for sub in subs or ():
            sub_kind = kind
            if sub_kind is None:
                a_sub, b_sub = start + sub.a, start + sub.b
                if gov_whole is not None and a_sub == start and b_sub == end:
                    gov = gov_whole
                else:
                    gov = bool(_GOV_BEFORE.search(low[max(0, a_sub - 60):a_sub])
                               or _GOV_AFTER.match(low[b_sub:b_sub + 40]))
                if gov:
                    sub_kind = "governorate" if _lookup(sub.name, hint, "governorate") is not None else None
            place = _resolve_span(sub.name, hint, sub_kind)
            if place is not None and place.kind == "site" and not _names_site(sub.name, place):
                place = None  # "International Airport" alone is no particular airport
            if place is not None and hint and place.country != hint and sub.next_glued:
                # "Busra al-Harir" in a Syrian article is not Iraq's Basra: a name the
                # gazetteer lacks, not its first word abroad.
                place = None
            if place is not None:
                out.append((start + sub.a, start + sub.b, place))
                i = sub.resume
                break


def find_places(text: str, article_hint: str | None = None, skip_before: int = 0) -> list[PlaceMention]:
    """Place mentions of one sentence (in order), speakers' locations left out."""
    raw: list[tuple[int, int, Place]] = []
    taken: list[tuple[int, int]] = []
    low = lower(text)
    explicit_hint = country_hint_of(text)

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    # 1. Lists with a trailing (or leading) generic noun.
    for rx in (_GENERIC_PLURAL, _GENERIC_PLURAL_BEFORE) if _PLURAL_GATE.search(text) else ():
        for m in rx.finditer(text):
            noun = m.group("noun")
            kind = "governorate" if noun in ("governorates", "provinces") else (
                "site" if "field" in noun else None)
            suffix = {"gas fields": " gas field", "oil fields": " oil field", "oil and gas fields": " field",
                      "fields": " field"}.get(noun, "")
            for item in _ITEM.finditer(m.group("list")):
                a, b = m.start("list") + item.start("name"), m.start("list") + item.end("name")
                hint = {"Iraq": "IQ", "Syria": "SY"}.get(item.group("hint") or "", None) or explicit_hint \
                    or article_hint
                name = item.group("name")
                if name.casefold() in _NOT_PLACE_WORDS or name.casefold() in ("and", "or"):
                    continue
                place = _resolve_span(name + suffix, hint, kind) if suffix else None
                place = place or _resolve_span(name, hint, kind)
                if place is not None:
                    raw.append((a, b, place))
                    taken.append((a, m.end()))

    # 2. Gazetteer-unknown phrases for known places.
    for m in _ALIAS_RE.finditer(text) if _ALIAS_GATE.search(text) else ():
        if free(m.start(), m.end()):
            place = _resolve_span(m.group(0), explicit_hint or article_hint, None)
            if place is not None:
                raw.append((m.start(), m.end(), place))
                taken.append((m.start(), m.end()))

    # 3. Every other capitalised run.
    for m in finditer(NAME_RE, _NAME_STARTS, text):
        a, b = m.start(), m.end()
        if b - a <= 14 and " " not in m.group(0) and m.group(0).casefold() in _NOT_PLACE_WORDS:
            continue  # "The", "ISIS", "Sunday": most capitalised words are not places
        if not free(a, b):
            continue
        after = low[b:b + 40]
        before = low[max(0, a - 60):a]
        if _PERSON_TITLE_BEFORE.search(before):
            continue  # "general Qassem Soleimani", "Sheikh Raed Dulaimi": a person, not Sulaymaniyah
        hint_m = _PAREN_HINT.match(text, b)
        hint = {"Iraq": "IQ", "Syria": "SY"}[hint_m.group(1)] if hint_m else (explicit_hint or article_hint)
        kind = None
        site = _SITE_NOUN.match(after)
        if site:
            kind = "site"
            found: list[tuple[int, int, Place]] = []
            noun = site.group("noun")
            place = _resolve_span(f"{m.group(0)} {noun}", hint, "site")
            if place is not None and not _names_site(m.group(0), place):
                # "Sulaymaniyah International Airport" is not Erbil airport by a fuzzy match.
                place = None
            if place is not None:
                raw.append((a, b + site.end(), place))
                taken.append((a, b + site.end()))
                continue
            _resolve_candidate(text, a, b, hint, "site", found, low)
            if found:
                raw.extend(found)
                taken.append((a, b))
                continue
            kind = None
        gov_context = bool(_GOV_AFTER.match(after) or _GOV_BEFORE.search(before))
        if gov_context:
            kind = "governorate"
            span = m.group(0)
            if _DAMASCUS.fullmatch(span) and (_COUNTRYSIDE_AFTER.match(after) or _COUNTRYSIDE_BEFORE.search(before)):
                span = "Rif Dimashq"  # "the countryside of Damascus" is Rif Dimashq, not the city's governorate
            place = _resolve_span(span, hint, kind)
            if place is not None:
                raw.append((a, b, place))
                taken.append((a, b))
                continue
            kind = None
        found = []
        _resolve_candidate(text, a, b, hint, kind, found, low, gov_context)
        raw.extend(found)
        taken.append((a, b))

    # Speakers' and datelines' places, and places naming an institution ("the Basra
    # Oil Company", "Nineveh police", "Manbij Military Council"), are not event places.
    raw = [r for r in raw if r[0] >= skip_before and not _SPEAKER_BEFORE.search(low[max(0, r[0] - 60):r[0]])
           and not _INSTITUTION_AFTER.match(text[r[1]:r[1] + 40]) and not _AGENT_AFTER.match(low[r[1]:r[1] + 50])]
    raw.sort(key=lambda r: r[0])

    # Ambiguous names (in both countries): decide by the sentence's other places.
    countries = [p.country for a, b, p in raw if not _ambiguous(text[a:b], None)]
    sentence_hint = explicit_hint or (max(set(countries), key=countries.count) if countries else None) \
        or article_hint
    mentions: list[PlaceMention] = []
    for a, b, place in raw:
        name = text[a:b]
        paren = _PAREN_HINT.match(text[b:b + 12])
        if not paren and sentence_hint and place.country != sentence_hint and _ambiguous(name, None):
            other = _lookup(name, sentence_hint, place.kind)
            if other is not None:
                place = other
        ref = bool(_REFERENCE_BEFORE.search(low[max(0, a - 40):a])) or bool(_ROAD_AFTER.match(text, b)) or bool(
            _BORDER_AFTER.match(text[b:b + 12])) or bool(
            _BETWEEN_BEFORE.search(low[max(0, a - 60):a]))
        if ref and _REFERENCE_BEFORE.search(low[max(0, a - 40):a]) and _UNKNOWN_ANCHOR.search(text[max(0, a - 60):a]) \
                and not any(0 <= a - rb <= 60 for _ra, rb, _p in raw):
            # "the town of Sinun, north of Mount Sinjar": the event is at a place the
            # gazetteer does not know; the reference only tells its governorate.
            gov = governorate_place(place.admin1_code)
            if gov is not None:
                place, ref = gov, False
        mentions.append(PlaceMention(a, b, name, place, ref))
    return _drop_locators(low, _mark_containers(text, _share_list_kind(text, mentions)))


# "X, north of Y" / "X north of Y" where X is a capitalised name (not a resolved place).
_UNKNOWN_ANCHOR = re.compile(r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?(?:\s+(?:mountains?|valley|desert|area|village|hills?|"
                             r"plain|basin|river|region|oasis|wadi))?,?\s+(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
                             r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ward)?\s+of|from)\s+"
                             r"(?:the\s+)?(?:(?:city|town|village|[Mm]ount|[Mm]ountains?) of\s+)?(?:[Mm]ount\s+)?$")


@lru_cache(maxsize=64)
def governorate_place(admin1_code: str) -> Place | None:
    """The governorate-level place of an admin1 code."""
    from dashboard.geo import governorates
    g = governorates()
    row = g[g["admin1_code"] == admin1_code]
    if row.empty:
        return None
    return resolve_place(str(row.iloc[0]["name"]), str(row.iloc[0]["country"]), "governorate")


# Between a place and its locator only a place noun, a comma and the locating words.
_LOCATOR_GAP = re.compile(r"^(?:'s)?(?:\s+(?:district|sub-?district|area|town|village|city|field|gas field|oil field|"
                          r"province|governorate|countryside|desert|camp|base|mountains?|valley|region|plain))?,?\s+"
                          r"(?:(?:about|some|around|roughly)\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
                          r"(?:near(?:by)?|close to|not far from|outside|around|in the vicinity of|on the outskirts of|"
                          r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ward)?\s+of|from)"
                          r"\s+(?:the\s+)?(?:(?:city|town|village|mount|mountains?) of\s+)?(?:mount\s+)?$")
_LOCATOR_RANK = {"site": 0, "town": 1, "district": 2, "governorate": 3, "country": 4}


def _drop_locators(low: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A place right after another that only locates it ("the Akkas gas field near
    al-Qaim", "Qayyarah district, south of Mosul") is dropped; when the locator is a
    site and the first a town or district ("al-Zubair district near the Rumaila oil
    field"), the site is kept instead: one event, at the most specific place."""
    if len(mentions) < 2:
        return mentions
    drop: set[int] = set()
    for i in range(1, len(mentions)):
        prev, m = mentions[i - 1], mentions[i]
        gap = m.start - prev.end
        if gap > 45 or i - 1 in drop:
            continue
        window = low[max(0, m.start - 45):m.start]
        if not (_NEAR_BEFORE.search(window) or (m.reference and _REFERENCE_BEFORE.search(window))):
            continue
        if window.endswith(("and the nearby ", "and nearby ")):
            continue  # "the al-Hail gas field and the nearby Jazal oil field": two places
        if not _LOCATOR_GAP.match(low[prev.end:m.start]):
            # "Deir ez-Zor collapsed on Monday after clashes near Dhiban": another phrase.
            continue
        if m.place.kind == "site" and prev.place.kind in ("town", "district") \
                and m.place.admin1_code == prev.place.admin1_code:
            drop.add(i - 1)
        elif m.place.name != prev.place.name:
            drop.add(i)
    return [m for i, m in enumerate(mentions) if i not in drop]


def _share_list_kind(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """In "the Badiya of Deir ez-Zor, Homs and Raqqa" every item is a governorate
    when one is and the others can be."""
    if len(mentions) < 2:
        return mentions  # no list: nothing to share (most sentences)
    out = list(mentions)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _LIST_JOIN.fullmatch(text[out[j].end:out[j + 1].start]):
            j += 1
        group = range(i, j + 1)
        if j > i and any(out[k].place.kind == "governorate" for k in group):
            for k in group:
                m = out[k]
                if m.place.kind == "town":
                    gov = _lookup(m.text, m.place.country, "governorate")
                    if gov is not None:
                        out[k] = PlaceMention(m.start, m.end, m.text, gov, m.reference, m.container)
        i = j + 1
    return out


_DISTRICT_AFTER = re.compile(r"\s+(?:district|sub-?district|county|area|administration|region)\b")


def _mark_containers(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """"X in Y" / "X, Y province" (Y contains X), "Y's X", and a fronted "In Y, ..."."""
    if len(mentions) < 2:
        return mentions  # every rule below needs a place before or after (most sentences have one)
    out = list(mentions)
    for i, m in enumerate(mentions):
        prev = mentions[i - 1] if i > 0 else None
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        between_prev = text[prev.end:m.start] if prev else ""
        container = False
        coarser = m.place.kind in ("governorate", "district") or _lookup(m.text, m.place.country, "governorate") \
            is not None or bool(_DISTRICT_AFTER.match(text, m.end)) or (
                prev is not None and prev.place.kind == "site" and m.place.kind == "town")
        in_list = bool(_LIST_NEXT.match(text, m.end))
        if prev and coarser and prev.place.kind != "governorate" and len(between_prev) <= 45 and \
                _CONTAINED_BY.fullmatch(lower(between_prev)) and not in_list and (
                    "," not in between_prev or m.place.kind == "governorate"):
            container = True
        if nxt and _POSSESSIVE.fullmatch(text[m.end:nxt.start]):
            container = True
        if i >= 2 and coarser and re.fullmatch(r"(?:\s+(?:province|governorate))?'s\s+", text[prev.end:m.start]) and \
                mentions[i - 2].place.kind != "governorate" and \
                _CONTAINED_BY.fullmatch(lower(text[mentions[i - 2].end:prev.start])):
            # "the Khor Mor field in Sulaimani province's Chamchamal district": the district
            # contains the field, as the province does.
            container = True
        if i == 0 and nxt and _FRONTED_IN.match(text[:m.start]) and (
                text[m.end:m.end + 1] == "," or _FRONTED_AREA_AFTER.match(text, m.end)):
            container = True
        if i == 0 and nxt and not text[:m.start].strip() and text[m.end:m.end + 1] == ":":
            # A bulletin's "Hasakah: gunmen shot dead ... near al-Shaddadi": the heading
            # contains the places of its item.
            container = True
        if container:
            out[i] = PlaceMention(m.start, m.end, m.text, m.place, m.reference, True)
    return out


def listed_together(sentence: str, a: str, b: str) -> bool:
    """"X and Y", "X, Y", "Y and X": two names of one list (two places, not one)."""
    ea, eb = re.escape(a), re.escape(b)
    return bool(re.search(rf"{ea},?\s+(?:and\s+)?(?:the\s+)?{eb}|{eb},?\s+(?:and\s+)?(?:the\s+)?{ea}", sentence))
