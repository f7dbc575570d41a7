"""`import cba` stays cheap: heavy libraries load only where they are used."""
from __future__ import annotations

import subprocess
import sys

HEAVY = {"scipy", "pandas", "statsmodels", "matplotlib", "papermill", "yaml", "openpyxl", "nbformat"}


def test_import_cba_loads_no_heavy_library():
    code = ("import sys, cba; heavy = %r; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))" % (HEAVY,))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_public_api_is_flat():
    import cba

    for name in cba.__all__:
        assert hasattr(cba, name), name
    for name in ("npv", "irr", "irr_roots", "mirr", "xnpv", "xirr", "pmt", "annuity_factor", "eac", "bcr",
                 "payback", "real_rate", "nominal_rate", "discount_factors", "load_model", "appraise",
                 "Model", "Parameter", "Flow", "Option", "Appraisal", "CBAWarning", "InputError"):
        assert name in cba.__all__, name
