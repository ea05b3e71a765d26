"""The tagger's registered spaCy functions: a token encoder that reuses the main parse, and its corpus reader.

``newsline.ParsedTok2Vec.v2`` concatenates the vectors en_core_web_sm's own tok2vec already left in
``doc.tensor``, hashed embeddings of the word and of its tag and dependency label, and an embedding of the
token's *cue path* (how it hangs from its nearest verb of saying in the dependency tree: inside its "ccomp"
clause, its "nsubj", the verb itself...), then adds a shallow CNN. The parse is computed once per article by
the main pipeline and reused here, which keeps the tagger cheap. ``newsline.ParsedCorpus.v1`` gives training
the same input: copies of parsed docs with their tags, dependencies, tensors and cue paths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import registry
from spacy.vocab import Vocab
from spacy.attrs import DEP, HEAD, LEMMA, ORTH, SPACY, TAG
from spacy.strings import hash_string
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, with_array
from thinc.types import Floats2d, Ints1d

from newsline.analysis.quotes.cues import SPEECH_VERBS

TENSOR_KEY = "newsline_tensor"  # where a copy keeps the main parse's tensor (and a training doc its own)
CUE_PATH_KEY = "newsline_cue_path"  # where the copy keeps each token's relation to its nearest speech verb
_SPEECH_LEMMAS = frozenset(hash_string(lemma) for lemma in SPEECH_VERBS | {"accord"})
_CUE, _NO_CUE = hash_string("CUE"), hash_string("-")
# A setting of the attribution tagger's cue-path feature, whose configuration was chosen on a held-out tenth of
# PolNeAR train (docs/attribution.md); this value itself has no tuning recorded.
_MAX_CLIMB = 12


def cue_paths(doc: Doc) -> numpy.ndarray:
    """Per token, a hash saying how it hangs from its nearest ancestor that is a verb of saying: the dependency
    label of the branch it lies in ("ccomp" for the reported clause, "nsubj" for the speaker...), "CUE" for
    the verb itself, "-" when no ancestor is one. A strong hint of where sources and contents begin and end."""
    array = doc.to_array([HEAD, LEMMA, DEP]).astype("int64")
    # plain lists: indexing numpy arrays one token at a time costs more than the walk itself
    heads = (numpy.arange(len(doc)) + array[:, 0]).tolist()
    deps = array[:, 2].astype("uint64").tolist()
    is_cue = [lemma in _SPEECH_LEMMAS for lemma in array[:, 1].astype("uint64").tolist()]
    paths = [_NO_CUE] * len(doc)
    for i in range(len(doc)):
        if is_cue[i]:
            paths[i] = _CUE
            continue
        child, parent = i, heads[i]
        for _ in range(_MAX_CLIMB):
            if parent == child:
                break
            if is_cue[parent]:
                paths[i] = deps[child]
                break
            child, parent = parent, heads[parent]
    return numpy.array(paths, dtype="uint64")


def with_parse(doc: Doc, vocab: Vocab) -> Doc:
    """A copy of ``doc``'s tokens, tag and dependency labels and tensor in ``vocab`` (the tagger's strings).

    The tree itself (heads) is left out on purpose: it would impose sentence boundaries, which spaCy's span
    tagger may not cross, while attributed content often runs over several sentences.
    """
    orth, space, tag, dep = doc.to_array([ORTH, SPACY, TAG, DEP]).T  # arrays: building Tokens is slow
    strings = doc.vocab.strings
    copy = Doc(vocab, words=[strings[h] for h in orth.tolist()], spaces=space.astype(bool).tolist())
    copy.from_array([TAG, DEP], numpy.stack([tag, dep], axis=1))  # hashes: the encoder needs no strings
    copy.user_data[TENSOR_KEY] = doc.tensor  # not copy.tensor: that is the tagger's own tok2vec output
    copy.user_data[CUE_PATH_KEY] = cue_paths(doc)
    return copy


def _doc_tensor(width: int) -> Model[list[Doc], list[Floats2d]]:
    def forward(model: Model, docs: list[Doc], is_train: bool):
        out = [
            model.ops.asarray2f(tensor) if (tensor := doc.user_data.get(TENSOR_KEY)) is not None
            and tensor.shape == (len(doc), width) else model.ops.alloc2f(len(doc), width)
            for doc in docs
        ]
        return out, lambda d_out: []

    return Model("doc_tensor", forward, dims={"nO": width})


def _cue_path_ids() -> Model[list[Doc], list[Ints1d]]:
    def forward(model: Model, docs: list[Doc], is_train: bool):
        out = [model.ops.xp.asarray(doc.user_data.get(CUE_PATH_KEY, numpy.zeros(len(doc))), dtype="uint64")
               for doc in docs]
        return out, lambda d_out: []

    return Model("cue_path_ids", forward)


@registry.architectures("newsline.ParsedTok2Vec.v2")
def parsed_tok2vec(
    embed: Model[list[Doc], list[Floats2d]], encode: Model[list[Floats2d], list[Floats2d]], tensor_width: int,
    width: int, cue_path_width: int = 16,
) -> Model[list[Doc], list[Floats2d]]:
    """doc.tensor (from the main parse) ++ hashed embeddings ++ the cue-path feature -> Maxout to ``width``
    -> ``encode``."""
    cue_path = chain(_cue_path_ids(), with_array(HashEmbed(cue_path_width, 256)))
    mixed = chain(concatenate(_doc_tensor(tensor_width), embed, cue_path),
                  with_array(Maxout(width, nP=3, normalize=True)))
    model = chain(mixed, encode)
    model.set_dim("nO", width)
    return model


@registry.readers("newsline.ParsedCorpus.v1")
def parsed_corpus(path: Path) -> Callable[[Language], Iterator[Example]]:
    """Examples whose predicted side is the parsed doc (tags, dependencies, tensor) without the gold spans."""

    def read(nlp: Language) -> Iterator[Example]:
        for reference in DocBin().from_disk(path).get_docs(nlp.vocab):
            tensor = reference.user_data.pop(TENSOR_KEY, None)
            if tensor is not None:
                reference.tensor = numpy.asarray(tensor, dtype="float32")
            yield Example(with_parse(reference, nlp.vocab), reference)

    return read
