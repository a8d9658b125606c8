"""Article → events: `extract_events(text, published)` returns the schema's event table.

Decisions a researcher should know (details in each module's docstring):
- Who denies decides. The narrator's own denial ("ISIS did not capture the field,
  despite claims ...", "That is not correct: the branch was not attacked", "no ground
  fighting has taken place") drops the event, also a claim told a few quoted sentences
  before. A speaker contradicting an account told before ("State TV said the army took
  X. Rebel commanders denied this", "Activists said no shells hit X") keeps it as
  `disputed` (DESIGN: a claim contradicted in the text) — the convention every
  independent holdout writer chose. Denying something only rumoured inside the denial
  ("dismissed reports that the field had been struck") leaves nothing. `claim_status` is
  `claimed` when a party is the source, else `reported`; `denied` is never emitted.
- Hypotheticals, intentions, warnings (every "that" clause of "warned, however, that
  ... and that ..."), questions, habits ("usually", "still ambush") and background
  (earlier years, a fronted "In 2017, after ...,", "since 2014", anniversaries,
  past-perfect recaps and the phrases hanging on them) are not events. "Suspected of
  X" hedges X only: "militants suspected of belonging to ISIS attacked" is news.
  Speakers' words in long direct quotes are opinion, not events.
- Vague regions ("the Syrian desert", "the Badiya", "near the Iraqi border") are not
  mapped to a governorate: an event placed only there is dropped rather than guessed.
  "the Badiya of Homs", "the eastern countryside of Homs", "Homs province" are Homs.
- Datelines and speakers' places ("said in Erbil", "Speaking to X in Duhok, ...", "In a
  statement from Y") are not event places; "toward X" places only an offensive; sites beat
  towns beat governorates; "X east of Y" is at X; list items get one event each.
- A party's claim the text contradicts ("rejected the claims", "denied claims by ISIS
  media that militants had taken X") is `disputed`; a bare denial of reports or rumours
  ("denied reports that ...") drops the event; a total denial
  ("denied that any attack took place", "there was no ambush", "reports of X were
  false") removes the event; "no group has claimed" is not a claim; denying a role
  ("denied any involvement") is not denying the event.
- Tallies and generic statements are not events: "have detained hundreds", "dozens of
  attacks", "has seen a rise in", "since the spring", "have killed 30 this month",
  "targeted repeatedly", "a year after X", "has not occurred".
- One trigger, one event: a site "in X district"/"near Y" is one event at the site; a
  haul ("seizing weapons"), instruments ("with machine guns and mortars"), demining, a
  person "handed over", an attack by a clash's opponent ("clashed with a group that
  attacked X"), "the truce" fraying as factions shell X (the truce told before; the
  shelling is the attack) and "the attacks came after ..." are not events of their own.
  "Repelled an attack by X" is X's `attack` (DESIGN: attack "by an armed group").
  Drones are `airstrike`/`drone` (DESIGN). Air support of a ground action ("backed by coalition
  helicopters, SDF units raided ...") and a recapture's "following a counter-attack" are not events
  of their own; nor are a cache's contents ("a cache containing rockets and mortar rounds") or a
  clash's instruments ("with both sides using mortars"). "Israeli aggression" (SANA) is an airstrike;
  an "ongoing military operation" is an `offensive`.
- Not events either: bare plural noun triggers as a modal's subject ("attacks on energy
  infrastructure could deter investment"), what a party "accuses X of repeatedly" doing, calls
  ("renews its call ... to stop arrests"). A foiled object does not hedge a coordinated verb
  ("thwarted an infiltration attempt and clashed with the attackers"); "three days of sporadic
  fire" is a past clash; a rise in sleeper cells' activity still reports the cells; a trailing
  later year (", the latest in a string of killings since 2018") or a truce's own date ("the
  ceasefire agreed in March 2020") does not make a dated trigger background.
- A place comes from the trigger's clause; another sentence's place only when the
  sentence refers back ("the attack", "there", "in the area") and names none. A place
  the gazetteer lacks ("the village of X", "south of X", "control of X", "the villages
  of X and Y") keeps its own name at its governorate's point with geo_precision
  `governorate`; the governorate is the clause's, else that of the story told just
  before; it never borrows a town named elsewhere ("Umm Qusayr" is not al-Qusayr). Capitals as
  agents ("Baghdad summoned"), sources' places, launch origins ("drones launched
  from Idlib"), title-case datelines ("Damascus —") and places abroad (Ankara, "in Turkey") are not
  event places; "the countryside of Damascus" is Rif Dimashq. Sleeper cells are per governorate.
- Dates resolve backwards from publication ("on Sunday" = the last Sunday on or before
  it); with no time expression the narrative's last recent one is used, else
  publication with precision `week`. A date over a year old dates only its own clause
  and makes the event background (nothing whose period ended a year before publication
  is emitted). Sleeper-cell presence is dated at publication. Operations under way
  ("are carrying out daily combing operations in X") are news, not habits; reported
  past-perfect speech with its own time ("By Monday, troops had arrested ...,
  according to a statement") is news.

- A learned second opinion (`confidence`) sets aside the rules' events that a logistic
  regression, trained on the rules' output over the labelled corpora in tests/, judges
  likely false alarms (never one at a named site); `keep_false_alarms=True` gives the
  rules alone and `extract_events_for_review` gives every event with its doubt.

Modules: `sentences` (splitting, datelines, quotes), `lexicon` (triggers, actors),
`claims` (negation, denial, hedges, background, claim status), `places` (mentions →
`dashboard.geo.resolve_place`), `dates` (relative dates), `numbers` (fatalities),
`dedup` (merging), `confidence` (the learned filter), `core` (the pipeline), `evaluate` (precision/recall on a labelled
corpus), `__main__` (the command line).
"""

from dashboard.extract.core import (
    MAX_ARTICLE_CHARS,
    extract_events,
    extract_events_for_review,
    split_header,
    text_problem,
)

__all__ = ["extract_events", "extract_events_for_review", "split_header", "text_problem", "MAX_ARTICLE_CHARS"]
