"""Where TimeML values sort on a timeline, and the name keys the registry matches on."""

from __future__ import annotations

import pytest

from newsline.folding import fold_words
from newsline.registry.names import given_compatible, name_key
from newsline.timeline.dates import sort_day


@pytest.mark.parametrize(("value", "mod", "day"), [
    ("2023-02-10", None, "2023-02-10"),
    ("2023-01", None, "2023-01-01"),
    ("2023-01", "END", "2023-01-31"),
    ("2024-02", "END", "2024-02-29"),
    ("2023-01", "MID", "2023-01-16"),
    ("2023-W06", None, "2023-02-06"),
    ("2023-Q4", "END", "2023-12-31"),
    ("2022-SU", None, "2022-06-01"),
    ("2023", None, "2023-01-01"),
    ("199X", None, "1990-01-01"),
    ("2023-02-10T14:30", None, "2023-02-10"),
    ("PRESENT_REF", None, None),
    ("P1D", None, None),
    (None, None, None),
])
def test_sort_day(value, mod, day):
    assert sort_day(value, mod) == day


def test_fold_and_transliteration_keys():
    assert fold_words("Vučić") == fold_words("VUCIC") == "vucic"
    keys = [name_key(n, "PERSON") for n in ("Alexander Vučić", "Aleksandar Vucic", "Vuchich", "A. Vučić")]
    assert len({k.surname for k in keys}) == 1
    assert keys[0].given == keys[1].given and keys[2].given == ()
    assert given_compatible(keys[0].given, keys[3].given)  # an initial
    assert not given_compatible(keys[0].given, name_key("Andrej Vučić", "PERSON").given)
    assert name_key("the European Union", "ORG").folded == "european union"
