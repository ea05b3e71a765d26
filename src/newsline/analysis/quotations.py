"""Quotation marks: pair them into quoted segments, in every common style, nested, across sentences. The
``quotations`` stage: the entity, quote and timex stages read its segments.

Styles: “…” „…“ „…” «…» ‹…› ‘…’ "…" '…' (and the same characters reused for a quote inside a quote), and
“…" or "…” where copy mixes typographic and straight marks.
A quote left open at a paragraph end continues when the next paragraph opens with a quotation mark (the
newspaper convention for multi-paragraph quotes); otherwise it is dropped as unbalanced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> the marks that may close it (a typographic and a straight double mark close each other:
# copy often mixes them, “...," and "...”)
_CLOSERS = {
    "“": "”\"", "„": "“”", "«": "»", "‹": "›", "»": "«", "‘": "’", '"': '"”', "'": "'",
}
_SYMMETRIC = frozenset({'"', "'", "»"})
_MIXED = frozenset({("“", '"'), ('"', "”")})
_EVENTS = re.compile("[\"'“”„«»‹›‘’]|\n")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted segment: ``start``/``end`` include the marks; ``depth`` 0 is outermost."""

    start: int
    end: int
    depth: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def _is_apostrophe(text: str, i: int) -> bool:
    """An apostrophe, not a quotation mark: inside a word (don’t) or after one (the Clintons’ house)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and (after.isalnum() or after in " ,.;:!?)\n") or (before in "sS" and after == " ")


def _opens(text: str, i: int) -> bool:
    """Whether a symmetric mark at ``i`` opens (after a space, start or bracket) rather than closes."""
    before = text[i - 1] if i > 0 else " "
    return before.isspace() or before in "([{—–-/:“‘«„"


def find_quoted(text: str) -> tuple[Quoted, ...]:
    """Every balanced quoted segment of ``text``, outermost and nested, in order of their start."""
    found: list[Quoted] = []
    stack: list[tuple[str, int]] = []
    dangling: tuple[str, int] | None = None  # a quotation the last paragraph left open without reopening
    skip = -1  # a mark that reopens a continuing quotation, not a quotation of its own
    for event in _EVENTS.finditer(text):  # only marks and line breaks matter
        i = event.start()
        if i <= skip:
            continue
        ch = text[i]
        if ch == "\n" and stack and "\n\n" in text[i : i + 3] + "\n":
            j = i
            while j < len(text) and text[j].isspace():
                j += 1
            if j < len(text) and text[j] in _CLOSERS and text[j] != "'":  # quote continues in this paragraph
                skip = j
                continue
            dangling = stack[0] if len(stack) == 1 else None
            stack.clear()
        elif ch == "\n" and not stack and "\n\n" in text[i : i + 3] + "\n":
            dangling = None
        elif ch in ("'", "’", "‘") and _is_apostrophe(text, i) and not (
            stack and ch in _CLOSERS[stack[-1][0]] and not text[i + 1 : i + 2].isalnum()
        ):
            pass
        elif stack and _closes(text, stack[-1], i):
            if ch in _SYMMETRIC and _opens(text, i) and text[i + 1 : i + 2].isalnum():
                stack.append((ch, i))  # a new inner quote in the same symmetric style
            else:
                opener, start = stack.pop()
                found.append(Quoted(start, i + 1, len(stack)))
        elif not stack and dangling is not None and ch in _CLOSERS[dangling[0]] and not _opens(text, i):
            found.append(Quoted(dangling[1], i + 1, 0))  # "A ...\n\nB ...," she said: one quotation
            dangling = None
        elif ch in _CLOSERS and (ch not in _SYMMETRIC or _opens(text, i)):
            stack.append((ch, i))
    return tuple(sorted(found, key=lambda q: (q.start, -q.end)))


def _closes(text: str, opened: tuple[str, int], i: int) -> bool:
    """Whether the mark at ``i`` closes the quotation ``opened`` (its mark and position). A straight mark
    closing a typographic one (or the other way round) does so only within the paragraph."""
    ch, (opener, start) = text[i], opened
    if ch not in _CLOSERS[opener] or ch in _SYMMETRIC and _opens(text, i) and ch != opener:
        return False
    return (opener, ch) not in _MIXED or "\n" not in text[start:i]
