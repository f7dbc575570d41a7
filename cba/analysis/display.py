"""Text and HTML display of analysis tables (shared by sensitivity, switching values and scenarios)."""
from __future__ import annotations

import html
import math
from collections.abc import Sequence

import numpy as np

from ..i18n import label
from ..model.model import Model
from .evaluator import DISCOUNT_RATE


def _label_of(model: Model, name: str, lang: str = "zh") -> tuple[str, str]:
    return model.input_label(name, lang)



def _as_text(frame, percent: Sequence[str] = (), flags: Sequence[str] = (), lang: str = "zh") -> str:
    """Aligned text with percent and yes/no columns formatted."""
    from ..formatting import frame_to_text

    return frame_to_text(_display(frame, percent, flags, lang))


def _display(frame, percent: Sequence[str], flags: Sequence[str], lang: str):
    out = frame.copy()
    for c in percent:
        if c in out.columns:
            out[c] = [("—" if not isinstance(x, (int, float)) or not math.isfinite(x) else f"{x:+.1%}")
                      for x in out[c]]
    for c in flags:
        if c in out.columns:
            out[c] = [label("yes" if bool(x) else "no", lang) for x in out[c]]
    if DISCOUNT_RATE in out.index:       # the discount rate's values as percentages (304.60%, not 3.05)
        row = list(out.index).index(DISCOUNT_RATE)
        for key in ("base", "low", "high", "switching_value", "search_low", "search_high"):
            c = label(key, lang)
            if c in out.columns:
                x = out[c].iloc[row]
                if isinstance(x, (int, float, np.floating)) and math.isfinite(x):
                    out[c] = out[c].astype(object)
                    out.iloc[row, list(out.columns).index(c)] = f"{float(x):.2%}"
    return out


def _html(title: str, frame, notes: Sequence[str] = (), percent: Sequence[str] = (),
          flags: Sequence[str] = (), lang: str = "zh") -> str:
    from ..formatting import frame_to_html

    parts = [f"<div class='cba-sensitivity'><p><b>{html.escape(title)}</b></p>",
             frame_to_html(_display(frame, percent, flags, lang))]
    if notes:
        parts.append(f"<p><b>{html.escape(label('notes', lang))}</b></p><ul>"
                     + "".join(f"<li>{html.escape(n)}</li>" for n in notes) + "</ul>")
    parts.append("</div>")
    return "".join(parts)


def _num(x: float) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)
