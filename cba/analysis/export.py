"""Write an appraisal to a folder: JSON, CSV tables and a text summary.

All files are staged under temporary names and renamed into place together,
so a failure never leaves partial output or replaces an earlier good one.
CSV files are UTF-8 with a byte-order mark, so Excel opens Chinese labels correctly.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

__all__ = ["write_appraisal"]


def write_appraisal(appraisal, out_dir: str | os.PathLike, *, lang: str = "zh") -> list[Path]:
    """Write ``appraisal.json``, ``summary.txt``, ``metrics.csv`` and one
    ``cashflows_<option>.csv`` per option (incremental against the baseline) into ``out_dir``."""
    files: dict[str, str] = {
        "appraisal.json": json.dumps(appraisal.to_dict(), ensure_ascii=False, indent=2) + "\n",
        "summary.txt": appraisal.summary(lang=lang) + "\n",
        "metrics.csv": "\ufeff" + appraisal.table(lang=lang).to_csv(),
    }
    for option in appraisal.model.options:
        files[f"cashflows_{option}.csv"] = "\ufeff" + appraisal.cash_flow_table(option, lang=lang).to_csv()
    from ..atomic import write_files

    return write_files(out_dir, files)
