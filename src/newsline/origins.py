"""The origins table: wires, news agencies, state broadcasters and papers that news is credited to.

The table ships as ``newsline/data/origins.toml`` (its header documents the fields); users extend it with files
of the same form (``--origins FILE`` on the commands that analyse or assign stories, or ``NEWSLINE_ORIGINS``),
an entry with a known ``id`` replacing the shipped one. The credits stage resolves the names a text credits
against it; the stories stage joins it with the corpus's outlets (an outlet whose domain an origin lists is that
origin's own site).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsline.errors import InvalidArgument
from newsline.folding import fold

KINDS = ("wire", "agency", "broadcaster", "paper")
ENV = "NEWSLINE_ORIGINS"
_ACRONYM = re.compile(r"^[A-ZА-Я]{1,4}$")


@dataclass(frozen=True, slots=True)
class Origin:
    id: str
    name: str
    kind: str  # wire | agency | broadcaster | paper
    names: tuple[str, ...]
    domains: tuple[str, ...]
    state: bool = False
    country: str | None = None

    @property
    def reused_signal(self) -> bool:
        """Whether uncredited reuse of its text counts as a laundering signal: wires, agencies, state media."""
        return self.kind in ("wire", "agency") or self.state


class Origins:
    """The table, with a name index for the credits stage and a domain index for the stories stage."""

    def __init__(self, entries: dict[str, Origin]) -> None:
        self.entries = entries
        self._by_domain = {d: o for o in self.entries.values() for d in o.domains}
        self._by_key: dict[str, Origin] = {}
        for origin in self.entries.values():
            for name in origin.names:
                self._by_key.setdefault(name_key(name), origin)
        self._pattern: re.Pattern[str] | None = None

    @classmethod
    def load(cls, extra: Iterable[str | Path] = (), *, environment: bool = True) -> Origins:
        """The shipped table, then each file of ``extra`` (and of ``NEWSLINE_ORIGINS``) on top of it."""
        entries = dict(_shipped())
        paths = list(extra)
        if environment and os.environ.get(ENV):
            paths += [p for p in os.environ[ENV].split(os.pathsep) if p]
        for path in paths:
            entries.update(read_origins(path))
        return cls(entries)

    def digest(self) -> str:
        """A fingerprint of the table's entries: analyses made with tables of equal digests credit alike."""
        entries = sorted(json.dumps(asdict(o), sort_keys=True, ensure_ascii=False) for o in self.entries.values())
        return hashlib.sha256("\n".join(entries).encode()).hexdigest()[:16]

    def get(self, origin_id: str | None) -> Origin | None:
        return self.entries.get(origin_id) if origin_id else None

    def by_name(self, name: str) -> Origin | None:
        """The origin a credit's name refers to ("Tass", "the Associated Press", "РИА Новости"), else None."""
        return self._by_key.get(name_key(name))

    def by_outlet(self, outlet: str | None) -> Origin | None:
        """The origin whose site ``outlet`` is (a registered domain, or a subdomain of one)."""
        while outlet:
            if outlet in self._by_domain:
                return self._by_domain[outlet]
            _, _, outlet = outlet.partition(".")
        return None

    def pattern(self) -> re.Pattern[str]:
        """One regular expression matching every known name as whole words (longest first). Acronyms of up to
        four capitals match only in capitals; a name starting with "The" needs its article ("the Times")."""
        if self._pattern is None:
            names = sorted({n for o in self.entries.values() for n in o.names}, key=lambda n: (-len(n), n))
            alternatives = [_name_regex(n) for n in names]
            self._pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
        return self._pattern


def _name_regex(name: str) -> str:
    if _ACRONYM.match(name):
        return re.escape(name)
    words = name.split()
    if words[0].lower() == "the" and len(words) > 1:
        return "(?i:[Tt]he\\s+" + r"\s+".join(map(re.escape, words[1:])) + ")"
    return "(?i:" + r"[\s-]+".join(map(re.escape, words)) + ")"


def name_key(name: str) -> str:
    """A name as compared: case, accents, a leading "the", punctuation and spaces folded away."""
    folded = re.sub(r"^the\s+", "", fold(name).strip())
    return re.sub(r"[\W_]+", "", folded)


def read_origins(path: str | Path) -> dict[str, Origin]:
    """The ``[[origin]]`` entries of a TOML file, by id; a malformed file or entry is an error naming it."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidArgument("origins", str(path), f"cannot be read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidArgument("origins", str(path), f"is not TOML ({exc})") from None
    return _entries(data.get("origin", []), str(path))


def _entries(records: object, where: str) -> dict[str, Origin]:
    if not isinstance(records, list):
        raise InvalidArgument("origins", where, "expected [[origin]] tables")
    out = {}
    for number, record in enumerate(records, 1):
        try:
            origin = Origin(
                id=_text(record["id"]), name=_text(record["name"]), kind=_text(record["kind"]),
                names=_texts(record["names"]), domains=tuple(d.lower() for d in _texts(record.get("domains", []))),
                state=bool(record.get("state", False)), country=record.get("country"),
            )
        except (KeyError, TypeError) as exc:
            raise InvalidArgument("origins", where,
                                  f"origin #{number}: needs id, name, kind and names ({exc})") from None
        if origin.kind not in KINDS:
            raise InvalidArgument("origins", where, f"origin {origin.id!r}: kind must be one of {', '.join(KINDS)}")
        if not origin.names:
            raise InvalidArgument("origins", where, f"origin {origin.id!r}: give at least one name")
        out[origin.id] = origin
    return out


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"expected text, got {value!r}")
    return value.strip()


def _texts(value: object) -> tuple[str, ...]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise TypeError(f"expected a list of text, got {value!r}")
    return tuple(_text(v) for v in value)


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Origin]:
    text = resources.files("newsline").joinpath("data", "origins.toml").read_text(encoding="utf-8")
    return _entries(tomllib.loads(text).get("origin", []), "newsline/data/origins.toml")


@lru_cache(maxsize=1)
def default_origins() -> Origins:
    """The shipped table plus ``NEWSLINE_ORIGINS`` files, loaded once per process."""
    return Origins.load()
