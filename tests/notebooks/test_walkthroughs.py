"""The walkthrough notebooks (Chinese in notebooks/zh/, English beside them in notebooks/en/) run
top to bottom without an error output, say what they promise, and are stored without outputs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NAMES = ["01_kiosk_case", "02_new_model", "03_breakeven_sensitivity", "04_report"]
WALKTHROUGHS = [f"{lang}/{name}.ipynb" for name in NAMES for lang in ("zh", "en")]

# Text each executed walkthrough must show (from outside the code: the kiosk model's labels, the
# hand-computed NPV of the LED example written out in 02_new_model, the report's title).
EXPECTED = {
    "zh/01_kiosk_case.ipynb": ["移动岗亭", "净现值", "<table"],
    "en/01_kiosk_case.ipynb": ["移动岗亭", "NPV", "<table"],
    # 5 x (1 - 1.08**-8) / 0.08 - 20 = 8.733195 万元; at a price of 0.3: 8.733195 - 10 = -1.27
    "zh/02_new_model.ipynb": ["8.733195", "-1.27", "parameters.led_price.low"],
    "en/02_new_model.ipynb": ["8.733195", "-1.27", "parameters.led_price.low"],
    "zh/03_breakeven_sensitivity.ipynb": ["151.09", "image/png"],
    "en/03_breakeven_sensitivity.ipynb": ["151.09", "image/png"],
    "zh/04_report.ipynb": ["minhang_kiosk.html", "全部数字一致"],
    "en/04_report.ipynb": ["minhang_kiosk.en.html", "every number matches"],
}


def test_every_walkthrough_has_a_chinese_and_an_english_version():
    zh = sorted(p.name for p in (NOTEBOOKS / "zh").glob("*.ipynb"))
    en = sorted(p.name for p in (NOTEBOOKS / "en").glob("*.ipynb"))
    assert zh == en == [f"{n}.ipynb" for n in NAMES]
    assert sorted(EXPECTED) == sorted(WALKTHROUGHS)


@pytest.mark.slow
@pytest.mark.parametrize("name", WALKTHROUGHS)
def test_walkthrough_executes(name):
    import nbformat
    from nbclient import NotebookClient

    path = NOTEBOOKS / name
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, [f"{e.ename}: {e.evalue}" for e in errors]
    stderr = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not any("Traceback" in t for t in stderr), stderr
    text = json.dumps(outputs, ensure_ascii=False)
    for expected in EXPECTED[name]:
        assert expected in text, f"{name}: {expected!r} not in its outputs"


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.rglob("*.ipynb")), ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_notebooks_are_stored_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs") and not cell.get("execution_count"), f"{path.name} stores outputs"
