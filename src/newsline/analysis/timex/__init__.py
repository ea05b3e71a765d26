"""The temporal stage ("When"): recognise date and time expressions and normalise them to TIMEX3 values.

Layout: ``rules.py`` (what is recognised), ``normalize.py`` (the value of each family), ``anchoring.py``
(publication date, narrative and tense), ``mods.py`` (START/MID/END, APPROX...), ``calendar.py`` (periods and
their values), ``lexicon.py`` (word lists), ``tagger.py`` (the entry point). See docs/timex.md."""

from newsline.analysis.timex.tagger import tag_timexes

__all__ = ["tag_timexes"]
