"""Root finding for IRR and XIRR (private; used by :mod:`cba.finance`).

The IRRs of periodic cash flows ``v_0 .. v_{T-1}`` are the rates ``r > -1`` with
``sum_t v_t (1 + r)**-t = 0``. The substitution ``x = 1 / (1 + r)`` maps
``r > -1`` one-to-one onto ``x > 0`` and turns the NPV into the polynomial
``P(x) = sum_t v_t x**t``, so the IRRs are its positive real roots; the solvers
work in ``u = ln x = -ln(1 + r)`` (``r = expm1(-u)``), where the sums of
exponentials stay well scaled over the whole range of rates.

Counting. By Descartes' rule of signs the number of positive roots is at most
the number of sign changes of the coefficients (zeros skipped) and has the same
parity. A row whose values change sign once -- the usual outlay-then-returns
project -- has exactly one IRR; a row that never changes sign has none.

One sign change (:func:`_solve_one_change`). Split ``P = P+ - P-`` into its
positive and negated negative parts; ``g(u) = ln P+(e^u) - ln P-(e^u)`` is
increasing with slope between 1 and ``T - 1`` and bounded curvature, so each
evaluation of ``g`` yields a rigorous bracket for the root. The start is a
cubic (cumulant) expansion of ``g`` about the batch's typical root, and Newton
steps safeguarded by bisection (rtsafe) then run on all rows at once, dropping
rows as they converge.

Several sign changes (:func:`_roots_padded`). With ``k`` the index just after
the first sign change, ``e^(-ku) f(u)`` has the same roots as
``f(u) = sum_t a_t e^(tu)`` and, by Rolle, they are separated by the turning
points of ``e^(-ku) f``: the roots of ``sum_t (t - k) a_t e^(tu)``, a sum with
one sign change fewer, found by the same routine recursively. Between
consecutive turning points (and inside Cauchy's root bounds) the function is
monotone, so each interval whose end values differ in sign holds exactly one
root; all such brackets, over all rows, are solved together by Newton's method
from the secant point, safeguarded by bisection (:func:`_bracketed`). Values
are evaluated with Horner's scheme in ``x`` or ``1/x``, whichever is at most 1,
so nothing overflows (:func:`_horner_u`).

Dated flows (XIRR, :func:`_expsum_roots`). With times ``lam_i`` in years the
NPV is a sum of exponentials ``sum_i a_i exp(lam_i u)``, not a polynomial;
Laguerre's generalisation of Descartes' rule bounds its real roots by the sign
changes, and the same Rolle recursion isolates them, each found by bisection.

Only numpy is used.

>>> import numpy as np
>>> rate, n_roots, roots, _ = _irr_core(np.array([[-1600.0, 10_000, -10_000]]), want_roots=True)
>>> n_roots, roots[0]
(array([2]), array([0.25, 4.  ]))
"""
from __future__ import annotations

import math

import numpy as np


def _horner(c: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """p(x) = sum_k c[k] x**k and p'(x) for columns of c (K, n) at x (n,)."""
    if c.shape[1] <= 64:                      # few columns: fewer, larger numpy calls
        k = np.arange(c.shape[0], dtype=float)[:, None]
        xk = x ** np.maximum(k - 1, 0)
        return (c * xk * np.where(k > 0, x, 1.0)).sum(axis=0), (c[1:] * k[1:] * xk[1:]).sum(axis=0)
    p = c[-1].copy()
    d = np.zeros_like(p)
    for k in range(c.shape[0] - 2, -1, -1):
        np.multiply(d, x, out=d)
        np.add(d, p, out=d)
        np.multiply(p, x, out=p)
        np.add(p, c[k], out=p)
    return p, d


def _rtsafe_step(u: np.ndarray, f: np.ndarray, slope: np.ndarray, lo: np.ndarray,
                 hi: np.ndarray, step_old: np.ndarray):
    """One safeguarded Newton step (rtsafe) for all rows: the Newton point where it lies in
    (lo, hi) and is at most half the previous step, else the midpoint; rows with f == 0 stay.
    Returns the new point, the step taken and where it bisected."""
    newton = u - f / slope
    bisect = ~((newton > lo) & (newton < hi)) | (np.abs(2 * f) > np.abs(step_old * slope))
    new = np.where(bisect, 0.5 * (lo + hi), newton)
    new[f == 0] = u[f == 0]
    return new, new - u, bisect


@np.errstate(all="ignore")
def _solve_one_change(a: np.ndarray) -> np.ndarray:
    """u = ln x of the single positive root of each column of a (T, n); a is overwritten.

    Each column has exactly one sign change, negatives first. With P+ and P-
    the positive and (negated) negative parts, g(u) = ln P+(e^u) - ln P-(e^u)
    is increasing with 1 <= g' <= T - 1 and |g''| <= (T - 1)^2 / 4, so every
    evaluation of g gives a rigorous bracket. The start is a cubic (cumulant)
    expansion of g about the batch's typical root; Newton steps are safeguarded
    by bisection (rtsafe). A row is done when its bracket has collapsed or a
    Newton step h satisfies (T-1)^2/8 h^2 <= 1e-13, which bounds the error
    left after that step.
    """
    T, n = a.shape
    if n <= 1024:
        plo = int(np.argmax((a > 0).any(axis=1)))
        nhi = T - int(np.argmax((a < 0).any(axis=1)[::-1]))
    else:                                     # scan periods; stops early in the usual case
        plo = next(t for t in range(T) if (a[t] > 0).any())
        nhi = next(t for t in range(T - 1, -1, -1) if (a[t] < 0).any()) + 1
    cn = np.maximum(-a[:nhi], 0.0)        # P- = H-(x)
    cp = np.maximum(a[plo:], 0.0, out=a[plo:])   # P+ = x**plo * H+(x); overwrites a
    dmax = float(T - 1)
    tol = math.sqrt(8e-13) / dmax

    def g_and_slope(cp_, cn_, u):
        x = np.exp(u)
        hp, dhp = _horner(cp_, x)
        if cn_.shape[0] == 1:
            return np.log(hp / cn_[0]) + plo * u, plo + x * dhp / hp
        hn, dhn = _horner(cn_, x)
        return np.log(hp / hn) + plo * u, plo + x * (dhp / hp - dhn / hn)

    def cumulants(uc, k, cols=slice(None)):
        """ln m0 and cumulants 1..k-1 of t under weights c_t e^(t uc), for P+ and P-; g = diff."""
        out = []
        for c, off in ((cp, plo), (cn, 0)):
            if c.shape[0] == 1 and off == 0:          # a constant: m0 only
                out.append([c[0, cols]] + [0.0] * (k - 1))
                continue
            t = np.arange(off, off + c.shape[0], dtype=float)
            m = (np.vstack([t ** j for j in range(k)]) * np.exp(t * uc)) @ c[:, cols]
            k1 = m[1] / m[0]
            cum = [m[0], k1]
            if k > 2:
                m2, m3 = m[2] / m[0], m[3] / m[0]
                cum += [m2 - k1 ** 2, m3 - 3 * k1 * m2 + 2 * k1 ** 3]
            out.append(cum)
        (mp, *kp), (mn, *kn) = out
        return [np.log(mp / mn)] + [p - q for p, q in zip(kp, kn)]

    # centre: the median Newton estimate from u = 0 over a sample of rows
    g0, g01 = cumulants(0.0, 2, slice(None, None, max(1, n // 256)))
    est = np.sort(-g0 / g01)
    est = est[np.isfinite(est)]
    uc = min(max(float(est[est.size // 2]), -5.0), 5.0) if est.size else 0.0
    g, g1, g2, g3 = cumulants(uc, 4)
    lo = np.where(g > 0, uc - g, uc - g / dmax)
    hi = np.where(g > 0, uc - g / dmax, uc - g)
    d = -g / g1
    for _ in range(3):
        d = d - (g + d * (g1 + d * (g2 / 2 + d * g3 / 6))) / (g1 + d * (g2 + d * g3 / 2))
    u = uc + d
    bad = ~((u > lo) & (u < hi))
    u[bad] = np.clip(uc - g[bad] / g1[bad], lo[bad], hi[bad])
    u[g == 0] = uc
    out = np.empty(n)
    idx = np.arange(n)
    step_old = hi - lo
    for _ in range(300):
        g, slope = g_and_slope(cp, cn, u)
        up, fin = g > 0, np.isfinite(g)
        lo = np.fmax(lo, np.where(fin, np.where(up, u - g, u - g / dmax), np.where(up, lo, u)))
        hi = np.fmin(hi, np.where(fin, np.where(up, u - g / dmax, u - g), np.where(up, u, hi)))
        new, step, bisect = _rtsafe_step(u, g, slope, lo, hi, step_old)
        done = ((~bisect & (np.abs(step) <= tol)) | (hi - lo <= 1e-15 * (1 + np.abs(u)))
                | (g == 0))
        u, step_old = new, step
        n_done = np.count_nonzero(done)
        if n_done == u.size:
            out[idx] = u
            break
        if n_done >= u.size // 4:             # compact (take keeps rows contiguous)
            out[idx[done]] = u[done]
            keep = np.flatnonzero(~done)
            idx, u, lo, hi, step_old = idx[keep], u[keep], lo[keep], hi[keep], step_old[keep]
            cp, cn = cp.take(keep, axis=1), cn.take(keep, axis=1)
        elif n_done:
            out[idx[done]] = u[done]
    else:                                   # pragma: no cover - the bracket always closes
        out[idx] = u
    return out


def _horner_u(coef: np.ndarray, u: np.ndarray, scale: bool = False):
    """For columns of coef (T, k): P(e^u), its u-derivative (and sum |c_t| e^(tu)), all
    divided by e^((T-1)u) where u > 0: evaluated in 1/x there, so nothing overflows."""
    T = coef.shape[0]
    big = u > 0
    c = np.where(big, coef[::-1], coef)
    y = np.exp(-np.abs(u))
    p, d = _horner(c, y)
    dp = np.where(big, (T - 1) * p - y * d, y * d)
    return (p, dp, _horner(np.abs(c), y)[0]) if scale else (p, dp)


def _bracketed(coef: np.ndarray, k: np.ndarray, lo: np.ndarray, hi: np.ndarray,
               flo: np.ndarray, fhi: np.ndarray) -> np.ndarray:
    """Root u in (lo, hi) of f(u) = sum_t coef_t e^(tu), one per column, where e^(-ku) f is
    monotone and f(lo), f(hi) (any positive scale) differ in sign: Newton on e^(-ku) f
    from the secant point, safeguarded by bisection."""
    out, idx = np.empty(lo.size), np.arange(lo.size)
    u, step_old, s_lo = lo + (hi - lo) * (flo / (flo - fhi)), hi - lo, np.sign(flo)
    for _ in range(300):
        p, dp = _horner_u(coef, u)
        same = np.sign(p) == s_lo
        lo, hi = np.where(same, u, lo), np.where(same, hi, u)
        slope = dp - k * p                    # d/du (e^(-ku) f), at the scale of p
        new, step_old, bisect = _rtsafe_step(u, p, slope, lo, hi, step_old)
        done = ((p == 0) | (~bisect & (np.abs(step_old) <= 1e-14 * (1 + np.abs(u))))
                | (hi - lo <= 1e-15 * (1 + np.abs(u))))
        u = new
        if done.all():
            out[idx] = u
            break
        if done.any():
            out[idx[done]] = u[done]
            keep = np.flatnonzero(~done)
            idx, u, lo, hi, step_old, s_lo, k = (x[keep] for x in (idx, u, lo, hi, step_old, s_lo, k))
            coef = coef.take(keep, axis=1)
    else:                                   # pragma: no cover - the bracket always closes
        out[idx] = u
    return out


@np.errstate(all="ignore")
def _roots_padded(a: np.ndarray) -> np.ndarray:
    """Ascending u = ln x of the distinct positive real roots of each column of a (T, m),
    as an (m, width) array padded with NaN.

    Rolle and Descartes: with k the index just after a column's first sign change, the
    roots of f(u) = sum_t a_t e^(tu) are separated by the roots of the derivative of
    e^(-ku) f, i.e. of sum_t (t - k) a_t e^(tu), which has one sign change fewer (found
    recursively; one sign change: the vectorised solver). Between consecutive critical
    points, and within Cauchy's root bounds, e^(-ku) f is monotone: at most one root.
    """
    T, m = a.shape
    tt = np.arange(T)[:, None]
    sg = np.sign(a)
    prev = np.take_along_axis(sg, np.maximum.accumulate(np.where(sg != 0, tt, 0), axis=0), 0)
    change = (sg[1:] != 0) & (prev[:-1] != 0) & (sg[1:] != prev[:-1])
    nchg = change.sum(axis=0)
    out = np.full((m, max(1, int(nchg.max(initial=0)))), np.nan)
    nz = a != 0
    first, last = nz.argmax(axis=0), T - 1 - nz[::-1].argmax(axis=0)
    one = np.flatnonzero(nchg == 1)
    if one.size:                                       # make the first nonzero negative
        out[one, 0] = _solve_one_change(a[:, one] * -sg[first[one], one])
    sel = np.flatnonzero(nchg >= 2)
    if sel.size == 0:
        return out
    f, n = a[:, sel], sel.size
    k = change[:, sel].argmax(axis=0) + 1
    crit = _roots_padded(f * (tt - k))
    big = np.abs(f).max(axis=0)
    ulo = -np.log1p(big / np.abs(a[first[sel], sel]))
    uhi = np.log1p(big / np.abs(a[last[sel], sel]))
    crit[~((crit > ulo[:, None]) & (crit < uhi[:, None]))] = np.nan
    edge = np.sort(np.column_stack([ulo, crit, uhi]), axis=1)          # NaN sort last
    r, c = np.nonzero(np.isfinite(edge))
    p, _, scale = _horner_u(f.take(r, axis=1), edge[r, c], scale=True)
    fe = np.full(edge.shape, np.nan)
    fe[r, c] = np.where(np.abs(p) <= 1e-13 * scale, 0.0, p)            # 0 within rounding
    bi, bj = np.nonzero(fe[:, :-1] * fe[:, 1:] < 0)
    inner = np.full((n, edge.shape[1] - 1), np.nan)
    if bi.size:
        inner[bi, bj] = _bracketed(f.take(bi, axis=1), k[bi].astype(float), edge[bi, bj],
                                   edge[bi, bj + 1], fe[bi, bj], fe[bi, bj + 1])
    found = np.sort(np.column_stack([np.where(fe == 0, edge, np.nan), inner]), axis=1)
    width = min(out.shape[1], found.shape[1])
    out[sel, :width] = found[:, :width]
    return out


@np.errstate(all="ignore")
def _irr_core(v2: np.ndarray, want_roots: bool):
    """IRR, number of roots, and (optionally) all roots, for rows of v2 (N, T).

    Rows with exactly one sign change (Descartes: exactly one root) go to the
    vectorised solver; rows with several sign changes to the Rolle recursion of
    _roots_padded. n_roots is -1 for rows with NaN or infinite values.
    """
    N, T = v2.shape
    a = np.empty((T, N))                     # columns are rows; blocked transpose (cache-friendly)
    for i in range(0, N, 1024):
        a[:, i:i + 1024] = v2[i:i + 1024].T
    bad = ~np.isfinite(a.sum(axis=0))
    if bad.any():
        bad[bad] = ~np.isfinite(a[:, bad]).all(axis=0)
        a[:, bad] = 0.0
    # one pass over the periods: which rows have both signs, and is every negative
    # before every positive (or the reverse)? Those rows have exactly one root.
    if N <= 1024:
        p, q = a > 0, a < 0
        neg_after = (np.logical_or.accumulate(p, axis=0) & q).any(axis=0)
        pos_after = (np.logical_or.accumulate(q, axis=0) & p).any(axis=0)
        seen_p, seen_n = p.any(axis=0), q.any(axis=0)
    else:                                     # large batches: one cheap pass per period
        seen_p, seen_n = np.zeros(N, bool), np.zeros(N, bool)
        neg_after, pos_after = np.zeros(N, bool), np.zeros(N, bool)
        for t in range(T):
            p, q = a[t] > 0, a[t] < 0
            neg_after |= seen_p & q
            pos_after |= seen_n & p
            seen_p |= p
            seen_n |= q
    both = seen_p & seen_n
    neg_first, pos_first = ~neg_after, ~pos_after
    one = both & (neg_first | pos_first)
    many = both & ~one
    u = np.full(N, np.nan)
    n_roots = np.where(one, 1, 0)
    roots = [np.empty(0)] * N if want_roots else None
    if one.any():
        flip = np.where(pos_first & ~neg_first, -1.0, 1.0)
        if one.all():
            c1 = a if (flip > 0).all() else a * flip
        else:
            sel = np.flatnonzero(one)
            c1 = a[:, sel] * flip[sel]
        u[one] = _solve_one_change(c1)
        if want_roots:
            for i in np.flatnonzero(one):
                roots[i] = u[i:i + 1]
    if many.any():
        sel = np.flatnonzero(many)
        found = _roots_padded(a[:, sel])
        n_roots[sel] = counts = np.count_nonzero(~np.isnan(found), axis=1)
        u[sel] = np.where(counts == 1, found[:, 0], np.nan)
        if want_roots:
            for i, r in zip(sel, found):
                roots[i] = r[~np.isnan(r)]
    n_roots[bad] = -1
    irr = np.expm1(-u) + 0.0
    if want_roots:
        roots = [np.sort(np.expm1(-r)) + 0.0 for r in roots]
    return irr, n_roots, roots, (~both) & ~bad


def _expsum(a: np.ndarray, lam: np.ndarray, u: float) -> float:
    """sign-preserving scaled value of sum_i a_i exp(lam_i u)."""
    e = lam * u
    return float(np.dot(a, np.exp(e - e.max())))


def _expsum_roots(a: np.ndarray, lam: np.ndarray, bound: float = 60.0) -> list[float]:
    """Real roots u in [-bound, bound] of sum_i a_i exp(lam_i u) (lam increasing, a nonzero).

    Laguerre's rule of signs bounds the number of roots by the number of sign
    changes V. For V >= 2 the roots of the derivative of exp(-lam_k u) f(u)
    (V - 1 sign changes, found recursively) split the line into intervals on
    which the function is monotone; each holds at most one root, found by
    bisection to full precision. |u| = |ln(1 + r)| > 60 is out of any use.
    """
    s = np.sign(a)
    ch = np.flatnonzero(s[1:] != s[:-1])
    if ch.size == 0:
        return []
    crit: list[float] = []
    if ch.size > 1:
        k = ch[0] + 1
        keep = np.arange(a.size) != k
        crit = _expsum_roots((a * (lam - lam[k]))[keep], lam[keep], bound)

    def f(u: float, tol: float = 0.0) -> float:   # tol: zero within rounding of the terms
        val = _expsum(a, lam, u)
        return 0.0 if abs(val) <= tol * _expsum(np.abs(a), lam, u) else val

    roots = [c for c in crit if f(c, 1e-13) == 0]
    edges = [-bound] + crit + [bound]
    for lo, hi in zip(edges[:-1], edges[1:]):
        flo, fhi = f(lo, 1e-13), f(hi, 1e-13)
        if flo * fhi >= 0:
            continue
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            fm = f(mid)
            if mid in (lo, hi) or fm == 0:
                lo = hi = mid
                break
            if (fm > 0) == (flo > 0):
                lo, flo = mid, fm
            else:
                hi = mid
        roots.append(0.5 * (lo + hi))
    return sorted(roots)


def _xirr_core(v2: np.ndarray, tau: np.ndarray):
    """XIRR, number of roots and all roots (ascending rates) for rows of v2 (N, T)
    whose values fall at times tau (T,) in years; n_roots is -1 for rows with NaN or inf."""
    order = np.argsort(tau, kind="stable")
    lam, inv = np.unique(tau[order], return_inverse=True)
    out = np.full(v2.shape[0], np.nan)
    count = np.zeros(v2.shape[0], dtype=int)
    roots: list[list[float]] = []
    for i, row in enumerate(v2):
        if not np.isfinite(row).all():
            count[i] = -1
            roots.append([])
            continue
        a = np.bincount(inv, weights=row[order], minlength=lam.size)
        nz = a != 0
        us = _expsum_roots(a[nz], lam[nz]) if nz.any() else []
        count[i] = len(us)
        roots.append([math.expm1(-u) for u in us[::-1]])
        if len(us) == 1:
            out[i] = math.expm1(-us[0])
    return out, count, roots
