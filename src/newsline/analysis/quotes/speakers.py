"""Speaker resolution: the entity a source phrase refers to, through the article's entity mentions."""

from __future__ import annotations

from spacy.tokens import Doc

from newsline.model import GROUP, UNNAMED, Entity, MentionKind


class MentionIndex:
    """For each token, the entity mentions covering it."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self._by_token: dict[int, list[tuple[int, str, MentionKind, str]]] = {}
        self.types = {entity.id: entity.type for entity in entities}
        for entity in entities:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                for i in range(span.start, span.end):
                    self._by_token.setdefault(i, []).append((len(span), entity.id, mention.kind, entity.type))

    def at(self, i: int, only: str | None = None) -> tuple[str, MentionKind] | None:
        """The entity id and mention kind of the narrowest mention covering token ``i`` (people first), of an
        entity of type ``only`` when given."""
        covering = [c for c in self._by_token.get(i, ()) if only is None or c[3] == only]
        if not covering:
            return None
        _, entity_id, kind, _ = min(covering, key=lambda c: (c[0], c[3] != "PERSON"))
        return entity_id, kind


def resolve_speaker(doc: Doc, source: tuple[int, int], index: MentionIndex) -> tuple[str | None, MentionKind | None]:
    """The entity whose mention covers the head of the source phrase, or of an appositive to it (the group of
    coordinated modifiers rather than the unnamed phrase: "U.S. and Saudi mediators" is the U.S. and Saudi group);
    else None.

    "the spokeswoman, Maria Zakharova" and "she" resolve; "Clinton's campaign" does not resolve to Clinton
    (its head, "campaign", is no mention of her): an unresolved speaker stays None rather than a guess.
    """
    root = doc[source[0] : source[1]].root
    found = index.at(root.i)
    if found is None:
        for child in root.children:
            if child.dep_ == "appos" and source[0] <= child.i < source[1]:
                found = index.at(child.i)
                if found is not None:
                    break
    if found is not None and index.types[found[0]] == UNNAMED:  # "U.S. and Saudi mediators": the group they are of
        found = next((group for child in root.children if child.dep_ in ("compound", "amod", "nmod")
                      and source[0] <= child.i < source[1] and (group := index.at(child.i, only=GROUP))), found)
    if found is None or index.types[found[0]] not in ("PERSON", UNNAMED):  # "Tulsa police Chief Chuck Jordan"
        last = _last_word(doc, source)
        named = index.at(last) if last is not None else None
        if named is not None and index.types[named[0]] == "PERSON" and named[1] == "name":
            found = named
    return found if found is not None else (None, None)


def _last_word(doc: Doc, source: tuple[int, int]) -> int | None:
    """The last word of a source phrase, before a closing parenthetical ("Sen. Ann Lee (D-Ore.)")."""
    end = source[1]
    if doc[end - 1].text == ")":
        end = next((i for i in range(end - 1, source[0], -1) if doc[i].text == "("), end)
    words = [i for i in range(source[0], end) if not doc[i].is_punct and not doc[i].is_space]
    return words[-1] if words else None
