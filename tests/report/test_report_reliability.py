"""Running templates: values reach the kernel intact, failures name the cell and replace nothing,
timeouts kill the kernel, kernels stop immediately and none is left behind.

These use tiny templates (one kernel start each, about two seconds), not the full report.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import psutil
import pytest

import cba
from cba.cli import main
from cba.report import CellError, ReportTimeoutError

from test_report_params import TRICKY, write_template

KIOSK = Path(__file__).resolve().parents[2] / "data" / "minhang_kiosk.yaml"
pytestmark = pytest.mark.slow


def kernels_alive() -> list[int]:
    """Kernel processes started by this test process that are still running."""
    out = []
    for p in psutil.Process().children(recursive=True):
        try:
            if "ipykernel" in " ".join(p.cmdline()) and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p.pid)
        except psutil.NoSuchProcess:
            pass
    return out


@pytest.fixture
def no_stray_kernels():
    yield
    deadline = time.monotonic() + 5
    while kernels_alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert kernels_alive() == [], "a kernel process was left running"


@pytest.fixture(scope="module")
def echo(tmp_path_factory):
    """Render a template that prints back every parameter it received (JSON)."""
    tmp = tmp_path_factory.mktemp("echo")
    t = write_template(tmp / "echo.ipynb",
                       'model_path = ""\nlang = "zh"\ntexts = []\nnested = {}\nn = 0\nprovenance = None',
                       ["import json\nprint(json.dumps({'texts': texts, 'nested': nested, 'n': n, 'lang': lang,"
                        " 'model_path': model_path, 'prov': provenance['model']['sha256']}))"])
    nested = {"中文键": ["a\"b", "c\\d", None, True, 1.5, -0.0, 10 ** 30], "k": {"x\ny": "'"}}
    out = cba.render_report(KIOSK, tmp / "out", template=t, formats=("html",), lang="en",
                            parameters={"texts": TRICKY, "nested": nested, "n": 3})
    return out, nested


def test_values_reach_the_kernel_intact(echo, kiosk_path):
    out, nested = echo
    nb = json.loads(out["ipynb"].read_text(encoding="utf-8"))
    printed = "".join(o["text"] if isinstance(o["text"], str) else "".join(o["text"])
                      for c in nb["cells"] for o in c.get("outputs", []) if o.get("name") == "stdout")
    got = json.loads(printed)
    assert got["texts"] == TRICKY
    assert got["nested"] == json.loads(json.dumps(nested))
    assert got["n"] == 3 and got["lang"] == "en"
    assert got["model_path"] == "model/minhang_kiosk.yaml"       # a copy in the run's folder, no local path
    assert got["prov"] == cba.model.files.file_sha256(kiosk_path)
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1 and "texts = [" in "".join(injected[0]["source"])


def test_injection_attempt_stays_a_string(echo):
    """A value written to break out of a papermill literal is only ever a string."""
    out, _ = echo
    html = out["html"].read_text(encoding="utf-8")
    assert "pwned" in html and "echo pwned" in html      # printed back as data, never run


def test_failing_cell_names_the_cell_and_replaces_nothing(tmp_path, kiosk_path, capsys, no_stray_kernels):
    good = write_template(tmp_path / "good.ipynb", 'model_path = ""', ["print('first report')"])
    out = tmp_path / "out"
    first = cba.render_report(kiosk_path, out, template=good, formats=("html", "docx"))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"minhang_kiosk.html", "minhang_kiosk.docx", "minhang_kiosk.ipynb",
                           "minhang_kiosk.provenance.json"}
    bad = write_template(tmp_path / "bad.ipynb", 'model_path = ""', ["x = 1", "def f():\n    return 1 / 0\nf()"])
    nb = json.loads(bad.read_text(encoding="utf-8"))
    bad_id = nb["cells"][2]["id"]
    with pytest.raises(CellError) as exc:
        cba.render_report(kiosk_path, out, template=bad, formats=("html", "pdf", "docx"))
    err = exc.value
    assert f"cell '{bad_id}'" in str(err) and "ZeroDivisionError: division by zero" in str(err)
    assert err.ename == "ZeroDivisionError" and "def f():" in err.cell
    assert "return 1 / 0" in err.traceback
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "minhang_kiosk.failed.json"}
    assert after == before                                          # the good report is untouched
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left
    record = json.loads((out / "minhang_kiosk.failed.json").read_text(encoding="utf-8"))
    assert record["error"] == "CellError" and record["ename"] == "ZeroDivisionError"
    assert bad_id in record["cell"] and record["provenance"]["template"]["sha256"]
    # through the CLI: exit 1, the cell and the exception named, no traceback
    code = main(["report", str(kiosk_path), "--out", str(out), "--template", str(bad), "--format", "html",
                 "--lang", "zh"])
    msg = capsys.readouterr().err
    assert code == 1 and msg.startswith(f"评估失败：报告的模板单元格 '{bad_id}'（第 3 个：def f():）运行出错：")
    assert "ZeroDivisionError" in msg and "Traceback" not in msg
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != "minhang_kiosk.failed.json"} == before
    # a later success clears the failure record
    cba.render_report(kiosk_path, out, template=good, formats=("html",))
    assert not (out / "minhang_kiosk.failed.json").exists()
    assert first.name == "minhang_kiosk"


def test_failure_on_first_run_leaves_no_report(tmp_path, kiosk_path, no_stray_kernels):
    bad = write_template(tmp_path / "bad.ipynb", 'model_path = ""', ["raise ValueError('数据缺失 missing data')"])
    with pytest.raises(CellError, match="ValueError: 数据缺失 missing data"):
        cba.render_report(kiosk_path, tmp_path / "out", template=bad)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["minhang_kiosk.failed.json"]


def test_timeout_kills_the_kernel_and_records_why(tmp_path, kiosk_path, no_stray_kernels):
    slow = write_template(tmp_path / "slow.ipynb", 'model_path = ""\nseconds = 1',
                          ["print('started')", "import time; time.sleep(seconds)", "print('never')"])
    out = tmp_path / "out"
    t0 = time.monotonic()
    with pytest.raises(ReportTimeoutError) as exc:
        cba.render_report(kiosk_path, out, template=slow, parameters={"seconds": 300}, timeout=10)
    took = time.monotonic() - t0
    err = exc.value
    assert took < 60, took                       # stopped at the deadline, not after the sleep
    assert "did not finish within 10 s" in str(err) and "time.sleep(seconds)" in str(err)
    assert err.kernel_pid is not None
    assert not psutil.pid_exists(err.kernel_pid) or psutil.Process(err.kernel_pid).status() == psutil.STATUS_ZOMBIE
    assert kernels_alive() == []
    record = json.loads((out / "minhang_kiosk.failed.json").read_text(encoding="utf-8"))
    assert record["error"] == "ReportTimeoutError" and record["timeout"] == 10
    assert "time.sleep" in record["cell"] and record["kernel_pid"] == err.kernel_pid
    assert sorted(p.name for p in out.iterdir()) == ["minhang_kiosk.failed.json"]


def test_kernel_is_shut_down_immediately(tmp_path, kiosk_path, no_stray_kernels):
    """An immediate shutdown kills the kernel: its atexit hooks never run (a graceful one would)."""
    marker = tmp_path / "atexit-ran.txt"
    t = write_template(tmp_path / "t.ipynb", 'model_path = ""\nmarker = ""',
                       ["import atexit, pathlib\natexit.register(lambda: pathlib.Path(marker).write_text('ran'))"])
    cba.render_report(kiosk_path, tmp_path / "out", template=t, parameters={"marker": str(marker)}, formats=())
    time.sleep(0.5)
    assert not marker.exists()


def _fake_user_kernel(root: Path, marker: Path) -> Path:
    """A user-level kernelspec named python3 whose 'interpreter' only leaves a marker and exits."""
    fake = root / "fake-python"
    fake.write_text(f"#!/bin/sh\necho used > '{marker}'\nexit 3\n")
    fake.chmod(0o755)
    spec = root / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": [str(fake), "-m", "ipykernel_launcher", "-f",
                                                           "{connection_file}"],
                                                  "display_name": "Other Python", "language": "python"}))
    return root / "jupyter"


def test_report_runs_in_this_interpreter_not_a_user_kernelspec(tmp_path, kiosk_path, monkeypatch,
                                                                no_stray_kernels):
    import sys

    marker = tmp_path / "fake-kernel-used.txt"
    monkeypatch.setenv("JUPYTER_PATH", str(_fake_user_kernel(tmp_path, marker)))
    t = write_template(tmp_path / "t.ipynb", 'model_path = ""', ["import sys\nprint(sys.executable)"])
    out = cba.render_report(kiosk_path, tmp_path / "out", template=t, formats=())
    assert not marker.exists()
    kernel = out.provenance["kernel"]
    assert kernel["same_interpreter"] is True and kernel["cba"] == cba.__version__
    saved = json.loads(out["provenance"].read_text(encoding="utf-8"))
    assert saved["kernel"]["same_interpreter"] is True and "python" not in saved["kernel"]   # no local path
    nb = json.loads(out["ipynb"].read_text(encoding="utf-8"))
    assert not any("cba-kernel-check" in c["metadata"].get("tags", []) for c in nb["cells"])
    printed = "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []))
    assert sys.executable in printed
    # an explicit kernel_name still picks that kernelspec (here the fake one, which cannot start)
    with pytest.raises(cba.report.ReportError):
        cba.render_report(kiosk_path, tmp_path / "out2", template=t, formats=(), kernel_name="python3",
                          timeout=30)
    assert marker.exists()


def test_kernel_with_another_cba_version_fails(tmp_path, kiosk_path, monkeypatch, capsys, no_stray_kernels):
    from cba.report.execute import KernelMismatchError

    monkeypatch.setattr(cba, "__version__", "0.0.0-caller")
    t = write_template(tmp_path / "t.ipynb", 'model_path = ""', ["print('must not run')"])
    with pytest.raises(KernelMismatchError, match="not cba 0.0.0-caller"):
        cba.render_report(kiosk_path, tmp_path / "out", template=t, formats=())
    code = main(["report", str(kiosk_path), "--out", str(tmp_path / "out"), "--template", str(t), "--format", "html"])
    assert code == 1 and "not cba 0.0.0-caller" in capsys.readouterr().err
