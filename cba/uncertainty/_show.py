"""Text and HTML display shared by the results of :mod:`.gsa`, :mod:`.voi` and :mod:`.cea`."""
from __future__ import annotations

import html
from collections.abc import Sequence

from ..i18n import check_lang, get_lang, label
from ..i18n.glossary import colon


def lang_of(lang: str | None) -> str:
    """``lang`` checked, or the current language when ``None``."""
    return check_lang(lang or get_lang())


def as_rates(frame, columns: Sequence[str]):
    """A copy of ``frame`` with ``columns`` shown as percentages (:func:`cba.formatting.fmt_rate`)."""
    from ..formatting import fmt_rate

    out = frame.copy()
    for c in columns:
        if c in out.columns:
            out[c] = [fmt_rate(x) for x in out[c]]
    return out


def text(title: str, frame, notes: Sequence[str], lang: str, head: Sequence[str] = ()) -> str:
    """Title, header lines, the aligned table and the notes, as plain text."""
    from ..formatting import frame_to_text

    lines = [title, *head, "", frame_to_text(frame)]
    if notes:
        lines += ["", label("notes", lang) + colon(lang).strip()] + [f"- {n}" for n in notes]
    return "\n".join(lines)


def html_block(title: str, frame, notes: Sequence[str], lang: str, head: Sequence[str] = ()) -> str:
    """The same as :func:`text`, as a self-contained HTML fragment for JupyterLab."""
    from ..formatting import frame_to_html

    esc = html.escape
    parts = [f"<div class='cba-uncertainty'><p><b>{esc(title)}</b></p>"]
    parts += [f"<p>{esc(h)}</p>" for h in head]
    parts.append(frame_to_html(frame))
    if notes:
        parts.append(f"<p><b>{esc(label('notes', lang))}</b></p><ul>"
                     + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>")
    parts.append("</div>")
    return "".join(parts)
