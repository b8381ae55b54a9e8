"""The extractor on documents written for the tests.

tests/data/written/ holds forty-nine texts written by the team in the register of the seeds (a
ministry work report, a conference news item in Traditional script with 「」 quotes, an
achievements summary, a provincial work plan of 河北省) and of policy documents and legal texts
(a forwarding notice of the General Office carrying two ministries' opinion, a national
opinion; then, with no catalog entry, their metadata read from the text as for the held-out
texts: a notice issuing a national action plan, a ministry rule in articles, a ministry
office's reply, a saved government page of a notice issuing a plan, a State Council regulation
under its decree, a ministry rule with its 题注, a ministry's reply, a General Office notice
issuing a plan, a ministry's progress report, a ministry's notice issuing a list; and a national law, a ministry
rule and a ministry's reply citing laws and judicial interpretations; a city's list of minor
violations not penalised as a Markdown page with front matter, a central opinion with two
horizons; a central opinion; and, with quantities only, a provincial plan page with an HTML
indicator table, a city regulation's limits and fines, a city environment bulletin and a county
bureau's year-end summary with relative years, a judicial interpretation's thresholds, a ministry
rule on daily penalties, a plan page with a regional table of goals, several ministries' opinions
with two attached plans, a ministry's list of major changes, a law page with a Markdown tariff
table, a city's seasonal notice signed below its body; then probes of the held-out genres by the
instruments engineer: a State Council regulation, a ministry's opinion on applying the law,
three ministries' notice issuing an action plan, a ministry's directory as a Markdown page, a
city's regulation; and four probes of events by the events engineer: a joint opinion of five
bodies as a PDF's text layer with two attached guides, a judicial interpretation under its
announcement, a ministry's guidance on applying the law, a city's local regulation under its
legislature's announcement; later probes of both lanes and of figures listed in
tests/data/written/README.md, among them a provincial regulation citing national laws by short
name and a local standard's scope text with its reference lines), with a catalog.toml and gold
annotations made by hand from ../shared/ANNOTATION.md. They were written after the code and
the code was fitted to them, so they are NOT held out: their scores are training scores and
say nothing about generality (the real documents of `kg eval` do). The floors sit a little
below what the extractor reaches, so that a change that breaks what already worked fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

WRITTEN = Path(__file__).resolve().parent / "data" / "written"

# section → lowest F1 accepted (reached: agencies 0.938, events 0.983, the others 0.96 or more).
# Agencies is lower since 116 (a ministry notice whose addressee line reads 生态环境厅（局），
# 新疆生产建设兵团生态环境局: two addressees taken as actors, one resolved to a province's
# department) and 113/116 (我部 not read as the ministry): known misses, left to the owner of agencies.
FLOORS = {
    "agencies": 0.93,
    "campaigns": 0.95,
    "instruments": 0.95,
    "instruments《》": 0.95,
    "instrument kinds": 0.95,
    "events": 0.95,
    "quantities value+unit": 0.97,
    "quantities +role": 0.95,
    "quantities +year": 0.95,
}


@pytest.fixture(scope="module")
def written_scores() -> dict:
    from kg.evaluate import evaluate_folder

    result = evaluate_folder(WRITTEN / "gold", WRITTEN)
    assert len(result["documents"]) == 51
    return result["scores"]


@pytest.mark.parametrize(("section", "floor"), FLOORS.items())
def test_written_floor(written_scores, section, floor):
    score = written_scores[section]
    misses = [f"{kind} {doc} {item}" for kind, doc, item in score["errors"]]
    assert score["f1"] >= floor, f"{section}: F1 {score['f1']:.3f} < {floor}\n" + "\n".join(misses)


def test_every_written_document_has_gold():
    texts = {p.stem for p in WRITTEN.iterdir() if p.suffix in (".txt", ".html", ".md") and p.name != "README.md"}
    gold = {p.stem for p in (WRITTEN / "gold").glob("*.json")}
    assert texts == gold


@pytest.mark.parametrize(
    ("text", "agencies", "campaigns"),
    [
        # a national alias after 省/市 names the local body, which is not the ministry
        ("省生态环境厅会同省发展改革委联合印发方案。", [], []),
        ("生态环境部会同国家发展改革委印发方案。", ["生态环境部", "国家发展和改革委员会"], []),
        # Traditional texts quote with 「」
        ("推進「無廢城市」建設。", [], ["无废城市建设"]),
    ],
)
def test_gazetteer_phrases(nlp, text, agencies, campaigns):
    from kg.ingest import detect_script, normalise

    doc = nlp(normalise(text, detect_script(text)))
    assert [s.id_ for s in doc.spans["agency"]] == agencies
    assert [s.id_ for s in doc.spans["campaign"]] == campaigns


def test_task_list_one_item_a_line_is_planned():
    """会议要求,2022年要重点抓好以下工作:\\n一是…\\n二是…: every item plans work."""
    from kg.build import extract_file

    extraction = extract_file(WRITTEN / "102_conference_news_2022_hant.txt", {})
    planned = {(str(q.value), q.role, q.year) for q in extraction.quantities if q.year == 2022}
    assert planned == {("29.5", "target", 2022), ("85", "target", 2022), ("100", "target", 2022)}


def test_relative_party_committee_resolved_for_the_province():
    from kg.build import extract_file

    extraction = extract_file(WRITTEN / "104_hebei_work_plan_2024.txt", {})
    names = {a.name for a in extraction.agencies}
    assert {"中共河北省委", "河北省人民政府", "河北省生态环境厅"} <= names
