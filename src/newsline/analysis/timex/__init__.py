"""The temporal stage ("When"): recognise date and time expressions and normalise them to TIMEX3 values.

Layout: ``rules.py`` (what is recognised), ``normalize.py`` (the value of each family), ``anchoring.py``
(publication date, narrative and tense), ``mods.py`` (START/MID/END, APPROX...), ``calendar.py`` (periods and
their values), ``lexicon.py`` (word lists), ``tagger.py`` (the entry point). See docs/timex.md.

``tag_timexes`` is imported on first use: the word lists are read by stages that run before it (zones), and the
tagger imports those stages' neighbours (the quote cues), so an eager import here would be circular.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsline.lazy import lazy_names

if TYPE_CHECKING:
    from newsline.analysis.timex.tagger import tag_timexes

__all__ = ["tag_timexes"]
__getattr__ = lazy_names(__name__, {"tag_timexes": "newsline.analysis.timex.tagger"})
