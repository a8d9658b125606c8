"""Article → events: `extract_events(text, published)` returns the schema's event table.

Modules: `sentences` (splitting, datelines, quotes), `lexicon` (triggers, actors),
`claims` (negation, denial, hedges, background, claim status), `places` (mentions →
`dashboard.geo.resolve_place`), `dates` (relative dates), `numbers` (fatalities),
`dedup` (merging), `core` (the pipeline), `evaluate` (precision/recall on a labelled
corpus), `__main__` (the command line).
"""

from dashboard.extract.core import MAX_ARTICLE_CHARS, extract_events, split_header, text_problem

__all__ = ["extract_events", "split_header", "text_problem", "MAX_ARTICLE_CHARS"]
