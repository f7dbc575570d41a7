"""The table :func:`cba.switching_values` returns: a DataFrame (the data, machine column names)
that also reads well in a notebook and a terminal (translated headers, units, percentages,
yes/no flags and the notes), as every cba result does; and the switching-values section that
:class:`~cba.analysis.analyse.Analysis` shows.

Derived frames (a slice, a copy, arithmetic) are plain DataFrames.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from ..display import RichDisplay
from ..i18n import check_lang, get_lang, label
from ..i18n.glossary import colon, name_in

__all__ = ["SwitchingValues", "parameter_names", "switching_notes", "switching_text", "switching_html"]


def parameter_names(model: Any, keys) -> dict[str, dict[str, str]]:
    """``{parameter: {"zh": name, "en": name}}`` as the notes name them (kept with the table
    instead of the model, which is not picklable)."""
    return {k: {lang: name_in(model.input_label(k, lang)[0], k, lang) for lang in ("zh", "en")} for k in keys}


def switching_notes(frame, names: dict[str, dict[str, str]] | None, lang: str) -> list[str]:
    """The notes of the rows that have one, each led by its parameter's name."""
    col = "note_zh" if lang == "zh" and "note_zh" in frame.columns else "note"
    return [v if lab in v else f"{lab}{colon(lang)}{v}" for k, v in frame[col].items() if v
            for lab in [(names or {}).get(k, {}).get(lang, str(k))]]


def _formats(lang: str) -> dict[str, list[str]]:
    return {"percent": [label("change", lang)], "flags": [label("within_range", lang), label("critical", lang)]}


def switching_text(frame, names: dict[str, dict[str, str]] | None, lang: str) -> str:
    """The section as plain text: the translated table, then the notes."""
    from .display import _as_text
    from .switching import translate_switching

    parts = [f"[{label('switching_values', lang)}]", _as_text(translate_switching(frame, lang), lang=lang,
                                                              **_formats(lang))]
    notes = switching_notes(frame, names, lang)
    if notes:
        parts += [label("notes", lang) + colon(lang).strip()] + [f"- {n}" for n in notes]
    return "\n".join(parts)


def switching_html(frame, names: dict[str, dict[str, str]] | None, lang: str) -> str:
    """The section as HTML: title, the translated table (units, percentages, flags) and the notes."""
    from .display import _html
    from .switching import translate_switching

    return _html(label("switching_values", lang), translate_switching(frame, lang), switching_notes(frame, names, lang),
                 lang=lang, **_formats(lang))


class SwitchingValues(RichDisplay, pd.DataFrame):
    """:func:`cba.switching_values`' table: a DataFrame indexed by parameter (columns as
    documented there) with ``summary(lang)``, ``_repr_html_`` and ``_repr_markdown_``."""

    _metadata = ["cba_names"]

    @property
    def _constructor(self):
        return pd.DataFrame

    def summary(self, lang: str | None = None) -> str:
        """The table as plain text (Chinese by default), with the notes."""
        return switching_text(self, getattr(self, "cba_names", None), check_lang(lang or get_lang()))

    def _repr_html_(self) -> str:
        return switching_html(self, getattr(self, "cba_names", None), get_lang())


def wrap(frame, model: Any) -> SwitchingValues:
    out = SwitchingValues(frame)
    out.attrs.update(frame.attrs)
    out.cba_names = parameter_names(model, frame.index)
    return out
