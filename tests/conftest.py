"""Shared fixtures: the example model, a small valid model dict to mutate, the kiosk report
rendered once per session, and a helper that installs Debian packages a test needs."""
from __future__ import annotations

import copy
import os
import shutil
import subprocess
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
KIOSK = DATA / "minhang_kiosk.yaml"


@pytest.fixture
def kiosk_path() -> Path:
    return KIOSK


@pytest.fixture
def small() -> dict:
    """A minimal valid model as a dict (each test mutates its own deep copy)."""
    return copy.deepcopy({
        "name": "test",
        "horizon": 3,
        "discount_rate": 0.1,
        "baseline": "base",
        "parameters": {"price": {"value": 100, "low": 80, "high": 120}, "saving": 40},
        "options": {
            "base": {"flows": [{"name": "running", "kind": "cost", "amount": "saving"}]},
            "buy": {"label": "Buy", "flows": [{"name": "purchase", "kind": "cost", "amount": "price", "at": 0}]},
        },
    })


# -- the kiosk report, rendered once per session (a kernel run costs seconds) --------------------
#: the parameters of the full Chinese report that the report tests read
ZH_REPORT_PARAMETERS = {"n_draws": 4000, "organisation": "某第三方评估机构"}


@pytest.fixture(scope="session")
def kiosk_report_zh(tmp_path_factory):
    """The kiosk report in Chinese, every format (HTML, PDF, Word, notebook, provenance)."""
    import cba

    return cba.render_report(KIOSK, tmp_path_factory.mktemp("kiosk-zh"), parameters=ZH_REPORT_PARAMETERS)


@pytest.fixture(scope="session")
def kiosk_report_en_pdf(tmp_path_factory):
    """The kiosk report in English, PDF only, few draws."""
    import cba

    return cba.render_report(KIOSK, tmp_path_factory.mktemp("kiosk-en"), lang="en", formats="pdf",
                             parameters={"n_draws": 500})


# -- Debian packages that a test needs -------------------------------------------------------------
def apt_install(packages: list[str]) -> str:
    """``apt-get install`` the Debian ``packages`` when we are root; returns why not otherwise ("" on success)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"{', '.join(packages)} not installed and cannot be installed here (needs root and apt-get)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-q"],
                ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]):
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1500)
        except subprocess.TimeoutExpired:
            return f"{' '.join(cmd)} timed out"
        if r.returncode != 0:
            return f"{' '.join(cmd)} failed: {r.stderr.strip()[-500:]}"
    return ""


def require_programs(programs: dict[str, tuple[str, ...]], package: str) -> dict[str, str]:
    """Paths of the first program found under each name, installing Debian's ``package`` if one is missing.

    ``programs`` maps a key to the executable names to try (``{"gs": ("gs",)}``). Without them
    and without a way to install them, the calling test is skipped with the reason, except on CI
    (``CI`` set), where it fails: CI runs as root and must run every test.
    """
    def find() -> dict[str, str | None]:
        return {k: next((p for p in map(shutil.which, names) if p), None) for k, names in programs.items()}

    found = find()
    if not all(found.values()):
        why = apt_install([package])
        found = find()
        if not all(found.values()):
            missing = ", ".join(k for k, v in found.items() if v is None)
            why = why or f"{package} installed but {missing} still not found"
            if os.environ.get("CI"):
                pytest.fail(f"{missing} ({package}) is needed on CI: {why}")
            pytest.skip(why)
    return found  # type: ignore[return-value]


@pytest.fixture(scope="session")
def debian_programs():
    """:func:`require_programs`, for fixtures in other test modules (conftest is no importable module)."""
    return require_programs
