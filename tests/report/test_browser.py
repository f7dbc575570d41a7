"""The HTML report in a real browser: headless Chromium (Debian's package) driven over the
DevTools protocol (websocket-client).

The test asserts no console errors, no request for anything but the file itself and its
``data:`` URLs, the Chinese title and the figures visible (laid out, decoded, in the embedded
CJK font), and keeps a screenshot (in the test's tmp dir and under reports/test-artifacts/).

Chromium is installed here when it is missing and we are root (``apt-get install chromium``, by the
shared helper in tests/conftest.py), as on CI; elsewhere, without it, the test is skipped with the
reason. On CI (``CI`` set) a browser that cannot be installed is a failure, not a skip.
"""
from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

import cba

ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / "data" / "minhang_kiosk.yaml"
TITLE = "闵行区移动岗亭购置项目事前绩效评估经济性分析报告"
ARTIFACTS = ROOT / "reports" / "test-artifacts"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
         "--hide-scrollbars",
         "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1280,1800"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chromium(debian_programs) -> str:
    return debian_programs({"chromium": ("chromium", "chromium-browser", "google-chrome", "chrome")},
                           "chromium")["chromium"]


class Browser:
    """A headless Chromium with one page, spoken to over the DevTools protocol."""

    def __init__(self, exe: str, profile: Path):
        import websocket

        self.proc = subprocess.Popen([exe, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                err = self.proc.stderr.read().decode(errors="replace")[-2000:] if self.proc.poll() is not None else ""
                self.close()
                raise RuntimeError(f"Chromium did not start: {err}")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        pages = []
        while not pages and time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
                pages = [t for t in json.load(r) if t.get("type") == "page"]
            time.sleep(0.1)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict] = []

    def send(self, method: str, **params) -> dict:
        msg_id = next(self.ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_for(self, method: str, timeout: float = 60) -> dict:
        for ev in self.events:
            if ev.get("method") == method:
                return ev
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv())
            if "method" in msg:
                self.events.append(msg)
                if msg["method"] == method:
                    return msg
        raise TimeoutError(method)

    def evaluate(self, js: str):
        res = self.send("Runtime.evaluate", expression=js, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in res:
            raise RuntimeError(res["exceptionDetails"])
        return res["result"].get("value")

    def open(self, url: str) -> None:
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        self.evaluate("document.fonts.ready.then(() => true)")
        self.evaluate("new Promise(r => setTimeout(r, 300))")   # let late messages arrive

    def problems(self, allowed_url: str) -> tuple[list[str], list[str]]:
        """Console errors and exceptions; requests for anything but the page and data: URLs."""
        self.evaluate("1")      # flush pending events into self.events
        errors, requests = [], []
        for ev in self.events:
            m, p = ev.get("method"), ev.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
            elif m == "Runtime.exceptionThrown":
                errors.append(json.dumps(p.get("exceptionDetails", {}))[:300])
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                errors.append(p["entry"].get("text", ""))
            elif m == "Network.requestWillBeSent":
                url = p.get("request", {}).get("url", "")
                if url != allowed_url and not url.startswith("data:"):
                    requests.append(url)
            elif m == "Network.loadingFailed":
                errors.append(f"loading failed: {p.get('errorText')}")
        return errors, requests

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            if getattr(self, "ws", None) is not None:
                self.ws.close()
        finally:
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(10)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    return cba.render_report(KIOSK, out, formats=("html",), parameters={"n_draws": 2000})["html"]


@pytest.fixture
def browser(chromium, tmp_path):
    b = Browser(chromium, tmp_path / "profile")
    yield b
    b.close()


_PAGE_STATE = """(() => {
  const h1 = document.querySelector('h1');
  const box = e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; };
  const imgs = [...document.images].map(i => ({complete: i.complete, w: i.naturalWidth, h: i.naturalHeight,
      box: box(i), alt: i.alt}));
  const fonts = [...document.fonts].map(f => [f.family, f.status]);
  return {title: document.title, h1: h1 ? h1.innerText : null, h1box: h1 ? box(h1) : null,
          h1font: h1 ? getComputedStyle(h1).fontFamily : null,
          cjk: document.fonts.check('20px "CBA Sans"', '闵行区移动岗亭'), fonts, imgs,
          scripts: document.scripts.length, text: document.body.innerText.length,
          verdict: (document.querySelector('.verdict-label') || {}).innerText};
})()"""


def test_report_in_a_real_browser(browser, report_html, tmp_path):
    url = report_html.resolve().as_uri()
    browser.open(url)
    state = browser.evaluate(_PAGE_STATE)
    errors, requests = browser.problems(url)
    shot = tmp_path / "report.png"
    browser.screenshot(shot)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, ARTIFACTS / "report_zh.png")
    assert errors == [], errors
    assert requests == [], requests
    assert state["title"] == TITLE and state["h1"] == TITLE
    assert state["h1box"][0] > 200 and state["h1box"][1] > 20
    assert state["cjk"] and ["CBA Sans", "loaded"] in state["fonts"], state["fonts"]
    assert state["h1font"].startswith('"CBA Sans"')
    assert state["scripts"] == 0 and state["text"] > 3000
    assert state["verdict"] == "予以支持"
    assert len(state["imgs"]) == 5      # cash flows, tornado, spider, frontier, risk histogram
    for img in state["imgs"]:
        assert img["complete"] and img["w"] > 300 and img["h"] > 150, img
        assert img["box"][0] > 300 and img["box"][1] > 100, img
    assert shot.stat().st_size > 20_000 and shot.read_bytes()[:4] == b"\x89PNG"


def test_detector_sees_a_page_that_reaches_out(browser, report_html, tmp_path):
    """The checks above would catch a report that loads something: a negative control."""
    page = tmp_path / "leaky.html"
    html = report_html.read_text(encoding="utf-8")
    page.write_text(html.replace("</main>", '<img src="http://127.0.0.1:9/x.png"></main>'), encoding="utf-8")
    url = page.resolve().as_uri()
    browser.open(url)
    errors, requests = browser.problems(url)
    assert errors or requests
