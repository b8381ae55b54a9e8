"""Named national programmes written without 《》 (ontology/reference/programmes.ttl), on
sentences written for these tests."""

import pytest
from rdflib import RDF
from rdflib.namespace import DCTERMS, SKOS

from kg.nlp.pipeline import make_nlp
from kg.reference import reference
from kg.vocab import EP


def titles(text: str) -> list[tuple[str, str]]:
    return [(t.title, t.kind) for t in make_nlp()(text)._.titles]


@pytest.mark.parametrize("text, expected", [
    # a listed name after any verb, or after none
    ("本市将稳步推进智能制造工程,培育示范工厂。", [("智能制造工程", "Plan")]),
    ("依托退耕还林还草工程扩大林地面积。", [("退耕还林还草工程", "Plan")]),
    ("结合农膜回收行动,建立回收网点。", [("农膜回收行动", "Plan")]),
    ("坚定实施乡村振兴战略和可持续发展战略。", [("乡村振兴战略", "Strategy"), ("可持续发展战略", "Strategy")]),
    # the other names of one programme
    ("天保工程二期成效明显。", [("天保工程", "Plan")]),
    ("巩固“三北”工程建设成果。", [("“三北”工程", "Plan")]),
    # the longest listed name wins (国家黑土地保护工程 over a shorter variant)
    ("启动国家黑土地保护工程,提升耕地地力。", [("国家黑土地保护工程", "Plan")]),
    # a listed name that opens a longer title is a modifier of it
    ("印发智能制造工程实施指南。", [("智能制造工程实施指南", "Standard")]),
    ("健全绿色制造工程体系。", []),
    # a …工程 coordinated with a listed programme is a programme too (like joins like), but not
    # the works a clause builds (…工程建设)
    ("深入实施蓝色海湾整治行动和滨海湿地生态修复工程。", [("蓝色海湾整治行动", "Plan"), ("滨海湿地生态修复工程", "Plan")]),
    ("推进绿色制造工程和污水处理工程建设。", [("绿色制造工程", "Plan")]),
    # inside a longer word it is not the name (节约型机关创建 is not …机关创建行动 here)
    ("开展农村人居环境整治提升五年行动。", [("农村人居环境整治提升五年行动", "Plan")]),
])
def test_listed_programmes(text, expected):
    assert titles(text) == expected


def test_a_programme_the_document_uses_as_its_own_heading_is_a_part_of_it():
    text = "(一)城市更新行动。\n重点实施城市更新行动、乡村建设行动。"
    assert titles(text) == [("乡村建设行动", "Plan")]


def test_every_programme_has_a_kind_and_a_national_source():
    ref = reference()
    graph = ref.graph
    nodes = set(graph.subjects(RDF.type, EP.NationalProgramme))
    assert len(nodes) >= 50
    for node in nodes:
        assert graph.value(node, DCTERMS.source) is not None, node
        assert graph.value(graph.value(node, DCTERMS.type), SKOS.notation) is not None, node
    assert ref.programmes["山水工程"] == "Plan" and ref.programmes["主体功能区战略"] == "Strategy"
