"""Entities that act together (GROUP) and acronyms defined in the text, on sentences the team wrote."""

from __future__ import annotations

from newsline.analysis.entities import find_entities
from newsline.analysis.entities.acronyms import link_acronyms
from newsline.analysis.entities.groups import GROUP, find_groups
from newsline.analysis.zones import find_zones
from newsline.model import Entity


def groups(analyzer, text: str) -> tuple[list[Entity], list[Entity]]:
    doc = analyzer.nlp(text)
    entities = find_entities(doc)
    return entities, find_groups(doc, entities)


def test_a_list_read_as_an_apposition_is_one_group(analyzer):
    entities, found = groups(analyzer, "Türkiye, the UN, Russia, and Ukraine initially signed the agreement in "
                                       "Istanbul last July.")
    [group] = found
    names = {e.id: e.name for e in entities}
    assert group.type == GROUP and [names[m] for m in group.members] == ["Türkiye", "UN", "Russia", "Ukraine"]
    assert group.name == "Türkiye, UN, Russia and Ukraine" and group.id == f"e{len(entities) + 1}"


def test_a_common_noun_followed_by_a_name_is_the_name(analyzer):
    entities, [group] = groups(analyzer, "A truce between Velmora and the Ostravian armed group Hamas will hold.")
    assert group.name.endswith("and Hamas") and not group.name.endswith("Ostravian")


def test_only_parties_make_groups(analyzer):
    # a coordination that is no party to anything (an object of comparison) makes no group
    _, found = groups(analyzer, "Prices rose faster than in Velmora and Ostravia.")
    assert found == []


def test_a_datelines_place_is_in_no_group(analyzer):
    text = "TARNOW, Ruritania (Velmora Wire) - Ruritania and Borduria signed a truce on Tuesday, officials said."
    doc = analyzer.nlp(text)
    entities = find_entities(doc)
    zones = find_zones(text)
    assert any(z.kind == "dateline" for z in zones)
    assert any(g.name == "TARNOW and Ruritania" for g in find_groups(doc, entities))  # the parser's conjunct
    assert [g.name for g in find_groups(doc, entities, zones)] == ["Ruritania and Borduria"]


def test_an_acronym_defined_in_parentheses_joins_its_entity(analyzer):
    text = ("The Velmoran Monetary Policy Committee (MPC) meets monthly. At its meeting on Tuesday, the MPC voted "
            "to raise rates.")
    doc = analyzer.nlp(text)
    linked = link_acronyms(text, find_entities(doc))
    [committee] = [e for e in linked if "Committee" in e.name]
    assert [m.text for m in committee.mentions if m.kind == "short_name"] == ["MPC", "MPC"]
    assert not any(e.name == "MPC" for e in linked)
    assert [e.id for e in linked] == [f"e{i}" for i in range(1, len(linked) + 1)]


def test_the_members_of_coordinated_modifiers_are_their_names_not_the_phrase(analyzer):
    # "Ruritanian and Tarnish mediators" is an unnamed entity as a whole; it is no member of its own group
    text = ("Velmora's rival parties have agreed to a new short-term truce, Ruritanian and Tarnish mediators announced"
            " on Saturday, after several earlier attempts failed.")
    entities, found = groups(analyzer, text)
    assert any(e.type == "UNNAMED" and e.name == "Ruritanian and Tarnish mediators" for e in entities)
    assert [g.name for g in found] == ["Ruritanian and Tarnish"]
