"""JupyterLab in a real browser: the suite starts JupyterLab on localhost with a random token, drives
headless Chromium (Debian's package, installed by the shared fixture as for the report's browser
test) over the DevTools protocol, opens a walkthrough notebook and the explorer notebook, runs all
cells, and checks what an evaluator sees: no error output, the result tables rendered, and (in the
explorer) the NPV changing when a slider moves. Screenshots are kept under reports/test-artifacts/.

JupyterLab serves a temporary copy of notebooks/ (its root) with data/ beside it, so the notebooks'
relative paths (``../data/...``, ``../../data/...``) resolve and nothing is written into the clone.
Without Chromium and without a way to install it the tests are skipped with the reason; on CI
(``CI`` set) that is a failure, as for the report's browser test.
"""
from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "reports" / "test-artifacts"
WALKTHROUGH = "zh/01_kiosk_case.ipynb"
EXPLORE = ROOT / "notebooks" / "explore.ipynb"

pytestmark = pytest.mark.slow


def _report_browser_module():
    """tests/report/test_browser.py (its ``Browser`` DevTools client), loaded by path: tests/ is no package."""
    path = ROOT / "tests" / "report" / "test_browser.py"
    spec = importlib.util.spec_from_file_location("_cba_report_browser", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


Browser = _report_browser_module().Browser


@pytest.fixture(scope="module")
def chromium(debian_programs) -> str:
    return debian_programs({"chromium": ("chromium", "chromium-browser", "google-chrome", "chrome")},
                           "chromium")["chromium"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server on 127.0.0.1 serving a temporary copy of notebooks/ (data/ beside it)."""

    def __init__(self, home: Path):
        self.root = home / "notebooks"
        shutil.copytree(ROOT / "notebooks", self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        shutil.copytree(ROOT / "data", home / "data")
        self.port, self.token = _free_port(), secrets.token_hex(16)
        # no "official Jupyter news?" prompt over the notebook in the screenshots
        notification = home / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
        notification.parent.mkdir(parents=True)
        notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
        env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
               "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
               "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
        self.log = (home / "jupyterlab.log").open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
             "--port-retries=0", f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
             "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])],
            cwd=home, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.log_path = home / "jupyterlab.log"
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"JupyterLab did not start: {self.log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, notebook: str) -> str:
        return f"{self.base}/lab/tree/{notebook}?token={self.token}&reset"

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    server = Lab(tmp_path_factory.mktemp("jupyterlab"))
    yield server
    server.close()


_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


@pytest.fixture
def browser(chromium, tmp_path, monkeypatch):
    # JupyterLab uses the system's fonts: give Chromium the CJK font cba ships with (Noto Sans SC,
    # the pylopdf-fonts-zh-cn package) through fontconfig, so Chinese text is not drawn as boxes
    # on a machine without a system CJK font.
    from cba.fonts import sans_path

    conf = tmp_path / "fonts.conf"
    conf.write_text(_FONTS_CONF.format(fonts=sans_path().parent, cache=tmp_path / "fc-cache"), encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    b = Browser(chromium, tmp_path / "profile")
    yield b
    b.close()


def _wait(browser, js: str, timeout: float, what: str):
    """Poll ``js`` in the page until it returns something truthy; its last value on timeout."""
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = browser.evaluate(js)
        if value:
            return value
        time.sleep(0.5)
    raise TimeoutError(f"{what}: still {value!r} after {timeout:.0f} s")


def _click(browser, x: float, y: float) -> None:
    for kind in ("mousePressed", "mouseReleased"):
        browser.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


def _click_text(browser, selector: str, text: str) -> None:
    """Click (with real mouse events, as Lumino menus want) the element matching ``selector`` whose text is ``text``."""
    box = _wait(browser, f"""(() => {{
        const e = [...document.querySelectorAll({json.dumps(selector)})].find(e => e.innerText.trim() === {json.dumps(text)});
        if (!e) return null; const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()""",
                15, f"{selector} {text!r}")
    _click(browser, *box)


# The notebook's panel in the main area (the app's currentWidget follows the focus, absent headless)
_PANEL = """window.panelOf = path => window.jupyterapp &&
  [...window.jupyterapp.shell.widgets('main')].find(w => w.context && w.context.path === path);"""

_NOTEBOOK_READY = _PANEL + """(async () => {
  const app = window.jupyterapp;
  if (!app) return document.querySelector('.jp-Notebook .jp-Cell') ? 'no-app' : null;
  const panel = panelOf(PATH);
  if (!panel || !panel.sessionContext) return null;
  await panel.context.ready; await panel.sessionContext.ready;
  const k = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return k && k.status === 'idle' ? 'app' : null;
})()"""

# Every code cell executed, no cell busy, the kernel idle (DOM prompts, plus the app's model if exposed)
_RUN_FINISHED = _PANEL + """(() => {
  const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.innerText.trim());
  const domDone = prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:?$/.test(p));
  const app = window.jupyterapp;
  if (!app) return domDone;
  const panel = panelOf(PATH);
  const k = panel.sessionContext.session.kernel;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  return domDone && k.status === 'idle' && cells.every(c => c.model.executionCount !== null);
})()"""

_OUTPUT_STATE = _PANEL + """(() => {
  const texts = sel => [...document.querySelectorAll(sel)].map(e => e.innerText);
  const stderr = texts('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
  const rendered = texts('.jp-RenderedText');
  let modelErrors = null;
  const app = window.jupyterapp;
  if (app) {
    modelErrors = [];
    for (const c of panelOf(PATH).content.widgets) {
      if (c.model.type !== 'code') continue;
      for (const o of c.model.outputs.toJSON()) if (o.output_type === 'error') modelErrors.push(o.ename + ': ' + o.evalue);
    }
  }
  return {tracebacks: [...stderr, ...rendered].filter(t => /Traceback|Error:/.test(t)).map(t => t.slice(0, 500)),
          modelErrors,
          tables: document.querySelectorAll('.jp-OutputArea-output table').length,
          tableText: [...document.querySelectorAll('.jp-OutputArea-output table')].map(t => t.innerText).join('\\n').slice(0, 20000),
          outputs: document.querySelectorAll('.jp-OutputArea-output').length};
})()"""


def _run_all(browser, lab, notebook: str, timeout: float = 240) -> tuple[str, dict]:
    """Open ``notebook`` in JupyterLab, run all cells, wait until the kernel is idle; how, and the outputs' state."""
    path = json.dumps(notebook)
    browser.open(lab.url(notebook))
    how = _wait(browser, _NOTEBOOK_READY.replace("PATH", path), 120, f"{notebook} open with an idle kernel")
    if how == "app":
        browser.evaluate(_PANEL + f"""(async () => {{
            window.jupyterapp.shell.activateById(panelOf({path}).id);
            await window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }})()""")
    else:       # the app object is not exposed: the menu, Run > Run All Cells
        time.sleep(3)           # no kernel status without the app object: give the kernel time to start
        _click_text(browser, ".lm-MenuBar-itemLabel", "Run")
        _click_text(browser, ".lm-Menu-itemLabel", "Run All Cells")
    time.sleep(1)
    _wait(browser, _RUN_FINISHED.replace("PATH", path), timeout, f"{notebook}: all cells run, kernel idle")
    browser.evaluate("new Promise(r => setTimeout(r, 500))")    # let the last outputs render
    return how, browser.evaluate(_OUTPUT_STATE.replace("PATH", path))


def _screenshot(browser, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    browser.screenshot(path)
    assert path.stat().st_size > 20_000 and path.read_bytes()[:4] == b"\x89PNG"
    return path


def test_walkthrough_runs_in_jupyterlab(browser, lab):
    how, state = _run_all(browser, lab, WALKTHROUGH)
    _screenshot(browser, "jupyterlab_walkthrough_zh.png")
    assert how == "app", "window.jupyterapp was not exposed (expose_app_in_browser)"
    assert state["tracebacks"] == [], state["tracebacks"]
    assert state["modelErrors"] == [], state["modelErrors"]
    # the parameter table and the appraisal render as HTML tables, in Chinese, with the model's numbers
    assert state["tables"] >= 3, state
    for text in ("岗亭单价", "移动岗亭", "净现值"):
        assert text in state["tableText"], text


def test_detector_sees_an_error_in_jupyterlab(browser, lab):
    """A negative control: a notebook whose cell raises is reported by the same checks."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("1 / 0")],
                      metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}})
    nbformat.write(nb, lab.root / "broken.ipynb")
    how, state = _run_all(browser, lab, "broken.ipynb", timeout=120)
    assert state["tracebacks"] and "ZeroDivisionError" in " ".join(state["tracebacks"])
    assert state["modelErrors"] == ["ZeroDivisionError: division by zero"]


_METRICS = "(() => { const m = document.querySelector('.cba-metrics'); return m ? m.innerText : null; })()"
_HANDLE_BOX = """(() => {
  const s = document.querySelector('.cba-slider-kiosk_price');
  if (!s) return null;
  const h = s.querySelector('.noUi-handle, .ui-slider-handle, [role="slider"]');
  if (!h) return null;
  h.scrollIntoView({block: 'center'});
  const r = h.getBoundingClientRect();
  return [r.x + r.width / 2, r.y + r.height / 2];
})()"""


def _key(browser, key: str, code: int) -> None:
    for kind in ("rawKeyDown", "keyUp"):
        browser.send("Input.dispatchKeyEvent", type=kind, key=key, code=key, windowsVirtualKeyCode=code,
                     nativeVirtualKeyCode=code)


@pytest.mark.skipif(not EXPLORE.exists(), reason="notebooks/explore.ipynb is not in this branch yet "
                    "(the explorer helper writes it; this test runs by itself once it is merged)")
def test_explorer_slider_moves_the_npv(browser, lab):
    pytest.importorskip("ipywidgets", reason="ipywidgets is not installed (the explorer's dependency)")
    how, state = _run_all(browser, lab, "explore.ipynb")
    assert state["tracebacks"] == [], state["tracebacks"]
    assert state["modelErrors"] in (None, []), state["modelErrors"]
    before = _wait(browser, _METRICS, 60, "the .cba-metrics box")
    _screenshot(browser, "jupyterlab_explore_before.png")
    x, y = _wait(browser, _HANDLE_BOX, 30, "the handle of .cba-slider-kiosk_price")
    _click(browser, x, y)                      # focus the handle (a click on the handle keeps the value)
    for _ in range(10):                        # ten steps up with the keyboard
        _key(browser, "ArrowRight", 39)
    try:
        after = _wait(browser, f"(() => {{ const t = {_METRICS}; return t !== {json.dumps(before)} ? t : null; }})()",
                      20, "the metrics after the arrow keys")
    except TimeoutError:                       # the keyboard did not move it: drag the handle instead
        browser.send("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", clickCount=1)
        for dx in range(10, 160, 10):
            browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=x + dx, y=y, button="left", buttons=1)
        browser.send("Input.dispatchMouseEvent", type="mouseReleased", x=x + 150, y=y, button="left", clickCount=1)
        after = _wait(browser, f"(() => {{ const t = {_METRICS}; return t !== {json.dumps(before)} ? t : null; }})()",
                      20, "the metrics after dragging the slider")
    _screenshot(browser, "jupyterlab_explore_after.png")
    assert after != before
    readout = browser.evaluate("(() => { const r = document.querySelector('.cba-slider-kiosk_price .widget-readout');"
                               " return r ? (r.value || r.innerText) : null; })()")
    assert readout is None or float(readout.replace(",", "")) != 10, readout   # the model's central price is 10
