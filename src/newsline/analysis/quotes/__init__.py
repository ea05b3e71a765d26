"""Who said it: direct quotes, reported speech, their speakers, and the outlet's own voice."""

from newsline.analysis.quotes.attributions import find_quotes, sentence_voices

__all__ = ["find_quotes", "sentence_voices"]
