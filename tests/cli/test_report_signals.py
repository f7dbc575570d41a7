"""`cba report` interrupted by SIGTERM or SIGINT while its kernel runs: the kernel is stopped, no
temporary folder, connection file or partial output is left, and the exit status is
128 + the signal number (143, 130), the shell convention."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / "data" / "minhang_kiosk.yaml"
sys.path.insert(0, str(ROOT / "tests" / "report"))
from test_report_params import write_template  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="POSIX signals")]


def _kernels(proc: psutil.Process) -> list[psutil.Process]:
    out = []
    for p in proc.children(recursive=True):
        try:
            if "ipykernel" in " ".join(p.cmdline()):
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


def _alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.parametrize("sig, code, word", [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "SIGINT")])
def test_signal_stops_kernel_and_leaves_nothing(tmp_path, sig, code, word):
    tmp, runtime, out = tmp_path / "tmp", tmp_path / "runtime", tmp_path / "out"
    tmp.mkdir()
    runtime.mkdir()
    template = write_template(tmp_path / "slow.ipynb", 'model_path = ""',
                              ["import time\nfor _ in range(600):\n    time.sleep(0.2)"])
    env = {**os.environ, "TMPDIR": str(tmp), "JUPYTER_RUNTIME_DIR": str(runtime)}
    proc = subprocess.Popen([sys.executable, "-m", "cba", "report", str(KIOSK), "--out", str(out),
                             "--template", str(template), "--format", "html"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        me = psutil.Process(proc.pid)
        deadline = time.monotonic() + 90
        kernels: list[psutil.Process] = []
        while not kernels and time.monotonic() < deadline and proc.poll() is None:
            kernels = _kernels(me)
            time.sleep(0.1)
        assert kernels, f"no kernel started: {proc.poll()} {proc.stderr.read() if proc.poll() is not None else ''}"
        time.sleep(3)                                  # let it reach the slow cell
        assert any(_alive(k) for k in kernels)
        proc.send_signal(sig)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code, stderr
    assert f"interrupted ({word})" in stderr and "Traceback" not in stderr
    deadline = time.monotonic() + 5
    while any(_alive(k) for k in kernels) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [k.pid for k in kernels if _alive(k)], "a kernel survived"
    assert list(tmp.iterdir()) == []                  # no cba-report-* folder
    assert list(runtime.iterdir()) == []              # no kernel connection file
    assert not out.exists() or list(out.iterdir()) == []
