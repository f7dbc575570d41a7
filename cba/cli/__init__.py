"""The ``cba`` command line: thin wrappers that parse arguments, call one library function and
map errors to exit codes (0 success, 1 evaluation failure, 2 bad input or usage)."""
from __future__ import annotations

from .app import build_parser, main, parse_assignments

__all__ = ["build_parser", "main", "parse_assignments"]
