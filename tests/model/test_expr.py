"""Tests for cba.model.expr, the safe vectorised formula language."""
from __future__ import annotations

import ast
import dataclasses
import math
import pickle
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import cba.model.expr as expr_module
from cba.errors import InputError
from cba.model.expr import FUNCTIONS, MAX_DEPTH, MAX_LENGTH, MAX_NODES, compile_expr, is_valid_name

WHERE = "flows.staff.formula"
SOURCE = "data/m.yaml"

# parameters (n, 1) against years (T,)
A = np.array([[1.5], [-2.0], [3.25]])
B = np.array([0.5, 2.0, -4.0, 7.0])
C = 1.75
ENV = {"a": A, "b": B, "c": C}


def ev(text, env=None, **kw):
    return compile_expr(text, **kw)(ENV if env is None else env)


def assert_rejected(text, *fragments, known=None):
    """compile_expr raises InputError naming the source, the field and each fragment."""
    with pytest.raises(InputError) as info:
        compile_expr(text, known=known, where=WHERE, source=SOURCE)
    msg = str(info.value)
    assert msg.startswith(f"{SOURCE}: {WHERE}: "), msg
    assert info.value.where == WHERE and info.value.source == SOURCE
    for fragment in fragments:
        assert fragment in msg, (fragment, msg)
    return msg


# --- arithmetic and precedence ------------------------------------------------

ARITHMETIC = [
    ("a + b * c", lambda a, b, c: a + b * c),
    ("(a + b) * c", lambda a, b, c: (a + b) * c),
    ("a - b - c", lambda a, b, c: (a - b) - c),
    ("a - (b - c)", lambda a, b, c: a - (b - c)),
    ("a / b / c", lambda a, b, c: (a / b) / c),
    ("a * b / c * a", lambda a, b, c: ((a * b) / c) * a),
    ("a // b", lambda a, b, c: np.floor_divide(a, b)),
    ("a % b", lambda a, b, c: np.mod(a, b)),
    ("-a ** 2", lambda a, b, c: -(a**2)),
    ("(-a) ** 2", lambda a, b, c: (-a) ** 2),
    ("c ** b", lambda a, b, c: np.power(c, b)),
    ("2 ** 3 ** 2", lambda a, b, c: np.float64(512.0)),
    ("c ** -1", lambda a, b, c: 1 / c),
    ("+a - -b", lambda a, b, c: a + b),
    ("a * b + c * a - b / c", lambda a, b, c: a * b + c * a - b / c),
    ("a * (1 + c) ** (b - 1)", lambda a, b, c: a * (1 + c) ** (b - 1)),
    ("a + b * c ** 2 / 4 - 1", lambda a, b, c: a + b * c**2 / 4 - 1),
    ("1e3 * a + 0.5", lambda a, b, c: 1000.0 * a + 0.5),
]


@pytest.mark.parametrize("text, oracle", ARITHMETIC)
def test_arithmetic_matches_numpy_on_broadcast_arrays(text, oracle):
    got = ev(text)
    want = np.broadcast_to(oracle(A, B, C), got.shape)
    assert got.dtype == np.float64
    assert got.shape == np.broadcast_shapes(*(np.shape(ENV[n]) for n in compile_expr(text).names))
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("text, oracle", ARITHMETIC)
def test_arithmetic_matches_python_floats_on_scalars(text, oracle):
    for a, b, c in [(1.5, 0.5, 1.75), (-2.0, 7.0, 0.25), (3.0, -4.0, 2.5)]:
        got = compile_expr(text)({"a": a, "b": b, "c": c})
        assert got.shape == ()
        # Python's own float arithmetic, as the oracle for scalars
        py = eval(text, {"__builtins__": {}}, {"a": a, "b": b, "c": c})  # test oracle only
        assert float(got) == pytest.approx(py, rel=1e-15, abs=0)


def test_floor_division_and_modulo_follow_python_signs():
    cases = [(-7.0, 2.0), (7.0, -2.0), (-7.5, -2.0), (7.0, 3.0), (-1e-20, 1.0), (5.5, 0.5)]
    for x, y in cases:
        assert float(ev("x // y", {"x": x, "y": y})) == x // y
        assert float(ev("x % y", {"x": x, "y": y})) == x % y


def test_division_by_zero_gives_ieee_values_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = ev("x / y", {"x": np.array([1.0, -1.0, 0.0]), "y": 0.0})
        assert got[0] == np.inf and got[1] == -np.inf and np.isnan(got[2])
        assert np.isnan(ev("log(x)", {"x": -1.0}))
        assert float(ev("1 / 0")) == np.inf  # folded constant, no exception
        assert np.isnan(ev("x % 0", {"x": 3.0}))


def test_three_dimensional_broadcasting():
    env = {"p": np.arange(6.0).reshape(2, 3, 1), "t": np.arange(1.0, 5.0)}
    got = ev("p * t + 1", env)
    np.testing.assert_array_equal(got, env["p"] * env["t"] + 1)
    assert got.shape == (2, 3, 4)


def test_int_and_bool_inputs_are_converted_to_float():
    got = ev("x / 2 + y", {"x": np.array([1, 2, 3]), "y": np.array([True, False, True])})
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, [1.5, 1.0, 2.5])


def test_constant_result_is_zero_dimensional_float64():
    out = ev("1 + 2 * 3")
    assert isinstance(out, np.ndarray) and out.shape == () and out.dtype == np.float64
    assert float(out) == 7.0


def test_result_never_aliases_an_input_array():
    x = np.array([1.0, 2.0])
    out = ev("x", {"x": x})
    out[0] = 99.0
    assert x[0] == 1.0


def test_large_literal_exponents_never_use_python_ints():
    assert float(ev("10 ** 400")) == np.inf  # float64 overflow, checked by the caller
    assert float(ev("2 ** 1000")) == 2.0**1000
    assert float(ev("12345678901234567890123 * 1")) == 1.2345678901234568e22


def test_long_sum_chain_is_one_level_and_evaluates():
    n = 128                                  # 128 names + 127 operators: 255 terms, deeper than MAX_DEPTH
    assert n > MAX_DEPTH and 2 * n - 1 <= MAX_NODES
    text = "+".join(["x"] * n)
    assert len(text) <= MAX_LENGTH
    assert float(ev(text, {"x": 1.0})) == n
    text = "*".join(["x"] * n)
    assert float(ev(text, {"x": 1.0})) == 1.0
    text = "-".join(["1"] * n)
    assert float(ev(text)) == 1 - (n - 1)


# --- bounded cost: terms and arguments ---------------------------------------------


def test_formula_at_the_term_cap_works_and_one_past_is_refused():
    # '-x + x + ... + x' with 128 names: 128 names + 127 '+' + 1 unary minus = 256 terms (the cap);
    # by hand its value is -x + 127 x = 126 x
    at_cap = "-x+" + "+".join(["x"] * 127)
    assert MAX_NODES == 256
    assert float(ev(at_cap, {"x": 2.0})) == 252.0
    past = "-x+" + "+".join(["x"] * 127) + "+1"          # 258 terms
    with pytest.raises(InputError) as info:
        compile_expr(past, where=WHERE, source=SOURCE)
    msg = str(info.value)
    assert msg.startswith(f"{SOURCE}: {WHERE}: formula too large: 258 terms (max 256;")


def test_function_arguments_are_capped():
    from cba.model.expr import MAX_ARGS

    assert MAX_ARGS == 64
    names = [f"a{i}" for i in range(MAX_ARGS)]
    env = {k: float(i) for i, k in enumerate(names)}
    assert float(ev(f"max({', '.join(names)})", env)) == 63.0      # max of 0..63
    assert float(ev(f"min({', '.join(names)})", env)) == 0.0
    with pytest.raises(InputError) as info:
        compile_expr(f"max({', '.join(names)}, 1)", where=WHERE, source=SOURCE)
    assert f"{SOURCE}: {WHERE}: max() takes at most 64 arguments, got 65" in str(info.value)


def test_the_issue_probe_formula_is_refused_before_evaluation():
    # issue 8: max(a*t, ...) with 390 arguments took 13 s and 6 GB; now refused at compile time
    text = "max(" + ", ".join(["a*t"] * 390) + ")"
    with pytest.raises(InputError, match=r"formula too large: 1171 terms \(max 256"):
        compile_expr(text)


# --- comparisons, logic, conditionals ----------------------------------------


@pytest.mark.parametrize(
    "op, fn",
    [("<", np.less), ("<=", np.less_equal), (">", np.greater), (">=", np.greater_equal),
     ("==", np.equal), ("!=", np.not_equal)],
)
def test_comparisons_give_one_or_zero(op, fn):
    t = np.arange(1.0, 6.0)
    got = ev(f"t {op} 3", {"t": t})
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, fn(t, 3).astype(float))


def test_comparisons_are_usable_in_arithmetic():
    t = np.arange(1.0, 6.0)
    np.testing.assert_array_equal(ev("(t > 1) + (t > 2)", {"t": t}), [0, 1, 2, 2, 2])
    np.testing.assert_array_equal(ev("-(t > 3)", {"t": t}), [0, 0, 0, -1, -1])
    np.testing.assert_array_equal(ev("(t >= 3) * 10", {"t": t}), [0, 0, 10, 10, 10])


def test_chained_comparison_is_elementwise():
    t = np.arange(0.0, 8.0)
    np.testing.assert_array_equal(ev("1 <= t <= 5", {"t": t}), ((t >= 1) & (t <= 5)).astype(float))
    np.testing.assert_array_equal(ev("1 < t < 5 != t", {"t": t}), ((t > 1) & (t < 5)).astype(float))


def test_and_or_not_are_elementwise():
    x = np.array([0.0, 0.0, 2.0, -1.0])
    y = np.array([0.0, 3.0, 0.0, 1.0])
    env = {"x": x, "y": y}
    np.testing.assert_array_equal(ev("x and y", env), [0, 0, 0, 1])
    np.testing.assert_array_equal(ev("x or y", env), [0, 1, 1, 1])
    np.testing.assert_array_equal(ev("not x", env), [1, 1, 0, 0])
    np.testing.assert_array_equal(ev("x and y or not x", env), [1, 1, 0, 1])
    np.testing.assert_array_equal(ev("x > 0 and y > 0 and x + y > 0", env), [0, 0, 0, 0])


def test_conditional_expression_is_elementwise():
    t = np.arange(1.0, 6.0)
    life = np.array([[2.0], [4.0]])
    got = ev("10 if t <= life else 0", {"t": t, "life": life})
    np.testing.assert_array_equal(got, np.where(t <= life, 10.0, 0.0))
    assert got.shape == (2, 5)


def test_conditional_evaluates_both_branches_silently():
    x = np.array([-1.0, 4.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(ev("sqrt(x) if x > 0 else 0", {"x": x}), [0.0, 2.0])


# --- functions ----------------------------------------------------------------

X = np.array([-2.5, -1.5, -0.5, 0.0, 0.5, 1.5, 2.5, 2.7])


@pytest.mark.parametrize(
    "text, want",
    [
        ("min(x, 0)", np.minimum(X, 0)),
        ("min(x, 1, -x)", np.minimum(np.minimum(X, 1), -X)),
        ("max(x, 0)", np.maximum(X, 0)),
        ("max(0, x - 1, -x - 2)", np.maximum(np.maximum(0, X - 1), -X - 2)),
        ("abs(x)", np.abs(X)),
        ("where(x > 0, x, 10)", np.where(X > 0, X, 10)),
        ("where(x, 1, 2)", np.where(X != 0, 1, 2)),
        ("clip(x, -1, 1)", np.clip(X, -1, 1)),
        ("exp(x)", np.exp(X)),
        ("log(abs(x) + 1)", np.log(np.abs(X) + 1)),
        ("log10(abs(x) + 1)", np.log10(np.abs(X) + 1)),
        ("sqrt(abs(x))", np.sqrt(np.abs(X))),
        ("floor(x)", np.floor(X)),
        ("ceil(x)", np.ceil(X)),
        ("round(x)", np.array([-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 3.0])),
        ("step(x, 0.5)", (X >= 0.5).astype(float)),
        ("between(x, -0.5, 1.5)", ((X >= -0.5) & (X <= 1.5)).astype(float)),
        ("growth(0.1, x)", 1.1 ** (X - 1)),
        ("growth(0.1, x, -2)", 1.1 ** (X + 2)),
    ],
)
def test_functions(text, want):
    got = ev(text, {"x": X})
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, want, rtol=1e-15, atol=0)


def test_every_function_is_tested_and_documented():
    tested = {"min", "max", "abs", "where", "clip", "exp", "log", "log10", "sqrt", "floor",
              "ceil", "round", "step", "between", "growth"}
    assert set(FUNCTIONS) == tested
    for name, spec in FUNCTIONS.items():
        assert spec.name == name
        assert f"``{spec.signature.split('(')[0]}(" in expr_module.__doc__, name


def test_round_is_half_away_from_zero_and_exact_near_ties():
    x = np.array([0.49999999999999994, -0.49999999999999994, 1.5, -1.5, 2.5, 1e16 + 2, 2.4999])
    np.testing.assert_array_equal(ev("round(x)", {"x": x}), [0.0, -0.0, 2.0, -2.0, 3.0, 1e16 + 2, 2.0])


def test_clip_with_array_bounds_and_growth_broadcast():
    got = ev("clip(t, lo, hi)", {"t": np.arange(5.0), "lo": np.array([[1.0], [2.0]]), "hi": 3.0})
    np.testing.assert_array_equal(got, [[1, 1, 2, 3, 3], [2, 2, 2, 3, 3]])
    got = ev("growth(g, year, 2025)", {"g": np.array([[0.0], [0.5]]), "year": np.array([2025, 2026, 2027])})
    np.testing.assert_allclose(got, [[1, 1, 1], [1, 1.5, 2.25]])


def test_functions_on_constants_are_folded():
    e = compile_expr("max(1, 2) * where(1 < 2, 3, 4) + round(2.5)")
    assert e.is_constant and float(e({})) == 9.0


def test_functions_table_is_read_only():
    with pytest.raises(TypeError):
        FUNCTIONS["eval"] = FUNCTIONS["abs"]  # type: ignore[index]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("min(x)", "min() takes at least 2 arguments, got 1"),
        ("max()", "max() takes at least 2 arguments, got 0"),
        ("abs()", "abs() takes 1 argument, got 0"),
        ("abs(x, 1)", "abs() takes 1 argument, got 2"),
        ("where(x, 1)", "where() takes 3 arguments, got 2"),
        ("clip(x, 1)", "clip() takes 3 arguments, got 2"),
        ("exp(x, 1)", "exp() takes 1 argument, got 2"),
        ("log(x, 10)", "log() takes 1 argument, got 2"),
        ("log10()", "log10() takes 1 argument, got 0"),
        ("sqrt(x, x)", "sqrt() takes 1 argument, got 2"),
        ("floor()", "floor() takes 1 argument, got 0"),
        ("ceil(x, 1)", "ceil() takes 1 argument, got 2"),
        ("round(x, 2)", "round() takes 1 argument, got 2"),
        ("step(x)", "step() takes 2 arguments, got 1"),
        ("between(x, 1)", "between() takes 3 arguments, got 2"),
        ("growth(x)", "growth() takes 2 to 3 arguments, got 1"),
        ("growth(x, 1, 2, 3)", "growth() takes 2 to 3 arguments, got 4"),
    ],
)
def test_function_arity_is_checked(text, expected):
    assert_rejected(text, expected, "write ")


# --- names ----------------------------------------------------------------------


def test_names_are_the_free_variables_only():
    e = compile_expr("where(t <= life, n_posts * om_cost, 0) + max(0, staff_freed - 1) * growth(g, t)")
    assert e.names == frozenset({"t", "life", "n_posts", "om_cost", "staff_freed", "g"})
    assert not e.is_constant
    assert compile_expr("2 * (3 + 4)").names == frozenset()


def test_a_variable_may_share_a_function_name():
    e = compile_expr("growth * max(t, 1)", known={"growth", "t"})
    assert e.names == {"growth", "t"}
    assert float(e({"growth": 2.0, "t": 3.0})) == 6.0


def test_unknown_name_suggests_the_closest_known_name():
    msg = assert_rejected(
        "kiosk_prise * 2", "unknown name 'kiosk_prise' (did you mean 'kiosk_price'?)",
        "known names: kiosk_price, t, year", known=["kiosk_price", "t", "year"],
    )
    assert msg == (f"{SOURCE}: {WHERE}: unknown name 'kiosk_prise' (did you mean 'kiosk_price'?); "
                   "known names: kiosk_price, t, year")


def test_unknown_name_case_insensitive_and_without_suggestion():
    assert_rejected("Kiosk_Price", "did you mean 'kiosk_price'?", known=["kiosk_price"])
    msg = assert_rejected("zzz", "unknown name 'zzz'; known names: a, b", known=["a", "b"])
    assert "did you mean" not in msg
    assert_rejected("x", "known names: (none)", known=[])


def test_unknown_name_that_is_a_function_gets_a_hint():
    assert_rejected("log * 2", "'log' is a function: write log(x)", known=["t"])


def test_long_known_list_is_truncated():
    known = [f"p{i:03d}" for i in range(100)]
    msg = assert_rejected("zzzz", "... (70 more)", known=known)
    assert "p099" not in msg


def test_known_accepts_any_collection():
    for known in (["x"], ("x",), {"x"}, frozenset({"x"}), {"x": 1}.keys()):
        assert compile_expr("2 * x", known=known).names == {"x"}


def test_is_valid_name():
    assert is_valid_name("kiosk_price") and is_valid_name("t") and is_valid_name("价格")
    for bad in ("_x", "__import__", "if", "lambda", "True", "1x", "a b", "", None, 3):
        assert not is_valid_name(bad)


# --- evaluation errors ------------------------------------------------------------


def test_missing_value_names_the_field():
    e = compile_expr("a * b", where=WHERE, source=SOURCE)
    with pytest.raises(InputError, match=f"^{SOURCE}: {WHERE}: no value given for name 'b'"):
        e({"a": 1.0})


def test_non_numeric_value_names_the_field():
    e = compile_expr("a * 2", where=WHERE, source=SOURCE)
    with pytest.raises(InputError, match=f"^{SOURCE}: {WHERE}: value of 'a' is not numeric"):
        e({"a": "ten"})


def test_runtime_exponent_bound():
    e = compile_expr("(1 + g) ** (year - 1)", where=WHERE, source=SOURCE)
    with pytest.raises(InputError) as info:
        e({"g": 0.1, "year": np.array([2020.0, 2025.0])})
    msg = str(info.value)
    assert msg.startswith(f"{SOURCE}: {WHERE}: exponent too large (max 1000)")
    assert "reaches 2024" in msg
    assert float(e({"g": 0.0, "year": 1001.0})) == 1.0  # |exponent| == 1000 is allowed
    assert np.isnan(e({"g": 0.1, "year": np.nan}))  # NaN is left to the finiteness check


def test_runtime_exponent_bound_in_growth():
    e = compile_expr("growth(g, year)", where=WHERE, source=SOURCE)
    with pytest.raises(InputError, match="exponent too large \\(max 1000\\)"):
        e({"g": 0.1, "year": np.array([2025.0])})
    np.testing.assert_allclose(compile_expr("growth(g, year, 2024)")({"g": 0.1, "year": 2025.0}), 1.1)


@pytest.mark.parametrize("text", ["x ** 1001", "x ** -2000", "2 ** 3 ** 7", "9**9**9**9", "growth(0.1, 5000)",
                                  "x ** (500 * 3)"])
def test_literal_exponents_are_checked_at_compile_time(text):
    assert_rejected(text, "exponent too large (max 1000)")


# --- rejections -------------------------------------------------------------------

REJECTIONS = [
    ("x.__class__", "attribute access is not allowed"),
    ("x.real", "attribute access is not allowed"),
    ("x[0]", "subscripts are not allowed"),
    ("x[1:2]", "subscripts are not allowed"),
    ("foo(x)", "function 'foo' is not allowed"),
    ("mx(x, 1)", "did you mean 'max'?"),
    ("sum(x)", "function 'sum' is not allowed"),
    ("(f)(x)", "not allowed"),
    ("(max)(x, 1)", "calling a parenthesised expression is not allowed"),
    ("(1)(2)", "calling anything but a function name is not allowed"),
    ("x.y()", "calling anything but a function name is not allowed"),
    ("exp(x)(1)", "calling anything but a function name is not allowed"),
    ("max(x, b=1)", "keyword arguments are not allowed"),
    ("max(x, **y)", "**kwargs are not allowed"),
    ("max(*x)", "starred arguments (*args) are not allowed"),
    ("lambda: 1", "lambda is not allowed"),
    ("[x for x in y]", "comprehensions are not allowed"),
    ("{x for x in y}", "comprehensions are not allowed"),
    ("{x: 1 for x in y}", "comprehensions are not allowed"),
    ("max(x for x in y)", "comprehensions are not allowed"),
    ("'a'", "strings are not allowed"),
    ("b'a'", "bytes are not allowed"),
    ("f'{x}'", "f-strings are not allowed"),
    ("(y := 1)", "assignment ':=' is not allowed"),
    ("[1, 2]", "lists are not allowed"),
    ("(1, 2)", "tuples are not allowed"),
    ("{1, 2}", "sets are not allowed"),
    ("{1: 2}", "dicts are not allowed"),
    ("_x + 1", "names starting with '_' are not allowed"),
    ("__import__('os')", "names starting with '_' are not allowed"),
    ("...", "'...' is not allowed"),
    ("None", "'None' is not allowed"),
    ("True + 1", "'True' is not allowed"),
    ("False", "write 1 or 0"),
    ("2j", "complex numbers are not allowed"),
    ("1e999", "numbers this large are not allowed"),
    ("await x", "await is not allowed"),
    ("(1 + g) ^ t", "operator '^' is not allowed", "use ** for powers"),
    ("a & b", "operator '&' is not allowed"),
    ("a | b", "operator '|' is not allowed"),
    ("a << 1", "operator '<<' is not allowed"),
    ("a >> 1", "operator '>>' is not allowed"),
    ("a @ b", "operator '@' is not allowed"),
    ("~a", "operator '~' is not allowed"),
    ("a is b", "operator 'is' is not allowed"),
    ("a is not b", "operator 'is not' is not allowed"),
    ("a in b", "operator 'in' is not allowed"),
    ("a not in b", "operator 'not in' is not allowed"),
    ("", "empty formula"),
    ("   ", "empty formula"),
    ("a\x00", "null character"),
]


@pytest.mark.parametrize("case", REJECTIONS, ids=lambda c: repr(c[0]))
def test_rejections_name_the_construct_field_and_source(case):
    text, *fragments = case
    assert_rejected(text, *fragments)


def test_rejection_quotes_the_offending_piece_and_column():
    assert_rejected("a + x.real", "'x.real' at column 5")
    assert_rejected("1 + 价格.real", "'价格.real' at column 5")  # columns count characters, not bytes


@pytest.mark.parametrize("value", [True, None, [1, 2], {"a": 1}, b"1", float("nan"), float("inf"), 10**400])
def test_bad_text_types(value):
    assert_rejected(value, "expected a")


@pytest.mark.parametrize("value, text", [(3, "3"), (0.25, "0.25"), (np.float64(1.5), "1.5"), (-7, "-7")])
def test_numbers_are_constants(value, text):
    e = compile_expr(value)
    assert e.is_constant and e.names == frozenset() and e.text == text
    assert float(e({})) == float(value)


def test_length_cap():
    text = "x + " * (MAX_LENGTH // 4) + "x"
    assert len(text) > MAX_LENGTH
    assert_rejected(text, f"formula too long ({len(text)} characters, max {MAX_LENGTH})")
    long_name = "x" * 1990                                  # 1,997 characters, 3 terms: fine
    assert compile_expr(f"{long_name} + 1234").names == {long_name}


def test_nesting_caps():
    ok = "(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH
    assert compile_expr(ok).names == {"x"}
    deep = "(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1)
    assert_rejected(deep, f"nested too deeply (max {MAX_DEPTH} levels)")
    assert_rejected("-" * 100 + "x", f"nested too deeply (max {MAX_DEPTH} levels)")
    assert_rejected("not " * 100 + "x", f"nested too deeply (max {MAX_DEPTH} levels)")
    assert_rejected("abs(" * 70 + "x" + ")" * 70, "nested too deeply")
    assert_rejected("x**" * 80 + "x", "nested too deeply")
    assert compile_expr("abs(" * 30 + "x" + ")" * 30).names == {"x"}


@pytest.mark.parametrize(
    "text, fragments",
    [
        ("n_posts *", ["invalid formula 'n_posts *': unexpected end of formula at column 10"]),
        ("a * (b", ["invalid formula 'a * (b': '(' was never closed at column 5"]),
        ("a b", ["invalid formula 'a b': invalid syntax at column 3"]),
        ("a <> b", ["invalid formula 'a <> b'", "at column 3"]),
        ("x = 1", ["invalid formula 'x = 1'", "at column"]),
        ("a +\nb", ["invalid formula", "line "]),
        ("=a*b", ["invalid formula '=a*b'", "column 1"]),
    ],
)
def test_syntax_errors(text, fragments):
    assert_rejected(text, *fragments)


HOSTILE = [
    "__import__('os').system('x')",
    "__import__",
    "().__class__.__bases__",
    "().__class__.__bases__[0].__subclasses__()",
    "open('x')",
    "open",
    "[x for x in ()]",
    "lambda: 1",
    "x.real",
    '"a"',
    "9**9**9**9",
    "9**9**9",
    "10**10**10",
    "(" * 10_000 + ")" * 10_000,
    "(" * 10_000 + "1" + ")" * 10_000,
    "(" * 500 + "1" + ")" * 500,
    "[" * 500 + "]" * 500,
    "-" * 1_999 + "1",
    "-" * 100_000 + "1",
    "not " * 499 + "1",
    "abs(" * 300 + "1" + ")" * 300,
    "1" + "**1" * 900,
    "(1)(2)",
    "eval('1')",
    "exec('1')",
    "compile('1', '', 'eval')",
    "getattr(x, 'y')",
    "globals()",
    "vars()",
    "breakpoint()",
    "type(x)",
    "max.__call__(1, 2)",
    "max.__globals__",
    "abs.__self__",
    "where.__code__",
    "(lambda: 1)()",
    "x if x else __builtins__",
    "max(__builtins__, 1)",
    "1 + (yield)",
    "[*x]",
    "{**x}",
    "x; y",
    "import os",
    "exec",
    "1 if 1 else 2 if " * 200 + "0",
    "\x00",
    "a" * 5000,
    "1" * 5000,
    "max(" + ", ".join(["x"] * 2000) + ")",
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda s: repr(s[:40]))
def test_hostile_formulas_raise_input_error(text):
    with pytest.raises(InputError) as info:
        compile_expr(text, known=["x", "y", "a"], where=WHERE, source=SOURCE)
    assert str(info.value).startswith(f"{SOURCE}: {WHERE}: ")


def test_the_module_never_evaluates_text():
    """No call of eval/exec/compile/__import__/getattr anywhere in the formula language's modules."""
    import cba.model.compiler as compiler_module
    import cba.model.functions as functions_module

    forbidden = {"eval", "exec", "compile", "__import__", "getattr", "setattr", "globals", "vars"}
    bad = []
    for module in (expr_module, compiler_module, functions_module):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        bad += [
            n.func.id
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in forbidden
        ]
    # the one getattr is the visitor dispatch on the node's class name
    assert bad == ["getattr"], bad


# --- the Expr object ----------------------------------------------------------------


def test_expr_is_frozen_hashable_and_picklable():
    e = compile_expr("a * (1 + g) ** t", where=WHERE, source=SOURCE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.text = "1"  # type: ignore[misc]
    assert e == compile_expr("a * (1 + g) ** t") and hash(e) == hash(compile_expr("a * (1 + g) ** t"))
    assert repr(e) == "Expr('a * (1 + g) ** t')"
    f = pickle.loads(pickle.dumps(e))
    assert f == e and f.where == WHERE and f.source == SOURCE
    env = {"a": A, "g": 0.05, "t": B}
    np.testing.assert_array_equal(f(env), e(env))


def test_text_is_stripped():
    assert compile_expr("  a + 1\n").text == "a + 1"


def test_evaluation_is_repeatable_and_pure():
    e = compile_expr("max(0, staff_freed - 1) * staff_cost")
    env = {"staff_freed": np.array([[0.5], [3.0]]), "staff_cost": np.array([1.0, 2.0])}
    first = e(env)
    np.testing.assert_array_equal(e(env), first)
    np.testing.assert_array_equal(env["staff_freed"], [[0.5], [3.0]])


# --- property tests -------------------------------------------------------------------

_small = st.floats(min_value=-100, max_value=100, allow_nan=False, allow_infinity=False, width=64)


def _tree(leaf, ops):
    def extend(children):
        return st.one_of(
            st.builds(lambda a, op, b: f"({a} {op} {b})", children, st.sampled_from(ops), children),
            st.builds(lambda a, op, b: f"{a} {op} {b}", children, st.sampled_from(ops), children),
            st.builds(lambda a: f"-({a})", children),
        )

    return st.recursive(leaf, extend, max_leaves=25)


_literal = _small.map(repr)


@settings(max_examples=300, deadline=None)
@given(_tree(_literal, ["+", "-", "*"]))
def test_random_arithmetic_matches_python_floats(text):
    want = eval(text, {"__builtins__": {}}, {})  # test oracle only: Python's own float arithmetic
    got = compile_expr(text)
    assert got.is_constant
    assert float(got({})) == want or (math.isnan(want) and np.isnan(got({})))


@settings(max_examples=300, deadline=None)
@given(_tree(_literal, ["+", "-", "*", "/", "//", "%"]))
def test_random_arithmetic_with_division_matches_python_floats(text):
    try:
        want = eval(text, {"__builtins__": {}}, {})  # test oracle only
    except (ZeroDivisionError, OverflowError):
        assume(False)
    got = float(compile_expr(text)({}))
    assume(math.isfinite(want))
    assert got == want


@settings(max_examples=150, deadline=None)
@given(
    _tree(st.one_of(_literal, st.sampled_from(["x", "y"])), ["+", "-", "*"]),
    st.lists(_small, min_size=1, max_size=4),
    st.lists(_small, min_size=1, max_size=4),
)
def test_random_arithmetic_on_broadcast_arrays_matches_python_elementwise(text, xs, ys):
    e = compile_expr(text, known={"x", "y"})
    x = np.array(xs).reshape(-1, 1)
    y = np.array(ys)
    got = np.broadcast_to(e({"x": x, "y": y}), (len(xs), len(ys)))
    for i, xv in enumerate(xs):
        for j, yv in enumerate(ys):
            want = eval(text, {"__builtins__": {}}, {"x": xv, "y": yv})  # test oracle only
            assert got[i, j] == want or (math.isnan(want) and math.isnan(got[i, j]))


# -- full-width characters typed by Chinese input methods (issue 9) -------------------------------
@pytest.mark.parametrize("text, expected", [
    ("max（a，b）", 2.0),                  # full-width parentheses and comma
    ("ａ＋ｂ＊２", 1.0 + 2.0 * 2),            # full-width letters, plus, star, digit
    ("（a－b）／４", (1.0 - 2.0) / 4),       # full-width minus, slash
    ("where(a＜b，１．５，0)", 1.5),          # full-width less-than, full stop (a decimal point)
    ("a　＝＝　1", 1.0),                    # ideographic spaces around a full-width ==
])
def test_full_width_ascii_forms_are_read_as_half_width(text, expected):
    e = compile_expr(text, known={"a", "b"})
    assert float(e({"a": 1.0, "b": 2.0})) == expected
    assert e.text == text                  # the formula is kept as written
    assert e.names <= {"a", "b"}


def test_a_power_written_with_caret_is_refused_at_the_caret_column_with_the_formula_in_stars():
    # "(1 + g) ^ t": ( 1 space + space g ) space ^  -> the caret is character 9 (ast places the
    # operation at its left operand, column 1, which is what was reported before)
    assert_rejected("(1 + g) ^ t", "operator '^' is not allowed", "at column 9",
                    "use ** for powers: '(1 + g) ** t'")
    # "a*b ^ 2": a * b space ^ -> column 5. Python parses (a*b) ^ 2, so the whole formula is quoted;
    # replacing ^ by ** textually keeps what an Excel user meant, a*(b^2) = a*b**2
    assert_rejected("a*b ^ 2", "'a*b ^ 2' at column 5", "'a*b ** 2'")
    # full-width characters before the caret count one column each: m a x （ a ， b ） space ^ -> 10
    assert_rejected("max（a，b） ^ 2", "at column 10")
    # a full-width caret is a caret: （ 1 ＋ g ） ＾ -> column 6; the quote keeps what was typed
    assert_rejected("（1＋g）＾t", "'（1＋g）＾t' at column 6")
    # other refused binary operators point at themselves too: a space & -> column 3
    assert_rejected("a & b", "operator '&' is not allowed", "at column 3")
    # and comparisons: 'x < y is z': x space < space y space i -> column 7
    assert_rejected("x < y is z", "operator 'is' is not allowed", "at column 7")


def test_characters_without_a_full_width_form_name_the_half_width_one_to_type():
    # 'a × b': a space × -> column 3
    assert_rejected("a × b", "invalid character '×' (U+00D7, type '*' instead) at column 3")
    from cba.i18n import use_lang

    with pytest.raises(InputError) as info:
        compile_expr("a × b")
    with use_lang("zh"):
        assert str(info.value) == "公式 'a × b' 有误：不能使用字符 '×'（U+00D7，请改用半角字符 '*'），位于第 3 列"


def test_formula_messages_in_chinese_and_english():
    from cba.i18n import use_lang

    cases = [
        ("(1 + g) ^ t", "公式中不允许使用运算符 '^'：'(1 + g) ^ t'，位于第 9 列（乘方请写 **：'(1 + g) ** t'）",
         "operator '^' is not allowed in formulas: '(1 + g) ^ t' at column 9 (use ** for powers: '(1 + g) ** t')"),
        ("kiosk_prise * 2", "未知名称 'kiosk_prise'（是否应为 'kiosk_price'？）；可用的名称：kiosk_price、t",
         "unknown name 'kiosk_prise' (did you mean 'kiosk_price'?); known names: kiosk_price, t"),
        ("min(kiosk_price)", "min() 应有至少 2 个参数，实际为 1 个：'min(kiosk_price)'，位于第 1 列（应写作 min(a, b, ...)）",
         "min() takes at least 2 arguments, got 1: 'min(kiosk_price)' at column 1 (write min(a, b, ...))"),
        ("t * (kiosk_price", "公式 't * (kiosk_price' 有误：'(' 没有对应的右括号，位于第 5 列",
         "invalid formula 't * (kiosk_price': '(' was never closed at column 5"),
        ("", "公式为空", "empty formula"),
    ]
    for text, zh, en in cases:
        with pytest.raises(InputError) as info:
            compile_expr(text, known={"kiosk_price", "t"})
        assert info.value.render("zh") == zh
        assert info.value.render("en") == en
        with use_lang("zh"):
            assert str(info.value) == zh
