"""The speech-cue lexicon: verbs of saying and thinking, statement nouns, opinion phrases."""

from __future__ import annotations

SPEECH_VERBS = frozenset({
    "say", "tell", "stress", "note", "add", "announce", "warn", "claim", "state", "declare", "explain",
    "emphasize", "emphasise", "insist", "argue", "believe", "think", "suggest", "report", "write", "tweet",
    "confirm", "deny", "acknowledge", "admit", "assert", "allege", "complain", "predict", "reply", "respond",
    "answer", "recall", "remark", "comment", "reveal", "indicate", "observe", "contend", "maintain", "promise",
    "vow", "urge", "ask", "wonder", "agree", "concede", "conclude", "estimate", "fear", "feel", "learn",
    "point", "underline", "underscore", "specify", "clarify", "recount", "testify", "joke", "quip", "boast",
    "charge", "accuse", "demand", "hope", "expect", "worry", "doubt", "assure", "inform", "notify", "signal",
    "pledge", "threaten", "caution", "advise", "recommend", "propose", "show", "find", "mention", "describe",
    "call", "dismiss", "reiterate", "repeat", "counter", "retort", "lament", "muse",
    "quote", "highlight", "express", "voice", "thank", "press",
})
# verbs that report speech only with a particle or preposition, which introduces what was said or asked
PREPOSITIONAL_CUES = {"point": ("to",), "press": ("on", "about", "over")}
# directives: what they ask for is the content ("called for a ceasefire", "urged Borduria to withdraw")
DIRECTIVE_VERBS = frozenset({"call", "urge", "appeal", "press", "ask", "demand"})
# "expressed skepticism about X": an attitude voiced about something, which is the content
ATTITUDE_VERBS = frozenset({"express", "voice", "raise"})
ATTITUDE_NOUNS = frozenset({
    "skepticism", "scepticism", "doubt", "doubts", "concern", "concerns", "hope", "hopes", "confidence", "regret",
    "support", "opposition", "optimism", "pessimism", "fear", "fears", "frustration", "disappointment",
    "satisfaction", "alarm", "anger", "outrage", "gratitude", "reservations",
})
# verbs by which a medium relays someone's words: that someone is the speaker, the medium only a credit
RELAY_VERBS = frozenset({"quote"})
# verbs by which a medium reports: "..., Velmora Wire reported" around someone's attributed words only credits
REPORTING_VERBS = frozenset({"report"})
# verbs whose object noun phrase is itself the reported content: "X announced the imposition of sanctions"
OBJECT_CONTENT_VERBS = frozenset({
    "announce", "confirm", "deny", "reject", "promise", "predict", "acknowledge", "admit", "reveal", "propose",
    "pledge", "demand", "report", "reiterate", "highlight",
})
STATEMENT_NOUNS = frozenset({
    "statement", "remark", "comment", "announcement", "claim", "assertion", "declaration", "assessment",
    "warning", "admission", "allegation", "accusation", "forecast", "prediction", "conclusion",
})
# nouns whose "that" clause is what someone said: "reports that ...", "Kovač's claim that ..."
CLAIM_NOUNS = STATEMENT_NOUNS | frozenset({"report", "rumour", "rumor", "suggestion", "assurance", "insistence"})
STATEMENT_VERBS = frozenset({"make", "issue", "deliver", "voice", "express", "give", "publish", "post"})
ANAPHORIC_SUBJECTS = frozenset({"this", "that", "it", "so"})
OPINION_NOUNS = frozenset({"opinion", "view", "words", "estimation", "judgment", "judgement", "assessment", "mind"})
