"""Assets of an option: first purchase, replacements within the horizon and the residual value
at its end, for integer and fractional lives.  (Skeleton: filled in by the assets work.)"""
from __future__ import annotations

from typing import Any

__all__ = ["Asset", "AssetLine"]


class AssetLine:
    """One line an asset contributes to its option's cash flows (name, label, kind, ...)."""


class Asset:
    """An asset declared under an option's ``assets:``."""

    name: str

    @classmethod
    def from_entry(cls, entry: Any) -> "Asset":
        raise NotImplementedError

    def lines(self) -> tuple[AssetLine, ...]:
        return ()

    def evaluate(self, model: Any, env_params: Any, inputs: Any) -> dict:
        """``{line name: (n, T) array}`` of this asset's lines."""
        return {}
