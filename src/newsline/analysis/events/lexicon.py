"""The event category lexicon: which verbs and nouns evoke which PLOVER 0.5 category.

Written from the PLOVER manual's category definitions (``docs/events.md`` says which manual rules each table
follows). Everything here is data; ``extract.py`` applies it to parsed clauses.

- ``VERBS``: a verb lemma's category, optionally decided by the class of its object (``withdraw troops`` is
  RETREAT, ``withdraw aid`` is SANCTION) or by a particle/preposition (``call for`` is DEMAND).
- ``NOUNS``: event nouns (``talks``, ``hunger strike``, ``sanctions``) that carry the category when a light
  verb (``hold``, ``stage``, ``impose``, ``announce``) governs them, or when they are the subject of an aspectual
  verb (``the offensive began``).
- Frames: verbs and adjectives that wrap another action (``agreed to``, ``refused to``, ``threatened to``,
  ``is ready to``); ``compose()`` in ``extract.py`` turns frame + inner category into the PLOVER category.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsline.model import OTHER, PLOVER_CATEGORIES, STATEMENT  # noqa: F401 (re-exported: the categories used here)

# Cooperative categories: in the future tense or under an intent frame they are promises (PLOVER: AGREE).
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
# Conflictual material categories: announced or intended, they are threats (PLOVER: THREATEN).
HOSTILE = frozenset({"SANCTION", "COERCE", "MOBILIZE", "ASSAULT", "FIGHT", "PROTEST"})
# Material conflict: reported even when the perpetrator is unnamed, if the victim is ("X was killed by a bomb").
MATERIAL_CONFLICT = frozenset({"COERCE", "ASSAULT", "FIGHT"})

# -- noun classes used to condition verb rules -------------------------------------------------------------
TROOPS = frozenset({"troop", "force", "soldier", "army", "unit", "tank", "warship", "military", "battalion",
                    "brigade", "personnel", "reservist", "militia", "fighter", "police", "ship", "aircraft"})
AID = frozenset({"aid", "assistance", "help", "grant", "loan", "credit", "food", "medicine", "supply",
                 "relief", "fund", "money", "dollar", "euro", "goods", "equipment", "material", "arm",
                 "weapon", "asylum", "refuge", "shelter", "vaccine", "ammunition", "donation", "package"})
AGREEMENT = frozenset({"agreement", "accord", "deal", "treaty", "pact", "consensus", "ceasefire", "cease-fire",
                       "truce", "compromise", "settlement", "understanding", "memorandum", "protocol"})
TALKS = frozenset({"talk", "negotiation", "meeting", "discussion", "summit", "dialogue", "consultation",
                   "visit", "mediation", "conference"})
RESTRICTIONS = frozenset({"curfew", "restriction", "ban", "blockade", "emergency", "siege", "law", "control",
                          "measure", "embargo", "sanction", "boycott", "limit"})
MILITARY_RESTRICTIONS = frozenset({"blockade", "siege", "embargo", "sanction"})
PEOPLE_HELD = frozenset({"prisoner", "hostage", "detainee", "captive", "national", "citizen", "refugee",
                         "journalist", "activist", "soldier", "civilian"})
RELATIONS = frozenset({"relation", "tie", "link", "contact", "cooperation", "aid", "assistance", "negotiation",
                       "talk", "mediation", "flight", "trade"})
ENVOYS = frozenset({"diplomat", "ambassador", "envoy", "inspector", "observer", "peacekeeper", "monitor",
                    "mission", "staff", "embassy", "consul", "attaché", "attache", "worker"})
# What "fire" means no gunfire with: a figure of speech ("fired the starting gun for a July election", "the opening
# salvo of the campaign") or a dismissal ("fired its chief executive").
FIGURATIVE_SHOTS = frozenset({"starting gun", "starting pistol", "opening salvo", "first salvo", "opening shot",
                              "parting shot", "broadside", "question"})
DISMISSED = frozenset({"employee", "worker", "staff", "executive", "manager", "coach", "director", "chief", "ceo",
                       "aide", "adviser", "advisor", "spokesman", "spokeswoman", "editor", "prosecutor", "official"})
PROPOSALS = frozenset({"proposal", "plan", "offer", "request", "demand", "call", "appeal", "ultimatum",
                       "invitation", "resolution", "initiative", "idea", "suggestion", "change", "bid",
                       "claim", "allegation", "accusation", "charge", "report", "peace"})


@dataclass(frozen=True, slots=True)
class Rule:
    """``category`` when the verb's object head is in ``objects`` (by lemma, or with a modifier written before it:
    "starting gun") / its particle or preposition is ``prep``; a ``category`` of None says the clause is no event
    (an idiom: "fired the starting gun for the election")."""

    category: str | None
    objects: frozenset[str] | None = None
    prep: str | None = None


def rules(default: str | None, *conditional: Rule) -> tuple[Rule, ...]:
    """Conditional rules first; ``default`` (if any) applies when none matches."""
    return (*conditional, *((Rule(default),) if default else ()))


VERBS: dict[str, tuple[Rule, ...]] = {
    # AGREE: agreements and offers reached or made now
    "agree": rules("AGREE"), "accept": rules("AGREE", Rule("CONCEDE", PROPOSALS & {"demand", "request"})),
    "offer": rules("AGREE"), "promise": rules("AGREE"), "pledge": rules("AGREE"), "consent": rules("AGREE"),
    "reach": rules(None, Rule("AGREE", AGREEMENT)), "conclude": rules(None, Rule("AGREE", AGREEMENT)),
    "invite": rules("AGREE"), "settle": rules("AGREE"),
    # CONSULT
    "meet": rules("CONSULT", Rule("CONCEDE", frozenset({"demand", "condition", "request"}))),
    "visit": rules("CONSULT"), "host": rules("CONSULT"), "negotiate": rules("CONSULT"),
    "discuss": rules("CONSULT"), "confer": rules("CONSULT"), "consult": rules("CONSULT"),
    "telephone": rules("CONSULT"), "phone": rules("CONSULT"), "mediate": rules("CONSULT"),
    "talk": rules(None, Rule("CONSULT", prep="with")), "arrive": rules(None, Rule("CONSULT", prep="in")),
    "receive": rules(None, Rule("CONSULT", frozenset({"delegation", "minister", "president", "envoy",
                                                      "leader", "visitor"})),
                     Rule("RETREAT", ENVOYS)),
    # SUPPORT
    "praise": rules("SUPPORT"), "commend": rules("SUPPORT"), "welcome": rules("SUPPORT"),
    "endorse": rules("SUPPORT"), "back": rules("SUPPORT"), "support": rules("SUPPORT"),
    "applaud": rules("SUPPORT"), "hail": rules("SUPPORT"), "recognize": rules("SUPPORT"),
    "recognise": rules("SUPPORT"), "approve": rules("SUPPORT"), "defend": rules("SUPPORT"),
    "thank": rules("SUPPORT"), "congratulate": rules("SUPPORT"), "forgive": rules("SUPPORT"),
    "sign": rules(None, Rule("SUPPORT", AGREEMENT)), "ratify": rules("SUPPORT"), "apologize": rules("SUPPORT"),
    "apologise": rules("SUPPORT"), "upgrade": rules(None, Rule("SUPPORT", RELATIONS)),
    "establish": rules(None, Rule("SUPPORT", RELATIONS)), "restore": rules(None, Rule("SUPPORT", RELATIONS)),
    "appreciate": rules("SUPPORT"),
    # COOPERATE
    "cooperate": rules("COOPERATE"), "collaborate": rules("COOPERATE"), "extradite": rules("COOPERATE"),
    "share": rules("COOPERATE"), "exchange": rules("COOPERATE"),
    # AID
    "aid": rules("AID"), "assist": rules("AID"), "donate": rules("AID"), "provide": rules(None, Rule("AID", AID)),
    "supply": rules("AID"), "contribute": rules("AID"), "hand": rules(None, Rule("AID", AID)),
    "dispatch": rules(None, Rule("MOBILIZE", TROOPS)), "deliver": rules(None, Rule("AID", AID)), "fund": rules("AID"),
    "finance": rules("AID"), "rescue": rules("AID"), "lend": rules("AID"), "shelter": rules("AID"),
    "give": rules(None, Rule("AID", AID)), "send": rules(None, Rule("AID", AID), Rule("MOBILIZE", TROOPS),
                                                         Rule("INVESTIGATE", ENVOYS)),
    "grant": rules(None, Rule("AID", AID), Rule("CONCEDE", frozenset({"amnesty", "pardon", "autonomy"}))),
    "evacuate": rules("AID", Rule("RETREAT", frozenset({"settlement", "base", "position", "territory",
                                                         "troop", "force"}))),
    # CONCEDE
    "concede": rules("CONCEDE"), "pardon": rules("CONCEDE"), "amnesty": rules("CONCEDE"),
    "acquit": rules("CONCEDE"), "yield": rules("CONCEDE"), "compromise": rules("CONCEDE"),
    "regret": rules("CONCEDE"),
    "lift": rules(None, Rule("RETREAT", MILITARY_RESTRICTIONS), Rule("CONCEDE", RESTRICTIONS)),
    "ease": rules(None, Rule("RETREAT", MILITARY_RESTRICTIONS), Rule("CONCEDE", RESTRICTIONS)),
    "relax": rules(None, Rule("CONCEDE", RESTRICTIONS)),
    "shorten": rules(None, Rule("CONCEDE", RESTRICTIONS)),
    "allow": rules("CONCEDE", Rule("RETREAT", ENVOYS | frozenset({"access", "aid", "delivery"}))),
    "permit": rules("CONCEDE"),
    # RETREAT
    "withdraw": rules("RETREAT", Rule("RETREAT", TROOPS), Rule("SANCTION", ENVOYS | RELATIONS | AID),
                      Rule("SANCTION", prep="from")),
    "retreat": rules("RETREAT"), "release": rules("RETREAT"), "free": rules("RETREAT"),
    "resign": rules("RETREAT"), "repatriate": rules("RETREAT"), "disarm": rules("RETREAT"),
    "surrender": rules("RETREAT"), "return": rules(None, Rule("RETREAT", PEOPLE_HELD | frozenset({
        "property", "land", "territory", "body", "remains", "weapon", "helicopter", "aircraft", "ship"}))),
    "demobilize": rules("RETREAT"), "compensate": rules("RETREAT"),
    "pay": rules(None, Rule("RETREAT", frozenset({"compensation", "reparation", "damages"}))),
    "step": rules(None, Rule("RETREAT", prep="down")), "pull": rules(None, Rule("RETREAT", prep="out")),
    # DEMAND
    "demand": rules("DEMAND"), "urge": rules("DEMAND"), "ask": rules("DEMAND"), "request": rules("DEMAND"),
    "appeal": rules("DEMAND"), "insist": rules("DEMAND"), "plead": rules("DEMAND"), "press": rules("DEMAND"),
    "pressure": rules("DEMAND"), "pressurize": rules("DEMAND"), "order": rules("DEMAND"),
    "call": rules(None, Rule("CONCEDE", prep="off"), Rule("DEMAND", prep="for"), Rule("DEMAND", prep="on"),
                  Rule("DEMAND", prep="upon")),
    "push": rules(None, Rule("DEMAND", prep="for")), "seek": rules("DEMAND"),
    # DISAPPROVE
    "accuse": rules("DISAPPROVE"), "criticize": rules("DISAPPROVE"), "criticise": rules("DISAPPROVE"),
    "condemn": rules("DISAPPROVE"), "denounce": rules("DISAPPROVE"), "blame": rules("DISAPPROVE"),
    "allege": rules("DISAPPROVE"), "complain": rules("DISAPPROVE"), "deplore": rules("DISAPPROVE"),
    "slam": rules("DISAPPROVE"), "decry": rules("DISAPPROVE"), "sue": rules("DISAPPROVE"),
    "indict": rules("DISAPPROVE"), "charge": rules("DISAPPROVE"), "summon": rules("DISAPPROVE"),
    "rebuke": rules("DISAPPROVE"), "reproach": rules("DISAPPROVE"), "censure": rules("DISAPPROVE"),
    "castigate": rules("DISAPPROVE"), "lambaste": rules("DISAPPROVE"), "blast": rules("DISAPPROVE"),
    "protest": rules("DISAPPROVE"),  # a government's protest is verbal; crowds: see COLLECTIVE_ACTORS
    # REJECT
    "reject": rules("REJECT"), "refuse": rules("REJECT"), "decline": rules("REJECT"), "deny": rules("REJECT"),
    "dismiss": rules("REJECT"), "veto": rules("REJECT"), "rebuff": rules("REJECT"), "oppose": rules("REJECT"),
    "spurn": rules("REJECT"), "renege": rules("REJECT"), "defy": rules("REJECT"), "violate": rules("REJECT"),
    "cancel": rules("REJECT", Rule("SANCTION", TALKS), Rule("CONCEDE", RESTRICTIONS)),
    "boycott": rules("PROTEST"), "block": rules("PROTEST"),
    # THREATEN
    "threaten": rules("THREATEN"), "warn": rules("THREATEN"), "menace": rules("THREATEN"),
    "vow": rules("THREATEN"), "swear": rules("THREATEN"),
    # PROTEST
    "demonstrate": rules("PROTEST"), "march": rules("PROTEST"), "rally": rules("PROTEST"),
    "riot": rules("PROTEST"), "picket": rules("PROTEST"), "strike": rules("PROTEST"),
    # SANCTION
    "sanction": rules("SANCTION"), "sever": rules("SANCTION"), "suspend": rules("SANCTION"),
    "halt": rules("SANCTION"), "freeze": rules("SANCTION"), "recall": rules("SANCTION"),
    "cut": rules("SANCTION"), "reduce": rules(None, Rule("SANCTION", RELATIONS | AID)),
    "end": rules(None, Rule("SANCTION", RELATIONS | TALKS), Rule("CONCEDE", RESTRICTIONS)),
    "expel": rules("SANCTION", Rule("COERCE", frozenset({"people", "person", "resident", "migrant",
                                                           "immigrant", "alien", "worker", "journalist"}))),
    "prohibit": rules("SANCTION", Rule("COERCE", frozenset({"demonstration", "rally", "protest", "party"}))),
    "break": rules(None, Rule("SANCTION", RELATIONS)),
    "stop": rules(None, Rule("SANCTION", RELATIONS | TALKS | AID)),
    "tighten": rules(None, Rule("SANCTION", frozenset({"sanction", "embargo"})),
                     Rule("COERCE", RESTRICTIONS)),
    # COERCE
    "arrest": rules("COERCE"), "detain": rules("COERCE"), "imprison": rules("COERCE"), "jail": rules("COERCE"),
    "deport": rules("COERCE"), "ban": rules("COERCE"), "outlaw": rules("COERCE"), "seize": rules("COERCE"),
    "confiscate": rules("COERCE"), "raid": rules("COERCE"), "censor": rules("COERCE"),
    "blockade": rules("COERCE"), "occupy": rules("COERCE"), "sentence": rules("COERCE"),
    "restrict": rules("COERCE"), "demolish": rules("COERCE"), "prevent": rules("COERCE"),
    "disperse": rules("COERCE"), "hack": rules("COERCE"), "deface": rules("COERCE"), "round": rules("COERCE"),
    "crack": rules(None, Rule("COERCE", prep="down")), "shut": rules(None, Rule("COERCE", prep="down")),
    "close": rules(None, Rule("COERCE", frozenset({"border", "office", "newspaper", "station", "crossing",
                                                   "website", "embassy", "school"}))),
    "destroy": rules("COERCE"), "set": rules(None, Rule("COERCE", frozenset({"fire", "ablaze"}))),
    "burn": rules("COERCE"), "torch": rules("COERCE"),
    # MOBILIZE
    "mobilize": rules("MOBILIZE"), "mobilise": rules("MOBILIZE"), "deploy": rules("MOBILIZE"),
    "mass": rules("MOBILIZE"), "station": rules("MOBILIZE"), "reinforce": rules("MOBILIZE"),
    "strengthen": rules(None, Rule("MOBILIZE", TROOPS)), "patrol": rules("MOBILIZE"),
    "train": rules(None, Rule("MOBILIZE", TROOPS | frozenset({"hacker", "fighter", "recruit"}))),
    # ASSAULT: one-sided or unconventional violence
    "kill": rules("ASSAULT"), "murder": rules("ASSAULT"), "assassinate": rules("ASSAULT"),
    "massacre": rules("ASSAULT"), "torture": rules("ASSAULT"), "kidnap": rules("ASSAULT"),
    "abduct": rules("ASSAULT"), "hijack": rules("ASSAULT"), "behead": rules("ASSAULT"),
    "execute": rules("ASSAULT"), "stab": rules("ASSAULT"), "beat": rules("ASSAULT"),
    "bomb": rules("ASSAULT"), "abuse": rules("ASSAULT"), "rape": rules("ASSAULT"), "wound": rules("ASSAULT"),
    "injure": rules("ASSAULT"), "explode": rules("ASSAULT"), "detonate": rules("ASSAULT"),
    "blow": rules(None, Rule("ASSAULT", prep="up")), "lynch": rules("ASSAULT"),
    # FIGHT: conventional military force
    "fight": rules("FIGHT"), "shell": rules("FIGHT"), "bombard": rules("FIGHT"), "invade": rules("FIGHT"),
    "clash": rules("FIGHT"), "attack": rules("ASSAULT"), "shoot": rules("FIGHT"),
    "fire": rules("FIGHT", Rule(None, FIGURATIVE_SHOTS | DISMISSED)),
    "capture": rules("FIGHT"), "retake": rules("FIGHT"), "recapture": rules("FIGHT"), "overrun": rules("FIGHT"),
    "strafe": rules("FIGHT"), "storm": rules("FIGHT"), "ambush": rules("FIGHT"), "battle": rules("FIGHT"),
    "liberate": rules("FIGHT"), "advance": rules("FIGHT"),
    # INVESTIGATE
    "investigate": rules("INVESTIGATE"), "probe": rules("INVESTIGATE"), "inspect": rules("INVESTIGATE"),
    "examine": rules("INVESTIGATE"), "inquire": rules("INVESTIGATE"), "audit": rules("INVESTIGATE"),
    "interrogate": rules("INVESTIGATE"), "question": rules(None, Rule("INVESTIGATE", frozenset({
        "suspect", "official", "minister", "witness", "employee", "people", "man", "woman"}))),
}

# Event nouns; None = take the category of the noun's "of" object ("imposition of sanctions").
NOUNS: dict[str, str | None] = {
    **{n: "AGREE" for n in ("agreement", "accord", "deal", "pact", "consensus", "pledge", "promise", "offer")},
    **{n: "CONSULT" for n in ("talk", "negotiation", "meeting", "discussion", "summit", "consultation",
                              "visit", "mediation", "welcome", "dialogue", "conversation")},
    **{n: "SUPPORT" for n in ("support", "praise", "recognition", "endorsement", "apology", "treaty")},
    **{n: "COOPERATE" for n in ("cooperation", "exercise", "game", "extradition", "exchange", "maneuver",
                                "manoeuvre")},
    **{n: "AID" for n in ("aid", "assistance", "grant", "loan", "donation", "asylum", "relief")},
    **{n: "CONCEDE" for n in ("concession", "amnesty", "pardon", "step")},
    **{n: "RETREAT" for n in ("withdrawal", "pullout", "pullback", "release", "resignation", "compensation",
                              "reparation", "retreat", "evacuation", "ceasefire", "cease-fire", "truce")},
    **{n: "DEMAND" for n in ("demand", "appeal", "request", "call", "reminder", "declaration")},
    **{n: "DISAPPROVE" for n in ("accusation", "criticism", "condemnation", "complaint", "protest",
                                 "lawsuit", "allegation", "charge")},
    **{n: "REJECT" for n in ("rejection", "refusal", "veto", "denial")},
    **{n: "THREATEN" for n in ("threat", "ultimatum", "warning")},
    **{n: "PROTEST" for n in ("demonstration", "rally", "strike", "march", "riot", "boycott", "sit-in",
                              "picket", "signature", "petition")},
    **{n: "SANCTION" for n in ("sanction", "embargo", "suspension", "expulsion")},
    **{n: "COERCE" for n in ("curfew", "blockade", "ban", "restriction", "arrest", "crackdown", "siege",
                             "emergency", "raid", "law", "blackout", "detention", "deportation", "patrol")},
    **{n: "MOBILIZE" for n in ("mobilization", "mobilisation", "deployment", "alert", "buildup",
                               "reinforcement")},
    **{n: "ASSAULT" for n in ("bombing", "assassination", "massacre", "kidnapping", "abduction", "killing",
                              "torture", "attack", "bomb", "cleansing")},
    **{n: "FIGHT" for n in ("offensive", "invasion", "fire", "shelling", "bombardment", "airstrike",
                            "operation", "war", "assault", "battle", "fighting", "artillery", "incursion")},
    **{n: "INVESTIGATE" for n in ("investigation", "probe", "inquiry", "inspection", "hearing", "audit",
                                  "inspector")},
    **{n: None for n in ("state", "imposition", "introduction", "announcement", "continuation", "extension",
                         "start", "beginning", "launch", "resumption", "tightening")},
}
# Nouns that need a qualifying modifier to be an event ("military operation", "hunger strike").
NOUN_QUALIFIERS: dict[str, frozenset[str]] = {
    "operation": frozenset({"military", "special", "ground", "combat", "counter-terrorist", "offensive"}),
    "law": frozenset({"martial"}), "step": frozenset({"conciliatory"}),
    "game": frozenset({"war"}), "exercise": frozenset({"joint", "military", "naval", "war"}),
    "exchange": frozenset({"prisoner"}),
}
# Light verbs: the event lies in their object noun ("held talks", "imposed a curfew", "opened fire").
LIGHT_VERBS = frozenset({
    "hold", "stage", "launch", "begin", "start", "open", "issue", "lodge", "mount", "conduct", "carry", "make",
    "take", "continue", "organize", "organise", "undertake", "resume", "renew", "impose", "declare", "give",
    "announce", "file", "reiterate", "institute", "reimpose", "introduce", "extend", "use", "engage", "order",
    "complete", "initiate", "enter", "collect", "join", "plan", "prepare", "commit", "put", "remain",
})
# Aspectual or transparent verbs: "began to shell", "continued to send", "tried to hack", "has been engaged in".
TRANSPARENT = frozenset({"begin", "start", "continue", "resume", "keep", "try", "attempt", "manage", "go",
                         "seem", "appear", "help", "move", "proceed", "set", "engage", "act", "be", "have",
                         "get", "come", "need", "want", "wish", "hope", "seek", "expect", "aim", "remain", "decide",
                         "resort", "use"})
# Containers whose event lies in a compound or "of" object ("mediation mission", "tons of food aid").
CONTAINERS = frozenset({"effort", "mission", "campaign", "program", "programme", "plan", "day", "week", "ton",
                        "tonne", "kg", "kilogram", "worth", "series", "batch", "number", "package", "shipment",
                        "round", "wave", "million", "billion", "thousand", "hundred", "dozen", "part", "lot"})
# Subjects that make a killing or attack a military engagement (FIGHT) rather than an assault (ASSAULT).
MILITARY = TROOPS | frozenset({"aircraft", "helicopter", "gunship", "jet", "warplane", "plane", "artillery",
                               "missile", "drone", "navy", "marine", "predator", "rocket", "bomber"})
VIOLENCE_VERBS = frozenset({"kill", "attack", "wound", "injure", "bomb", "shoot"})
# Verbs that send someone to do something: the purpose clause carries the category ("sent X to investigate").
SENDING_VERBS = frozenset({"send", "dispatch", "deploy"})

# Frames around an inner action (xcomp): how they change its category (see ``extract.compose``).
INTENT_FRAMES = frozenset({"agree", "offer", "promise", "pledge", "commit", "plan", "intend",
                           "prepare", "consent", "undertake", "volunteer", "vow", "swear", "announce", "confirm"})
INTENT_ADJECTIVES = frozenset({"willing", "ready", "prepared", "committed", "determined", "eager", "set",
                               "keen", "open"})
REFUSAL_FRAMES = frozenset({"refuse", "decline", "fail", "reject", "oppose", "renege", "deny", "balk", "resist"})
REFUSAL_ADJECTIVES = frozenset({"unwilling", "opposed", "reluctant"})
THREAT_FRAMES = frozenset({"threaten", "warn"})
DEMAND_FRAMES = frozenset({"demand", "urge", "ask", "call", "press", "pressure", "appeal", "request", "order",
                           "push", "tell", "insist", "encourage"})
# Words whose clausal complement is proposed, demanded or conditional, not asserted ("demanded that X cancel").
NOT_ASSERTED_VERBS = (DEMAND_FRAMES | THREAT_FRAMES | REFUSAL_FRAMES | frozenset({
    "propose", "suggest", "recommend", "want", "wish", "hope", "need"})) - {"tell", "insist"}
NOT_ASSERTED_NOUNS = frozenset({"proposal", "plan", "offer", "request", "demand", "call", "appeal", "ultimatum",
                                "invitation", "resolution", "initiative", "idea", "suggestion", "bid", "threat",
                                "warning", "condition", "readiness", "willingness", "possibility", "attempt"})

# Verbs that report speech: an embedded "X must ..." is the speaker's DEMAND on X.
SPEECH_VERBS = frozenset({"say", "declare", "state", "reiterate", "insist", "announce", "conclude", "stress",
                          "tell", "add", "note", "argue", "claim", "emphasize", "emphasise", "write", "issue",
                          "remind", "repeat", "confirm", "assert", "maintain", "suggest", "explain"})
OBLIGATION_MODALS = frozenset({"must", "should"})
# Modal auxiliaries that make an event hypothetical rather than asserted.
HYPOTHETICAL_MODALS = frozenset({"may", "might", "could", "would", "can"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
# Adjectives that put an event noun in the future ("the imminent imposition of sanctions").
FUTURE_ADJECTIVES = frozenset({"imminent", "planned", "upcoming", "forthcoming", "future", "impending",
                               "proposed", "intended", "new"})
# Subjects that make "protest" a street protest (PROTEST) rather than a verbal one (DISAPPROVE).
COLLECTIVE_ACTORS = frozenset({"protester", "demonstrator", "student", "worker", "people", "thousand",
                               "hundred", "crowd", "supporter", "farmer", "youth", "resident", "union",
                               "teacher", "villager", "activist", "prisoner", "employee", "miner", "driver"})

# Categories a quote's cue verb gives its STATEMENT event.
SPEECH_CUE_CATEGORIES: dict[str, str] = {
    **{v: "DISAPPROVE" for v in ("accuse", "blame", "criticize", "criticise", "condemn", "denounce", "allege",
                                 "complain", "deplore", "slam", "decry", "charge", "protest", "rebuke",
                                 "lambaste", "castigate", "blast")},
    **{v: "DEMAND" for v in ("demand", "urge", "call", "ask", "appeal", "insist", "plead", "request")},
    **{v: "THREATEN" for v in ("threaten", "warn")},
    **{v: "REJECT" for v in ("reject", "deny", "dismiss", "refute", "rebuff")},
    **{v: "SUPPORT" for v in ("praise", "welcome", "commend", "thank", "applaud", "hail", "endorse")},
    **{v: "AGREE" for v in ("promise", "pledge", "agree", "vow")},
}

# Verbs that name no action of their own: a clause headed by one is never an event of category OTHER.
NOT_EVENTS = frozenset({"be", "have", "do", "seem", "appear", "become", "remain", "get", "look", "feel", "mean",
                        "include", "contain", "involve", "cost", "need", "want", "know", "think", "believe",
                        "hope", "expect", "like", "see", "come", "go", "make", "take", "give", "show", "continue",
                        "stay", "keep", "let", "use", "find", "base", "follow", "accord"})
# A deadline: "gave X until Friday to sign", "has until noon to do so" (``clauses._deadline``).
DEADLINE_VERBS = frozenset({"give", "have", "grant"})
DEADLINE_PREPS = frozenset({"until", "till", "by"})
# Verbs that call an event off: the event they govern did not (or will not) take place.
CANCEL_VERBS = frozenset({"cancel", "scrap", "abandon", "postpone", "delay", "suspend", "shelve", "drop",
                          "call", "axe", "scupper"})  # "call" with "off"
# Verbs and adjectives that put what they govern ahead: "plans to brief", "is expected to speak", "is set to
# expire", "is due to take effect", "is scheduled for Monday".
# (A promise or an agreement to do something is an event of its own that took place: "agreed to reopen" occurred.)
PLANNING = frozenset({"plan", "intend", "expect", "schedule", "slate", "set", "due", "aim", "prepare", "arrange"})
# Event nouns that name the same kind of event, for taking one up again with another ("a ceasefire ... the truce").
NOUN_KINDS: dict[str, str] = {"truce": "ceasefire", "cease-fire": "ceasefire", "armistice": "ceasefire",
                              "negotiation": "talk", "discussion": "talk", "accord": "agreement", "deal": "agreement",
                              "pact": "agreement", "treaty": "agreement"}
# Nouns whose infinitive names an event still to come ("plans to ratify in February", "a decision to hold talks").
PLAN_NOUNS = frozenset({"plan", "intention", "decision", "proposal", "schedule", "bid", "offer", "pledge", "promise",
                        "commitment", "readiness", "timetable"})
# Verbs that make a plan known or adopt it, whose object noun's infinitive dates what is planned ("announced plans
# to ratify in February", "approved a decision to hold talks on Monday").
ANNOUNCING = SPEECH_VERBS | frozenset({"unveil", "reveal", "present", "approve", "adopt", "outline", "make", "take",
                                       "publish", "confirm", "set", "draw"})
