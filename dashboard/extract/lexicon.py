"""Event triggers per event type, and actor names → canonical actors.

A trigger is a word or phrase that, in an assertive clause, reports an event of one
type. Some triggers depend on who acts: a raid by state forces is a
`security_operation`, by an armed group an `attack` (`Trigger.by_actor`); drones are
`airstrike`/`drone` whoever flies them (DESIGN: airstrike = "air or drone strikes").
Weak triggers ("killed", "struck") only count when a sentence has no strong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.extract.fastre import ci, finditer, first_chars, lower, prefixes, start_finder

# Who counts as a state (or de-facto state) force when a trigger depends on the actor.
STATE_ACTORS: frozenset[str] = frozenset({
    "Syrian army", "Syrian security forces", "Iraqi security forces", "PMF", "Peshmerga",
    "Russian forces", "US-led coalition", "Turkish forces", "Israeli forces", "SDF",
    "Kurdistan Region security forces",
})
AIR_FORCES: frozenset[str] = STATE_ACTORS - {"PMF", "SDF", "Peshmerga", "Kurdistan Region security forces"}

# Canonical actor ← patterns (case-sensitive where an acronym could be a word: "IS").
_ACTOR_PATTERNS: tuple[tuple[str, str, int], ...] = (
    ("ISIS", r"\b(?:Islamic State|ISIS|ISIL|Daesh|Da'esh|Daish|Amaq|jihadists?)\b", re.I),
    ("ISIS", r"\bIS\b", 0),
    ("Syrian army", r"\b(?:Syrian (?:Arab )?(?:army|military|troops|government forces|regime forces|soldiers|"
     r"air force|warplanes|jets)|(?:Syrian )?regime forces|SAA|Assad'?s? (?:forces|army|troops)|"
     r"pro-(?:government|regime) (?:forces|militias?)|Syrian government(?= (?:forces|troops)))\b", re.I),
    # Which government depends on the article's country (see core: resolved by the country hint).
    ("Government forces", r"\b(?:government|state) (?:forces|troops|soldiers|units)\b", re.I),
    ("Syrian security forces", r"\b(?:General Security|Syrian security forces|Syria's interior ministry|"
     r"Syrian interior ministry)\b", re.I),
    ("SDF", r"\b(?:Syrian Democratic Forces|SDF|YPG|Kurdish-led (?:forces|SDF|fighters|militia)|Asayish|"
     r"Manbij Military Council|Deir ez-Zor Military Council)\b", re.I),
    ("Iraqi security forces", r"\b(?:Iraqi (?:army|security forces|forces|troops|soldiers|military|police|"
     r"federal police|air force|F-16s?|jets|warplanes|counter-terrorism (?:service|forces))|ISF|"
     r"Counter[- ]Terrorism Service|CTS|Joint Operations Command|Security Media Cell|federal police)\b", re.I),
    ("PMF", r"\b(?:Popular Mobili[sz]ation (?:Forces|Units|Committees?)?|PMF|PMU|Hashd(?: al-Sha'?abi)?|"
     r"al-Hashd)\b", re.I),
    ("Peshmerga", r"\bPeshmerga\b", re.I),
    ("Kurdistan Region security forces", r"\b(?:Kurdistan Region'?s? (?:security|counter-terrorism) forces|"
     r"counter-terrorism forces of the Kurdistan Region)\b", re.I),
    ("Russian forces", r"\b(?:Russian (?:forces|troops|military|warplanes|jets|aircraft|air force|"
     r"helicopters|reconciliation centre|reconciliation center)|Russia)\b", re.I),
    ("US-led coalition", r"\b(?:US-led coalition|U\.S\.-led coalition|international coalition|coalition "
     r"(?:forces|aircraft|warplanes|jets|helicopters|troops|spokesman)|US (?:forces|troops|military|"
     r"aircraft|jets|warplanes|drones?|strikes?|airstrikes?)|U\.S\. (?:forces|troops|military|strikes?|"
     r"airstrikes?)|American (?:forces|troops|strikes?|"
     r"aircraft)|Central Command|CENTCOM)\b", re.I),
    ("Turkish forces", r"\b(?:Turkish (?:forces|army|military|troops|drones?|warplanes|jets|artillery|"
     r"aircraft|air force|defen[cs]e ministry)|Turkey|Ankara)\b", re.I),
    ("Israeli forces", r"\b(?:Israeli (?:forces|army|military|warplanes|jets|aircraft|airstrikes?|"
     r"strikes?|missiles?|drones?)|Israel)\b", re.I),
    ("HTS", r"\b(?:Hayat Tahrir al-Sham|Hay'at Tahrir al-Sham|HTS)\b", re.I),
    ("SNA", r"\b(?:Syrian National Army|SNA|Turk(?:ish|ey)-backed (?:factions|rebels|groups|fighters|forces|"
     r"Syrian factions)|Ankara-backed (?:factions|rebels|groups))\b", re.I),
    ("Iranian-backed militias", r"\b(?:Iran(?:ian)?-(?:backed|aligned|allied) (?:militias?|factions|groups|"
     r"fighters|armed groups)|Islamic Resistance in Iraq|Kata'?ib Hezbollah|Kataib Hizbollah|Harakat "
     r"al-Nujaba)\b", re.I),
    ("PKK", r"\bPKK\b", 0),
    ("Tribal fighters", r"\b(?:tribal (?:fighters|forces|gunmen|groups|militias?)|Arab tribes|"
     r"Bedouin (?:tribal )?(?:fighters|groups|tribes))\b", re.I),
    ("Druze fighters", r"\bDruze (?:fighters|militias?|factions|gunmen)\b", re.I),
    ("Rebels", r"\b(?:rebels?|rebel (?:groups|factions|fighters)|opposition (?:factions|fighters|groups))\b", re.I),
    ("Unidentified gunmen", r"\b(?:unknown|unidentified|masked) (?:gunmen|assailants|attackers)\b|\bgunmen\b", re.I),
    ("Houthis", r"\bHouthis?\b", re.I),
)
ACTOR_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(p, f)) for name, p, f in _ACTOR_PATTERNS)
# All case-insensitive actor patterns as one alternation with a named group per actor
# (one scan per sentence instead of twenty); the case-sensitive ones stay separate.
_ACTOR_GROUPS = {f"a{i}": name for i, (name, _p, f) in enumerate(_ACTOR_PATTERNS) if f == re.I}
_ANY_ACTOR = ci("(?<![a-z0-9_])(?:" + "|".join(f"(?P<a{i}>{p})" for i, (_n, p, f) in enumerate(_ACTOR_PATTERNS)
                                               if f == re.I) + ")")
_ACTOR_STARTS = start_finder("(?<![a-z0-9_])", [ci(p).pattern for _n, p, f in _ACTOR_PATTERNS if f == re.I])


def _literal_led(pattern: str) -> str:
    r"""A pattern "\bIS\b" as "I(?<!\wI)S\b": the same matches (I is a word character, so
    \b before it means no word character before it), but led by a literal, which `re`
    finds with a fast scan instead of trying \b at every position (20x faster)."""
    m = re.fullmatch(r"\\b([A-Za-z])(.*)", pattern, re.S)
    return pattern if m is None else f"{m.group(1)}(?<!\\w{m.group(1)}){m.group(2)}"


_CASED_ACTORS = tuple((name, re.compile(_literal_led(p))) for name, p, f in _ACTOR_PATTERNS if f != re.I)

_IRAQ_CONTEXT = re.compile(r"\b(?:Iraq|Iraqi|Baghdad|Kurdistan Region)\b")


@dataclass(frozen=True)
class ActorMention:
    name: str
    start: int
    end: int


def find_actors(text: str) -> list[ActorMention]:
    """Actor mentions in a sentence, leftmost-longest, no overlaps."""
    found = [ActorMention(_ACTOR_GROUPS[m.lastgroup], m.start(), m.end())
             for m in finditer(_ANY_ACTOR, _ACTOR_STARTS, lower(text)) if m.lastgroup]
    for name, rx in _CASED_ACTORS:
        found.extend(ActorMention(name, m.start(), m.end()) for m in rx.finditer(text))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    out: list[ActorMention] = []
    last_end = -1
    for a in found:
        if a.start >= last_end:
            out.append(a)
            last_end = a.end
    return out


@dataclass(frozen=True)
class Trigger:
    event_type: str
    sub_event_type: str
    pattern: re.Pattern[str]
    weak: bool = False
    by_actor: bool = False  # type decided by the acting side (see module doc)


def _t(event_type: str, sub: str, pattern: str, weak: bool = False, by_actor: bool = False) -> Trigger:
    # Patterns are matched against `lower(text)` (see fastre).
    return Trigger(event_type, sub, ci(pattern), weak, by_actor)


_ARM = (r"(?:heavy |medium |light |automatic |small )?(?:weapons|arms|machine ?guns|mortars?|mortar shells|rpgs|"
        r"rocket-propelled grenades|grenades|artillery|rifles|sniper rifles|anti-tank missiles)")
_PEOPLE = (r"(?:suspects?|members?|militants?|fighters?|people|men|women|individuals?|persons?|"
           r"leaders?|commanders?|emirs?|terrorists?|operatives?|smugglers?|officials?|soldiers?)")

# Order matters only for readability; overlapping matches are resolved in `find_triggers`
# (longest match wins at a position).
TRIGGERS: tuple[Trigger, ...] = (
    # --- airstrike
    _t("airstrike", "drone", r"\bdrone (?:strikes?|attacks?|raids?)\b"),
    _t("airstrike", "other", r"\bair ?strikes?\b|\bair ?raids?\b|\baerial (?:bombardment|attacks?|strikes?|"
       r"bombing)\b|\bbombing raids?\b|\bair campaign\b"),
    _t("airstrike", "other", r"\b(?:warplanes?|fighter jets?|jets|F-16s?|helicopter gunships?|helicopters?|bombers|"
       r"aircraft|army aviation|air force|aviation)(?: of (?:the )?[\w-]+(?: [\w-]+){0,2}?)?"
       r"(?: (?:\w+ ){0,3}?|, [^,.;]{3,90}, | (?:[\w'-]+ ){1,6}?and (?:then |later )?)"
       r"(?:struck|bombed|hit|targeted|pounded|"
       r"attacked|carried out|launched|shelled|raided)\b"),
    # "warplanes carried out at least twelve raids on X": one airstrike, not a raid too.
    _t("airstrike", "other", r"\b(?:warplanes?|fighter jets?|jets|helicopters?|aircraft|bombers|drones) (?:\w+ )?"
       r"(?:carried out|conducted|launched|staged|flew) (?:[\w-]+ ){0,4}?(?:raids|strikes|sorties|air ?strikes)\b"),
    _t("airstrike", "other", r"\b(?:warplanes?|fighter jets?|jets|aircraft|helicopters?|drones?|bombers) "
       r"(?:[\w-]+ ){0,8}?(?:fired|launched) (?:\w+ ){0,2}(?:missiles?|rockets?)\b"),
    _t("airstrike", "barrel_bomb", r"\bbarrel bombs?\b|\bdropped (?:\w+ ){0,2}bombs\b"),
    _t("airstrike", "other", r"\b(?:carried out|conducted|launched|executed) (?:a |an |two |three |several )?"
       r"(?:precise|precision|pinpoint|targeted|aerial) strikes?\b"),
    _t("airstrike", "other", r"\b(?:Israeli|Turkish|US|U\.S\.|American|coalition|Russian|Iraqi|Syrian|Jordanian|"
       r"missile|air|precision) strikes?\b"),
    # SANA's word for an Israeli strike: "an Israeli aggression targeting sites near X".
    _t("airstrike", "other", r"\b(?:israeli|zionist) (?:missile |air )?aggression\b|\bair aggression\b"),
    _t("airstrike", "other", r"\bstrikes? (?:also |again |reportedly |later )?(?:hit|targeted|killed|struck|"
       r"destroyed)\b|\bthe strikes?\b", weak=True),
    _t("airstrike", "other", r"\b(?:israeli|turkish|us|u\.s\.|american|coalition|russian|iranian|hostile|enemy) "
       r"(?:cruise |ballistic |guided |air-launched )?missiles? (?:also )?(?:hit|struck|targeted|slammed|landed|"
       r"destroyed)\b"),
    # --- not events: air support of a ground action ("SDF units backed by coalition helicopters
    # raided ...", "the battle, backed by thousands of air strikes, left ..."): the ground action is the event.
    _t("none", "", r"\b(?:backed|supported|covered|escorted|accompanied|aided) by (?:[\w.-]+ ){0,4}?"
       r"(?:warplanes?|helicopters?|helicopter gunships|aircraft|jets|drones|air ?strikes|air power|air cover)\b"
       r"(?: and (?:[\w-]+ ){0,2}(?:artillery|artillery rounds|drones|helicopters|warplanes))?"),
    # --- not events: the means of a recapture ("regained control of X following a counter-attack")
    _t("none", "", r"\b(?:following|after|in|through|with) (?:a|an|the|its|their) (?:swift |fierce |quick |major )?"
       r"counter-?attacks?\b"),
    # --- not events: a cache's contents ("a weapons cache containing rockets and mortar rounds")
    _t("none", "", r"\b(?:(?:caches?|depots?|stockpiles?|hauls?|stores) (?:containing|of|including|with)|containing) "
       r"(?:[\w-]+ ){0,5}?(?:rockets?|mortar (?:rounds|shells)|mortars?|shells|explosives|ammunition|weapons|"
       r"grenades|ieds|explosive devices)(?:,? and (?:[\w-]+ ){0,2}?(?:rockets?|mortars?|rounds|shells|explosives|"
       r"ammunition|weapons|grenades|ieds|explosive devices))?\b"),
    # --- ceasefire
    _t("ceasefire", "violation", r"\b(?:broke|breaking|broken|violated|violating|violations? of|breach(?:ed)?|"
       r"breach(?:es)?(?: [\w-]+){0,4}? of) (?:a |an |the |this )?(?:\w+ )?(?:cease-?fire|truce|pause)\b"),
    _t("ceasefire", "violation", r"\b(?:cease-?fire|truce)s?\b(?=(?: [\w'-]+){0,12}? (?:collapsed|broke down|"
       r"was violated|was broken|fell apart|was breached))"),
    _t("ceasefire", "truce", r"\b(?:settlement|reconciliation) (?:agreement|deal)s?\b|"
       r"\bagreement\b(?=(?: [\w'-]+){0,8}? (?:came into force|took effect|took hold|went into effect|"
       r"entered into force))|"
       r"\bcease-?fires?\b|\btruces?\b|\barmistice\b|\bde-?escalation (?:agreement|deal)\b|"
       r"\bcessation of hostilities\b|\bhumanitarian pause\b|\bpause in (?:the )?fighting\b"),
    # --- sleeper cells (presence)
    _t("sleeper_cell", "presence", r"\bsleeper cells?\b|\bcovert cells?\b|\bsleeper networks?\b"),
    _t("sleeper_cell", "presence", r"\b(?:remnants|elements)\b(?: [\w-]+){0,4}? (?:remain|remains|are still|is still|"
       r"still|are|continue to be) (?:still )?(?:active|present|operating|operate)\b"),
    _t("sleeper_cell", "presence", r"\bcells? (?:[\w-]+ ){0,5}?(?:(?:are|is|remain|remains|remained|were|was) )?"
       r"(?:also )?(?:still )?(?:active|operating|present|operate|shelter|sheltering|hide|hiding|lurk|lurking|"
       r"based|regrouping|entrenched)\b|"
       r"\b(?:carried out|conducted|staged|launched) by (?:isis|isil|is|daesh|islamic state|the group's|its) "
       r"(?:sleeper )?cells?\b|\b(?:attacks?|operations?|raids?|ambushes) (?:[\w-]+ ){0,3}?by (?:isis|isil|is|daesh|"
       r"islamic state|the group's|its) (?:sleeper )?cells?\b|"
       r"\bcells?\b (?:[\w-]+ ){0,5}?(?:still |continue to |continues to )operat\w*|"
       r"\b(?:has|have|had|maintains?|retains?|keeps?) (?:[\w-]+ )?(?:sleeper )?cells? (?=in|across)|"
       r"\bcells? (?:[\w-]+ ){0,2}?(?:remain|remains|remained|are|is|were|was)(?: still| also)? (?=(?:in|inside|across|"
       r"on the outskirts of) (?!custody|contact|touch|charge|prison|detention))|"
       r"\bthere (?:are|is|were|remain)(?: still| also)? (?:[\w-]+ ){0,2}?cells? (?=in|inside|across)|"
       r"\bactivity (?:by|of) (?:[\w-]+ ){0,3}?cells?\b|"
       r"\b(?:isis|isil|is|daesh|islamic state|jihadist|militant|terrorist|insurgent) cells? (?=(?:in|across|based in|"
       r"operating in|hiding in) )"),
    # --- not events: demining ("dismantled explosive devices planted by terrorists")
    _t("none", "", r"\b(?:dismantl(?:ed|ing)|defus(?:ed|ing)|clear(?:ed|ing)|remov(?:ed|ing)|neutrali[sz](?:ed|ing)|"
       r"disarm(?:ed|ing)|detonated) (?:\w+ ){0,5}?(?:explosive devices?|ieds?|(?:land ?)?mines|bombs|explosives|"
       r"unexploded ordnance)(?: and (?:\w+ )?(?:mines|explosive devices?|ieds?|explosives))?"
       r"(?: (?:planted|left|laid) by (?:\w+ ){0,4}?(?:terrorists|militants|isis|daesh))?"),
    # --- security operations by state forces
    _t("security_operation", "sweep", r"\b(?:search|inspection|clearance|combing|security|military) and "
       r"(?:search|inspection|clearance|combing|security|pursuit) operations?\b"),
    _t("security_operation", "sweep", r"\b(?:security|search|sweep(?:ing)?|combing|clearance|clearing|mop-?up|"
       r"cordon[- ]and[- ]search|counter-?terrorism|counter-?insurgency|military|joint|intelligence-led|"
       r"special) operations?\b(?! (?:command|centre|center|room|cell))|\b(?:security|search|arrest|combing|"
       r"clearance|clearing) campaigns?\b"),
    _t("security_operation", "sweep", r"\b(?:sweeps?|swept|combed|combing)\b", by_actor=True),
    _t("security_operation", "sweep", r"\bsearch(?:ed|ing) (?:the )?(?:desert|area|areas|villages|orchards|"
       r"valleys?|outskirts|countryside)\b", by_actor=True),
    _t("security_operation", "arrest", r"\b(?:arrest(?:ed|s|ing)?|detain(?:ed|ing)?|apprehend(?:ed)?|"
       r"round(?:ed)? up|in custody|dismantl(?:ed|ing))\b"),
    _t("security_operation", "arrest", r"\b(?:captured|seized|nabbed) (?:\w+ ){0,2}" + _PEOPLE + r"\b"),
    _t("security_operation", "seizure", r"\b(?:seiz(?:ed|ing)|confiscat(?:ed|ing)|found|recovered|captur(?:ed|ing)|"
       r"took|taking|looted|looting|stole|stealing) (?:\w+ ){0,4}"
       r"(?:weapons|explosives?|explosive belts|ammunition|arms|caches?|rockets|drugs|vehicles?|cars?|trucks?|"
       r"rifles|guns|grenades|munitions|mortars|launchers|uniforms|rpgs|pistols|detonators|"
       r"motorcycles?|equipment|documents|phones|money|cash)\b", by_actor=True),
    _t("security_operation", "raid", r"\b(?:weapons|explosives?|ammunition|arms|caches?|rockets|drugs)\b "
       r"(?:\w+ ){0,3}(?:were|was|had been|have been) (?:seized|confiscated|found|recovered)\b"),
    _t("security_operation", "raid", r"\b(?:raid(?:ed|s|ing)?|storm(?:ed|ing))\b", by_actor=True),
    _t("security_operation", "raid", r"\bin (?:an|a|the|several|two|three|joint) operations?\b", by_actor=True),
    _t("security_operation", "raid", r"\b(?:air-?drop(?:ped)?|heliborne|helicopter-borne|commando|landing|"
       r"special forces) (?:operation|raid|assault)s?\b"),
    # --- territory
    _t("territory_change", "capture", r"\b(?:captured|recaptured|capture of|recapture of|seized|seizing|"
       r"retook|retaken|retake|took (?:full )?control|taken (?:full )?control|taking control|"
       r"(?:gained|regained|seized|wrested|assumed) (?:full )?control|overran|overrun|fell to|"
       r"liberated|liberation of|took over|taken over|captures|seizes|capture|seize|overrun)\b|"
       r"\b(?:took|take|taken|taking|gained|gain|seized|seize) (?:any |some |new |more |much |little )*ground\b"),
    # --- not events: cells as an operation's target ("a campaign against ISIS cells in X")
    _t("none", "", r"\b(?:against|targeting|hunting|pursuing|pursue|chasing) (?:remaining |suspected |the )?"
       r"(?:isis|isil|is|daesh|islamic state|jihadist|militant|terrorist|insurgent) cells?\b"),
    # --- not events: a participle describing a thing ("near one of the raided houses")
    _t("none", "", r"\b(?:the|a|one of the|two of the) (?:raided|attacked|targeted|shelled|bombed|stormed|damaged) "
       r"(?:houses?|buildings?|homes?|villages?|sites?|positions?|bases?|posts?|facilit(?:y|ies)|compounds?)\b"),
    # --- not events: talk about an event ("drone report 'baseless'", "attack rumours")
    _t("none", "", r"\b(?:drone|attack|strike|air ?strike|raid|clash|bombing|shelling)s? (?:reports?|rumou?rs?|"
       r"allegations?|story|stories)\b"),
    # --- not events: a convoy or reinforcements entering a place move in, they take nothing
    _t("none", "", r"\b(?:convoys?|reinforcements|patrols?|trucks|aid|delegations?|vehicles|columns?|monitors|"
       r"observers) (?:[\w-]+ ){0,5}?entered\b"),
    # (whether the object is a place is checked on the original text in `find_triggers`)
    _t("territory_change", "capture", r"\b(?:entered|stormed into|swept into|sweep into|marched into|took|taken|"
       r"taking)\b"),
    # SANA's "restored security and stability to the town of X"
    _t("territory_change", "capture", r"\brestor(?:ed|es|ing) (?:[\w-]+ ){0,2}?(?:full |complete )?(?:security and "
       r"stability|security|stability|control|state authority) (?:to|over|in)\b"),
    _t("airstrike", "other", r"\b(?:(?:wave|salvo|barrage|volley) of (?:\w+ )?|several |two |three |four |\d+ )"
       r"missiles (?:also )?(?:hit|struck|targeted|slammed)\b"),
    # A post, checkpoint or base overrun is an attack on it, not territory taken.
    _t("attack", "raid", r"\b(?:overran|overrun|stormed|seized|captured|took over) (?:an?|the|two|three|several) "
       r"(?:army |military |police |border |security |forward )?(?:posts?|checkpoints?|outposts?|positions?|barracks|"
       r"observation posts?|guard posts?)\b"),
    _t("territory_change", "capture", r"\b(?:was|is|were|are|now|came) [\"\u201c]?(?:completely |fully |entirely |now |"
       r"firmly )?under (?:our|their|its|the army's|turkish|government|full) (?:full |complete )?control\b"),
    _t("territory_change", "withdrawal", r"\b(?:withdrew from|pulled out of|lost control|losing control|"
       r"handed over (?:control|(?:their |its |the )?(?:positions?|checkpoints?|posts?|bases?|areas?|town|city|"
       r"village|territory|neighbou?rhoods?))|retreated from|abandoned (?:their |its )?positions)\b"),
    # --- offensive: a named or large campaign ("a large military operation ... codenamed X")
    _t("offensive", "other", r"\b(?:large|large-scale|major|massive|wide-scale|wide-ranging|broad|sweeping|"
       r"multi-axis|vast) (?:military |security |army |joint )?(?:operation|campaign)s?\b(?! (?:command|centre|center|"
       r"room|cell))|\b(?:operation|campaign)s? (?:code-?named|dubbed|called)\b|"
       r"\b(?:ongoing|months-long|year-long|cross-border) military (?:operation|campaign)s?\b"),
    # --- instruments are not events: "clashed ... with mortars"
    # A list of instruments is one: "with heavy machine guns and mortars".
    _t("none", "", r"\b(?:with |(?:with (?:both|the two|each) (?:sides?|parties) )?using )" + _ARM +
       r"(?:(?:,\s*|,?\s+(?:and|or)\s+)" + _ARM + r")*\b"),
    _t("offensive", "other", r"\b(?:counter-?)?offensives?\b|\bmilitary campaign\b|\bground (?:assault|"
       r"incursion|operation|invasion)\b|\bpushed (?:into|toward|towards)\b|\badvanced? (?:on|into|toward|"
       r"towards)\b|\bhave advanced\b|\bbegan an assault\b"),
    # --- armed clash
    _t("armed_clash", "other", r"\bclash(?:ed|es|ing)?\b|\bfire-?fights?\b|\bgun ?battles?\b|"
       r"\bexchang(?:ed?|es|ing) (?:of )?(?:(?:heavy|intense|sporadic|artillery|machine-gun|mortar|rocket|"
       r"small-arms|tank|sniper)(?:,? and | ))*(?:gun)?fire\b|\bskirmish(?:es|ed)?\b|\bheavy fighting\b|"
       r"\bfierce fighting\b|"
       r"\bfighting (?:broke out|erupted|raged|continued|between)\b|\bbattles? (?:with|between|for control)\b|"
       r"\bfought\b"),
    _t("armed_clash", "other", r"\binfiltration (?:attempt|bid)s?\b|\binfiltrat(?:ed|ing) (?:\w+ ){0,2}"
       r"(?:positions?|lines?|posts?)\b|\b(?:repell?(?:ed|ing)|repulsed|fended off) (?:an? |the )?"
       r"(?:\w+ )?(?:advance|incursion|infiltration)\b|\bengaged (?:the |a |an )?(?:\w+ ){0,2}"
       r"(?:terrorists?|militants?|groups|fighters|attackers|gunmen|insurgents|cells?)\b"),
    _t("armed_clash", "other", r"\bfighting\b", weak=True),
    # --- attacks by armed groups
    # "repelled an attack by militants": the group attacked (DESIGN: attack "by an armed
    # group"); the defence does not make it a second event.
    _t("attack", "other", r"\b(?:repell?(?:ed|ing)|repulsed|fended off) (?:an? |the |their |its )?(?:[\w-]+ )?"
       r"(?:attacks?|assaults?)\b"),
    _t("attack", "suicide_bombing", r"\bsuicide (?:bomber|bombing|attack|attacker|car bomb|vest)s?\b|"
       r"\bblew (?:him|her)self up\b|\bexplosive (?:belt|vest)s? (?:was |were )?detonated\b"),
    _t("attack", "car_bomb", r"\bcar[- ]bombs?\b|\bvehicle[- ]borne\b|\bVBIEDs?\b|\bbooby-trapped (?:car|"
       r"vehicle|truck)s?\b"),
    _t("attack", "ied", r"\b(?:roadside|planted|sticky|magnetic) bombs?\b|\bimprovised explosive devices?\b|"
       r"\bIEDs?\b|\bexplosive devices?\b|\bbomb (?:planted|attached|hidden|went off|exploded)\b"),
    _t("attack", "landmine", r"\b(?:land ?mines?|mine (?:blast|explosion)|unexploded (?:ordnance|munitions?)(?= "
       r"(?:[\w-]+ ){0,3}?(?:exploded|went off|blew up|detonated|killed|wounded|injured))|"
       r"war remnants? exploded)\b"),
    _t("attack", "shelling", r"\bshell(?:ed|ing|s)\b|\bartillery (?:fire|strikes?|shells?|barrage|pounded|"
       r"bombarded|targeted|hit|struck)\b|"
       r"\bmortars?(?: shells?| rounds?| fire| attacks?)?\b"),
    _t("attack", "rocket", r"\b(?:katyusha )?rockets?\b(?=(?:\W+\w+){0,8}?\W+(?:struck|hit|landed|fell|"
       r"slammed|exploded|targeted|were fired|was fired))|\b(?:fired|launched|lobbed) (?:\w+ ){0,3}"
       r"rockets?\b|\brocket (?:attacks?|fire|strikes?)\b"),
    _t("airstrike", "drone", r"\b(?:explosive-laden |kamikaze |suicide |armed )?drones?\b"),
    _t("attack", "assassination", r"\bassassinat(?:ed|ion|ions|e)\b|\btargeted killings?\b"),
    _t("attack", "kidnapping", r"\b(?:abduct(?:ed|ion|ions|s)?|kidnapp?(?:ed|ing|ings)|kidnaps?|"
       r"taken hostage)\b"),
    _t("attack", "execution", r"\bexecut(?:ed|ion|ions)\b|\bbeheaded\b"),
    _t("attack", "sabotage", r"\bsabotag\w*|\bblew up\b|\bblown up\b|\b(?:set off|detonated|planted) "
       r"(?:\w+ )?(?:explosive )?charges\b|\bexplosive charges\b|\bset off (?:\w+ )?(?:explosives|bombs?)\b"),
    _t("attack", "ambush", r"\bambush(?:ed|es|ing)?\b"),
    _t("attack", "other", r"\bshot dead\b|\bgunned down\b|\bshot and killed\b|\bstabbed to death\b|"
       r"\bfired (?:shots |rockets |mortars |shells )?(?:on|at) (?:an?|the|several|two|three) \b"),
    _t("attack", "other", r"\b(?:counter-?)?attack(?:ed|s|ing)?\b|\bassault(?:ed|s)?\b|\bhit-and-run\b|\bopened fire\b|"
       r"\bgunfire\b|\bbombing\b|\bbombed\b|\bshootings?\b|\bbomb attacks?\b|\bgrenade\b"),
    _t("attack", "other", r"\b(?:were|was|been|are) killed\b|\bkill(?:ed|ing) (?:at least |some |about )?"
       r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|dozens|a|an)\b|"
       r"\b(?:targeted|struck|hit) (?:a |an |the )?(?:\w+ )?(?:checkpoint|patrol|convoy|vehicle|post|base|"
       r"position|bus|car|house|village|market)s?\b|\btargeted\b|\bstruck\b", weak=True),
)


@dataclass(frozen=True)
class TriggerMatch:
    trigger: Trigger
    start: int
    end: int

    @property
    def event_type(self) -> str:
        return self.trigger.event_type


# One finder of every trigger finds the next position where any trigger starts; only
# there are the individual patterns tried (2x faster than 35 full scans). The leading
# look-behind lets `re` skip inside words quickly (every trigger starts at a word
# boundary). Where it hits, only the triggers that can start with those characters are
# tried, in TRIGGERS order (ties resolve as before): under 4 of the 55 on average.
_FIRST = [first_chars(t.pattern) for t in TRIGGERS]
_ANY_START = tuple(t for t, f in zip(TRIGGERS, _FIRST, strict=True) if f is None)
_BY_FIRST = {c: tuple(t for t, f in zip(TRIGGERS, _FIRST, strict=True) if f is None or c in f)
             for c in set().union(*(f for f in _FIRST if f))}
# Narrower still by the first two characters (a shorter prefix: any second one).
_PREFIXES = [prefixes(t.pattern, 2) for t in TRIGGERS]
_BY_TWO = {k: tuple(t for t, p in zip(TRIGGERS, _PREFIXES, strict=True) if p is None or k in p or k[:1] in p)
           for k in set().union(*(p for p in _PREFIXES if p)) if len(k) == 2}


# The finder itself is `fastre.start_finder`: grouped by first and second characters,
# it hits exactly where some trigger matches.
_ANY_TRIGGER = start_finder("(?<![a-z0-9_])", [t.pattern.pattern for t in TRIGGERS])


_ENTERED = next(t for t in TRIGGERS if t.event_type == "territory_change" and "entered" in t.pattern.pattern)
_ENTERED_PLACE = re.compile(r" (?:the )?(?:(?:strategic|border|key|nearby|rebel-held|government-held) )?"
                            r"(?:[A-Z]|(?:town|city|village|neighbou?rhoods?|district|cent(?:re|er)|villages)\b)")


def find_triggers(text: str) -> list[TriggerMatch]:
    """Non-overlapping trigger matches in a sentence, left to right; at each position
    the longest match wins (a strong one on ties), and weak triggers are dropped
    when the sentence has a strong one."""
    chosen: list[TriggerMatch] = []
    pos = 0
    original = text
    text = lower(text)
    while True:
        m = _ANY_TRIGGER.search(text, pos)
        if m is None:
            break
        start = m.start()
        best: TriggerMatch | None = None
        for trig in _BY_TWO.get(text[start:start + 2]) or _BY_FIRST.get(text[start:start + 1], _ANY_START):
            mm = trig.pattern.match(text, start)
            if mm is None or mm.end() == start:
                continue
            length = mm.end() - start
            if best is None or length > best.end - best.start or (
                    length == best.end - best.start and best.trigger.weak and not trig.weak):
                best = TriggerMatch(trig, start, mm.end())
        if best is not None and best.trigger is _ENTERED and not _ENTERED_PLACE.match(original, best.end):
            # Patterns see lower-cased text: whether "entered" takes a proper name
            # ("entered Tafas") and not "entered homes" is read in the original.
            best = None
        if best is None:  # the alternation matched empty, or a trigger was refused; step over
            pos = start + 1
            continue
        chosen.append(best)
        pos = best.end
    if any(not t.trigger.weak for t in chosen):
        chosen = [t for t in chosen if not t.trigger.weak]
    return chosen


def resolve_type(match: TriggerMatch, actor1: str) -> tuple[str, str]:
    """(event_type, sub_event_type) once the acting side is known."""
    trig = match.trigger
    if not trig.by_actor:
        return trig.event_type, trig.sub_event_type
    if trig.sub_event_type == "drone":
        return ("airstrike", "drone") if actor1 in AIR_FORCES else ("attack", "drone")
    if trig.sub_event_type == "seizure":
        # Weapons seized by state forces are a raid's haul; by an armed group, part of its attack.
        return ("security_operation", "raid") if actor1 in STATE_ACTORS or not actor1 else ("none", "")
    if trig.sub_event_type == "sweep":
        # An armed group "sweeping through" a region is advancing, not policing it.
        return ("security_operation", "sweep") if actor1 in STATE_ACTORS or not actor1 else ("offensive", "other")
    # raids and storming
    if actor1 in STATE_ACTORS:
        return "security_operation", "raid"
    return "attack", "raid"


def iraq_context(text: str) -> bool:
    return bool(_IRAQ_CONTEXT.search(text))
