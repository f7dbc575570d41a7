"""Root conftest: applies to the tests in tests/ and to the doctests in cba/ alike."""
from __future__ import annotations

import os

# Messages (errors, warnings) follow the current language, Chinese unless CBA_LANG or --lang says
# otherwise. Most tests and the docstring examples match English messages, so the suite runs in
# English; tests of the Chinese default and of Chinese messages set the language themselves
# (use_lang("zh"), --lang zh, or monkeypatch.delenv("CBA_LANG")). Subprocesses inherit this.
os.environ["CBA_LANG"] = "en"
