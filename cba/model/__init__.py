"""Models as data: parameters, options and flow lines, the safe expression language, the one
vectorised evaluation path, model files (YAML and Excel) and parameter distributions.

Data flows one way: a file or dict -> :func:`load_model` -> a frozen :class:`Model` ->
:func:`resolve_inputs` and :func:`cash_flows` on arrays of draws; :func:`check_model` evaluates
the base case, every scenario and every range end at once and reports every formula that fails.
"""
from __future__ import annotations

from .check import ModelCheck, Problem, check_model
from .distributions import Distribution
from .evaluate import CashFlows, Inputs, cash_flows, resolve_inputs
from .expr import Expr, compile_expr
from .files import load_model, write_excel
from .model import Flow, Model, Option, Parameter

__all__ = ["CashFlows", "Distribution", "Expr", "Flow", "Inputs", "Model", "ModelCheck", "Option",
           "Parameter", "Problem", "cash_flows", "check_model", "compile_expr", "load_model",
           "resolve_inputs", "write_excel"]
