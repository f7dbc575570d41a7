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
    """Cells as text by the rules of :mod:`cba.formatting`: ``percent`` columns as signed
    changes, ``flags`` as yes/no, parameter values (base, low, high, switching value, range
    searched) with :func:`~cba.formatting.fmt_value` and the discount rate's as rates."""
    from ..formatting import fmt_change, fmt_value

    out = frame.copy()
    for c in percent:
        if c in out.columns:
            out[c] = [fmt_change(x) if isinstance(x, (int, float, np.floating)) else "—" for x in out[c]]
    for c in flags:
        if c in out.columns:
            out[c] = [label("yes" if bool(x) else "no", lang) for x in out[c]]
    rate_rows = [name == DISCOUNT_RATE for name in out.index]
    for key in ("base", "low", "high", "switching_value", "search_low", "search_high"):
        c = label(key, lang)
        if c in out.columns:
            out[c] = [x if isinstance(x, str) else fmt_value(x, rate=r) for x, r in zip(out[c], rate_rows)]
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
