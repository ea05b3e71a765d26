"""The tagger's registered spaCy functions: a token encoder that reuses the main parse, and its corpus reader.

``newsline.ParsedTok2Vec.v1`` concatenates the vectors en_core_web_sm's own tok2vec already left in
``doc.tensor`` with hashed embeddings of the word and of its tag and dependency label, then adds a shallow
CNN. The parse is computed once per article by the main pipeline and reused here, which keeps the tagger
cheap. ``newsline.ParsedCorpus.v1`` gives training the same input: copies of parsed docs with their tags,
dependencies and tensors.
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
from spacy.attrs import DEP, TAG
from thinc.api import Maxout, Model, chain, concatenate, with_array
from thinc.types import Floats2d

TENSOR_KEY = "newsline_tensor"  # where a training doc keeps its tensor (DocBin does not store doc.tensor)


def with_parse(doc: Doc, vocab: Vocab) -> Doc:
    """A copy of ``doc``'s tokens, tag and dependency labels and tensor in ``vocab`` (the tagger's strings).

    The tree itself (heads) is left out on purpose: it would impose sentence boundaries, which spaCy's span
    tagger may not cross, while attributed content often runs over several sentences.
    """
    copy = Doc(vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    copy.from_array([TAG, DEP], doc.to_array([TAG, DEP]))  # hashes: the encoder needs no strings for them
    copy.tensor = doc.tensor
    return copy


def _doc_tensor(width: int) -> Model[list[Doc], list[Floats2d]]:
    def forward(model: Model, docs: list[Doc], is_train: bool):
        out = [
            model.ops.asarray2f(doc.tensor) if doc.tensor.shape == (len(doc), width) else model.ops.alloc2f(len(doc), width)
            for doc in docs
        ]
        return out, lambda d_out: []

    return Model("doc_tensor", forward, dims={"nO": width})


@registry.architectures("newsline.ParsedTok2Vec.v1")
def parsed_tok2vec(
    embed: Model[list[Doc], list[Floats2d]], encode: Model[list[Floats2d], list[Floats2d]], tensor_width: int,
    width: int,
) -> Model[list[Doc], list[Floats2d]]:
    """doc.tensor (from the main parse) ++ hashed embeddings -> Maxout to ``width`` -> ``encode``."""
    mixed = chain(concatenate(_doc_tensor(tensor_width), embed), with_array(Maxout(width, nP=3, normalize=True)))
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
