"""The message catalogue as a whole: every key the code asks for exists, and Chinese sentences use
Chinese punctuation. Generic over the whole catalogue (every area adds keys)."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from cba.i18n import MESSAGES, msg

CBA = Path(__file__).resolve().parents[1] / "cba"
#: a Chinese character, CJK punctuation (，。：) or a full-width form (（）)
_CJK = "[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
#: ASCII , ; : ( ) between two Chinese characters (spaces allowed around it)
_ASCII_BETWEEN_CJK = re.compile(rf"{_CJK}\s*[,;:()]\s*{_CJK}")


def _msg_keys() -> list[tuple[str, str, bool]]:
    """(file:line, key, is_prefix) for every ``msg(...)`` call in cba/ whose key is written out:
    a literal, either branch of ``"a" if c else "b"``, or the literal start of ``"a." + x``."""
    found = []
    for path in sorted(CBA.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg"
                    and node.args):
                continue
            where = f"{path.relative_to(CBA.parent)}:{node.lineno}"
            stack = [node.args[0]]
            while stack:
                arg = stack.pop()
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append((where, arg.value, False))
                elif isinstance(arg, ast.IfExp):
                    stack += [arg.body, arg.orelse]
                elif (isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add)
                      and isinstance(arg.left, ast.Constant) and isinstance(arg.left.value, str)):
                    found.append((where, arg.left.value, True))
    return found


def test_the_scan_finds_the_calls_it_should():
    keys = {key for _, key, _ in _msg_keys()}
    # one from each kind of call site: a literal, a conditional, a prefix
    assert {"checks.number", "model.construct.keyword", "model.construct.kwargs", "model.dist.kind."} <= keys


def test_every_message_key_used_in_the_code_is_in_the_catalogue():
    missing = [(where, key) for where, key, prefix in _msg_keys()
               if (not any(k.startswith(key) for k in MESSAGES) if prefix else key not in MESSAGES)]
    assert not missing, missing


def test_the_punctuation_check_catches_ascii_punctuation_in_chinese():
    assert _ASCII_BETWEEN_CJK.search("应为数字, 实际为 1")
    assert _ASCII_BETWEEN_CJK.search("费用(万元)")
    assert _ASCII_BETWEEN_CJK.search("原因:未知")
    assert not _ASCII_BETWEEN_CJK.search("应为数字，实际为 'a, b'（如 max(a, b)）")


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_chinese_sentences_use_chinese_punctuation(key):
    zh, en = MESSAGES[key]
    assert not _ASCII_BETWEEN_CJK.search(zh), (key, zh)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_sentence_is_a_valid_template_in_both_languages(key):
    zh, en = MESSAGES[key]
    assert zh and en, key
    for template in (zh, en):
        list(string.Formatter().parse(template))      # unbalanced braces raise ValueError
    # a Chinese sentence needs no placeholder the English one lacks (callers pass what English needs)
    names = {lang: {f for _, f, _, _ in string.Formatter().parse(t) if f} for lang, t in (("zh", zh), ("en", en))}
    assert names["zh"] <= names["en"], (key, names)


def test_msg_renders_in_the_current_language():
    from cba.i18n import use_lang

    text = msg("checks.number", got="'ten'")
    with use_lang("zh"):
        assert str(text) == "应为数字，实际为 'ten'"
    with use_lang("en"):
        assert str(text) == "expected a number, got 'ten'"
