"""The safe, vectorised formula language used by model files.

Model files describe cash flows with formulas such as
``"n_posts * fte_per_post * staff_cost"`` or
``"where(t <= life, n_posts * om_cost, 0)"``. :func:`compile_expr` turns such a
text into an :class:`Expr` once; calling the :class:`Expr` with a mapping of
names to arrays evaluates it with numpy, broadcasting the arrays (parameters of
shape ``(n, 1)`` against years of shape ``(T,)`` give ``(n, T)``).

**Nothing in a formula is ever executed as Python.** The text is parsed with
:func:`ast.parse` and the syntax tree is checked against an explicit whitelist
of node types; the accepted tree is turned into nested numpy closures. Model
files are untrusted, so everything outside the language below is rejected with
an :class:`~cba.errors.InputError` naming the construct, the field and the file.

The language
------------
============================  =================================================
numbers                       ``12``, ``0.5``, ``1e6`` (all float64)
names                         parameters, ``t``, ``year`` (no leading ``_``)
arithmetic                    ``+ - * / // % **``, unary ``+ -``, parentheses
comparisons                   ``< <= > >= == !=``, chained: ``1 <= t <= 5``
logic                         ``and``, ``or``, ``not`` (elementwise)
conditional                   ``a if cond else b`` (elementwise)
functions                     see :data:`FUNCTIONS` below
============================  =================================================

Semantics follow Python float arithmetic applied elementwise, with numpy's
IEEE behaviour where Python would raise: ``1 / 0`` gives ``inf``, ``0 / 0`` and
``log(-1)`` give ``nan`` (evaluation runs under ``np.errstate(all="ignore")``;
callers check finiteness). ``%`` and ``//`` follow Python's sign rules.
Comparisons and ``and``/``or``/``not`` give 1.0 (true) or 0.0 (false), so they
can be used in arithmetic: ``(t >= 3) * capex``. A condition is true where it
is non-zero (NaN counts as true, as in Python). Both branches of ``where`` and
of ``a if c else b`` are evaluated for every element; the condition only
chooses which value is kept.

Functions (positional arguments only; the number of arguments is checked):

=======================  ======================================================
``min(a, b, ...)``       elementwise minimum of two or more values
``max(a, b, ...)``       elementwise maximum of two or more values
``abs(x)``               absolute value
``where(cond, a, b)``    ``a`` where ``cond`` is non-zero, else ``b``
``clip(x, lo, hi)``      ``min(max(x, lo), hi)``
``exp(x)``               e to the power x
``log(x)``               natural logarithm
``log10(x)``             base-10 logarithm
``sqrt(x)``              square root
``floor(x)``             largest integer <= x
``ceil(x)``              smallest integer >= x
``round(x)``             nearest integer, halves away from zero (as Excel's
                         ``ROUND(x, 0)``): ``round(2.5) == 3``,
                         ``round(-2.5) == -3``
``step(t, t0)``          1 where ``t >= t0``, else 0
``between(t, a, b)``     1 where ``a <= t <= b``, else 0
``growth(rate, t, t0)``  ``(1 + rate) ** (t - t0)``; ``t0`` defaults to 1
=======================  ======================================================

Limits: a formula has at most :data:`MAX_LENGTH` (2,000) characters and at
most :data:`MAX_DEPTH` (64) levels of nesting; a chain of ``+``/``-`` terms or
of ``*``/``/`` factors counts as one level. A formula has at most
:data:`MAX_NODES` (256) terms (every number, name, operator and function call
counts one; ``a * t + 1`` has five) and a function call at most
:data:`MAX_ARGS` (64) arguments, so what one formula costs to evaluate is
bounded: model files are untrusted input. ``True``, ``False`` and ``None`` are
rejected (write 1 or 0). Every exponent (``**`` and ``growth``) must satisfy
``|exponent| <= 1000`` (:data:`MAX_EXPONENT`); constant exponents are checked
when the formula is compiled, others each time it is evaluated. Excel's ``^``
is rejected with a hint to write ``**`` (in Python syntax ``^`` binds more
loosely than ``+``, so accepting it would silently change meaning).

Full-width forms typed by Chinese input methods (``，（）＋－＊／＜＞＝．``, full-width digits and
letters, the ideographic space) are read as their half-width ASCII originals, as NFKC
normalisation does: ``max（a，b）`` is ``max(a,b)``. Columns in messages count characters of the
formula as written.

Examples
--------
>>> import numpy as np
>>> e = compile_expr("n_posts * om_cost * growth(g, t)", known={"n_posts", "om_cost", "g", "t"})
>>> sorted(e.names)
['g', 'n_posts', 'om_cost', 't']
>>> e({"n_posts": np.array([[2.0], [3.0]]), "om_cost": 10.0, "g": 0.1, "t": np.arange(1, 4)})
array([[20. , 22. , 24.2],
       [30. , 33. , 36.3]])
>>> compile_expr("where(t <= 2, 5, 0) + between(t, 2, 3)")({"t": np.arange(1, 5)})
array([5., 6., 1., 0.])
>>> compile_expr("1 + 2 * 3").is_constant
True
>>> compile_expr("max（a，b）")({"a": 1.0, "b": 2.0})    # full-width （，） as typed in Chinese
array(2.)
>>> from cba.errors import InputError
>>> try:
...     compile_expr("__import__('os')", where="flows.x.formula", source="m.yaml")
... except InputError as err:
...     print(err.render("en")); print(err.render("zh"))
m.yaml: flows.x.formula: names starting with '_' are not allowed in formulas: '__import__' at column 1
m.yaml：flows.x.formula：公式中不允许使用以 '_' 开头的名称：'__import__'，位于第 1 列
"""
from __future__ import annotations

import ast
import keyword
import math
import numbers
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InputError
from ..i18n import Text, msg
from .compiler import (
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_NODES,
    _Compiler,
    _count_terms,
    _exponent_message,
    _nesting,
    _short,
    _syntax_message,
    _too_deep,
    normalise,
)
from .functions import _F64, FUNCTIONS, MAX_ARGS, MAX_EXPONENT, Function, _ExponentTooLarge

__all__ = [
    "compile_expr",
    "Expr",
    "Function",
    "FUNCTIONS",
    "is_valid_name",
    "MAX_LENGTH",
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_ARGS",
    "MAX_EXPONENT",
]


def is_valid_name(name: object) -> bool:
    """Whether ``name`` can be used as a variable in a formula.

    A valid name is a Python identifier that is not a keyword (``if``,
    ``lambda``, ``True`` ...) and does not start with ``_``.

    Examples
    --------
    >>> is_valid_name("kiosk_price"), is_valid_name("_x"), is_valid_name("lambda")
    (True, False, False)
    """
    return (
        isinstance(name, str)
        and name.isidentifier()
        and not keyword.iskeyword(name)
        and not name.startswith("_")
    )


# --- the compiled expression --------------------------------------------------


@dataclass(frozen=True)
class Expr:
    """A compiled formula; call it with a mapping of names to arrays.

    Build it with :func:`compile_expr`, not directly.

    Attributes
    ----------
    text : str
        The formula as written (stripped of surrounding white space).
    names : frozenset of str
        Variable names the formula uses (function names excluded).
    where, source : str or None
        The field and file the formula came from, used in error messages.

    Examples
    --------
    >>> import numpy as np
    >>> e = compile_expr("max(0, staff_freed - 1) * staff_cost")
    >>> e({"staff_freed": np.array([[0.5], [3.0]]), "staff_cost": np.array([1.0, 2.0])})
    array([[0., 0.],
           [2., 4.]])
    """

    text: str
    names: frozenset[str]
    where: str | None = field(default=None, compare=False)
    source: str | None = field(default=None, compare=False)
    _fn: Callable[[dict], Any] = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    _order: tuple[str, ...] = field(default=(), repr=False, compare=False)
    #: terms in the formula (numbers, names, operators, calls): a bound on the arrays one
    #: evaluation holds at once, used to size chunks of draws (see :func:`cba.model.cash_flows`)
    size: int = field(default=1, repr=False, compare=False)

    @property
    def is_constant(self) -> bool:
        """True when the formula uses no names."""
        return not self.names

    def _error(self, message: Text) -> InputError:
        return InputError(message, where=self.where, source=self.source)

    def __call__(self, env: Mapping[str, Any]) -> np.ndarray:
        """Evaluate on ``env`` (names to array_like); return a float64 array.

        The result has the broadcast shape of the names used (0-d for a
        constant). Missing names and non-numeric values raise ``InputError``.
        """
        values: dict[str, Any] = {}
        for name in self._order:
            try:
                raw = env[name]
            except KeyError:
                raise self._error(msg("model.formula.no_value", name=name, formula=_short(self.text))) from None
            try:
                values[name] = np.asarray(raw, dtype=_F64)
            except (TypeError, ValueError):
                raise self._error(msg("model.formula.not_numeric", name=name, value=_short(repr(raw)))) from None
        try:
            with np.errstate(all="ignore"):
                out = self._fn(values)
        except _ExponentTooLarge as exc:
            raise self._error(_exponent_message(exc.found, self.text)) from None
        out = np.asarray(out, dtype=_F64)
        if any(out is v for v in values.values()):
            out = out.copy()  # never hand back the caller's own array
        return out

    def __reduce__(self):  # closures do not pickle: rebuild from the text
        return (_rebuild, (self.text, self.where, self.source))

    def __repr__(self) -> str:
        return f"Expr({self.text!r})"


def _rebuild(text: str, where: str | None, source: str | None) -> Expr:
    return compile_expr(text, where=where, source=source)


def compile_expr(
    text: str | float | int,
    *,
    known: Collection[str] | None = None,
    where: str | None = None,
    source: str | None = None,
) -> Expr:
    """Compile a formula into a vectorised :class:`Expr`.

    Parameters
    ----------
    text : str or number
        The formula (see the module documentation for the language). A number
        gives a constant expression.
    known : collection of str, optional
        Names the formula may use (parameter names plus ``"t"`` and
        ``"year"``). A name not in it raises ``InputError`` with the closest
        known name suggested. None: any valid name is accepted.
    where : str, optional
        The field the formula came from (``flows.staff.formula``), for messages.
    source : str, optional
        The file the formula came from, for messages.

    Returns
    -------
    Expr

    Raises
    ------
    InputError
        Syntax errors, constructs outside the language, unknown names or
        functions, wrong argument counts, over-long or over-nested formulas,
        exponents beyond ``MAX_EXPONENT``.

    Notes
    -----
    The text is parsed with ``ast.parse(text, mode="eval")`` and only
    whitelisted node types are turned into numpy closures; nothing is ever
    passed to ``eval``, ``exec`` or ``compile``. Subtrees without names are
    folded into constants at compile time.

    Examples
    --------
    >>> import numpy as np
    >>> f = compile_expr("accidents * reduction * crash_cost * (1 + growth) ** (t - 1)")
    >>> f({"accidents": 10, "reduction": 0.2, "crash_cost": 100.0, "growth": 0.5, "t": np.arange(1, 4)})
    array([200., 300., 450.])
    >>> try:
    ...     compile_expr("kiosk_prise * 2", known=["kiosk_price", "t"], where="flows.capex", source="m.yaml")
    ... except InputError as err:
    ...     print(err.render("en"))
    m.yaml: flows.capex: unknown name 'kiosk_prise' (did you mean 'kiosk_price'?); known names: kiosk_price, t
    """
    def error(message: Text) -> InputError:
        return InputError(message, where=where, source=source)

    if isinstance(text, bool) or not isinstance(text, (str, numbers.Real)):
        raise error(msg("model.formula.not_formula", type=type(text).__name__, got=_short(repr(text))))
    if not isinstance(text, str):
        try:
            value = float(text)
        except OverflowError:
            value = math.inf
        if not math.isfinite(value):
            raise error(msg("checks.finite", got=repr(text)))
        c = _F64(value)
        shown = str(int(text)) if isinstance(text, numbers.Integral) else repr(value)
        return Expr(shown, frozenset(), where, source, lambda v: c, ())

    text = text.strip()
    if not text:
        raise error(msg("model.formula.empty"))
    if len(text) > MAX_LENGTH:
        raise error(msg("model.formula.too_long", n=len(text), max=MAX_LENGTH, formula=_short(text)))
    if "\x00" in text:
        raise error(msg("model.formula.null"))
    plain = normalise(text)             # full-width （），＋ typed by Chinese input methods
    if _nesting(plain) > MAX_DEPTH:
        raise error(_too_deep(text))
    try:
        tree = ast.parse(plain, mode="eval")
    except SyntaxError as exc:
        raise error(_syntax_message(plain, exc, text)) from None
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:  # parser limits
        raise error(msg("model.formula.unparsable", formula=_short(text), reason=str(exc))) from None

    size = _count_terms(tree)
    if size > MAX_NODES:
        raise error(msg("model.formula.too_large", size=size, max=MAX_NODES, formula=_short(text)))
    compiler = _Compiler(plain, frozenset(known) if known is not None else None, where, source, text)
    try:
        node = compiler.visit(tree, 0)
    except RecursionError:  # not expected with MAX_DEPTH = 64; a safety net
        raise error(_too_deep(text)) from None
    order = tuple(compiler.names)
    return Expr(text, frozenset(order), where, source, node.fn, order, size)
