"""Analysis: spaCy parsing plus pure extraction stages (entities, timexes, quotes, events)."""

from newsline.analysis.pipeline import Analyzer, annotate, load_model, new_article

__all__ = ["Analyzer", "annotate", "load_model", "new_article"]
