"""The formula compiler: parse a formula, check it against the language's whitelist and limits,
and turn the accepted tree into nested numpy closures (see :mod:`cba.model.expr` for the language
and :func:`cba.model.expr.compile_expr`, the public entry point).

Nothing is ever passed to ``eval``, ``exec`` or ``compile``: every syntax-tree node type has its
own ``visit_`` method, and a node type without one is rejected.
"""
from __future__ import annotations

import ast
import difflib
import functools
import math
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from ..errors import InputError
from .functions import (
    _F64,
    FUNCTIONS,
    MAX_ARGS,
    MAX_EXPONENT,
    _check_exponent,
    _ExponentTooLarge,
    _pow_checked,
    _where,
)

MAX_LENGTH = 2000
"""Longest formula accepted, in characters."""
MAX_DEPTH = 64
"""Deepest nesting accepted (parentheses, operators, function calls)."""
MAX_NODES = 256
"""Most terms a formula may have: numbers, names, operators and function calls each count one."""



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
        if len(node.args) > MAX_ARGS:
            raise self.error(
                f"{name}() takes at most {MAX_ARGS} arguments, got {len(node.args)}: "
                f"'{self._segment(node)}' at {self._column(node)} (nest calls, e.g. "
                f"{name}({name}(a, b, ...), {name}(c, d, ...)), or split the flow line)")
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


def _count_terms(tree: ast.AST) -> int:
    """Terms of a parsed formula: expression nodes, not counting the names of called functions."""
    terms = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.expr):
            terms += 1
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                terms -= 1
    return terms


def _nesting(text: str) -> int:
    depth = deepest = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth -= 1
    return deepest



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
