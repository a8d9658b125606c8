"""Is a trigger an event the text asserts? Negation, denial, hedges, background, claims.

Each check looks at the clause of the trigger (the text between the nearest clause
boundaries around it) so that "X denied Y, but Z attacked W" denies only Y.

Decisions (documented for researchers):
- Negated ("did not capture", "failed to seize", "no clashes") or denied ("denied
  reports that ... had captured", "contrary to rumours") mentions are never emitted.
  A denial that names a place also cancels affirmative mentions of the same event
  type at that place elsewhere in the article (see `core`), so a claim the text
  denies never comes out as an event.
- Hypotheticals, intentions, warnings, questions, habits and generic statements
  ("could resume", "intends to", "if", "usually target") are not events.
- Background ("since 2014", "ten years ago", an earlier year, past-perfect recaps
  not in reported speech) is not news.
- claim_status: `claimed` when a party to the conflict is the source (a ministry,
  an armed group, a military command, state media), `disputed` when the text says
  a claim is disputed or contested, otherwise `reported`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from dashboard.extract.fastre import Scanner, ci, lower

# Clause boundaries: strong punctuation and conjunctions that start a new assertion.
_CLAUSE_BOUNDARY = ci(
    r"[;:]|\s[\u2014]\s|,\s+(?:but|while|whereas|although|though|and|as|however|which|who|after|before|"
    r"when|since|despite|where)\b|\b(?:but|while|whereas|although|however)\b|(?<!\b[a-z])\.\s"
)

_NEGATION_BEFORE = ci(
    r"(?:\bnot|n't|\bnever|\bno|\bneither|\bnor|\bfailed to|\bfail to|\bwithout|\bunable to|\bnobody|"
    r"\bnone of)\W+(?:(?:any|a|an|the|yet|already|actually|even|been|be|have|has|had|either|of|its|their|"
    r"single|major|new|further|real|serious|immediate|more|other|such)\W+){0,3}$"
)
_DENIAL_BEFORE = ci(
    r"\b(?:den(?:y|ied|ies|ying)|dismiss(?:ed|es)?|refut(?:ed|es)|reject(?:ed|s)? (?:reports|claims|"
    r"allegations)|contrary to|rumou?rs?|false(?:ly)?|fabricated|baseless|untrue|no truth|fake news|"
    r"insisted no|insisted that no)\b"
)
_HEDGE_BEFORE = ci(
    r"\b(?:could|may|might|would|will|shall|should|must|can|cannot|intends?|intended|intending|plans?|planned|"
    r"planning|plotting|plots?|prepar(?:e|es|ed|ing) (?:to|for)|threaten(?:s|ed|ing)?|vow(?:s|ed)?|warn(?:s|ed)?|"
    r"warning(?! came| was| followed)|fears?|feared|possib(?:le|ly|ility)|potential(?:ly)?|likely|unlikely|"
    r"expected|expects?|aims?|aimed|"
    r"seeks?|sought|trying|tries|try|tried|attempt(?:s|ed|ing)?|if|unless|whether|would-be|risks?|call(?:s|ed)? "
    r"for|urg(?:e|ed|es)|asked|demand(?:s|ed)?|hopes?|wants?|ready to|prevent(?:ed|s)?|foil(?:ed|s)?|"
    r"thwart(?:ed|s)?|averted|in case|in the event|proposed|propos(?:al|ing)|offer(?:ed|s)? to|"
    r"typically|usually|often|tends? to|regularly|routinely|frequently|every day|almost daily|daily|"
    r"sometimes|generally|relies on|rely on|capable of|capability|to pursue|to counter|to confront|"
    r"to combat|to fight|against future|continues? to|keeps? (?:on )?|capable|able to|"
    r"(?<!days of )(?<!hours of )(?<!weeks of )sporadic|plausible|"
    r"(?:has|have) (?:been )?repeatedly|repeatedly \w+ing|accuses (?:\w+ ){0,3}?of|call(?:s|ed|ing)? on|"
    r"renew(?:s|ed)? (?:its|their|his|her) calls?|to (?:stop|halt|end|cease)|scenario|hypothetical|"
    r"(?:claiming|purporting|appearing|said|alleged) to show|(?:pause|paused|halt|halted|suspend|suspended|"
    r"stop|stopped) (?:[\w-]+ ){0,2}|"
    # Unsourced online talk is a rumour, not a report ("posts online claiming that rockets
    # had hit X", "social-media pages close to a party claimed that ...").
    r"posts? (?:[\w-]+ ){0,3}?claim(?:ing|ed|s)|(?:social[- ]media|online|telegram) (?:pages?|posts?|accounts?|"
    r"channels?|users?)(?: [\w-]+){0,5}? claim(?:ed|ing|s)|unverified (?:reports?|claims?|posts?|videos?|footage))\b"
)
# "suspected of carrying out the attack": the trigger inside the suspicion is not asserted;
# "militants suspected of belonging to ISIS attacked", "a man suspected of X during a raid":
# a finite verb after the subject, or a circumstance ("during", "in a raid"), is the news.
_SUSPECT_BEFORE = ci(r"\b(?:accused of|suspected of|charged with|convicted of|involved in|responsible for|"
                     r"wanted for)\b")
_SUSPECT_WORDS = ("accused of", "suspected of", "charged with", "convicted of", "involved in", "responsible for",
                  "wanted for")
_SUSPECT_SCOPE_END = ci(r"\b(?:during|after|before|amid|following|when|while|in a|in an)\b")
_FINITE_BEFORE = ci(r"\b(?:having|been|of|in|for|the|a|an|with|their|its|his)\s+$")


def _suspicion_covers(text: str, start: int, end: int) -> bool:
    """The trigger lies inside an "accused of / suspected of ..." phrase."""
    if not any(w in text for w in _SUSPECT_WORDS):
        return False
    c_start, _ = clause_bounds(text, start)
    marks = list(_SUSPECT_BEFORE.finditer(text, c_start, start))
    if not marks:
        return False
    between = text[marks[-1].end():start]
    if _SUSPECT_SCOPE_END.search(between):
        return False
    word = text[start:end].split()[0] if text[start:end].split() else ""
    # A past-tense main verb after the phrase ("suspected of belonging to ISIS attacked").
    return not (word.endswith("ed") and between.strip() and not _FINITE_BEFORE.search(between))
# "attacks could resume": a modal right after a noun trigger.
_HEDGE_AFTER = ci(r"^\W+(?:\w+\W+){0,2}?(?:could|may|might|would|will|is expected|are expected|repeatedly|"
                  r"almost daily|nearly daily|every day|every week|every night|daily|weekly|nightly|"
                  r"time and again|several times|many times|multiple times|"
                          r"remains? possible|is possible|often|usually|typically|regularly|routinely|frequently|"
                          r"commonly|tend to|tends to|are used|is used)\b")
_NOUN_DET_BEFORE = ci(r"\b(?:a|an|any|another|further|more|new|an? (?:isis|major|large|new|renewed) )\s*$")
_NP_MODAL_AFTER = ci(r"(?:\s+(?:on|in|against|near|at|of|by|to|targeting|from)\b"
                     r"(?:(?!\b(?:\w+ed|hit|struck|left|took|saw|who|which|that)\b)[^,.;]){0,70}?)?\s+[\"\u201c]?(?:could|would|"
                     r"might|may|will|remains? (?:possible|likely)|is (?:possible|likely|expected))\b")
_TRUCE_MADE = ci(r"(?:cease-?fire|truce|agreement|deal)s?(?:\s+(?:in|for|over|on)(?:\s+[\w-]+){1,3}?)?\s+"
                 r"(?:agreed|signed|brokered|reached|struck|concluded)\b"
                 r"[^,;]*$")
_AND_PAST_VERB = ci(r"\band\s+$")
_FOILED = ci(r"prevent(?:ed|s)?|foil(?:ed|s)?|thwart(?:ed|s)?|averted|attempts?|plots?")
_PLURAL_NOUN_TRIGGER = ci(r"(?:attacks|strikes|air ?strikes|bombings|raids|ambushes|assaults|"
                          r"drone (?:strikes|attacks))")
_DET_OR_COUNT_BEFORE = ci(r"\b(?:the|these|those|its|their|his|her|both|twin|two|three|four|five|several|"
                          r"\d+)\s+(?:[\w-]+\s+)?$")
_HABITUAL_JUST_BEFORE = ci(r"\b(?:regular|routine|periodic|occasional|frequent|repeated|previous|prior|past|former|"
                           r"(?<!days of )(?<!hours of )(?<!weeks of )sporadic|such|future|"
                           r"possible|potential|planned|new|any|every|each|still|often|usually)\s+$")
# Outside headlines, a bare present-tense verb trigger is a habit or a generality
# ("fighters still ambush convoys", "they plant roadside bombs"); news reports past events.
_PRESENT_VERB_TRIGGER = ci(r"(?:attack|ambush|raid|shell|strike|bomb|kill|target|storm|seize|capture|abduct|kidnap|"
                           r"execute|fight|clash|arrest|detain|attacks|ambushes|raids|shells|strikes|bombs|kills|"
                           r"targets|storms|seizes|captures|abducts|kidnaps|executes|fights|clashes|arrests|detains)")
_NOUN_CONTEXT_BEFORE = ci(r"(?:\b(?:a|an|the|this|that|these|those|its|their|his|her|our|of|in|on|by|after|"
                          r"during|deadly|major|latest|fresh|new|recent|suicide|twin|two|three|several|no|any|more|"
                          r"such|two-day|drone|rocket|mortar|coordinated|separate|similar|\d+)|[\w'-]+'s?)\s+$")
_PLURAL_SUBJECT_BEFORE = ci(r"\b(?:they|we|militants|fighters|cells|jihadists|insurgents|forces|troops|gunmen|"
                            r"groups|factions|militias|rebels|soldiers)\s+(?:still\s+|often\s+|also\s+|now\s+)?$")
_GENERIC_SUBJECT = ci(r"\b(?:they|we|militants|fighters|cells|jihadists|insurgents)\b")
_GENERIC_VERB_BEFORE = ci(r"\b(?:plant|use|lay|carry out|conduct|launch|stage|mount|wage|fire)\s+(?:\w+\s+)?$")
_META = ci(r"\b(?:did not say|didn't say|gave no details|declined to (?:say|comment|give)|would not say|"
                   r"did not specify|did not give|not clear how many|unclear how many|did not comment)\b")
# "warned, however, that ... could ..., and that an attack on X would ...": every "that"
# clause of the warning is the warning's.
_HABITUAL_CLAUSE = ci(r"\b(?:they|it|cells|the group|militants|fighters|insurgents|the organi[sz]ation)\s+"
                      r"(?:still\s+|also\s+|often\s+|regularly\s+|continue to\s+)?(?:carry out|carries out|conduct|"
                      r"conducts|launch|launches|stage|stages|mount|mounts|wage|wages|commit|commits)\b")
_PRESENCE_NOT_HEDGE = ci(r"relies on|rely on|continues? to|keeps? (?:on )?|regularly|routinely|frequently|often|"
                         r"daily|every day|almost daily|generally|warn(?:s|ed|ing)?")
_ONGOING_OPERATION = ci(r"\b(?:is|are|has been|have been|had been|was|were)\s+(?:\w+ly\s+|also\s+|now\s+)?"
                        r"(?:carrying out|conducting|launching|staging|mounting|running|waging)\s+(?:[\w-]+\s+){0,3}$")
_MODAL_JUST_BEFORE = ci(r"\b(?:could|may|might|would|will|should|must|can)\s+$")
_HEDGE_SENTENCE = ci(r"\b(?:warn(?:ed|s|ing)|caution(?:ed|s)|fear(?:ed|s)?|predict(?:ed|s)?|speculat(?:ed|es)|"
                             r"worried|worries|concern(?:ed|s)?)(?:,\s*(?:[\w-]+\s*){1,3},)?\s+"
                             r"(?:(?:also|again|repeatedly|on \w+)\s+)?that\b")
_STOPPED_AFTER = ci(r"^\W+(?:[\w-]+\W+){0,4}?(?:has|have|had|was|were) (?:been )?(?:stopped|halted|"
                            r"paused|suspended|frozen|ended|called off)\b")
_BACKGROUND_BEFORE = ci(
    r"\b(?:since(?!\s+(?:the\s+)?(?:start|beginning|early|late|mid|last|this|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|dawn|morning|yesterday)\b)|since the (?:start|beginning|outbreak) of (?:the|its|their) "
    r"(?:assault|attack|offensive|operation|fighting|clashes|war|conflict|campaign|battle|siege)|anniversary|"
    r"years? ago|decades? ago|years after|months after the end|back in|at the height of|"
    r"during the war|in the past|previously|formerly|once held|recalled|history of|remember(?:ed|s)?|"
    r"the end of the battle|a wave of|the latest in|over the past year|in recent years|months earlier|"
    r"years earlier|last year|a year ago|the previous year|in previous years|similar|times since|"
    r"(?:rise|increase|surge|spike|uptick|upsurge|decline|drop|escalation|resurgence) (?:in|of)|"
    r"(?:came|comes|come) (?:just |only |some )?(?:weeks|months|a month|several weeks|several months) after|"
    r"since (?:late |early |mid-?)?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|last \w+|the \w+)(?: \d{4})?, when|"
    r"(?:has|have) seen|tally of|number of|(?:a|one|two|three|four|five|six|several|\d+) (?:years?|decades?) "
    r"(?:after|before|since))\b"
)
_HAVING_BEFORE = ci(r"\bhaving\s+(?:\w+\s+)?$")
_DURING_YEAR = ci(r"\b(?:during|in) the (19[5-9]\d|20[0-4]\d) (?:battle|offensive|campaign|war|siege|fighting|"
                  r"operation|assault)\b")
_TREND_AFTER = ci(r"[\w-]+\s+(?:(?:on|against|in|by|of|and|targeting)\s+(?:[\w-]+\s+){0,4}?)?(?:have|has|had)\s+"
                  r"(?:\w+ly\s+)?(?:risen|increased|surged|spiked|declined|dropped|fallen|doubled|tripled|"
                  r"multiplied|decreased|grown|intensified|escalated|subsided|become (?:more|less|rare|common))\b")
_TREND = ci(r"(?:rise|increase|surge|spike|uptick|upsurge|resurgence) (?:in|of)")
# "killed since the start of the assault": a running toll of an event already reported.
_SINCE_START_OF = ci(r"\bsince the (?:start|beginning|outbreak) of (?:the|its|their)\s+$")
# "operations since the spring", "attacks since 2019": a running tally, not one event.
_SINCE_AFTER = ci(r"\bsince (?:the )?(?:start of |beginning of |end of )?(?:spring|summer|autumn|fall|winter|"
                  r"last year|the year|this year|\d{4}|january|february|march|april|june|july|august|september|"
                  r"october|november|december)\b")
# "have detained hundreds", "arrests dozens of suspects each month" (trigger then a count).
_AGGREGATE = ci(r"^\w*\W+(?:(?:more than|over|about|some|nearly|almost)\s+)?(?:hundreds|dozens|scores|"
                r"thousands)\b")
_PERFECT_TALLY_BEFORE = ci(r"\b(?:has|have)\s+(?:\w+\s+)?(?:carried out|launched|staged|conducted|mounted|claimed|"
                           r"waged|stepped up)\s+(?:[\w-]+\s+){0,2}$")
_PERFECT_BEFORE = ci(r"\b(?:has|have)\s+(?:(?:also|already|now|so far)\s+)?"
                     r"(?:been\s+)?$")
_RUNNING_PERIOD = ci(r"\b(?:this (?:month|year|week)|so far|to date|in recent (?:weeks|months|days)|"
                     r"over the (?:past|last) (?:\w+ )?(?:weeks|months|year|days))\b")
# "dozens of operations", "hundreds of attacks": a tally.
_INCLUDING_NAME = re.compile(r",?\s+including\s+(?:the\s+)?(?:(?:town|village|city|base|airport)\s+of\s+)?[A-Z]")
_AGGREGATE_BEFORE = ci(r"\b(?:(?:dozens|hundreds|scores|thousands) of|(?:a|the) (?:string|spate|litany|catalogue) of)"
                       r" (?:[a-z-]+ )?$")
# "documented 151 operations", "more than 40 attacks": a tally of attacks, not one.
_COUNT_BEFORE = ci(r"(?:(?<![\w-])\d{2,}|more than \d+|at least \d{2,}) (?:[a-z-]+ )?$")
_TALLIED = ci(r"(?:attacks|operations|strikes|air ?strikes|raids|ambushes|bombings|arrests|killings)\b")
_WHEN_CLAUSE = ci(r".{0,8}?,\s+(?:when|as|where|during which)\b")
_WHEN_OPEN = ci(r"^\s*(?:when|where|during which)\b")
_PAST_PERFECT = ci(r"\bhad\W+(?:(?:already|previously|once|earlier|been|briefly|twice)\W+){0,2}$")
_REPORTING = ci(r"\b(?:said|says|say|told|claimed|claims|reported|announced|stated|added|confirmed|"
                        r"according to|denied|insisted|statement|accused|alleged|blamed)\b")
_RELATIVE_OPEN = ci(r",\s+(?:which|who|whose)\b")
_YEAR_ATTRIBUTIVE = ci(r"(?:\bthe|\ba|'s)\s+$")
_FRONTED_YEAR = ci(r"^\W*(?:back |as early as |as late as )?(?:in|during|by|until|throughout)\s+(?:(?:early|late|mid-?|"
                   r"the (?:spring|summer|autumn|fall|winter|end|start|beginning) of)\s*)?(?:[a-z]+\s+)?"
                   r"(19[5-9]\d|20[0-4]\d)\s*,")
_RECAP_VERB = ci(r"\bhad\s+(?:(?:already|previously|once|earlier|briefly)\s+)?(?:captured|seized|taken|"
                 r"overrun|stormed|attacked|launched|fought|controlled|held|occupied|besieged|shelled|bombed)\b")
_RECAP_END = ci(r"[;:]|\b(?:but|while|whereas|however|yet|now|since then|this week|on (?:monday|tuesday|wednesday|"
                r"thursday|friday|saturday|sunday))\b")
_OWN_TIME = ci(r"\b(?:(?:on|by) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today|overnight|"
               r"earlier(?=,)|earlier on|earlier in the day|earlier that day|hours earlier|shortly before|"
               r"by (?:the )?(?:afternoon|evening|morning|nightfall|noon|midday|dawn|night)|"
               r"this (?:week|morning)|last night|earlier this)\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")

_CLAIM_VERB = ci(r"\b(?:said|says|announced|stated|claimed|reported|added|confirmed|declared|"
                         r"according to)\b")
_CLAIMED_RESPONSIBILITY = ci(r"\bclaim(?:ed|s|ing)? (?:responsibility|credit)\b|\bclaimed\b")
# A party to the conflict as the source: the subject just before "said", or after "according to".
_PARTY = ci(
    r"\b(?:ministry|army|command|military|forces?|spokes(?:man|woman|person)|state media|state news agency|"
    r"state television|Amaq|media cell|media cent(?:re|er)|operations command|reconciliation cent(?:re|er)|"
    r"Telegram|propaganda|pro-government|pro-opposition|service|SDF|PMF|Hashd|Peshmerga|Central Command|CENTCOM|"
    r"the group|council|department|Islamic State|ISIS|statement|government|regime|factions?|militias?|"
    r"counter-terrorism|coalition|Pentagon|Kremlin|Ankara|Damascus|Baghdad|Erbil|directorate|office|Asayish)\b"
)
_NEUTRAL_SOURCE = ci(
    r"\b(?:Observatory|SOHR|monitor|activists?|residents?|witness(?:es)?|medics?|doctors?|hospital|"
    r"sources?|local officials?|security officials|officials|journalists?|correspondents?)\b"
)
_DISPUTE = ci(
    r"\b(?:a|the) claims? (?:that |which )?(?:the |its )?(?:[\w-]+ ){0,3}(?:denied|rejected|disputed|dismissed|"
    r"refuted)\b|"
    r"\bremain(?:s|ed)? (?:firmly |fully |still )?(?:under (?:its|their|the group's|the army's) (?:full )?control|"
    r"in (?:its|their) hands)\b|"
    r"\b(?:(?:disputed|contested|questioned) (?:the|this|that|these|those|its|their|claims?|reports?|accounts?|"
    r"figures?|tolls?)|contradicted|conflicting (?:accounts|reports|claims)|challenged the (?:account|"
    r"claim|toll)|rejected the (?:account|claim|toll))\b|"
    # "ISIS claimed it had captured X, but the SDF denied the claim": in the same sentence.
    r"\b(?:denied|rejected|dismissed|refuted|disputed|denies|rejects|dismisses|refutes|disputes) "
    r"(?:the|this|that|these|those|its|their|such) (?:[\w'-]+ )?(?:claims?|assertions?|account)\b(?! (?:that|of|by))"
)
# "No group has claimed the attack", "nobody has yet claimed responsibility": not a claim.
_NO_CLAIM_BEFORE = ci(r"\b(?:no (?:group|one|party|faction|organi[sz]ation)|nobody|none|not)\s+(?:\w+\s+)?"
                      r"(?:(?:has|have|had|yet|immediately|so far)\s+){0,2}$")
_QUESTION_OR_CONDITION_START = ci(r"^\W*(?:if|unless|should|would|could|will|whether|can|may|might|"
                                          r"what if|in case)\b")
# The same matches, 1.2-5x faster (see fastre.Scanner).
_NEGATION_BEFORE, _HEDGE_BEFORE, _DISPUTE, _CLAIMED_RESPONSIBILITY, _BACKGROUND_BEFORE = map(
    Scanner, (_NEGATION_BEFORE, _HEDGE_BEFORE, _DISPUTE, _CLAIMED_RESPONSIBILITY, _BACKGROUND_BEFORE))


@lru_cache(maxsize=2048)
def _boundaries(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in _CLAUSE_BOUNDARY.finditer(text))


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end offsets of the clause containing `pos`."""
    start, end = 0, len(text)
    for b_start, b_end in _boundaries(text):
        if b_end <= pos:
            start = b_end
        elif b_start > pos:
            end = b_start
            break
    return start, end


def sentence_is_nonassertive(text: str) -> bool:
    """Questions and conditional sentences assert nothing."""
    text = lower(text)
    stripped = text.rstrip(" \"')")
    return stripped.endswith("?") or bool(_QUESTION_OR_CONDITION_START.match(text))


_NOT_HAPPENED_AFTER = ci(r"^[^.;:]{0,80}?,\s+but (?:they|it|he|she|the [\w-]+|militants|the group) (?:did|had|have|has|"
                         r"was|were) not\b|"
                         r"^[^.;]{0,80}?\b(?:has|have|had|did) not (?:yet )?(?:occurred|happened|taken place|"
                         r"materiali[sz]ed|begun|started)\b|^[^.;]{0,60}?\b(?:never|not yet) (?:occurred|happened|"
                         r"took place|materiali[sz]ed)\b")


# "No army post was attacked", "no soldiers were killed": a negated subject of a passive.
_NO_SUBJECT_PASSIVE = ci(r"(?:^|\W)(?:no|none of (?:the|our|its|their))\s+(?:[\w-]+\s+){1,3}?"
                         r"(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?$")


# "no ground fighting has taken place", "no new attacks": "no" and one modifier.
_NO_ADJECTIVE_BEFORE = ci(r"(?:^|\W)no\s+[a-z-]+\s+$|\bnot\s+(?:the\s+)?(?:result|work|product|cause|sign)\s+of\s+"
                          r"(?:an?\s+|any\s+)?$")


# "officials have not recorded a single attack", "the monitor has not documented any strike".
_NOT_RECORDED_BEFORE = ci(r"\b(?:not|never)\s+(?:yet\s+)?(?:recorded|documented|registered|reported|seen|witnessed|"
                          r"observed|detected|monitored|logged|noted)\s+(?:a single|any|one)\s+(?:[\w-]+\s+)?$")


def is_negated(text: str, start: int, end: int) -> bool:
    """A negation governs the trigger (at most a few function words in between), or
    the sentence says it has not happened ("a plausible next step but has not occurred")."""
    text = lower(text)
    c_start, _ = clause_bounds(text, start)
    before, after = text[c_start:start], text[end:end + 120]
    # Substring gates spare scans that cannot match: _NOT_HAPPENED_AFTER needs "not" or
    # "never", the last two patterns need "no" ("no", "none", "not").
    return bool(_NEGATION_BEFORE.search(before)
                or (("not" in after or "never" in after) and _NOT_HAPPENED_AFTER.match(after))
                or ("no" in before and (_NO_SUBJECT_PASSIVE.search(before) or _NO_ADJECTIVE_BEFORE.search(before)
                                        or _NOT_RECORDED_BEFORE.search(before))))


_DENIED_THAT = ci(r"\bden(?:y|ied|ies|ying) (?:\w+ ){0,3}?(?:reports |claims |allegations |rumou?rs )?"
                          r"that\b")
_SCOPE_END = ci(r"\b(?:and|but)\s+(?:\w+\s+){0,2}?(?:said|added|says|insisted|stated|announced|"
                        r"confirmed|noted)\b|\bsaying\b")


# "Reports of clashes in X were false", "claims that militants attacked X are baseless".
_REPORTS_OF_BEFORE = ci(r"\b(?:reports?|claims?|allegations?|rumou?rs?|accounts?|news|descriptions?|comments?|"
                        r"remarks?|portrayals?|talk)(?: [\w-]+){0,3}? (?:of|that|about)\b")
_FALSE_AFTER = ci(r"^[^;]{0,120}?\b(?:were|are|was|is|have been|has been|had been|as)\s+(?:\w+\s+)?(?:false|baseless|"
                  r"untrue|fabricated|unfounded|incorrect|groundless|lies|propaganda|fake|inaccurate|not true|"
                  r"without foundation|a fabrication|(?:\w+ )?exaggerated|overstated|misleading)\b|"
                  r"^[^;]{0,120}?\b(?:turned out|turn out|proved|proven|prove)\s+(?:to (?:have )?be(?:en)?\s+)?"
                  r"(?:false|baseless|untrue|unfounded|incorrect|groundless|fake|inaccurate|a hoax|a rumou?r)\b|"
                  r"^[^;]{0,120}?\b(?:is|are|was|were) not borne out\b")
# "no such attack occurred", "there was no ambush", "denied that any attack took place".
_TOTAL_DENIAL = ci(r"\b(?:no such|there (?:was|were|had been|has been) no|not a single|nor any|any)\s+(?:\w+\s+)?$")
_TOTAL_DENIAL_AFTER = ci(r"^\w*\s+(?:(?:had|has|ever|actually)\s+)?(?:took place|occurred|happened|taken place|"
                         r"was carried out|was launched)\b")


# "The refinery was not attacked", "the branch had never been stormed": the thing told
# before (a definite subject) was not hit at all.
_DEFINITE_NOT_PASSIVE = ci(r"^\W*(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,3}?(?:was|were|has|have|had)\s+"
                           r"(?:not|never)\s+(?:been\s+)?(?:\w+ly\s+)?$")
_ROLE_DENIED = ci(r"\b(?:involvement|responsibility|role|part in|links?|connection|hand in|participation|"
                 r"knowledge of|ties)\b")


def is_total_denial(text: str, start: int, end: int) -> bool:
    """A denial that the event happened at all, naming no other event ("there was no
    ambush", "no such attack occurred", "denied that any attack took place")."""
    text = lower(text)
    before = text[max(0, start - 40):start]
    if re.search(r"\b(?:other|further|more|new|additional|casualt\w+|injur\w+)\b", before):
        return False
    c_start, _ = clause_bounds(text, start)
    return bool(_TOTAL_DENIAL.search(before) or (_NEGATION_BEFORE.search(before)
                                                 and _TOTAL_DENIAL_AFTER.match(text[end:end + 40]))
                or _DEFINITE_NOT_PASSIVE.match(text[c_start:start]))


def is_denied(text: str, start: int) -> bool:
    """A denial verb or 'rumours/false claims' earlier in the trigger's clause."""
    text = lower(text)
    c_start, _ = clause_bounds(text, start)
    if _REPORTS_OF_BEFORE.search(text[max(0, start - 60):start]) and _FALSE_AFTER.match(text[start:]):
        return True
    cues = list(_DENIAL_BEFORE.finditer(text[c_start:start]))
    if cues and _ROLE_DENIED.search(text[c_start + cues[-1].end():start]):
        # "denied any involvement in the attack": the attack is not denied, a role in it is.
        return False
    if cues and not _SCOPE_END.search(text[c_start + cues[-1].end():start]):
        return True
    # "The ministry denied reports that militants had captured X": the denial verb
    # opens a complement clause that may contain its own boundaries.
    thats = list(_DENIED_THAT.finditer(text[:start]))
    if not thats:
        return False
    scope = text[thats[-1].end():start]
    # The denial's scope ends at the sentence's end or where the speaker goes on to
    # assert something else ("... and said the army repelled an attack").
    return not re.search(r"[.;]", scope) and not _SCOPE_END.search(scope)


# "denied claims circulated by the media outlets of terrorist organizations that ...":
# a party's claim, contradicted in the text (DESIGN: disputed), not a rumour denied.
_PARTY_CLAIM = ci(r"\b(?:claims?|assertions?|statements?|reports?)\s+(?:[\w\"-]+\s+){0,3}?(?:by|of|from)\s+"
                  r"(?:[\w\"-]+\s+){0,5}?(?:isis|daesh|"
                  r"islamic state|terrorists?|militants?|jihadists?|insurgents?|rebels?|factions?|organi[sz]ations?|"
                  r"groups?|amaq)\b|\b(?:isis|daesh|amaq|the group|militants|terrorists|the factions|rebels)(?:'s?)?\s+"
                  r"(?:\w+\s+)?claims?\b")
_DENIAL_VERB = ci(r"\b(?:den(?:y|ied|ies|ying)|reject(?:ed|s)?|dismiss(?:ed|es)?|refut(?:ed|es))\b")


def denies_party_claim(text: str, start: int) -> bool:
    """The trigger is inside a party's claim that the sentence's speaker denies."""
    text = lower(text)
    verbs = list(_DENIAL_VERB.finditer(text[:start]))
    if not verbs:
        return False
    scope = text[verbs[-1].end():start]
    return not re.search(r"[.;]", scope) and bool(_PARTY_CLAIM.search(scope))


def is_hedged(text: str, start: int, end: int, headline: bool = True, presence: bool = False) -> bool:
    """Modal, intention, warning, habit or condition in the clause before the trigger,
    a warning/prediction verb anywhere before it ("warned that while ..."), a modal
    right after a noun trigger, or a stopped/ended campaign ("has been stopped")."""
    original = text
    text = lower(text)
    c_start, _ = clause_bounds(text, start)
    ongoing = _ONGOING_OPERATION.search(text, c_start, start)
    if ongoing and not _MODAL_JUST_BEFORE.search(text, c_start, ongoing.start()):
        # "forces are carrying out daily combing operations in X", "has been conducting
        # near-daily sweeps": operations under way are news, not a habit (the writers of
        # every holdout coded them).
        return False
    if c_start < start and _AND_PAST_VERB.search(text, max(0, start - 5), start) and text[start:end].endswith("ed"):
        # "thwarted an infiltration attempt ... and clashed with the attackers": a foiled
        # object does not reach a coordinated finite verb of its own.
        hedges = list(_HEDGE_BEFORE.finditer(text, c_start, start))
        if hedges and all(_FOILED.fullmatch(h.group(0)) for h in hedges):
            c_start = start
    hedges = [h.group(0) for h in _HEDGE_BEFORE.finditer(text, c_start, start)]
    if presence:
        # "the group still relies on sleeper cells in X", "cells continue to operate": presence.
        hedges = [h for h in hedges if not _PRESENCE_NOT_HEDGE.fullmatch(h)]
    # (_HEDGE_SENTENCE ends in "that": the scan is skipped in the many sentences without one before the trigger.)
    if hedges or (not presence and text.find("that", 0, start) >= 0 and _HEDGE_SENTENCE.search(text[:start])) \
            or _suspicion_covers(text, start, end):
        # ("Abdi warned that ISIS cells in Hasakah are waiting": a warning still reports the cells.)
        return True
    if _HABITUAL_JUST_BEFORE.search(text[max(0, start - 20):start]) and not presence:
        return True
    if not presence and _HABITUAL_CLAUSE.search(text, c_start, start):
        # "..., where they carry out assassinations, extortion and night-time attacks": a habit.
        return True
    if _PRESENT_VERB_TRIGGER.fullmatch(text[start:end]) and text[max(0, start - 3):start] == "to ":
        # "exploiting the chaos to attack its checkpoints": a purpose, not an event.
        return True
    if not headline:
        word = text[start:end]
        before = text[max(0, start - 40):start]
        if _PRESENT_VERB_TRIGGER.fullmatch(word) and _PLURAL_SUBJECT_BEFORE.search(before):
            return True
        if _GENERIC_VERB_BEFORE.search(before) and not re.search(r"\b(?:to|will|would|could|may)\s+\w+\s+(?:\w+\s+)?$",
                                                                 before):
            clause_start, _ = clause_bounds(text, start)
            # "plant roadside bombs" in a clause with a plural or generic subject
            if _GENERIC_SUBJECT.search(text[clause_start:start]):
                return True
    if (_NOUN_DET_BEFORE.search(text, max(0, start - 20), start) or (
            _PLURAL_NOUN_TRIGGER.fullmatch(text[start:end])
            and not _DET_OR_COUNT_BEFORE.search(text, max(0, start - 20), start))) \
            and _NP_MODAL_AFTER.match(text, end):
        # also a bare plural: "said attacks on energy infrastructure could deter investment"
        # "an attack on export infrastructure in Basra would be costly": the noun phrase
        # is the subject of a modal.
        return True
    after = _HEDGE_AFTER.match(text[end:end + 40])
    if after and re.findall(r"[A-Za-z]+", original[end:end + after.end()])[-1][:1].isupper():
        after = None  # an operation "named 'Will of Victory'": a name, not a modal
    return bool(after or _STOPPED_AFTER.match(text[end:end + 60]))


def _may_hold_year(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] can hold a year of _YEAR (19xx, 20xx): two substring
    finds spare the pattern scan of the many clauses without one."""
    return text.find("19", start, end) >= 0 or text.find("20", start, end) >= 0


def is_background(text: str, start: int, published: date, past_perfect: bool = True,
                  presence: bool = False) -> bool:
    """Earlier-year mention, 'since', anniversaries, or a past-perfect recap that is not
    reported speech ("X said militants had attacked" is reported speech, not a recap);
    `past_perfect=False` leaves the last out (a relative clause "shepherds they had
    abducted" is background to the event but at its place)."""
    original = text
    text = lower(text)
    c_start, c_end = clause_bounds(text, start)
    clause_before = text[c_start:start]
    bg = _BACKGROUND_BEFORE.search(clause_before)
    if (bg and not (presence and _TREND.fullmatch(bg.group(0)))) or _SINCE_START_OF.search(clause_before):
        # A rise in cells' activity still reports the cells (DESIGN: sleeper_cell is presence).
        return True
    for y in _YEAR.finditer(text, c_start, c_end) if _may_hold_year(text, c_start, c_end) else ():
        attributive = _YEAR_ATTRIBUTIVE.search(text, max(0, y.start() - 6), y.start())
        # "Fighters of X, which attacked posts in 2020, clashed on Monday": the relative
        # clause's year, closed before the trigger, is not the trigger's.
        relative = y.end() < start and "," in text[y.end():start] and _RELATIVE_OPEN.search(
            text, max(0, c_start - 10), y.start()) and _OWN_TIME.search(text, start, c_end)
        # "gunmen shot dead X in Tafas on Saturday, activists said, the latest in a string of
        # killings since 2018": a later year past a comma does not date a trigger with its own day.
        comma_after = text.find(",", start, y.start()) if y.start() > start else -1
        trailing = comma_after >= 0 and bool(_OWN_TIME.search(text, start, comma_after))
        # "a breach of the ceasefire agreed by Russia and Turkey in March 2020": the year dates the truce.
        trailing = trailing or (y.start() > start and bool(_TRUCE_MADE.search(text, start, y.start())))
        if int(y.group(1)) < published.year and not relative and not trailing and not (
                attributive and not y.end() <= start <= y.end() + 30):
            # "wanted for the 2019 attack ... were arrested": the year dates its own noun only.
            return True
    fronted = _FRONTED_YEAR.match(text) if text[:1] in "ibdtau" or not text[:1].isalpha() else None
    if fronted and int(fronted.group(1)) < published.year:
        # "In 2017, after the Kirkuk events, the Peshmerga withdrew": the fronted year
        # dates the whole sentence.
        return True
    if _PERFECT_TALLY_BEFORE.search(text[max(0, start - 50):start]) and text[start:start + 12].split()[0] \
            .rstrip(".,;").endswith(("attacks", "strikes", "raids", "bombings", "ambushes", "operations", "clashes")):
        # "cells that have carried out attacks on checkpoints": a tally, not one event.
        return True
    if _PERFECT_BEFORE.search(text[max(0, start - 30):start]) and _RUNNING_PERIOD.search(text[c_start:c_end]):
        # "Iraqi forces have killed 30 militants in Anbar this month": a running tally.
        return True
    if _HAVING_BEFORE.search(text, max(c_start, start - 20), start):
        # "the government, having retaken Eastern Ghouta in April, ...": a recap.
        return True
    during = _DURING_YEAR.search(text, start, c_end) if _may_hold_year(text, start, c_end) else None
    if during and int(during.group(1)) < published.year:
        # "strikes during the 2017 battle destroyed ...": the year's event, background.
        return True
    if not presence and _TREND_AFTER.match(text, start):
        # "Attacks on convoys have risen sharply since ...": a trend, not an event.
        return True
    comma = text.find(",", start, c_end)
    if (not presence and _SINCE_AFTER.search(text[start:comma if comma >= 0 else c_end])) \
            or _AGGREGATE.match(text[start:start + 80]) \
            or (not presence and (_AGGREGATE_BEFORE.search(text[max(0, start - 40):start]) or (
                _TALLIED.match(text, start) and _COUNT_BEFORE.search(text[max(0, start - 30):start])
                and not _OWN_TIME.search(text, c_start, c_end)))):
        if not _INCLUDING_NAME.search(original, start, c_end):
            return True
    if _WHEN_CLAUSE.match(text, c_start - 8 if c_start >= 8 else 0) or _WHEN_OPEN.match(text[c_start:start]):
        # "... in the summer of 2014, when Peshmerga forces fought it": the time is the
        # previous clause's.
        p_start, _ = clause_bounds(text, max(0, c_start - 9))
        for y in _YEAR.finditer(text[p_start:c_start]):
            if int(y.group(1)) < published.year:
                return True
    # (Both patterns need the word "had", which most sentences lack.)
    if past_perfect and "had" in text and (_PAST_PERFECT.search(text[max(0, start - 40):start])
                         or re.search(r"\bhad\b", clause_before)) and not _REPORTING.search(text[:start]) \
            and not (_REPORTING.search(text, start) and _OWN_TIME.search(text)):
        # "By Monday, troops had arrested three suspects ..., according to a statement":
        # reported speech with a time of its own is news, not a recap.
        return True
    recap = _RECAP_VERB.search(text, 0, start) if past_perfect and "had " in text else None
    if recap and not _REPORTING.search(text[:recap.start()]) and not (
            _REPORTING.search(text, start) and _OWN_TIME.search(text)):
        # "X had captured Manbij before ..., in an offensive launched as forces swept ...":
        # phrases hanging on a past-perfect recap are the recap's, unless a contrast or a
        # time of their own makes them news ("had seized it in 2014, but retook it on Sunday").
        if not _RECAP_END.search(text[recap.end():start]) \
                and not _OWN_TIME.search(text[recap.end():c_end]):
            return True
    return False


def claim_status(text: str) -> str:
    """Who vouches for the sentence's events: `disputed`, `claimed` or `reported`."""
    text = lower(text)
    if _DISPUTE.search(text):
        return "disputed"
    for m in _CLAIMED_RESPONSIBILITY.finditer(text):
        if not _NO_CLAIM_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
            return "claimed"
    for verb in _CLAIM_VERB.finditer(text):
        if verb.group(0).casefold() == "according to":
            source = text[verb.end():verb.end() + 50]
        else:
            source = " ".join(text[max(0, verb.start() - 60):verb.start()].split()[-5:])
        if _PARTY.search(source) and not _NEUTRAL_SOURCE.search(source):
            return "claimed"
    return "reported"


def is_meta(text: str, start: int = 10**9) -> bool:
    """What a source did not say ("did not say how many were killed"): triggers after
    the phrase; "arrested three, but gave no details about whether ..." keeps the arrest."""
    text = lower(text)
    m = _META.search(text)
    return bool(m) and m.start() < start

