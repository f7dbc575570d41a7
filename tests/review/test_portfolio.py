"""cba.review.portfolio: ranking (ties by BCR), grade counts, the heat map's data and Chinese
labels, a reallocation that sums to zero, and the seeded generator of data/portfolio/."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cba.errors import InputError
from cba.i18n import use_lang
from cba.review.portfolios import portfolio

DATA = Path(__file__).parents[2] / "data" / "portfolio"


def small():
    return pd.DataFrame({"project": ["a", "b", "c", "d", "e"], "name": ["智慧水务", "河道治理", "岗亭", "养老", "公园"],
                         "necessity": [19, 9, 18, 15, 17.5], "economy": [19.5, 8, 18, 14, 17],
                         "total": [93, 52, 93, 70, 85], "bcr": [2.1, 0.9, 2.4, 1.3, 1.6],
                         "budget": [300.0, 200.0, 100.0, 333.33, 50.0]})


def test_ranking_ties_by_bcr_and_grade_counts():
    p = portfolio(small())
    # a and c both 93: c has BCR 2.4 > 2.1, so c first; then e 85, d 70, b 52
    assert p.ranking == ["c", "a", "e", "d", "b"]
    assert p.frame["rank"].tolist() == [1, 2, 3, 4, 5]
    # grades from the totals (优 >= 90, 良 >= 80, 中 >= 60, 差 below): c, a 优; e 良; d 中; b 差
    assert p.grade_counts() == {"优": 2, "良": 1, "中": 1, "差": 1}
    with use_lang("zh"):
        assert "未给出等级的项目按总分划分" in p.summary()


def test_reallocation_sums_to_zero_by_hand():
    # b (差) loses 50% x 200 = 100.00; d (中) loses 10% x 333.33 = 33.333 -> 33.33 (cents: 3333)
    # pool 133.33 = 13333 cents to a (budget 300) and c (100): a gets floor(13333 x 300/400) = 9999,
    # c floor(13333 x 100/400) = 3333; the remainder 1 cent goes to the largest budget, a: 10000.
    r = portfolio(small()).reallocation().set_index("project")
    assert r["change"].to_dict() == {"c": 33.33, "a": 100.0, "d": -33.33, "b": -100.0}
    assert sum(r.attrs["cents"].values()) == 0
    assert r.loc["b", "new_budget"] == 100.0
    with use_lang("zh"):
        text = portfolio(small()).reallocation_text()
    assert "河道治理（b）（差，52 分）：调减 100.00 万元（预算的 50%）" in text
    assert "智慧水务（a）（优，93 分）：调增 100.00 万元" in text
    assert "调减合计 133.33 万元" in text and "cba 默认规则，非官方规定" in text


def test_reallocation_without_a_top_project_says_so():
    t = small()
    t["total"] = [85, 52, 85, 70, 85]
    text = portfolio(t).reallocation_text("en")
    assert "no project is graded 优: the 133.33 万元 taken is not reallocated" in text
    with pytest.raises(InputError, match="budget"):
        portfolio(t.drop(columns="budget")).reallocation()


def test_heat_map_plots_the_input_with_chinese_labels():
    p = portfolio(small())
    fig = p.plot_heatmap()
    ax = fig.axes[0]
    plotted = np.asarray(ax.images[0].get_array())
    # rows: dimensions; columns: projects in rank order c, a, e, d, b (values straight from the input)
    assert plotted.tolist() == [[18, 19, 17.5, 15, 9], [18, 19.5, 17, 14, 8]]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["立项必要性", "投入经济性"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["岗亭", "智慧水务", "公园", "养老", "河道治理"]
    assert ax.get_title() == "各维度得分热力图"
    en = portfolio(small()).plot_heatmap("en").axes[0]
    assert [t.get_text() for t in en.get_yticklabels()] == ["necessity", "economy"]


def test_errors_name_the_row(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("project,necessity,grade\na,10,优\nb,12,甲\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        portfolio(f)
    assert "row 3, column 'grade'" in err.value.render("en")
    f.write_text("project,necessity\na,10\na,12\n", encoding="utf-8")
    with pytest.raises(InputError, match="twice|appears twice"):
        portfolio(f)
    with pytest.raises(InputError):
        portfolio(pd.DataFrame({"project": ["a"], "name": ["x"]}))


def test_shipped_portfolio():
    p = portfolio(DATA / "projects.csv")
    assert len(p.frame) >= 20 and p.dimensions == ("necessity", "economy", "goals", "feasibility", "financing")
    # totals are the sum of the five dimensions in the file
    assert np.allclose(p.frame[list(p.dimensions)].sum(axis=1), p.frame["total"])
    assert sum(portfolio(DATA / "projects.csv").reallocation().attrs["cents"].values()) == 0
    assert p.to_dict()["grade_counts"] == p.grade_counts()


def test_generator_reproduces_its_csvs_byte_for_byte(tmp_path):
    spec = importlib.util.spec_from_file_location("make_portfolio", DATA / "make_portfolio.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.main(tmp_path)
    for name in ("projects.csv", "monitoring.csv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_reallocation_shares_are_rounded_to_the_cent():
    # data/portfolio/projects.csv: the 差/中 cuts pool 989.00; P01 (优, budget 200) of 优 budgets 1,070
    # gets 989 x 200 / 1070 = 184.857... -> 184.86 (rounded, not cut down); the sum stays exactly 0
    from pathlib import Path

    from cba.review import portfolio  # the function, whatever was imported before

    r = portfolio(Path(__file__).resolve().parents[2] / "data" / "portfolio" / "projects.csv").reallocation()
    change = dict(zip(r["project"], r["change"]))
    assert change["P01"] == 184.86
    assert sum(r.attrs["cents"].values()) == 0


def test_the_package_names_are_functions_whatever_was_imported_first():
    # importing the modules first must not turn cba.review.monitor/portfolio/review into modules
    import cba
    import cba.review.assess  # noqa: F401
    import cba.review.monitoring  # noqa: F401
    import cba.review.portfolios  # noqa: F401
    from cba.review import monitor, portfolio, review

    assert all(callable(f) and not isinstance(f, type(cba)) for f in (monitor, portfolio, review))
    assert callable(cba.review) and cba.review.system("unit_self").total == 100.0
