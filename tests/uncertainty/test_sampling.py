"""sample_inputs / sample_uniforms: the documented block scheme (numpy's SeedSequence spawning,
Latin hypercube strata, scipy's scrambled Sobol'), identical draws however a run is chunked,
and the notes and errors in English and Chinese."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy import stats
from scipy.stats import qmc

import cba
from cba.errors import InputError
from cba.uncertainty import BLOCK, sample_inputs, sample_uniforms


def _model(correlations=None, d=3):
    params = {f"x{i}": {"value": 0.5, "low": 0, "high": 1, "distribution": "uniform"} for i in range(d)}
    params["tri"] = {"value": 10, "low": 3, "high": 20, "distribution": "triangular"}
    params["fixed"] = 2
    m = {"name": "m", "horizon": 1, "discount_rate": 0.08, "parameters": params,
         "options": {"o": {"flows": [{"name": "f", "kind": "cost", "amount": "x0 + tri + fixed"}]}}}
    if correlations is not None:
        m["correlations"] = correlations
    return cba.load_model(m)


CORR = [["x0", "x1", 0.5], ["x1", "tri", -0.4]]


@pytest.mark.parametrize("method", ["mc", "lhs", "sobol"])
@pytest.mark.parametrize("correlations", [None, CORR], ids=["independent", "correlated"])
def test_slices_of_a_run_equal_the_run_for_any_chunking(method, correlations):
    m = _model(correlations)
    total, block = 5000, 1024                  # several blocks, the last one short (904)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cba.CBAWarning)
        full = sample_inputs(m, total, seed=99, method=method, block=block)
        for chunk in (1, 7, 1000, 1024, 1025, 3333):
            starts = range(0, total, chunk)
            parts = [sample_inputs(m, min(chunk, total - s), seed=99, method=method, start=s, total=total, block=block)
                     for s in starts]
            for k in full:
                np.testing.assert_array_equal(np.concatenate([p[k] for p in parts]), full[k], err_msg=f"{k} {chunk}")
    assert set(full) == {"x0", "x1", "x2", "tri"}


@pytest.mark.parametrize("method", ["mc", "lhs", "sobol"])
def test_default_blocks_across_the_block_boundary(method):
    m = _model(CORR)
    total = BLOCK + 3000
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cba.CBAWarning)
        full = sample_inputs(m, total, seed=3, method=method)
        cut = BLOCK - 7
        a = sample_inputs(m, cut, seed=3, method=method, total=total)
        b = sample_inputs(m, total - cut, seed=3, method=method, start=cut, total=total)
    for k in full:
        np.testing.assert_array_equal(np.concatenate([a[k], b[k]]), full[k])


def test_mc_blocks_are_numpys_spawned_generators():
    # documented scheme: block b is drawn by PCG64(SeedSequence(seed, spawn_key=(0, b))), row by row
    u = sample_uniforms(2, 300, seed=42, method="mc", block=100)
    for b in range(3):
        g = np.random.Generator(np.random.PCG64(np.random.SeedSequence(42, spawn_key=(0, b))))
        np.testing.assert_array_equal(u[100 * b:100 * (b + 1)], g.random((100, 2)))
    # a different seed, a different method: different numbers
    assert not np.array_equal(u, sample_uniforms(2, 300, seed=43, method="mc", block=100))
    assert not np.array_equal(u, sample_uniforms(2, 300, seed=42, method="lhs", block=100))


def test_lhs_hits_each_stratum_once_per_block():
    # a run of 2500 in blocks of 1000: blocks of 1000, 1000 and 500 draws, each a Latin hypercube:
    # floor(m u) over a block's m draws is a permutation of 0..m-1 for every parameter
    u = sample_uniforms(4, 2500, seed=8, method="lhs", block=1000)
    for lo, m in ((0, 1000), (1000, 1000), (2000, 500)):
        strata = np.floor(u[lo:lo + m] * m).astype(int)
        for j in range(4):
            assert sorted(strata[:, j].tolist()) == list(range(m))
    # and with correlations imposed the strata are unchanged (only the pairing moves)
    m = _model(CORR)
    x = sample_inputs(m, 2000, seed=8, method="lhs")
    assert sorted(np.floor(x["x0"] * 2000).astype(int).tolist()) == list(range(2000))
    # the triangular marginal: one draw per equal-probability stratum of scipy's triang CDF
    f = stats.triang(7 / 17, loc=3, scale=17).cdf(x["tri"])
    assert sorted(np.floor(f * 2000 + 1e-9).astype(int).tolist()) == list(range(2000))


def test_sobol_points_are_a_scrambled_sobol_net():
    # The first two dimensions of Sobol' points form a (0, m, 2)-net in base 2: each elementary
    # box [a / 2^i, (a+1) / 2^i) x [b / 2^(m-i), (b+1) / 2^(m-i)) holds exactly one of 2^m points
    # (I. M. Sobol' 1967; J. Dick and F. Pillichshammer, Digital Nets and Sequences, 2010);
    # scrambling keeps the property (A. B. Owen 1995), as scipy's own scrambled points show.
    mexp = 10
    ours = sample_uniforms(2, 2 ** mexp, seed=1, method="sobol")
    ref = qmc.Sobol(2, scramble=True, rng=np.random.default_rng(1)).random(2 ** mexp)
    for pts in (ours, ref):
        for i in range(mexp + 1):
            boxes = np.floor(pts[:, 0] * 2 ** i).astype(int) * 2 ** (mexp - i) + np.floor(pts[:, 1] * 2 ** (mexp - i)).astype(int)
            assert np.bincount(boxes, minlength=2 ** mexp).tolist() == [1] * 2 ** mexp
    # and a much lower discrepancy than independent uniforms (scipy's centred L2 discrepancy)
    mc = sample_uniforms(2, 2 ** mexp, seed=1, method="mc")
    assert qmc.discrepancy(ours) < qmc.discrepancy(mc) / 10
    assert ours.min() > 0 and ours.max() < 1


def test_sobol_warns_when_n_is_not_a_power_of_two():
    m = _model()
    with pytest.warns(cba.CBAWarning, match=r"require the number of draws to be a power of 2; this run has 1000 "
                                            r"\(nearest: 512 or 1024\)"):
        sample_inputs(m, 1000, seed=1, method="sobol")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sample_inputs(m, 1024, seed=1, method="sobol")                 # no note
        sample_inputs(m, 24, seed=1, method="sobol", start=1000, total=1024)
    with pytest.warns(cba.CBAWarning) as rec:
        sample_inputs(_model(CORR), 1000, seed=1, method="sobol")
    assert [w.message.args[0].render("zh") for w in rec] == [
        "Sobol 抽样施加了相关性：各参数的一维分层保持不变，但多维低差异性质不再成立",
        "Sobol 序列的均衡性要求抽样次数为 2 的幂，本次为 1000（相近的 2 的幂：512 或 1024）"]


def test_marginals_follow_their_distributions_for_every_method():
    m = _model()
    ref = stats.triang(7 / 17, loc=3, scale=17)
    for method in ("mc", "lhs", "sobol"):
        x = sample_inputs(m, 2 ** 14, seed=21, method=method)
        assert stats.kstest(x["tri"], ref.cdf).pvalue > 0.01, method
    # the kiosk model's nine triangular inputs by LHS
    k = cba.load_model("data/minhang_kiosk.yaml")
    x = sample_inputs(k, 5000, seed=1, method="lhs")
    assert len(x) == 9
    p = k.parameters["kiosk_price"]
    c = (p.value - p.low) / (p.high - p.low)
    assert stats.kstest(x["kiosk_price"], stats.triang(c, loc=p.low, scale=p.high - p.low).cdf).pvalue > 0.01


def test_names_select_parameters_and_drop_their_correlations():
    m = _model(CORR)
    with pytest.warns(cba.CBAWarning, match="parameter 'x1' is not drawn, so its correlations are dropped"):
        x = sample_inputs(m, 100, seed=1, names=["x0", "tri"])
    assert list(x) == ["x0", "tri"]


@pytest.mark.parametrize("kwargs,where,en,zh", [
    ({"seed": -1}, "seed", "expected an integer seed (such as 20260101), a numpy SeedSequence or a Generator, got -1",
     "应为整数种子（如 20260101）、numpy SeedSequence 或 Generator，实际为 -1"),
    ({"seed": 1, "start": 90, "total": 100}, "total", "start + n (190) exceeds the run's number of draws, total (100)",
     "start + n（190）不应超过整次运行的抽样次数 total（100）"),
    ({"seed": 1, "method": "halton"}, "method", "expected one of mc, lhs, sobol; got 'halton'",
     "应为 mc、lhs、sobol 之一，实际为 'halton'"),
    ({"seed": 1, "names": ["fixed"]}, "names[0]",
     "parameter 'fixed' has no distribution, so it cannot be correlated (give it a distribution first)",
     "参数 'fixed' 没有分布，不能设定相关系数（请先为它设定 distribution）"),
])
def test_bad_arguments_are_named(kwargs, where, en, zh):
    with pytest.raises(InputError) as err:
        sample_inputs(_model(), 100, **kwargs)
    assert err.value.render("en") == f"{where}: {en}"
    assert err.value.render("zh") == f"{where}：{zh}"


def test_generator_and_seedsequence_seeds():
    m = _model()
    a = sample_inputs(m, 50, seed=np.random.SeedSequence(5))
    np.testing.assert_array_equal(a["x0"], sample_inputs(m, 50, seed=5)["x0"])
    g1, g2 = np.random.default_rng(9), np.random.default_rng(9)
    np.testing.assert_array_equal(sample_inputs(m, 50, seed=g1)["tri"], sample_inputs(m, 50, seed=g2)["tri"])
