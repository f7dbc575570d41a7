"""What a batch did: :class:`BatchRun` (the rows, the files, the database, the seed)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..display import RichDisplay
from ..i18n import check_lang, get_lang, msg

__all__ = ["BatchRun"]


@dataclass(frozen=True)
class BatchRun(RichDisplay):
    """What :func:`run_batch` did.

    Attributes
    ----------
    frame : pandas.DataFrame
        One line per table row, in table order: ``id``, ``status``, ``error``, the metrics,
        ``prob_negative``, ``verdict`` (the report's conclusion), ``seconds``, ``reports``
        (``{format: path relative to the output folder}``) and ``skipped`` (kept from the
        last run by ``resume``).
    out_dir : Path
    db : str
        The results database (a path or URL).
    run_id : str
    seed : int or None
        The batch seed (each row's seed derives from it and the row id).
    files : tuple of Path
        The summary files written.
    """

    frame: Any = field(repr=False)
    out_dir: Path
    db: str
    run_id: str
    seed: int | None
    files: tuple[Path, ...] = ()
    seconds: float = 0.0
    restarts: int = 0

    @property
    def failed(self):
        """The failed rows (``id`` and ``error``)."""
        return self.frame.loc[self.frame["status"] != "ok", ["id", "error"]]

    @property
    def ok(self) -> bool:
        return bool((self.frame["status"] == "ok").all())

    def summary(self, lang: str | None = None) -> str:
        lang = check_lang(lang or get_lang())
        f = self.frame
        n_failed = int((f["status"] != "ok").sum())
        lines = [msg("batch.run.done", n=len(f), ok=len(f) - n_failed, failed=n_failed,
                     skipped=int(f["skipped"].sum()), seconds=f"{self.seconds:.1f}").render(lang),
                 msg("batch.run.outputs", files=("、" if lang == "zh" else ", ").join(str(p) for p in self.files),
                     db=_masked(self.db))
                 .render(lang)]
        for rec in f[f["status"] != "ok"].to_dict("records"):
            lines.append(msg("batch.run.failed_row", id=rec["id"] or "-", error=rec["error"]).render(lang))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        return "<pre class='cba-batch'>" + html.escape(self.summary()) + "</pre>"


def _masked(db: str) -> str:
    from .db import _masked as masked

    return masked(db)
