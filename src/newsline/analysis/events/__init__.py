"""Events: who did what to whom, and when (PLOVER 0.5 categories plus STATEMENT for attributions).

- ``lexicon.py``: the category lexicon (verbs, event nouns, frames) -- the rules a reader checks first.
- ``clauses.py``: from a dependency-parsed clause to a frame (category, actor, target, negation, modality).
- ``dating.py``: the event date from a timex, the narrative, or the publication date (always said which).
- ``extract.py``: the stage itself, ``extract_events``.
"""

from newsline.analysis.events.extract import extract_events
from newsline.analysis.events.lexicon import PLOVER_CATEGORIES, STATEMENT

__all__ = ["PLOVER_CATEGORIES", "STATEMENT", "extract_events"]
