"""效力级别: the legal rank of a text, decided from who made it, what kind it is and the form
it took (a decree, a judicial-interpretation number), as the 立法法 assigns them:

- 法律: a 法 of the National People's Congress or its Standing Committee;
- 行政法规: made by the State Council and promulgated by a State Council decree;
- 地方性法规: adopted by a local people's congress or its standing committee;
- 部门规章 / 地方政府规章: promulgated by the order (令) of a ministry, a national bureau or
  commission, or a local government (a local department issues no rules);
- 司法解释: adopted by the Supreme People's Court or Procuratorate (法释, 高检发释);
- 标准: a standard or technical specification;
- 党内法规: a regulation of the Party centre;
- 规范性文件: everything else a body issues (notices, opinions, plans, lists)."""

from __future__ import annotations

import re

from kg.reference import reference

_DECREE = re.compile(r"令(?:第\S+号)?$")
_JUDICIAL_NUMBER = re.compile(r"^(?:法释|高检发释)")
_NATIONAL_CONGRESS = ("全国人民代表大会", "全国人大常委会")
_RULE_KINDS = ("AdministrativeRegulation", "Rule")


def _classes(issuers: tuple[str, ...]) -> set[str]:
    """The reference classification of each known issuer (Ministry, Judiciary …), or the
    organ type its name ends with (congress, government) for one the list lacks."""
    ref = reference()
    found = set()
    for name in issuers:
        concept = ref.agencies.get(name)
        cls = ref.classification.get(concept.iri) if concept else None
        if cls is not None:
            found.add(str(cls).rsplit("/", 1)[-1])
            continue
        ending = max((e for e in ref.organ_endings if name.endswith(e)), key=len, default=None)
        if ending:
            found.update(o.notation for o in ref.organ_endings[ending])
    return found


def legal_rank(title: str, kind: str | None, issuers: tuple[str, ...], number: str | None, decreed: bool) -> str:
    """The LegalRank notation; `decreed`: the text was promulgated by a decree or order (令)."""
    classes = _classes(issuers)
    decreed = decreed or bool(number and _DECREE.search(number))
    if kind == "Standard":
        return "Standard"
    if kind == "Law" and (title.startswith("中华人民共和国") or set(issuers) & set(_NATIONAL_CONGRESS)):
        return "Law"
    if "Judiciary" in classes and (number and _JUDICIAL_NUMBER.match(number) or kind in _RULE_KINDS):
        return "JudicialInterpretation"
    if "StateCouncil" in classes and kind in _RULE_KINDS and decreed:
        return "AdministrativeRegulation"
    if ("congress" in classes or "Legislature" in classes) and not set(issuers) & set(_NATIONAL_CONGRESS):
        return "LocalRegulation"
    if decreed and classes & {"Ministry", "StateCouncilAgency", "department"}:
        return "DepartmentalRule"
    if decreed and classes & {"government", "LocalGovernment"}:
        return "LocalGovernmentRule"
    if classes & {"Party", "PartyOffice"} and kind in _RULE_KINDS:
        return "PartyRegulation"
    return "NormativeDocument"


def rank_label(notation: str) -> str:
    """The Chinese label the gold format gives the rank (法律, 行政法规 …)."""
    return reference().legal_ranks[notation].label_zh
