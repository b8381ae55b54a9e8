"""The explorer in a real browser: Debian's headless Chromium, driven by Playwright.

Every page is opened from a file with all network requests refused, so a page that needs
anything from outside fails here. A screenshot of the seeds' explorer is kept in
tests/artifacts/ for a person to look at.
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
SETTLE_MS = 60_000

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

    def __init__(self, context, path: Path):
        self.page = context.new_page()
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgExplorer && window.kgExplorer.state.settled", timeout=SETTLE_MS)

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def panel(self) -> str:
        return self.page.inner_text("#panel")

    def click_node(self, label: str) -> None:
        """Click the node drawn for ``label`` with the mouse, where it is on the canvas."""
        node_id = self.js("l => window.kgExplorer.data.nodes.find(n => n.fullLabel === l).id", label)
        self.js("id => window.kgExplorer.network.focus(id, {scale: 1.5, animation: false})", node_id)
        point = self.js("id => { const n = window.kgExplorer.network;"
                        " return n.canvasToDOM(n.getPositions([id])[id]); }", node_id)
        box = self.page.locator("#network").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def close(self) -> None:
        assert not self.errors, self.errors
        self.page.close()


@pytest.fixture(scope="module")
def seeds_page(browser, store, tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "explorer.html"
    write_explorer(store, path)
    page = Page(browser, path)
    yield page
    page.close()


def test_nodes_are_drawn_offline(seeds_page):
    assert seeds_page.js("window.kgExplorer.network.body.nodeIndices.length") > 500
    # the canvas is not blank: count the pixels that are not transparent or white
    painted = seeds_page.js("""() => {
        const canvas = document.querySelector('#network canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) painted++;
        }
        return painted;
    }""")
    assert painted > 5000
    # physics was stopped once the layout settled
    assert seeds_page.js("window.kgExplorer.network.physics.physicsEnabled") is False
    assert seeds_page.outside == []
    ARTIFACTS.mkdir(exist_ok=True)
    seeds_page.page.screenshot(path=str(ARTIFACTS / "explorer.png"))


def test_search_shows_the_source_sentence(seeds_page):
    search = seeds_page.page.locator("#search")
    search.fill("空气质量持续改善行动计划")
    search.press("Enter")
    panel = seeds_page.panel()
    assert panel.startswith("空气质量持续改善行动计划")
    assert "深入推进蓝天保卫战,推动印发《空气质量持续改善行动计划》。" in panel
    assert "001_aa8a88324737e6f4 · 2024" in panel  # the document and its year
    assert "2023 印发 (reported)" in panel  # the timeline, in time order
    assert seeds_page.js("window.kgExplorer.network.getSelectedNodes().length") >= 1


def test_clicking_a_node_shows_its_attributes_and_sources(seeds_page):
    seeds_page.click_node("国务院办公厅")
    panel = seeds_page.panel()
    assert panel.startswith("国务院办公厅")
    assert "General Office of the State Council" in panel
    assert "别名 alias" in panel and "国办" in panel
    assert "中辦、國辦印發" in panel  # a source sentence, as written in the Traditional original
    ARTIFACTS.mkdir(exist_ok=True)
    seeds_page.page.screenshot(path=str(ARTIFACTS / "explorer-panel.png"))


def test_filters_by_class_campaign_document_and_year(seeds_page):
    count = "window.kgExplorer.visibleCount()"
    everything = seeds_page.js(count)
    page = seeds_page.page
    page.locator(".legend-item", has_text="Quantity").locator("input").uncheck()
    without_quantities = seeds_page.js(count)
    assert 0 < without_quantities < everything
    page.locator(".legend-item", has_text="Quantity").locator("input").check()
    page.select_option("#campaign-filter", label="碧水保卫战")
    water = seeds_page.js(count)
    assert 0 < water < everything
    page.select_option("#document-filter", value="004_9eff9509ef8e18f9")
    assert seeds_page.js(count) < water
    page.click("#reset")
    assert seeds_page.js(count) == everything
    # the year slider: only 2026
    page.locator("#year-from").fill("2026")
    assert "2026–2026" in page.inner_text("#year-box")
    later = seeds_page.js(count)
    assert 0 < later < everything
    page.click("#reset")
    assert seeds_page.js(count) == everything


def test_lineage_of_an_instrument_in_time_order(browser, store, tmp_path):
    path = tmp_path / "lineage.html"
    write_explorer(store, path, focus="生态环境保护督察工作条例", depth=2)
    page = Page(browser, path)
    steps = page.page.locator("#timeline .step .year").all_inner_texts()
    assert [s.split(" · ")[0] for s in steps] == ["2024", "2025"]
    assert "印发" in steps[1]
    page.page.locator("#timeline .step").nth(1).click()
    assert page.panel().startswith("印发《生态环境保护督察工作条例》")
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "lineage.png"))
    page.close()


def test_a_graph_of_5000_nodes_opens_and_settles(browser, tmp_path):
    from test_viz import synthetic_graph

    path = tmp_path / "big.html"
    render_graph(synthetic_graph(), path)
    page = Page(browser, path)  # waits until settled
    assert page.js("window.kgExplorer.network.body.nodeIndices.length") == 5000
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
    search = page.page.locator("#search")
    search.fill("排污许可管理办法")
    search.press("Enter")
    assert "<script>alert(1)</script>排污许可管理办法" in page.panel()  # shown as text
    page.page.hover("#network")
    assert page.dialogs == [] and page.outside == []
    assert page.js("document.querySelectorAll('#panel script, #panel img').length") == 0
    page.close()
