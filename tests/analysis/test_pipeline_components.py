"""newsline's own spaCy components give what spaCy's would: the attribute rules on arrays, line-break sentences."""

from __future__ import annotations

import numpy
import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, SENT_START, TAG

from newsline.analysis.pipeline import line_breaks, load_model, load_spacy
from newsline.analysis.ruler import AttributeRules

TEXTS = [
    "Ruritania's foreign minister, Ana Kovač, said on Tuesday that she'd not sign it. \"We ain't leaving,\" he "
    "told reporters in Velmora.\n\nBrenholt Front: talks resume\n  \nI 'd 've gone, but ca n't. They were there.",
    "",
    "\n\n",
    "Is it? Yes, it is; her own and hers. We shall see whether they had been there or not.",
]


@pytest.fixture(scope="module")
def models():
    return load_spacy(), load_model()


def test_the_array_rules_set_what_spacys_attribute_ruler_sets(models):
    bare, ours = models
    assert isinstance(ours.get_pipe("attribute_ruler"), AttributeRules)
    columns = [POS, TAG, DEP, MORPH, LEMMA]
    with ours.select_pipes(disable=["newsline_line_breaks", "newsline_attributions"]):
        for expected, got in zip(bare.pipe(TEXTS, batch_size=2), ours.pipe(TEXTS, batch_size=2), strict=True):
            assert numpy.array_equal(expected.to_array(columns), got.to_array(columns))
            assert [str(t.morph) for t in expected] == [str(t.morph) for t in got]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "a", "OP": "+"}],  # operators
    [{"POS": "NOUN"}],  # an attribute it does not read
    [{"LOWER": {">=": 3}}],  # a comparison
    [{}],  # any token
])
def test_rules_it_cannot_read_leave_spacys_ruler_in_place(pattern):
    assert not AttributeRules.supports([{"patterns": [pattern], "attrs": {"LEMMA": "x"}, "index": 0}])
    assert AttributeRules.supports([{"patterns": [[{"LOWER": {"IN": ["a", "b"]}}, {"TAG": "NN"}]],
                                     "attrs": {"LEMMA": "x"}, "index": -1}])


def test_a_line_break_starts_a_sentence_and_keeps_the_lines_first_word_with_the_next(models):
    bare, _ = models
    doc = line_breaks(bare.make_doc("Velmora Wire\n\nRishi Sunak has announced it.\n x\n"))
    starts = dict(zip((t.text for t in doc), doc.to_array([SENT_START]).astype("int64").tolist()))
    assert starts["Rishi"] == 1 and starts["Sunak"] == -1 and starts["x"] == 1
