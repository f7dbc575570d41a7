"""Report parameters: declared names only, JSON values only, strings intact; no kernel runs here."""
from __future__ import annotations

import ast
import json
import math
from pathlib import Path

import nbformat
import pytest

from cba.cli import main
from cba.report.errors import ParameterError, TemplateError
from cba.report.params import (RESERVED, Declared, check_parameters, inject_parameters, load_template, parse_cli,
                               template_parameters)

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "notebooks" / "appraisal.ipynb"

TRICKY = [
    'say "hi"', "it's", 'triple """ and \'\'\'', "line 1\nline 2\r\nline 3", "back\\slash\\", "\\n is not a newline",
    "trailing backslash \\", '\\"', "闵行区“移动岗亭”购置项目", "emoji 😀 and tab\t", "{braces} %s {0}",
    '"; import os; os.system("echo pwned"); x = "', "\u2028line separator\u2029", "",
]


def write_template(path: Path, params: str | None, cells: list[str] = ()) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if params is not None:
        c = nbformat.v4.new_code_cell(params)
        c.metadata["tags"] = ["parameters"]
        nb.cells.append(c)
    nb.cells += [nbformat.v4.new_code_cell(src) for src in cells]
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def declared():
    return template_parameters(TEMPLATE)


def test_the_template_declares_its_parameters(declared):
    assert list(declared) == ["model_path", "lang", "option", "scenario", "overrides", "n_draws", "seed", "sampling",
                              "decision", "title", "organisation", "provenance"]
    assert declared["seed"].type == "int" and declared["seed"].default_value == 2025
    assert declared["title"].type == "str" and declared["option"].type is None
    assert declared["overrides"].type == "dict" and declared["decision"].type == "dict"
    assert set(RESERVED) <= set(declared)


def test_template_has_exactly_one_parameters_cell_and_no_logic():
    nb = nbformat.read(TEMPLATE, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    code = [c for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
    setup, sections = code[0], code[1:]
    assert "AppraisalReport(" in setup.source
    for c in sections:   # every section is one library call the tests reach
        assert c.source.strip().startswith("report.") and c.source.strip().count("\n") == 0, c.source
        assert c.id, "cells carry ids so errors can name them"


@pytest.mark.parametrize("value", TRICKY, ids=range(len(TRICKY)))
def test_strings_come_through_intact(value, declared):
    checked = check_parameters({"title": value, "organisation": value}, declared, reserved=RESERVED)
    nb = load_template(TEMPLATE)
    inject_parameters(nb, checked)
    cell = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    tree = ast.parse(cell.source)
    assert all(isinstance(node, ast.Assign) for node in tree.body)   # one plain assignment per name
    got = {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body}
    assert got == {"title": value, "organisation": value}


def test_nested_json_values_come_through(declared):
    overrides = {"kiosk_price": 15, "discount_rate": [[0, 0.035], [31, 0.03]], "note": {"中文": [None, True, 1e-300]}}
    checked = check_parameters({"overrides": overrides, "n_draws": 10, "decision": {"max_loss_probability": 1}},
                               declared)
    nb = inject_parameters(load_template(TEMPLATE), checked)
    src = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])).source
    ns: dict = {}
    exec(compile(src, "<injected>", "exec"), {}, ns)   # what the kernel runs
    assert ns["overrides"] == overrides and ns["n_draws"] == 10 and ns["decision"] == {"max_loss_probability": 1}
    assert nb.metadata["papermill"]["parameters"]["overrides"] == overrides


@pytest.mark.parametrize("name,value,words", [
    ("kiosk_price", 3, "unknown report parameter 'kiosk_price'"),
    ("titel", "x", "did you mean 'title'?"),
    ("1x", 1, "'1x' is not a parameter name"),
    ("a b", 1, "'a b' is not a parameter name"),
    ("x;import os", 1, "is not a parameter name"),
    ("class", 1, "'class' is not a parameter name"),
    ("__import__", 1, "unknown report parameter"),
    ("model_path", "/etc/passwd", "set by the report runner itself"),
    ("provenance", {}, "set by the report runner itself"),
    ("lang", "en", "set by the report runner itself"),
    ("title", b"bytes", "expected a JSON value"),
    ("option", {"a", "b"}, "expected a JSON value"),
    ("option", ("a", "b"), "got tuple"),
    ("option", object(), "got object"),
    ("option", 1j, "got complex"),
    ("overrides", {1: 2}, "dict keys must be strings"),
    ("overrides", {"kiosk_price": float("nan")}, "parameters.overrides['kiosk_price']: expected a finite number"),
    ("overrides", {"x": [1, {2}]}, "parameters.overrides['x'][1]"),
    ("decision", {"max_loss_probability": float("inf")}, "expected a finite number"),
    ("n_draws", "100", "expected int (declared default 10000), got str '100'"),
    ("n_draws", 10.5, "expected int"),
    ("n_draws", True, "expected int"),
    ("n_draws", None, "got null"),
    ("decision", False, "expected dict"),
    ("title", 7, "expected str"),
    ("overrides", [], "expected dict"),
])
def test_bad_parameters_are_refused_by_name(declared, name, value, words):
    with pytest.raises(ParameterError) as exc:
        check_parameters({name: value}, declared, reserved=RESERVED)
    assert words in str(exc.value)
    assert "parameters." in str(exc.value) or "is not a parameter name" in str(exc.value)


def test_parse_cli(declared):
    got = parse_cli(['title=He said "hi" \\ 中文', "organisation=", "n_draws=500", "seed=7",
                     'overrides={"kiosk_price": 15}', "option=kiosk", "scenario=null",
                     'decision={"max_loss_probability": 0.2}'], declared, reserved=RESERVED)
    assert got == {"title": 'He said "hi" \\ 中文', "organisation": "", "n_draws": 500, "seed": 7,
                   "overrides": {"kiosk_price": 15}, "option": "kiosk", "scenario": None,
                   "decision": {"max_loss_probability": 0.2}}
    assert parse_cli(["title=1 = 2"], declared)["title"] == "1 = 2"   # split on the first '=' only
    for bad, words in [(["n_draws=many"], "-p n_draws: expected int written as JSON"),
                       (["overrides=kiosk_price=3"], "-p overrides"),
                       (["seed=1.5"], "parameters.seed: expected int"),
                       (["seed"], "expected name=value"),
                       (["=3"], "expected name=value")]:
        with pytest.raises(ParameterError, match=words.replace("(", r"\(")):
            parse_cli(bad, declared)


def test_unknown_type_takes_json_or_text():
    d = {"x": Declared("x", None, "None")}
    assert parse_cli(["x=[1, 2]"], d) == {"x": [1, 2]}
    assert parse_cli(["x=plain text"], d) == {"x": "plain text"}
    assert parse_cli(["x=NaN"], d) == {"x": "NaN"}            # NaN is not JSON: text
    with pytest.raises(ParameterError, match="expected float written as JSON"):
        parse_cli(["p=NaN"], {"p": Declared("p", "float", "0.1")})
    with pytest.raises(ParameterError, match="finite"):
        check_parameters({"x": math.nan}, d)


def test_template_without_parameters_cell_is_an_error(tmp_path):
    t = write_template(tmp_path / "t.ipynb", None, ["print(1)"])
    with pytest.raises(TemplateError, match="no cell tagged 'parameters'"):
        template_parameters(t)
    with pytest.raises(TemplateError, match="no such template"):
        template_parameters(tmp_path / "missing.ipynb")
    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    with pytest.raises(TemplateError, match="not a readable notebook"):
        template_parameters(tmp_path / "broken.ipynb")


def test_template_must_declare_model_path(tmp_path, kiosk_path):
    import cba

    t = write_template(tmp_path / "t.ipynb", "x = 1")
    with pytest.raises(TemplateError, match="must declare model_path"):
        cba.render_report(kiosk_path, tmp_path / "out", template=t)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args,words", [
    (["-p", "kiosk_price=3"], "parameters.kiosk_price: unknown report parameter 'kiosk_price'"),
    (["-p", "n_draws=lots"], "-p n_draws: expected int"),
    (["-p", "seed=1.5"], "parameters.seed: expected int"),
    (["-p", "1x=1"], "'1x' is not a parameter name"),
    (["-p", "model_path=/etc/passwd"], "parameters.model_path"),
    (["-p", "option=kiosks"], "parameters.option: unknown option 'kiosks' (did you mean 'kiosk'?)"),
    (["-p", "scenario=worst"], "parameters.scenario: unknown scenario 'worst'"),
    (["--set", "kiosk_prise=3"], "parameters.overrides.kiosk_prise: unknown parameter 'kiosk_prise'"),
    (["-p", 'overrides={"kiosk_price": "cheap"}'], "parameters.overrides.kiosk_price: expected a number"),
    (["-p", "n_draws=-5"], "parameters.n_draws: expected a whole number >= 0"),
    (["--format", "html,odt"], "unknown format 'odt'"),
    (["--template", "{tmp}/none.ipynb"], "no such template"),
    (["--template", "{tmp}/noparams.ipynb"], "no cell tagged 'parameters'"),
    (["-p", "title=page\x0cbreak"], "parameters.title: text contains the control character '\\x0c'"),
    (["-p", 'overrides={"kiosk_price": 15, "x\\u0000": 1}'], "parameters.overrides: text contains the control"),
    (["--timeout", "0"], "--timeout: expected a number of seconds > 0"),
    (["--timeout", "-5"], "--timeout: expected a number of seconds > 0"),
    (["--format", ""], "--format: expected at least one of html, pdf, docx"),
    (["--format", " , "], "--format: expected at least one of html, pdf, docx"),
])
def test_cli_bad_input_exits_2_naming_it_and_writes_nothing(tmp_path, kiosk_path, capsys, args, words):
    write_template(tmp_path / "noparams.ipynb", None, ["print(1)"])
    out = tmp_path / "out"
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code = main(["report", str(kiosk_path), "--out", str(out), *args])
    err = capsys.readouterr().err
    assert code == 2, err
    assert words in err
    assert "Traceback" not in err
    assert not out.exists()


def test_cli_bad_model_exits_2(tmp_path, capsys):
    p = tmp_path / "bad.yaml"
    p.write_text("name: x\nhorizon: ten\ndiscount_rate: 0.08\nparameters: {}\noptions: {o: {flows: []}}\n",
                 encoding="utf-8")
    assert main(["report", str(p), "--out", str(tmp_path / "out")]) == 2
    assert f"{p}: horizon" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_reproduce_rejects_other_json(tmp_path, capsys):
    p = tmp_path / "x.json"
    p.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    assert main(["reproduce", str(p)]) == 2
    assert "not a cba report provenance file" in capsys.readouterr().err
    assert main(["reproduce", str(tmp_path / "missing.json")]) == 2


@pytest.mark.parametrize("where", ["file", "under-file", "/proc/nope"])
def test_cli_bad_out_dir_exits_2_before_any_kernel(tmp_path, kiosk_path, capsys, monkeypatch, where):
    import cba.report.execute

    def boom(*a, **k):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(cba.report.execute, "execute_template", boom)
    (tmp_path / "f.txt").write_text("x")
    out = {"file": str(tmp_path / "f.txt"), "under-file": str(tmp_path / "f.txt" / "sub"),
           "/proc/nope": "/proc/nope"}[where]
    code = main(["report", str(kiosk_path), "--out", out, "--format", "html"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "--out" in err and "internal error" not in err and "Traceback" not in err
    assert (tmp_path / "f.txt").read_text() == "x"


def test_control_characters_refused_by_check_parameters(declared):
    with pytest.raises(ParameterError, match="parameters.title: text contains the control character"):
        check_parameters({"title": "a\x0cb"}, declared)
    assert check_parameters({"title": "a\nb\tc"}, declared) == {"title": "a\nb\tc"}


def test_default_template_ships_inside_the_package():
    import os

    import cba.report
    from cba.report.render import DEFAULT_TEMPLATE

    pkg = Path(cba.report.__file__).resolve().parent
    assert DEFAULT_TEMPLATE == pkg / "templates" / "appraisal.ipynb" and DEFAULT_TEMPLATE.is_file()
    # the source checkout's notebooks/appraisal.ipynb is a relative link to the package copy
    assert TEMPLATE.is_symlink() and not os.path.isabs(os.readlink(TEMPLATE))
    assert TEMPLATE.resolve() == DEFAULT_TEMPLATE.resolve()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"report/templates/*.ipynb"' in pyproject
    nb = json.loads(DEFAULT_TEMPLATE.read_text(encoding="utf-8"))   # stored without outputs
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs") and not cell.get("execution_count")


@pytest.mark.parametrize("raw, value", [
    ('title="X"', "X"),                                      # the shell passed the quotes: unquote
    ('title="闵行区 \\"岗亭\\" 报告"', '闵行区 "岗亭" 报告'),      # JSON escapes inside the literal
    ('title=""', ""),
    ('title= "X" ', "X"),
    ("title=X", "X"),                                        # plain text: literally
    ('title=He said "hi"', 'He said "hi"'),
    ('title="a" and "b"', '"a" and "b"'),                   # not one JSON string: literally
    ('title="unbalanced', '"unbalanced'),
    ('title="\\q"', '"\\q"'),                                 # an invalid escape: not JSON, literally
])
def test_text_parameter_given_as_json_string_is_unquoted(declared, raw, value):
    # expected values written out by hand from the rule in parse_cli's docstring
    assert parse_cli([raw], declared)["title"] == value
