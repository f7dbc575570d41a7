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
import re
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from ..errors import InputError
from ..i18n import Text, msg
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


def _exponent_message(found: float, text: str) -> Text:
    return msg("model.formula.exponent", max=f"{MAX_EXPONENT:g}", found=f"{found:g}", formula=_short(text))


def _too_deep(text: str) -> Text:
    return msg("model.formula.too_deep", max=MAX_DEPTH, formula=_short(text))


def _at(lineno: int, col: int, lines: int = 1) -> Text:
    """Where in a formula: ``column 5``, or ``line 2, column 5`` in a formula of several lines."""
    if lineno > 1 or lines > 1:
        return msg("model.formula.line_column", line=lineno, col=col)
    return msg("model.formula.column", col=col)


#: full-width forms typed by Chinese input methods (U+FF01..U+FF5E, and the ideographic space)
#: -> their ASCII originals: exactly what NFKC normalisation does to these characters, one
#: character for one, so columns counted in the normalised text are columns of the text as typed
_FULL_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}
#: characters with no full-width ASCII form that users type for an ASCII one
_LOOKALIKES = {"×": "*", "÷": "/", "。": ".", "、": ",", "“": "'", "”": "'", "‘": "'", "’": "'",
               "【": "(", "】": ")", "《": "<", "》": ">", "—": "-", "−": "-"}


def normalise(text: str) -> str:
    """``text`` with full-width ASCII forms (``，（）＋－＊／＜＞＝．０-９``, letters, the
    ideographic space) replaced by their half-width ASCII originals, as NFKC normalisation does.

    Every character maps to exactly one, so a column in the result is the same column in ``text``.

    >>> normalise("max（a，b）＊２")
    'max(a,b)*2'
    """
    return text.translate(_FULL_WIDTH)


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
#: refused operators: the symbol and the key of a hint (None: no hint)
_BAD_OPERATORS = {
    ast.BitXor: ("^", "model.hint.power"),
    ast.BitAnd: ("&", "model.hint.and"),
    ast.BitOr: ("|", "model.hint.or"),
    ast.LShift: ("<<", None),
    ast.RShift: (">>", None),
    ast.MatMult: ("@", None),
    ast.Invert: ("~", "model.hint.not"),
    ast.Is: ("is", "model.hint.eq"),
    ast.IsNot: ("is not", "model.hint.ne"),
    ast.In: ("in", None),
    ast.NotIn: ("not in", None),
}
#: refused syntax-tree nodes -> the key of their name in messages
_CONSTRUCTS = {
    "Attribute": "attribute",
    "Subscript": "subscript",
    "Slice": "slice",
    "Lambda": "lambda",
    "ListComp": "comprehension",
    "SetComp": "comprehension",
    "DictComp": "comprehension",
    "GeneratorExp": "comprehension",
    "JoinedStr": "fstring",
    "FormattedValue": "fstring",
    "NamedExpr": "walrus",
    "List": "list",
    "Tuple": "tuple",
    "Set": "set",
    "Dict": "dict",
    "Starred": "starred",
    "Await": "await",
    "Yield": "yield",
    "YieldFrom": "yield",
}


class _Compiler:
    def __init__(self, text: str, known: frozenset[str] | None, where: str | None, source: str | None,
                 original: str | None = None):
        self.text = text                          # normalised (half-width), what was parsed
        self.original = original or text         # as written, for quoting
        self.known = known
        self.where = where
        self.source = source
        self.names: dict[str, None] = {}  # ordered set

    # errors
    def error(self, message: Text) -> InputError:
        return InputError(message, where=self.where, source=self.source)

    def _line(self, lineno: int) -> str:
        lines = self.text.splitlines()
        return lines[lineno - 1] if 0 < lineno <= len(lines) else ""

    def _char(self, lineno: int, byte_offset: int) -> int:
        """0-based character index of a UTF-8 byte offset (what ``ast`` reports) in a line."""
        return len(self._line(lineno).encode("utf-8")[:byte_offset].decode("utf-8", "replace"))

    def _column(self, node: ast.AST, byte_offset: int | None = None) -> Text:
        """Where ``node`` starts (or ``byte_offset`` in its line), counted in characters from 1."""
        offset = node.col_offset if byte_offset is None else byte_offset
        return _at(node.lineno, self._char(node.lineno, offset) + 1)

    def _operator_offset(self, left: ast.AST, right: ast.AST, symbol: str) -> int | None:
        """Byte offset of ``symbol`` between two operands on one line (``ast`` places a binary
        operation at its left operand, so ``(1 + g) ^ t`` would otherwise point at the ``(``)."""
        if left.end_lineno != right.lineno or left.end_col_offset is None:
            return None
        line = self._line(right.lineno).encode("utf-8")
        found = line.find(symbol.split()[0].encode(), left.end_col_offset, right.col_offset)
        return found if found >= 0 else None

    def _segment(self, node: ast.AST) -> str:
        """The piece of the formula ``node`` covers, as the user wrote it (full-width included)."""
        piece = ast.get_source_segment(self.text, node)
        if piece is not None and node.lineno == node.end_lineno:
            start = self._char(node.lineno, node.col_offset)
            end = self._char(node.lineno, node.end_col_offset)
            original = self.original.splitlines()[node.lineno - 1]
            piece = original[start:end]
        return _short(piece or self.original, 60)

    def reject(self, node: ast.AST, what: Text, hint: Text | str | None = None,
               at: Text | None = None) -> InputError:
        message = msg("model.formula.not_allowed", what=what, segment=self._segment(node),
                      at=at or self._column(node))
        return self.error(message + msg("model.formula.hint", hint=hint) if hint else message)

    def reject_operator(self, node: ast.AST, op: type, left: ast.AST | None = None,
                        right: ast.AST | None = None) -> InputError:
        """Refuse an operator, pointing at the operator itself and hinting what to write."""
        symbol, hint = _BAD_OPERATORS[op]
        offset = self._operator_offset(left, right, symbol) if left is not None and right is not None else None
        at = self._column(node, offset) if offset is not None else None
        if op is ast.BitXor:        # show the formula as it should be written
            hint_text = msg(hint, formula=self._segment(node).replace("^", "**"))
        else:
            hint_text = msg(hint) if hint else None
        return self.reject(node, msg("model.construct.operator", symbol=symbol), hint_text, at=at)

    # dispatch
    def visit(self, node: ast.AST, depth: int) -> _Node:
        if depth > MAX_DEPTH:
            raise self.error(_too_deep(self.original))
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            kind = type(node).__name__
            what = (msg("model.construct." + _CONSTRUCTS[kind]) if kind in _CONSTRUCTS
                    else msg("model.construct.other", kind=kind))
            raise self.reject(node, what)
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
                raise self.error(_exponent_message(exc.found, self.original)) from None
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
            raise self.reject(node, msg("model.construct.constant", value=value),
                              msg("model.hint.one_or_zero") if value is not None else None)
        if isinstance(value, complex):
            raise self.reject(node, msg("model.construct.complex"))
        if isinstance(value, (int, float)):
            try:
                f = float(value)
            except OverflowError:
                f = math.inf
            if not math.isfinite(f):
                raise self.reject(node, msg("model.construct.huge"), msg("model.hint.huge"))
            return _constant(f)
        if isinstance(value, str):
            raise self.reject(node, msg("model.construct.string"))
        if isinstance(value, bytes):
            raise self.reject(node, msg("model.construct.bytes"))
        if value is Ellipsis:
            raise self.reject(node, msg("model.construct.ellipsis"))
        raise self.reject(node, msg("model.construct.other_constant", kind=type(value).__name__))

    def visit_Name(self, node: ast.Name, depth: int) -> _Node:
        name = node.id
        if name.startswith("_"):
            raise self.reject(node, msg("model.construct.underscore"))
        if self.known is not None and name not in self.known:
            raise self.error(self._unknown_name(name))
        self.names[name] = None
        return _Node(lambda v: v[name])

    def _unknown_name(self, name: str) -> Text:
        from ..checks import did_you_mean, listing

        known = sorted(self.known or ())
        lower = {k.lower(): k for k in known}
        close = [lower[name.lower()]] if name.lower() in lower else difflib.get_close_matches(name, known, n=1)
        hint: Text | str = ""
        if close:
            hint = did_you_mean(close[0])
        elif name in FUNCTIONS:
            hint = msg("model.formula.is_function", name=name, signature=FUNCTIONS[name].signature)
        if len(known) > 30:
            shown: Text = msg("model.formula.more_names", names=listing(known[:30]), n=len(known) - 30)
        else:
            shown = listing(known) if known else msg("model.formula.no_names")
        return msg("model.formula.unknown_name", name=name, hint=hint, known=shown)

    # operators
    def visit_UnaryOp(self, node: ast.UnaryOp, depth: int) -> _Node:
        op = type(node.op)
        if op in _BAD_OPERATORS:
            raise self.reject_operator(node, op)
        child = self.visit(node.operand, depth + 1)
        if op is ast.USub:
            return self.combine(np.negative, [child])
        if op is ast.UAdd:
            return self.combine(np.positive, [child])
        return self.combine(np.logical_not, [child], conditions=(0,), boolean=True)  # ast.Not

    def visit_BinOp(self, node: ast.BinOp, depth: int) -> _Node:
        op = type(node.op)
        if op in _BAD_OPERATORS:
            raise self.reject_operator(node, op, node.left, node.right)
        if op is ast.Pow:
            base = self.visit(node.left, depth + 1)
            exponent = self.visit(node.right, depth + 1)
            if exponent.const is not None:
                try:
                    _check_exponent(exponent.const)
                except _ExponentTooLarge as exc:
                    raise self.error(_exponent_message(exc.found, self.original)) from None
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
        for i, o in enumerate(node.ops):
            if type(o) in _BAD_OPERATORS:
                left = node.left if i == 0 else node.comparators[i - 1]
                raise self.reject_operator(node, type(o), left, node.comparators[i])
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
        from ..checks import listing

        if not isinstance(func, ast.Name):
            raise self.reject(node, msg("model.construct.call_other"),
                              msg("model.hint.functions", functions=listing(FUNCTIONS)))
        if func.col_offset != node.col_offset or func.lineno != node.lineno:
            raise self.reject(node, msg("model.construct.call_parenthesised"))
        name = func.id
        spec = FUNCTIONS.get(name)
        if spec is None:
            if name.startswith("_"):
                raise self.reject(func, msg("model.construct.underscore"))
            close = difflib.get_close_matches(name, list(FUNCTIONS), n=1)
            hint = msg("model.formula.did_you_mean_function", name=close[0]) if close else ""
            raise self.error(msg("model.formula.bad_function", name=name, at=self._column(node), hint=hint,
                                 functions=listing(FUNCTIONS)))
        if node.keywords:
            kw = node.keywords[0]
            what = msg("model.construct.keyword" if kw.arg is not None else "model.construct.kwargs")
            raise self.reject(node, what, msg("model.hint.positional", signature=spec.signature))
        if len(node.args) > MAX_ARGS:
            raise self.error(msg("model.formula.too_many_args", name=name, max=MAX_ARGS, n=len(node.args),
                                 segment=self._segment(node), at=self._column(node)))
        for a in node.args:
            if isinstance(a, ast.Starred):
                raise self.reject(a, msg("model.construct.starred"))
        args = [self.visit(a, depth + 1) for a in node.args]
        n = len(args)
        if n < spec.min_args or (spec.max_args is not None and n > spec.max_args):
            if spec.max_args is None:
                expected = msg("model.formula.args_at_least", k=spec.min_args)
            elif spec.min_args == spec.max_args:
                expected = msg("model.formula.args_exactly", k=spec.min_args)
            else:
                expected = msg("model.formula.args_between", a=spec.min_args, b=spec.max_args)
            raise self.error(msg("model.formula.arg_count", name=name, expected=expected,
                                 s="" if spec.min_args == spec.max_args == 1 else "s", n=n,
                                 segment=self._segment(node), at=self._column(node),
                                 signature=spec.signature))
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



_SYNTAX_REASONS = (
    (re.compile(r"^invalid syntax(?:\. Perhaps you forgot a comma\?)?$"), "model.syntax.invalid"),
    (re.compile(r"^unexpected end of formula$"), "model.syntax.end"),
    (re.compile(r"^'(?P<ch>.)' was never closed$"), "model.syntax.never_closed"),
    (re.compile(r"^unmatched '(?P<ch>.)'$"), "model.syntax.unmatched"),
    (re.compile(r"^closing parenthesis '(?P<ch>.)' does not match opening parenthesis '(?P<open>.)'"),
     "model.syntax.mismatch"),
    (re.compile(r"^invalid decimal literal$"), "model.syntax.decimal"),
    (re.compile(r"^invalid character '(?P<ch>.)' \((?P<code>U\+[0-9A-F]+)\)$"), "model.syntax.character"),
)


def _reason(reason: str) -> Text | str:
    """Python's parser message in the current language (unknown ones stay as Python wrote them)."""
    for pattern, key in _SYNTAX_REASONS:
        m = pattern.match(reason)
        if m:
            if key == "model.syntax.character" and m["ch"] in _LOOKALIKES:
                return msg("model.syntax.lookalike", ch=m["ch"], code=m["code"], ascii=_LOOKALIKES[m["ch"]])
            return msg(key, **m.groupdict())
    return reason


def _syntax_message(text: str, exc: SyntaxError, original: str | None = None) -> Text:
    reason = exc.msg or "invalid syntax"
    lineno = exc.lineno or 1
    lines = text.splitlines() or [""]
    offset = exc.offset
    if not offset or lineno > len(lines) or offset > len(lines[min(lineno, len(lines)) - 1]):
        reason = "unexpected end of formula" if reason == "invalid syntax" else reason
        lineno = len(lines)
        offset = len(lines[-1]) + 1
    return msg("model.formula.invalid", formula=_short(original or text), reason=_reason(reason),
               at=_at(lineno, offset, len(lines)))
