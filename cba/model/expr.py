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
of ``*``/``/`` factors counts as one level. ``True``, ``False`` and ``None`` are
rejected (write 1 or 0). Every exponent (``**`` and ``growth``) must satisfy
``|exponent| <= 1000`` (:data:`MAX_EXPONENT`); constant exponents are checked
when the formula is compiled, others each time it is evaluated. Excel's ``^``
is rejected with a hint to write ``**`` (in Python syntax ``^`` binds more
loosely than ``+``, so accepting it would silently change meaning).

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
>>> compile_expr("__import__('os')", where="flows.x.formula", source="m.yaml")
Traceback (most recent call last):
...
cba.errors.InputError: m.yaml: flows.x.formula: names starting with '_' are not allowed in formulas: '__import__' at column 1
"""
from __future__ import annotations

import ast
import difflib
import functools
import keyword
import math
import numbers
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np

from ..errors import InputError

__all__ = [
    "compile_expr",
    "Expr",
    "Function",
    "FUNCTIONS",
    "is_valid_name",
    "MAX_LENGTH",
    "MAX_DEPTH",
    "MAX_EXPONENT",
]

MAX_LENGTH = 2000
"""Longest formula accepted, in characters."""
MAX_DEPTH = 64
"""Deepest nesting accepted (parentheses, operators, function calls)."""
MAX_EXPONENT = 1000.0
"""Largest ``|exponent|`` accepted by ``**`` and ``growth``."""

_F64 = np.float64


class _ExponentTooLarge(Exception):
    """Raised inside evaluation; turned into an InputError that names the field."""

    def __init__(self, found: float):
        super().__init__(found)
        self.found = found


def _check_exponent(e: Any) -> None:
    big = np.abs(e) > MAX_EXPONENT  # NaN compares False: left for the caller's finiteness check
    if np.any(big):
        raise _ExponentTooLarge(float(np.max(np.abs(e)[big])) if np.ndim(big) else float(np.abs(e)))


def _pow_checked(a: Any, b: Any) -> Any:
    _check_exponent(b)
    return np.power(a, b)


# --- the function whitelist -----------------------------------------------------


@dataclass(frozen=True)
class Function:
    """One whitelisted formula function.

    Attributes
    ----------
    name : str
        Name used in formulas.
    signature : str
        How it is called, e.g. ``"clip(x, lo, hi)"``.
    min_args, max_args : int
        Accepted number of positional arguments (``max_args`` None: no limit).
    impl : callable
        Numpy implementation taking the evaluated arguments.
    doc : str
        One-line description.
    """

    name: str
    signature: str
    min_args: int
    max_args: int | None
    impl: Callable[..., Any] = field(repr=False)
    doc: str = ""


def _min(*args: Any) -> Any:
    return functools.reduce(np.minimum, args)


def _max(*args: Any) -> Any:
    return functools.reduce(np.maximum, args)


def _where(cond: Any, a: Any, b: Any) -> Any:
    return np.where(cond, a, b)


def _clip(x: Any, lo: Any, hi: Any) -> Any:
    return np.minimum(np.maximum(x, lo), hi)


def _round(x: Any) -> Any:
    # x - trunc(x) is exact in binary floating point, so ties are detected exactly.
    t = np.trunc(x)
    return np.where(np.abs(x - t) >= 0.5, t + np.sign(x), t)


def _step(t: Any, t0: Any) -> Any:
    return np.greater_equal(t, t0).astype(_F64)


def _between(t: Any, a: Any, b: Any) -> Any:
    return (np.greater_equal(t, a) & np.less_equal(t, b)).astype(_F64)


def _growth(rate: Any, t: Any, t0: Any = 1.0) -> Any:
    n = np.subtract(t, t0)
    _check_exponent(n)
    return np.power(np.add(1.0, rate), n)


_FUNCTION_LIST = [
    Function("min", "min(a, b, ...)", 2, None, _min, "elementwise minimum"),
    Function("max", "max(a, b, ...)", 2, None, _max, "elementwise maximum"),
    Function("abs", "abs(x)", 1, 1, np.abs, "absolute value"),
    Function("where", "where(cond, a, b)", 3, 3, _where, "a where cond is non-zero, else b"),
    Function("clip", "clip(x, lo, hi)", 3, 3, _clip, "min(max(x, lo), hi)"),
    Function("exp", "exp(x)", 1, 1, np.exp, "e ** x"),
    Function("log", "log(x)", 1, 1, np.log, "natural logarithm"),
    Function("log10", "log10(x)", 1, 1, np.log10, "base-10 logarithm"),
    Function("sqrt", "sqrt(x)", 1, 1, np.sqrt, "square root"),
    Function("floor", "floor(x)", 1, 1, np.floor, "round down"),
    Function("ceil", "ceil(x)", 1, 1, np.ceil, "round up"),
    Function("round", "round(x)", 1, 1, _round, "nearest integer, halves away from zero"),
    Function("step", "step(t, t0)", 2, 2, _step, "1 where t >= t0, else 0"),
    Function("between", "between(t, a, b)", 3, 3, _between, "1 where a <= t <= b, else 0"),
    Function("growth", "growth(rate, t, t0=1)", 2, 3, _growth, "(1 + rate) ** (t - t0)"),
]

FUNCTIONS: Mapping[str, Function] = MappingProxyType({f.name: f for f in _FUNCTION_LIST})
"""The whitelist of functions a formula may call, by name (read-only)."""


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

    @property
    def is_constant(self) -> bool:
        """True when the formula uses no names."""
        return not self.names

    def _error(self, message: str) -> InputError:
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
                raise self._error(f"no value given for name '{name}' used in formula '{_short(self.text)}'") from None
            try:
                values[name] = np.asarray(raw, dtype=_F64)
            except (TypeError, ValueError):
                raise self._error(f"value of '{name}' is not numeric: {_short(repr(raw))}") from None
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


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _exponent_message(found: float, text: str) -> str:
    return (
        f"exponent too large (max {MAX_EXPONENT:g}): |exponent| reaches {found:g} "
        f"in formula '{_short(text)}'"
    )


# --- the compiler ---------------------------------------------------------------


class _Node(NamedTuple):
    fn: Callable[[dict], Any]  # the value, float64
    const: Any = None  # a float64 scalar when the subtree is constant, else None
    truth: Callable[[dict], Any] | None = None  # comparisons and logic: the same as booleans


def _constant(value: Any) -> _Node:
    c = _F64(value)
    return _Node(lambda v: c, c)


def _closure(op: Callable[..., Any], fns: list[Callable[[dict], Any]]) -> Callable[[dict], Any]:
    if len(fns) == 1:
        (f0,) = fns
        return lambda v: op(f0(v))
    if len(fns) == 2:
        f0, f1 = fns
        return lambda v: op(f0(v), f1(v))
    if len(fns) == 3:
        f0, f1, f2 = fns
        return lambda v: op(f0(v), f1(v), f2(v))
    return lambda v: op(*[f(v) for f in fns])


_ADD = {ast.Add: np.add, ast.Sub: np.subtract}
_MUL = {ast.Mult: np.multiply, ast.Div: np.true_divide, ast.FloorDiv: np.floor_divide, ast.Mod: np.mod}
_CMP = {
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
}
_BAD_OPERATORS = {
    ast.BitXor: ("'^'", "use ** for powers"),
    ast.BitAnd: ("'&'", "use 'and'"),
    ast.BitOr: ("'|'", "use 'or'"),
    ast.LShift: ("'<<'", None),
    ast.RShift: ("'>>'", None),
    ast.MatMult: ("'@'", None),
    ast.Invert: ("'~'", "use 'not'"),
    ast.Is: ("'is'", "use =="),
    ast.IsNot: ("'is not'", "use !="),
    ast.In: ("'in'", None),
    ast.NotIn: ("'not in'", None),
}
_CONSTRUCTS = {
    "Attribute": "attribute access is",
    "Subscript": "subscripts are",
    "Slice": "slices are",
    "Lambda": "lambda is",
    "ListComp": "comprehensions are",
    "SetComp": "comprehensions are",
    "DictComp": "comprehensions are",
    "GeneratorExp": "comprehensions are",
    "JoinedStr": "f-strings are",
    "FormattedValue": "f-strings are",
    "NamedExpr": "assignment ':=' is",
    "List": "lists are",
    "Tuple": "tuples are",
    "Set": "sets are",
    "Dict": "dicts are",
    "Starred": "starred arguments (*args) are",
    "Await": "await is",
    "Yield": "yield is",
    "YieldFrom": "yield is",
}


class _Compiler:
    def __init__(self, text: str, known: frozenset[str] | None, where: str | None, source: str | None):
        self.text = text
        self.known = known
        self.where = where
        self.source = source
        self.names: dict[str, None] = {}  # ordered set

    # errors
    def error(self, message: str) -> InputError:
        return InputError(message, where=self.where, source=self.source)

    def _column(self, node: ast.AST) -> str:
        lineno = node.lineno
        line = self.text.splitlines()[lineno - 1] if self.text else ""
        col = len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "replace")) + 1
        return f"line {lineno}, column {col}" if lineno > 1 else f"column {col}"

    def _segment(self, node: ast.AST) -> str:
        return _short(ast.get_source_segment(self.text, node) or self.text, 60)

    def reject(self, node: ast.AST, what: str, hint: str | None = None) -> InputError:
        msg = f"{what} not allowed in formulas: '{self._segment(node)}' at {self._column(node)}"
        return self.error(msg + (f" ({hint})" if hint else ""))

    # dispatch
    def visit(self, node: ast.AST, depth: int) -> _Node:
        if depth > MAX_DEPTH:
            raise self.error(f"formula nested too deeply (max {MAX_DEPTH} levels): '{_short(self.text)}'")
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            kind = type(node).__name__
            raise self.reject(node, _CONSTRUCTS.get(kind, f"'{kind}' expressions are"))
        return method(node, depth)

    def combine(
        self,
        op: Callable[..., Any],
        children: list[_Node],
        *,
        conditions: tuple[int, ...] = (),
        boolean: bool = False,
    ) -> _Node:
        """A node applying ``op`` to the children, folded when all are constant.

        Children at the indices in ``conditions`` are passed as booleans when
        they are comparisons or logic (saving a float round trip); ``boolean``
        says ``op`` returns booleans, which the node's value turns into 1.0/0.0.
        """
        if all(c.const is not None for c in children):
            try:
                with np.errstate(all="ignore"):
                    return _constant(op(*(c.const for c in children)))
            except _ExponentTooLarge as exc:
                raise self.error(_exponent_message(exc.found, self.text)) from None
        fns = [c.truth if i in conditions and c.truth else c.fn for i, c in enumerate(children)]
        g = _closure(op, fns)
        if boolean:
            return _Node(lambda v: g(v).astype(_F64), None, g)
        return _Node(g)

    def fold_chain(self, first: _Node, rest: list[tuple[Callable[[Any, Any], Any], _Node]]) -> _Node:
        """Left-to-right ``((first op1 x1) op2 x2) ...`` as one loop (no deep closure nesting)."""
        if len(rest) == 1:
            op, node = rest[0]
            return self.combine(op, [first, node])
        if first.const is not None and all(n.const is not None for _, n in rest):
            acc = first.const
            with np.errstate(all="ignore"):
                for op, n in rest:
                    acc = op(acc, n.const)
            return _constant(acc)
        f0 = first.fn
        pairs = tuple((op, n.fn) for op, n in rest)

        def chain(v: dict) -> Any:
            acc = f0(v)
            for op, f in pairs:
                acc = op(acc, f(v))
            return acc

        return _Node(chain)

    # leaves
    def visit_Expression(self, node: ast.Expression, depth: int) -> _Node:
        return self.visit(node.body, depth)

    def visit_Constant(self, node: ast.Constant, depth: int) -> _Node:
        value = node.value
        if isinstance(value, bool) or value is None:
            raise self.reject(node, f"'{value}' is", "write 1 or 0" if value is not None else None)
        if isinstance(value, complex):
            raise self.reject(node, "complex numbers are")
        if isinstance(value, (int, float)):
            try:
                f = float(value)
            except OverflowError:
                f = math.inf
            if not math.isfinite(f):
                raise self.reject(node, "numbers this large are", "the limit is about 1.8e308")
            return _constant(f)
        if isinstance(value, str):
            raise self.reject(node, "strings are")
        if isinstance(value, bytes):
            raise self.reject(node, "bytes are")
        if value is Ellipsis:
            raise self.reject(node, "'...' is")
        raise self.reject(node, f"{type(value).__name__} constants are")

    def visit_Name(self, node: ast.Name, depth: int) -> _Node:
        name = node.id
        if name.startswith("_"):
            raise self.reject(node, "names starting with '_' are")
        if self.known is not None and name not in self.known:
            raise self.error(self._unknown_name(name))
        self.names[name] = None
        return _Node(lambda v: v[name])

    def _unknown_name(self, name: str) -> str:
        known = sorted(self.known or ())
        msg = f"unknown name '{name}'"
        lower = {k.lower(): k for k in known}
        close = [lower[name.lower()]] if name.lower() in lower else difflib.get_close_matches(name, known, n=1)
        if close:
            msg += f" (did you mean '{close[0]}'?)"
        elif name in FUNCTIONS:
            msg += f" ('{name}' is a function: write {FUNCTIONS[name].signature})"
        shown = ", ".join(known[:30]) + (f", ... ({len(known) - 30} more)" if len(known) > 30 else "")
        return msg + f"; known names: {shown or '(none)'}"

    # operators
    def visit_UnaryOp(self, node: ast.UnaryOp, depth: int) -> _Node:
        op = type(node.op)
        if op in _BAD_OPERATORS:
            sym, hint = _BAD_OPERATORS[op]
            raise self.reject(node, f"operator {sym} is", hint)
        child = self.visit(node.operand, depth + 1)
        if op is ast.USub:
            return self.combine(np.negative, [child])
        if op is ast.UAdd:
            return self.combine(np.positive, [child])
        return self.combine(np.logical_not, [child], conditions=(0,), boolean=True)  # ast.Not

    def visit_BinOp(self, node: ast.BinOp, depth: int) -> _Node:
        op = type(node.op)
        if op in _BAD_OPERATORS:
            sym, hint = _BAD_OPERATORS[op]
            raise self.reject(node, f"operator {sym} is", hint)
        if op is ast.Pow:
            base = self.visit(node.left, depth + 1)
            exponent = self.visit(node.right, depth + 1)
            if exponent.const is not None:
                try:
                    _check_exponent(exponent.const)
                except _ExponentTooLarge as exc:
                    raise self.error(_exponent_message(exc.found, self.text)) from None
                return self.combine(np.power, [base, exponent])
            return self.combine(_pow_checked, [base, exponent])
        # Flatten a left-associative chain of same-precedence operators so that
        # 'a + b + c + ...' costs one nesting level and one loop when evaluated.
        table = _ADD if op in _ADD else _MUL
        rest: list[tuple[ast.AST, ast.AST]] = []
        left: ast.AST = node
        while isinstance(left, ast.BinOp) and type(left.op) in table:
            rest.append((table[type(left.op)], left.right))
            left = left.left
        first = self.visit(left, depth + 1)
        pairs = [(fn, self.visit(right, depth + 1)) for fn, right in reversed(rest)]
        return self.fold_chain(first, pairs)

    def visit_Compare(self, node: ast.Compare, depth: int) -> _Node:
        for o in node.ops:
            if type(o) in _BAD_OPERATORS:
                sym, hint = _BAD_OPERATORS[type(o)]
                raise self.reject(node, f"operator {sym} is", hint)
        operands = [self.visit(x, depth + 1) for x in [node.left, *node.comparators]]
        ufuncs = [_CMP[type(o)] for o in node.ops]
        if len(ufuncs) == 1:
            return self.combine(ufuncs[0], operands, boolean=True)

        def chained(*vals: Any) -> Any:
            out = ufuncs[0](vals[0], vals[1])
            for i in range(1, len(ufuncs)):
                out = out & ufuncs[i](vals[i], vals[i + 1])
            return out

        return self.combine(chained, operands, boolean=True)

    def visit_BoolOp(self, node: ast.BoolOp, depth: int) -> _Node:
        ufunc = np.logical_and if isinstance(node.op, ast.And) else np.logical_or
        values = [self.visit(x, depth + 1) for x in node.values]
        every = tuple(range(len(values)))
        return self.combine(lambda *xs: functools.reduce(ufunc, xs), values, conditions=every, boolean=True)

    def visit_IfExp(self, node: ast.IfExp, depth: int) -> _Node:
        test = self.visit(node.test, depth + 1)
        body = self.visit(node.body, depth + 1)
        orelse = self.visit(node.orelse, depth + 1)
        return self.combine(_where, [test, body, orelse], conditions=(0,))

    def visit_Call(self, node: ast.Call, depth: int) -> _Node:
        func = node.func
        if not isinstance(func, ast.Name):
            raise self.reject(node, "calling anything but a function name is", f"functions: {', '.join(FUNCTIONS)}")
        if func.col_offset != node.col_offset or func.lineno != node.lineno:
            raise self.reject(node, "calling a parenthesised expression is")
        name = func.id
        spec = FUNCTIONS.get(name)
        if spec is None:
            if name.startswith("_"):
                raise self.reject(func, "names starting with '_' are")
            close = difflib.get_close_matches(name, list(FUNCTIONS), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise self.error(
                f"function '{name}' is not allowed in formulas at {self._column(node)} "
                f"({hint}allowed functions: {', '.join(FUNCTIONS)})"
            )
        if node.keywords:
            kw = node.keywords[0]
            what = "keyword arguments are" if kw.arg is not None else "**kwargs are"
            raise self.reject(node, what, f"write {spec.signature} with positional arguments")
        for a in node.args:
            if isinstance(a, ast.Starred):
                raise self.reject(a, "starred arguments (*args) are")
        args = [self.visit(a, depth + 1) for a in node.args]
        n = len(args)
        if n < spec.min_args or (spec.max_args is not None and n > spec.max_args):
            if spec.max_args is None:
                expected = f"at least {spec.min_args}"
            elif spec.min_args == spec.max_args:
                expected = str(spec.min_args)
            else:
                expected = f"{spec.min_args} to {spec.max_args}"
            raise self.error(
                f"{name}() takes {expected} argument{'s' if expected != '1' else ''}, got {n}: "
                f"'{self._segment(node)}' at {self._column(node)} (write {spec.signature})"
            )
        return self.combine(spec.impl, args, conditions=(0,) if name == "where" else ())


def _nesting(text: str) -> int:
    depth = deepest = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth -= 1
    return deepest


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
    >>> compile_expr("kiosk_prise * 2", known=["kiosk_price", "t"], where="flows.capex", source="m.yaml")
    Traceback (most recent call last):
    ...
    cba.errors.InputError: m.yaml: flows.capex: unknown name 'kiosk_prise' (did you mean 'kiosk_price'?); known names: kiosk_price, t
    """
    def error(message: str) -> InputError:
        return InputError(message, where=where, source=source)

    if isinstance(text, bool) or not isinstance(text, (str, numbers.Real)):
        raise error(f"expected a formula (text) or a number, got {type(text).__name__} {_short(repr(text))}")
    if not isinstance(text, str):
        try:
            value = float(text)
        except OverflowError:
            value = math.inf
        if not math.isfinite(value):
            raise error(f"expected a finite number, got {text!r}")
        c = _F64(value)
        shown = str(int(text)) if isinstance(text, numbers.Integral) else repr(value)
        return Expr(shown, frozenset(), where, source, lambda v: c, ())

    text = text.strip()
    if not text:
        raise error("empty formula")
    if len(text) > MAX_LENGTH:
        raise error(f"formula too long ({len(text)} characters, max {MAX_LENGTH}): '{_short(text)}'")
    if "\x00" in text:
        raise error("formula contains a null character")
    if _nesting(text) > MAX_DEPTH:
        raise error(f"formula nested too deeply (max {MAX_DEPTH} levels): '{_short(text)}'")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise error(_syntax_message(text, exc)) from None
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:  # parser limits
        raise error(f"invalid formula '{_short(text)}': {exc}") from None

    compiler = _Compiler(text, frozenset(known) if known is not None else None, where, source)
    try:
        node = compiler.visit(tree, 0)
    except RecursionError:  # not expected with MAX_DEPTH = 64; a safety net
        raise error(f"formula nested too deeply (max {MAX_DEPTH} levels): '{_short(text)}'") from None
    order = tuple(compiler.names)
    return Expr(text, frozenset(order), where, source, node.fn, order)


def _syntax_message(text: str, exc: SyntaxError) -> str:
    reason = exc.msg or "invalid syntax"
    lineno = exc.lineno or 1
    lines = text.splitlines() or [""]
    offset = exc.offset
    if not offset or lineno > len(lines) or offset > len(lines[min(lineno, len(lines)) - 1]):
        reason = "unexpected end of formula" if reason == "invalid syntax" else reason
        lineno = len(lines)
        offset = len(lines[-1]) + 1
    at = f"line {lineno}, column {offset}" if len(lines) > 1 else f"column {offset}"
    return f"invalid formula '{_short(text)}': {reason} at {at}"
