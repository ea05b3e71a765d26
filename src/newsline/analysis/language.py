"""Language identification (py3langid, bundled model, offline)."""

from __future__ import annotations

import py3langid

# Not a tuned threshold: how much of a text the language identifier reads; `newsline bench crosslingual`
# (crosslingual dev) checks the languages found.
SAMPLE_CHARS = 2000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language from its first characters, or None for text with no letters."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    code, _score = py3langid.classify(sample)
    return code
