"""The explorer in a real browser: Debian's headless Chromium, driven by Playwright.

Every page is opened from a file with all network requests refused, so a page that needs
anything from outside fails here. Screenshots of the overview, a selection, the timeline
and the query editor are kept in tests/artifacts/ for a person to look at (`make browser`
installs chromium and a CJK font, so the labels in them are real characters).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.viz import render_graph, write_explorer

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]
SETTLE_MS = 30_000

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make browser installs it)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # headless=True adds --headless; the profile lives in a fresh folder
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=FLAGS, viewport={"width": 1400, "height": 850},
        )
        yield context
        context.close()


class Page:
    """One explorer page, opened offline, with what it tried to fetch and any dialog it opened."""

    def __init__(self, context, url: str):
        self.page = context.new_page()
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(url if isinstance(url, str) else url.as_uri())
        self.page.wait_for_function("window.kgExplorer && window.kgExplorer.ready.settled", timeout=SETTLE_MS)

    def _route(self, route):
        if route.request.url.startswith(("file:", "http://127.0.0.1")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def panel(self) -> str:
        return self.page.inner_text("#panel")

    def node_id(self, label: str) -> str:
        return self.js("l => window.kgExplorer.data.nodes.find(n => n.fullLabel === l).id", label)

    def positions(self) -> dict:
        return self.js("() => { const n = window.kgExplorer.network; return n.getPositions(window.kgExplorer.view.getIds()); }")

    def click_node(self, label: str) -> None:
        """Click the node drawn for ``label`` with the mouse, where it is on the canvas."""
        node_id = self.node_id(label)
        self.js("id => window.kgExplorer.network.focus(id, {scale: 1.5, animation: false})", node_id)
        point = self.js("id => { const n = window.kgExplorer.network;"
                        " return n.canvasToDOM(n.getPositions([id])[id]); }", node_id)
        box = self.page.locator("#network").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def search(self, text: str) -> list[str]:
        """Type ``text`` into the search box; the matches listed."""
        self.page.locator("#search").fill(text)
        return self.page.locator("#matches li").all_inner_texts()

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))

    def close(self) -> None:
        assert not self.errors, self.errors
        self.page.close()


@pytest.fixture(scope="module")
def seeds_file(store, tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "explorer.html"
    write_explorer(store, path)
    return path


@pytest.fixture
def seeds_page(browser, seeds_file):
    page = Page(browser, seeds_file)
    yield page
    page.close()


def _painted(page: Page) -> int:
    """Pixels of the graph's canvas that are not transparent or white."""
    return page.js("""() => {
        const canvas = document.querySelector('#network canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) painted++;
        }
        return painted;
    }""")


def test_overview_opens_offline_with_documents_campaigns_instruments_and_agencies(seeds_page):
    shown = seeds_page.js("window.kgExplorer.view.get().map(n => window.kgExplorer.data.nodes.find(m => m.id === n.id).cls)")
    assert set(shown) == {"Document", "Campaign", "PolicyInstrument", "Agency"}
    assert _painted(seeds_page) > 5000
    assert seeds_page.js("window.kgExplorer.network.physics.physicsEnabled") is False
    assert seeds_page.outside == []
    seeds_page.shot("explorer.png")


def test_cjk_labels_render_as_characters(seeds_page):
    """Two different characters draw differently: with no CJK font both are the same empty box."""
    differ = seeds_page.js("""() => {
        const draw = ch => {
            const c = document.createElement('canvas'); c.width = 40; c.height = 40;
            const ctx = c.getContext('2d'); ctx.font = '30px ' + getComputedStyle(document.body).fontFamily;
            ctx.fillText(ch, 2, 32); return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(',');
        };
        return draw('国') !== draw('环') && draw('国') !== draw('\u0378');
    }""")
    assert differ


def test_positions_are_the_same_on_every_opening(browser, seeds_file, seeds_page):
    again = Page(browser, seeds_file)
    assert again.positions() == seeds_page.positions()
    again.close()


def test_a_filter_round_trip_keeps_positions_and_fits_what_is_shown(seeds_page):
    page = seeds_page.page
    before = seeds_page.positions()
    page.locator(".legend-item", has_text="Agency").locator("input").uncheck()
    page.locator(".legend-item", has_text="Agency").locator("input").check()
    assert seeds_page.positions() == before
    page.select_option("#document-filter", value="004_9eff9509ef8e18f9")
    box = page.locator("#network").bounding_box()
    inside = seeds_page.js("""([w, h]) => { const n = window.kgExplorer.network;
        return window.kgExplorer.view.getIds().every(id => {
            const p = n.canvasToDOM(n.getPositions([id])[id]);
            return p.x >= 0 && p.y >= 0 && p.x <= w && p.y <= h; }); }""", [box["width"], box["height"]])
    assert inside
    assert "004_9eff9509ef8e18f9" not in page.inner_text("#active")  # the filter named by its title
    assert "四川省生态环境厅2025年工作安排" in page.inner_text("#active")


def test_selection_highlights_neighbours_and_labels_only_their_edges(seeds_page):
    seeds_page.click_node("国务院办公厅")
    labelled = seeds_page.js("window.kgExplorer.network.body.data.edges.get().filter(e => e.label).length")
    links = seeds_page.js("id => window.kgExplorer.network.getConnectedEdges(id).length", seeds_page.node_id("国务院办公厅"))
    assert 0 < labelled == links
    dimmed = seeds_page.js("window.kgExplorer.network.body.data.nodes.get().filter(n => n.color === '#e8e8e8').length")
    assert dimmed > 100
    panel = seeds_page.panel()
    assert panel.startswith("国务院办公厅")
    assert "General Office of the State Council" in panel
    assert "别名 alias" in panel and "国办" in panel
    assert "中辦、國辦印發" in panel  # a source sentence, as written in the Traditional original
    assert "001_aa8a" not in panel  # documents by title, not by their identifier
    assert seeds_page.page.locator("#panel mark").count() >= 1  # the mention marked in its sentence
    seeds_page.shot("explorer-panel.png")


def test_search_as_you_type_by_alias_and_traditional_spelling(seeds_page):
    assert seeds_page.search("国办")[0].startswith("国务院办公厅")
    assert seeds_page.search("中办")[0].startswith("中共中央办公厅")
    assert seeds_page.search("生態環境部")[0].startswith("生态环境部")
    assert seeds_page.search("細顆粒物")[0].startswith("PM2.5浓度")  # an indicator's alias, in Traditional
    matches = seeds_page.search("保卫战")
    assert len(matches) >= 3  # every match listed, to choose from
    # a match hidden by a filter is listed and said to be hidden
    seeds_page.page.locator(".legend-item", has_text="Campaign").locator("input").uncheck()
    seeds_page.search("蓝天保卫战")
    assert "hidden by the filters" in seeds_page.page.inner_text("#hits")
    seeds_page.page.locator("#matches li").first.click()
    assert seeds_page.panel().startswith("蓝天保卫战")


def test_panel_links_lead_to_the_nodes_they_name(seeds_page):
    seeds_page.search("空气质量持续改善行动计划")
    seeds_page.page.keyboard.press("Enter")
    panel = seeds_page.panel()
    assert panel.startswith("空气质量持续改善行动计划")
    assert "深入推进蓝天保卫战,推动印发《空气质量持续改善行动计划》。" in panel
    assert "2023 印发 已完成" in panel and "(reported)" not in panel  # one wording for status
    seeds_page.page.locator("#panel .sources a.link").first.click()  # the document's title
    assert seeds_page.js("window.kgExplorer.data.nodes.find(n => n.id === window.kgExplorer.state.node).cls") == "Document"


def test_the_url_reopens_the_same_view(browser, seeds_page):
    page = seeds_page.page
    seeds_page.search("国办")
    page.locator("#matches li").first.click()
    page.locator(".legend-item", has_text="Quantity").locator("input").check()
    page.select_option("#campaign-filter", label="碧水保卫战")
    page.click("#lang")
    url, count = page.url, seeds_page.js("window.kgExplorer.visibleCount()")
    again = Page(browser, url)
    assert again.js("window.kgExplorer.state.node") == seeds_page.node_id("国务院办公厅")
    assert again.js("window.kgExplorer.visibleCount()") == count
    assert again.page.locator(".legend-item", has_text="Quantity").locator("input").is_checked()
    assert again.panel().startswith("General Office of the State Council")  # English labels
    again.close()


def test_exports_of_the_current_view(seeds_page, tmp_path):
    import csv
    import xml.etree.ElementTree as ET

    page = seeds_page.page
    with page.expect_download() as info:
        page.click("#export-csv")
    rows = list(csv.reader(info.value.path().read_text(encoding="utf-8-sig").splitlines()))
    shown = seeds_page.js("window.kgExplorer.visibleCount()")
    assert sum(1 for r in rows if r[0] == "node") == shown and any(r[0] == "edge" for r in rows)
    with page.expect_download() as info:
        page.click("#export-gexf")
    root = ET.parse(info.value.path()).getroot()
    ns = {"g": "http://gexf.net/1.3"}
    graph = root.find("g:graph", ns)
    assert graph.get("timeformat") == "integer"
    starts = [n.get("start") for n in graph.iter("{http://gexf.net/1.3}node") if n.get("start")]
    assert starts and all(s.isdigit() and len(s) == 4 for s in starts)
    with page.expect_download() as info:
        page.click("#export-png")
    assert info.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_timeline_of_an_instrument_and_of_a_campaign(browser, store, tmp_path):
    path = tmp_path / "timeline.html"
    write_explorer(store, path, timeline="空气质量持续改善行动计划")
    page = Page(browser, path)
    rows = page.page.locator(".lanes .row-title").all_inner_texts()
    assert any("空气质量持续改善行动计划" in r for r in rows)
    years = page.page.locator(".lanes .head.year").all_inner_texts()
    assert years == sorted(years) and "2023" in years
    assert page.page.locator(".event .marker.reported").count() >= 1
    assert page.page.locator(".event .marker.planned").count() >= 1  # planned drawn hollow
    page.shot("timeline.png")
    # a campaign: its instruments and the charts of its outcomes
    page.search("蓝天保卫战")
    page.page.locator("#matches li").first.click()
    assert page.page.locator(".lanes .row-title").count() >= 3
    assert page.page.locator("svg.chart circle.point").count() >= 1
    page.close()


def test_lineage_of_an_instrument_in_time_order(browser, store, tmp_path):
    path = tmp_path / "lineage.html"
    write_explorer(store, path, focus="生态环境保护督察工作条例", depth=2)
    page = Page(browser, path)
    events = page.js("""() => window.kgExplorer.data.nodes.filter(n => n.event)
        .map(n => [window.kgExplorer.network.getPositions([n.id])[n.id].x, n.event.year])""")
    years = [year for _, year in sorted(events)]
    assert years == sorted(years) and len(set(years)) >= 2  # left to right in time order
    page.page.click("#view-timeline")
    assert page.page.locator(".lanes .row-title").count() >= 1  # the focus is selected
    page.shot("lineage.png")
    page.close()


def test_a_graph_of_5000_nodes_opens_at_once(browser, tmp_path):
    from test_viz import synthetic_graph

    path = tmp_path / "big.html"
    render_graph(synthetic_graph(), path)
    page = Page(browser, path)  # waits until drawn
    assert page.js("window.kgExplorer.data.nodes.length") == 5000
    assert page.js("window.kgExplorer.network.physics.physicsEnabled") is False
    page.close()


def test_hostile_document_text_runs_no_code(browser, tmp_path):
    from kg.build import build
    from kg.store import open_store
    from test_viz import HOSTILE

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "evil.txt").write_text(HOSTILE, encoding="utf-8")
    build([folder / "evil.txt"], tmp_path / "out")
    path = tmp_path / "evil.html"
    write_explorer(open_store(tmp_path / "out"), path)
    page = Page(browser, path)
    page.search("排污许可管理办法")
    page.page.keyboard.press("Enter")
    assert "<script>alert(1)</script>排污许可管理办法" in page.panel()  # shown as text
    page.page.click("#view-timeline")
    page.page.hover("#timeline-view")
    assert page.dialogs == [] and page.outside == []
    assert page.js("document.querySelectorAll('#panel script, #panel img, #timeline-view script, #timeline-view img').length") == 0
    page.close()


def test_the_query_editor_runs_a_named_query(browser, built):
    import threading

    from kg.serve import Settings, make_server

    srv = make_server(built, "127.0.0.1", 0, Settings(workers=1))
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(srv.url.rsplit("/", 1)[0] + "/")
        page.select_option("#example", label=next(t for t in page.locator("#example option").all_inner_texts()
                                                  if t.startswith("instrument-lineage")))
        page.click("#run")
        page.wait_for_selector("#results table tr:nth-child(2)", timeout=SETTLE_MS)
        assert "空气质量持续改善行动计划" in page.inner_text("#results")
        assert "rows" in page.inner_text("#status")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "editor.png"))
        page.fill("#query", "SELECT * { ?s a ep2:Agency }")
        page.click("#run")
        page.wait_for_function("document.querySelector('#status').className === 'error'", timeout=SETTLE_MS)
        assert "Unknown prefix ep2:" in page.inner_text("#status")
        page.click("text=Explorer")  # the editor links to the explorer of the same build
        page.wait_for_function("window.kgExplorer && window.kgExplorer.ready.settled", timeout=SETTLE_MS)
        assert errors == []
    finally:
        page.close()
        srv.shutdown()
        srv.server_close()
        thread.join(5)
