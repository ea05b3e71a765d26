"""Role descriptions bound to names: appositions, "X, the Y of Z", "the Y, X" and titles ("spokesman Dmitry Peskov")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

ROLE_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "representative", "minister", "president", "leader", "secretary",
    "chairman", "chairwoman", "chair", "director", "head", "official", "ambassador", "chief", "adviser",
    "advisor", "analyst", "expert", "professor", "senator", "governor", "mayor", "candidate", "nominee",
    "manager", "commander", "deputy", "lawmaker", "congressman", "congresswoman", "diplomat", "envoy",
    "premier", "chancellor", "king", "queen", "prince", "general", "colonel", "officer", "founder", "ceo",
    "executive", "economist", "researcher", "scientist", "lawyer", "attorney", "judge", "prosecutor",
    "strategist", "aide", "pollster", "operative", "journalist", "reporter", "editor", "columnist", "activist",
    "member", "speaker", "negotiator", "commissioner", "mp", "spokesmen", "correspondent", "host", "author",
    "vice", "counsel", "coordinator", "organizer", "owner", "partner", "press", "staffer", "surrogate",
    "businessman", "businesswoman", "billionaire", "entrepreneur", "investor", "banker", "historian",
    "commentator", "blogger", "actor", "actress", "singer", "rapper", "star", "athlete", "coach", "doctor",
    "physician", "teacher", "student", "mother", "father", "wife", "husband", "widow", "lady", "incumbent",
    "challenger", "rival", "opponent", "veteran", "sheriff", "inspector", "investigator", "auditor",
    "regulator", "mogul", "magnate", "tycoon", "publisher", "producer", "director-general", "emir", "sultan",
    "pope", "cardinal", "bishop", "rabbi", "imam", "pastor", "priest", "boss", "spokespeople",
})
FEMALE_ROLES = frozenset({"spokeswoman", "chairwoman", "congresswoman", "queen", "businesswoman", "actress",
                          "mother", "wife", "widow", "lady"})
MALE_ROLES = frozenset({"spokesman", "chairman", "congressman", "king", "prince", "businessman", "father",
                        "husband", "emir", "sultan", "pope", "cardinal", "bishop", "rabbi", "imam", "priest"})
_DETERMINERS = frozenset({"the", "a", "an"})
# role nouns that name the same kind of role: "a spokesman for the ministry" ... "ministry spokeswoman Ana Kovač"
_ROLE_FAMILIES = (
    frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople"}),
    frozenset({"head", "chief", "leader", "boss", "chairman", "chairwoman", "chair"}),
)


def same_role(a: str, b: str) -> bool:
    """Two lower-cased role nouns of one kind: equal, singular and plural, or of one family."""
    a, b = a.removesuffix("s") if a.removesuffix("s") in ROLE_NOUNS else a, \
        b.removesuffix("s") if b.removesuffix("s") in ROLE_NOUNS else b
    return a == b or any(a in family and b in family for family in _ROLE_FAMILIES)


def is_role_head(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.lower_ in ROLE_NOUNS


def role_text(span: Span) -> str:
    """The role as stored on the entity: without a leading article."""
    tokens = list(span)
    while tokens and tokens[0].lower_ in _DETERMINERS:
        tokens = tokens[1:]
    return span.doc[tokens[0].i : span.end].text if tokens else ""


def _role_np_ending_at(doc: Doc, end: int) -> Span | None:
    """The noun phrase headed by a role noun that ends just before token ``end`` (exclusive), if any."""
    if end <= 0:
        return None
    token = doc[end - 1]
    best = None
    # climb from the last word through of-phrases and compounds to the highest role noun whose phrase ends here
    while True:
        if is_role_head(token) and token.left_edge.i < end:
            best = token
        if token.head is token or token.dep_ not in ("pobj", "prep", "compound", "amod", "nmod", "poss", "appos"):
            break
        token = token.head
        if token.i >= end:
            break
    if best is None:
        return None
    start = best.left_edge.i
    span = doc[start:end]
    if any(t.is_punct and t.text not in ("-", "'", "’") for t in span) or any(t.is_sent_start for t in span[1:]):
        return None
    return span


def _role_np_starting_at(doc: Doc, start: int) -> Span | None:
    """A role noun phrase beginning at token ``start`` ("the head of the ministry"), up to its right edge."""
    if start >= len(doc) or doc[start].lower_ not in _DETERMINERS | {"his", "her", "their"} and doc[start].pos_ != "ADJ":
        return None
    for token in doc[start : min(len(doc), start + 6)]:
        if is_role_head(token) and token.dep_ == "appos":  # not "X, the mayor said, ..."
            end = token.right_edge.i + 1
            span = doc[start:end]
            if any(t.text in ",;:.\"“”" for t in span):
                end = next(t.i for t in span if t.text in ",;:.\"“”")
            if end <= token.i or any(t.ent_type_ == "PERSON" for t in doc[start:end]):  # a list of people
                return None
            return doc[start:end]
        if token.is_punct or token.pos_ == "VERB":
            return None
    return None


def bind_roles(doc: Doc, name: Span) -> list[Span]:
    """Role phrases the text binds to the name ``name``: "the Y, NAME", "NAME, the Y", "Y-title NAME"."""
    roles = []
    # "the official representative of the Foreign Ministry, Maria Zakharova"
    if name.start >= 2 and doc[name.start - 1].text == ",":
        role = _role_np_ending_at(doc, name.start - 1)
        if role is not None:
            roles.append(role)
    # "Maria Zakharova, the spokeswoman of the ministry, said"
    if name.end + 1 < len(doc) and doc[name.end].text == ",":
        role = _role_np_starting_at(doc, name.end + 1)
        if role is not None:
            roles.append(role)
    # "Russian presidential spokesman Dmitry Peskov": modifiers of the name's head right before it
    start = name.start
    while start > 0 and start <= doc[start - 1].head.i < name.end:
        if doc[start - 1].dep_ not in ("compound", "amod", "nmod", "nummod") or doc[start - 1].is_punct:
            break
        start -= 1
    if start < name.start and any(is_role_head(t) for t in doc[start : name.start]):
        roles.append(doc[start : name.start])
    return roles
