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

Several sign changes (:func:`_rolle_roots`). With ``k`` the index just after
the first sign change, ``e^(-ku) f(u)`` has the same roots as
``f(u) = sum_t a_t e^(tu)`` and, by Rolle, they are separated by the turning
points of ``e^(-ku) f``: the roots of ``sum_t (t - k) a_t e^(tu)``, a sum with
one sign change fewer. The chain of these derivatives, down to one sign change,
is built in a loop and walked back up (no recursion; memory linear in the
input, whatever the number of sign changes). Between consecutive turning points
(and inside the root bounds) the function is monotone, so each interval whose
end values differ in sign holds exactly one root; all such brackets, over all
rows, are solved together by Newton's method from the secant point, safeguarded
by bisection (:func:`_bracketed`). Values are evaluated with Horner's scheme in
``x`` or ``1/x``, whichever is at most 1, so nothing overflows (:func:`_horner_u`).

Dated flows (XIRR, :func:`_xirr_core`). With times ``lam_i`` in years the
NPV is a sum of exponentials ``sum_i a_i exp(lam_i u)``, not a polynomial;
Laguerre's generalisation of Descartes' rule bounds its real roots by the sign
changes, rows with one sign change are solved together by safeguarded Newton
steps on ``ln P+ - ln P-`` (:func:`_solve_one_change_exp`), and the same Rolle
chain isolates the roots of the others, all rows at once.

Roots whose rate ``expm1(-u)`` is not a floating-point number above -1 (it
rounds to -1, or overflows) are dropped and flagged.

Only numpy is used.

>>> import numpy as np
>>> rate, n_roots, roots, _, _ = _irr_core(np.array([[-1600.0, 10_000, -10_000]]), want_roots=True)
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


_CLIP = 2000.0      # |u| = |ln(1 + r)| beyond this is a rate of exactly -1 or +inf in floating point
_CHUNK = 1 << 21    # values evaluated at once (T x columns) where many brackets are evaluated


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


class _PolyEval:
    """f(u) = sum_t c_t e^(t u) with t = 0 .. T-1 (periodic flows): Horner's scheme."""

    def __init__(self, T: int) -> None:
        self.lam = np.arange(T, dtype=float)

    def __call__(self, coef: np.ndarray, u: np.ndarray, scale: bool = False):
        return _horner_u(coef, u, scale)

    def one_change(self, c: np.ndarray) -> np.ndarray:
        return _solve_one_change(c)


class _ExpEval:
    """f(u) = sum_i c_i e^(lam_i u) for increasing real lam (dated flows), with the largest
    exponent subtracted so nothing overflows; p, dp (and sum |c| e^(lam u)) share one scale."""

    def __init__(self, lam: np.ndarray) -> None:
        self.lam = lam

    def __call__(self, coef: np.ndarray, u: np.ndarray, scale: bool = False):
        e = self.lam[:, None] * u
        e -= e.max(axis=0)
        w = np.exp(e)
        cw = coef * w
        p, dp = cw.sum(axis=0), self.lam @ cw
        return (p, dp, (np.abs(coef) * w).sum(axis=0)) if scale else (p, dp)

    def one_change(self, c: np.ndarray) -> np.ndarray:
        return _solve_one_change_exp(c, self.lam)


@np.errstate(all="ignore")
def _solve_one_change_exp(a: np.ndarray, lam: np.ndarray) -> np.ndarray:
    """u of the single real root of sum_i a_i e^(lam_i u) for each column of a (T, n), whose
    values change sign once, negatives first; lam increasing (any real exponents).

    g(u) = ln P+(u) - ln P-(u) (log-sum-exp of the positive and the negated negative terms)
    is increasing: g' is the mean exponent of the positive terms minus that of the negative
    ones, between smin = (smallest positive exponent - largest negative one) > 0 and smax.
    So each value of g brackets the root: u - g/smin and u - g/smax. Newton steps on g from
    u = 0, safeguarded by bisection inside that bracket (rtsafe), run on all columns at once.
    """
    L = lam[:, None]
    pos, neg = a > 0, a < 0
    smin = np.where(pos, L, np.inf).min(axis=0) - np.where(neg, L, -np.inf).max(axis=0)
    smax = np.where(pos, L, -np.inf).max(axis=0) - np.where(neg, L, np.inf).min(axis=0)
    lp = np.where(pos, np.log(np.abs(a)), -np.inf)
    ln = np.where(neg, np.log(np.abs(a)), -np.inf)

    def lse(lw, u):                      # log sum exp(lw + lam u) and the weighted mean of lam
        e = lw + L * u
        m = e.max(axis=0)
        w = np.exp(e - m)
        s = w.sum(axis=0)
        return m + np.log(s), (lam @ w) / s

    n = a.shape[1]
    u, lo, hi = np.zeros(n), np.full(n, -np.inf), np.full(n, np.inf)
    step_old = np.full(n, np.inf)
    out, idx = np.empty(n), np.arange(n)
    for _ in range(300):
        gp, mp = lse(lp, u)
        gn, mn = lse(ln, u)
        g, slope = gp - gn, mp - mn
        b1, b2 = u - g / smin, u - g / smax
        lo, hi = np.fmax(lo, np.minimum(b1, b2)), np.fmin(hi, np.maximum(b1, b2))
        new, step, bisect = _rtsafe_step(u, g, slope, lo, hi, step_old)
        done = ((g == 0) | (~bisect & (np.abs(step) <= 1e-14 * (1 + np.abs(u))))
                | (hi - lo <= 1e-15 * (1 + np.abs(u))))
        u, step_old = new, step
        if done.all():
            out[idx] = u
            break
        if done.any():
            out[idx[done]] = u[done]
            keep = np.flatnonzero(~done)
            idx, u, lo, hi, step_old, smin, smax = (x[keep] for x in (idx, u, lo, hi, step_old,
                                                                       smin, smax))
            lp, ln = lp[:, keep], ln[:, keep]
    else:                                   # pragma: no cover - the bracket always closes
        out[idx] = u
    return out


def _bracketed(ev, coef: np.ndarray, k: np.ndarray, lo: np.ndarray, hi: np.ndarray,
               flo: np.ndarray, fhi: np.ndarray) -> np.ndarray:
    """Root u in (lo, hi) of f(u) = sum_t coef_t e^(lam_t u), one per column, where
    e^(-k u) f is monotone (k: an exponent) and f(lo), f(hi) (any positive scale) differ in
    sign: Newton on e^(-k u) f from the secant point, safeguarded by bisection."""
    out, idx = np.empty(lo.size), np.arange(lo.size)
    u, step_old, s_lo = lo + (hi - lo) * (flo / (flo - fhi)), hi - lo, np.sign(flo)
    for _ in range(300):
        p, dp = ev(coef, u)
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


def _sign_changes(c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Number of sign changes of each column of c (T, m), zeros skipped, and the index just
    after the first change (1 where there is none)."""
    tt = np.arange(c.shape[0])[:, None]
    sg = np.sign(c)
    prev = np.take_along_axis(sg, np.maximum.accumulate(np.where(sg != 0, tt, 0), axis=0), 0)
    change = (sg[1:] != 0) & (prev[:-1] != 0) & (sg[1:] != prev[:-1])
    return change.sum(axis=0), change.argmax(axis=0) + 1


def _one_change(ev, c: np.ndarray) -> np.ndarray:
    """The root u of each column of c (T, n) whose values change sign once."""
    first = (c != 0).argmax(axis=0)
    return ev.one_change(c * -np.sign(c[first, np.arange(c.shape[1])]))


def _root_bounds(c: np.ndarray, lam: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bounds lo < every real root u < hi of sum_t c_t e^(lam_t u) (columns of c with at least
    two nonzero values): for u >= 0 the last term exceeds all the others together once
    |c_last| e^(lam_last u) > S e^(lam_prev u), S the sum of the other |c_t|, lam_prev the
    exponent of the last nonzero term before it; likewise for u <= 0 with the first term."""
    T = c.shape[0]
    nz = c != 0
    tt = np.arange(T)[:, None]
    first, last = nz.argmax(axis=0), T - 1 - nz[::-1].argmax(axis=0)
    second = np.where(nz & (tt > first), tt, T - 1).min(axis=0)
    prev = np.where(nz & (tt < last), tt, 0).max(axis=0)
    cols = np.arange(c.shape[1])
    tot = np.abs(c).sum(axis=0)
    af, al = np.abs(c[first, cols]), np.abs(c[last, cols])
    lo = -np.log1p((tot - af) / af) / (lam[second] - lam[first])
    hi = np.log1p((tot - al) / al) / (lam[last] - lam[prev])
    return np.fmax(lo, -_CLIP), np.fmin(hi, _CLIP)


def _rolle_step(ev, f: np.ndarray, k: np.ndarray, crit: np.ndarray) -> np.ndarray:
    """Ascending roots of the columns of f (T, n), padded with NaN to crit's width, given
    crit (n, w): the roots of the derivative of e^(-k u) f (Rolle: at most one root of f
    between consecutive ones, inside the root bounds)."""
    n, width = crit.shape
    T = f.shape[0]
    ulo, uhi = _root_bounds(f, ev.lam)
    crit = np.where((crit > ulo[:, None]) & (crit < uhi[:, None]), crit, np.nan)
    edge = np.sort(np.column_stack([ulo, crit, uhi]), axis=1)          # NaN sort last
    r, c = np.nonzero(np.isfinite(edge))
    fe = np.full(edge.shape, np.nan)
    step = max(1, _CHUNK // T)
    for i in range(0, r.size, step):                                    # bounded memory
        ri, ci = r[i:i + step], c[i:i + step]
        p, _, scale = ev(f.take(ri, axis=1), edge[ri, ci], scale=True)
        fe[ri, ci] = np.where(np.abs(p) <= 1e-13 * scale, 0.0, p)      # 0 within rounding
    bi, bj = np.nonzero(fe[:, :-1] * fe[:, 1:] < 0)
    inner = np.full((n, edge.shape[1] - 1), np.nan)
    for i in range(0, bi.size, step):
        b, j = bi[i:i + step], bj[i:i + step]
        inner[b, j] = _bracketed(ev, f.take(b, axis=1), k[b], edge[b, j], edge[b, j + 1],
                                 fe[b, j], fe[b, j + 1])
    found = np.sort(np.column_stack([np.where(fe == 0, edge, np.nan), inner]), axis=1)
    out = np.full((n, width), np.nan)
    w = min(width, found.shape[1])
    out[:, :w] = found[:, :w]
    return out


@np.errstate(all="ignore")
def _rolle_roots(ev, a: np.ndarray) -> np.ndarray:
    """Ascending u of the distinct real roots of f(u) = sum_t a_t e^(lam_t u) for each column
    of a (T, m), as an (m, width) array padded with NaN (width: the most sign changes).

    Rolle and Laguerre's rule of signs: with k the index just after a column's first sign
    change, the roots of f are separated by those of the derivative of e^(-lam_k u) f, i.e. of
    sum_t (lam_t - lam_k) a_t e^(lam_t u), which has one sign change fewer. The chain of such
    derivatives is built top-down in a loop, keeping only the current coefficients (scaled by
    a power of two so they stay near 1) and, per level and column, k, the scale and the one
    coefficient zeroed; it is then walked bottom-up: a level with one sign change is solved
    directly, and each level above is rebuilt from the one below (divided by lam_t - lam_k;
    the original coefficients at level 0) and its roots isolated between the roots found
    below. Memory: O(T m) plus O(levels x m); no recursion.
    """
    lam = ev.lam
    m = a.shape[1]
    C = a.copy()
    nchg, _ = _sign_changes(C)
    width = max(1, int(nchg.max(initial=0)))
    depth = np.zeros(m, dtype=np.int64)
    levels = []
    cols = np.arange(m)
    while cols.size:                                     # top-down: one sign change fewer each
        sub = C[:, cols]
        nchg, k = _sign_changes(sub)
        go = nchg >= 2
        cols, sub, k = cols[go], sub[:, go], k[go]
        if not cols.size:
            break
        j = np.arange(cols.size)
        lost = sub[k, j].copy()
        sub *= lam[:, None] - lam[k]
        _, e = np.frexp(np.abs(sub).max(axis=0))
        C[:, cols] = np.ldexp(sub, -e)
        levels.append((cols, k, e, lost))
        depth[cols] += 1
    R = np.full((m, width), np.nan)
    for level in range(len(levels), -1, -1):             # bottom-up
        bottom = np.flatnonzero(depth == level)
        if bottom.size:
            sub = C[:, bottom] if level else a[:, bottom]
            one = _sign_changes(sub)[0] == 1
            if one.any():
                R[bottom[one], 0] = _one_change(ev, sub[:, one])
        if level == len(levels):
            continue
        cols, k, e, lost = levels[level]
        if level == 0:
            f = a[:, cols]
        else:
            f = np.ldexp(C[:, cols], e) / (lam[:, None] - lam[k])
            f[k, np.arange(cols.size)] = lost
            C[:, cols] = f
        R[cols] = _rolle_step(ev, f, lam[k], R[cols])
    return R


def _rates(U: np.ndarray, bad: np.ndarray, want_roots: bool):
    """From roots u (N, w) padded with NaN: (irr, n_roots, roots, lost). Roots whose rate
    expm1(-u) is not a number above -1 in floating point (it rounds to -1, or overflows) are
    dropped and flagged in ``lost``; n_roots is -1 for rows flagged ``bad``."""
    R = np.expm1(-U) + 0.0
    drop = np.isfinite(U) & ~((R > -1) & np.isfinite(R))
    R[drop] = np.nan
    lost = drop.any(axis=1)
    n_roots = np.count_nonzero(np.isfinite(R), axis=1)
    R = np.sort(R, axis=1)                                  # ascending rates, NaN last
    irr = np.where(n_roots == 1, R[:, 0], np.nan)
    n_roots[bad] = -1
    roots = [row[:c] for row, c in zip(R, np.maximum(n_roots, 0))] if want_roots else None
    return irr, n_roots, roots, lost


@np.errstate(all="ignore")
def _irr_core(v2: np.ndarray, want_roots: bool):
    """IRR, number of roots, (optionally) all roots, rows without sign change, and rows with
    a root lost to rounding (a rate of -1 in floating point), for rows of v2 (N, T).

    Rows with exactly one sign change (Descartes: exactly one root) go to the
    vectorised solver; rows with several sign changes to the Rolle chain of
    _rolle_roots. n_roots is -1 for rows with NaN or infinite values.
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
    ev = _PolyEval(T)
    U = np.full((N, 1), np.nan)
    if one.any():
        flip = np.where(pos_first & ~neg_first, -1.0, 1.0)
        if one.all():
            c1 = a if (flip > 0).all() else a * flip
        else:
            sel = np.flatnonzero(one)
            c1 = a[:, sel] * flip[sel]
        U[one, 0] = _solve_one_change(c1)
    if many.any():
        sel = np.flatnonzero(many)
        found = _rolle_roots(ev, a[:, sel])
        if found.shape[1] > 1:
            U = np.column_stack([U, np.full((N, found.shape[1] - 1), np.nan)])
        U[sel] = found
    irr, n_roots, roots, lost = _rates(U, bad, want_roots)
    return irr, n_roots, roots, (~both) & ~bad, lost


@np.errstate(all="ignore")
def _xirr_core(v2: np.ndarray, tau: np.ndarray, want_roots: bool = True):
    """XIRR, number of roots, all roots (ascending rates, if wanted) and rows with a root
    lost to rounding, for rows of v2 (N, T) whose values fall at times tau (T,) in years
    (tau >= 0); n_roots is -1 for rows with NaN or inf. Values on one date are summed; all
    rows are solved together (one sign change: :func:`_solve_one_change_exp`; several: the
    Rolle chain of :func:`_rolle_roots` on sums of exponentials)."""
    order = np.argsort(tau, kind="stable")
    ts = tau[order]
    starts = np.flatnonzero(np.r_[True, ts[1:] != ts[:-1]])
    lam = ts[starts]
    vs = v2[:, order]
    bad = ~np.isfinite(vs).all(axis=1)
    a = np.add.reduceat(vs, starts, axis=1).T if vs.shape[1] else np.zeros((0, vs.shape[0]))
    a = np.ascontiguousarray(a)
    a[:, bad] = 0.0
    ev = _ExpEval(lam)
    nchg, _ = _sign_changes(a) if lam.size > 1 else (np.zeros(a.shape[1], int), None)
    U = np.full((a.shape[1], max(1, int(nchg.max(initial=0)))), np.nan)
    one = np.flatnonzero(nchg == 1)
    if one.size:
        U[one, 0] = _one_change(ev, a[:, one])
    many = np.flatnonzero(nchg >= 2)
    if many.size:
        U[many] = _rolle_roots(ev, a[:, many])
    irr, n_roots, roots, lost = _rates(U, bad, want_roots)
    return irr, n_roots, roots, lost
