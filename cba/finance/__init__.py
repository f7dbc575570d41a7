"""Pure, vectorised investment metrics and discount schedules (numpy only).

``metrics`` holds NPV, IRR, MIRR, XNPV/XIRR, payback, BCR, EAC and the loan functions;
``schedules`` the discount rates, stepped schedules and discount factors; ``roots`` the
IRR root finding. Everything here broadcasts over leading axes of ``(..., T)`` cash flows.
"""
from __future__ import annotations

from .dated import xirr, xnpv
from .metrics import (
    annuity_factor,
    bcr,
    eac,
    irr,
    irr_roots,
    irr_solve,
    mirr,
    nominal_rate,
    npv,
    payback,
    pmt,
    real_rate,
)
from .schedules import (
    SCHEDULE_SOURCES,
    SCHEDULES,
    Steps,
    describe_schedule,
    discount_factors,
    parse_schedule,
    period_offsets,
)

__all__ = [
    "annuity_factor", "bcr", "eac", "irr", "irr_roots", "irr_solve", "mirr", "nominal_rate", "npv",
    "payback", "pmt", "real_rate", "xirr", "xnpv",
    "SCHEDULES", "SCHEDULE_SOURCES", "Steps", "describe_schedule", "discount_factors",
    "parse_schedule", "period_offsets",
]
