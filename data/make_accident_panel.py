"""SYNTHETIC accident panel for kiosk and comparison sites (NOT Minhang data).

Writes ``data/accident_panel.csv`` (UTF-8, header row, "\\n" line ends), a made-up panel for trying
out the estimators of :mod:`cba.evidence`; every number in it comes from the seeded random draws
below, none from a real intersection, district or police record.

Run from the repository root: ``python data/make_accident_panel.py`` (``--out PATH`` to write
elsewhere). Same seed, same bytes: ``tests/evidence/test_panel.py`` checks that the committed CSV is
reproduced byte for byte.

Design (all numbers are the generator's assumptions, chosen inside the kiosk case's ranges in the
project's context notes: 10-60 accidents a year at a covered intersection, 0-40% reduction):

* a candidate pool of ``N_POOL`` = 1,200 intersections; traffic ``aadt`` (vehicles a day) lognormal
  with median 22,000 and log-sd 0.35, growing 0.5% a quarter at every site (with 1% noise);
* a safety performance function for the mean count in a quarter,
  ``mu = exp(B0) * (aadt / 10,000) ** B_AADT * months * exp(TREND * (period - 1))``,
  with ``B_AADT`` = 0.8 and a common trend of -1.5% a quarter (``TREND``, log scale);
* a site effect ``u ~ Gamma(shape = 1/K, scale = K)`` (mean 1, variance ``K`` = 0.15), the same in
  every period: counts at one site are Poisson(``u * mu``), so site totals are negative binomial
  with overdispersion ``K`` (Var = m + K m^2);
* 16 quarters: periods 1-8 before (24 months), 9-16 after (24 months), 3 months each;
* 40 kiosk sites chosen partly for their accident history (``N_KIOSK_WORST`` = 24 are the sites
  with the most accidents in the before period, 16 are drawn at random from the rest): the
  regression-to-the-mean trap a naive before/after comparison falls into;
* 80 comparison sites drawn at random from the remaining pool;
* the true kiosk effect: the rate at kiosk sites in the after period is multiplied by
  ``TRUE_RATIO`` = 0.85 (a 15% reduction).

Columns: ``site`` (K01-K40 kiosk sites, C01-C80 comparison sites), ``group`` ("kiosk" or
"comparison"), ``treated`` (1 at kiosk sites in every period), ``period`` (1-16), ``quarter``
("2021Q1"-"2024Q4"), ``after`` (1 from period 9), ``kiosk`` (1 where a kiosk stands: treated and
after), ``months`` (3), ``aadt`` (vehicles a day, whole number), ``accidents`` (count in the
quarter).
"""
from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

import numpy as np

SEED = 20240612
N_POOL = 1200
N_KIOSK = 40
N_KIOSK_WORST = 24
N_COMPARISON = 80
N_BEFORE = 8            # quarters before (24 months)
N_AFTER = 8             # quarters after (24 months)
MONTHS = 3
B0 = np.log(1.0)        # accidents a month at aadt 10,000, before any trend
B_AADT = 0.8
TREND = -0.015          # common trend, per quarter (log scale)
AADT_MEDIAN = 22_000
AADT_LOGSD = 0.35
AADT_GROWTH = 0.005     # per quarter
K = 0.15                # overdispersion: variance of the site effect
TRUE_RATIO = 0.85       # rate ratio at kiosk sites in the after period
FIRST_YEAR = 2021

COLUMNS = ["site", "group", "treated", "period", "quarter", "after", "kiosk", "months", "aadt", "accidents"]


def simulate(seed: int = SEED) -> dict:
    """Draw the panel; returns the rows (dicts in ``COLUMNS`` order) and the hidden truth.

    The truth (``true_mean``: each row's expected count, kiosk effect included; ``site_effect``)
    is for tests only and is not written to the CSV.
    """
    rng = np.random.default_rng(seed)
    periods = np.arange(1, N_BEFORE + N_AFTER + 1)
    after = (periods > N_BEFORE).astype(int)
    base_aadt = AADT_MEDIAN * np.exp(AADT_LOGSD * rng.standard_normal(N_POOL))
    growth = np.exp(AADT_GROWTH * (periods - 1) + 0.01 * rng.standard_normal((N_POOL, periods.size)))
    aadt = np.rint(base_aadt[:, None] * growth)                                   # (pool, T)
    u = rng.gamma(shape=1.0 / K, scale=K, size=N_POOL)                              # site effects
    mu = np.exp(B0) * (aadt / 10_000.0) ** B_AADT * MONTHS * np.exp(TREND * (periods - 1))
    # before-period counts for the whole pool, then selection on them
    before = rng.poisson(u[:, None] * mu[:, :N_BEFORE])
    total_before = before.sum(axis=1)
    order = np.argsort(-total_before, kind="stable")
    worst = order[:N_KIOSK_WORST]
    rest = rng.permutation(order[N_KIOSK_WORST:])
    kiosk_sites = np.sort(np.concatenate([worst, rest[: N_KIOSK - N_KIOSK_WORST]]))
    comparison_sites = np.sort(rest[N_KIOSK - N_KIOSK_WORST: N_KIOSK - N_KIOSK_WORST + N_COMPARISON])
    # after-period counts: the kiosk multiplies the rate at kiosk sites by TRUE_RATIO
    is_kiosk = np.zeros(N_POOL, dtype=bool)
    is_kiosk[kiosk_sites] = True
    effect = np.where(is_kiosk[:, None], TRUE_RATIO, 1.0)
    after_counts = rng.poisson(u[:, None] * mu[:, N_BEFORE:] * effect)
    counts = np.concatenate([before, after_counts], axis=1)
    true_mean = u[:, None] * mu * np.where(is_kiosk[:, None] & (after[None, :] == 1), TRUE_RATIO, 1.0)

    rows, truth = [], []
    for group, sites, stem in (("kiosk", kiosk_sites, "K"), ("comparison", comparison_sites, "C")):
        for j, s in enumerate(sites, start=1):
            for t, p in enumerate(periods):
                rows.append({
                    "site": f"{stem}{j:02d}", "group": group, "treated": int(group == "kiosk"),
                    "period": int(p), "quarter": f"{FIRST_YEAR + (p - 1) // 4}Q{(p - 1) % 4 + 1}",
                    "after": int(after[t]), "kiosk": int(group == "kiosk" and after[t] == 1),
                    "months": MONTHS, "aadt": int(aadt[s, t]), "accidents": int(counts[s, t]),
                })
                truth.append({"true_mean": float(true_mean[s, t]), "site_effect": float(u[s])})
    return {"rows": rows, "truth": truth}


def to_csv(rows: list[dict]) -> bytes:
    """The rows as UTF-8 CSV bytes with a header and "\\n" line ends."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description="Write the SYNTHETIC kiosk accident panel (not Minhang data).")
    parser.add_argument("--out", default=str(Path(__file__).with_name("accident_panel.csv")))
    args = parser.parse_args(argv)
    out = Path(args.out)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(to_csv(simulate()["rows"]))
    tmp.replace(out)
    return out


if __name__ == "__main__":
    print(main())
