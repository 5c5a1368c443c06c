"""Run a scenario through the decision engine it names."""
from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

from .data.models import Scenario
from .decision import Decision


def engine_for(scenario: Scenario) -> Callable[..., Any]:
    """The function named by ``scenario.engine`` ("<module>.<function>" in compliance_course.decisions)."""
    module_name, function_name = scenario.engine.split(".")
    try:
        module = importlib.import_module(f"compliance_course.decisions.{module_name}")
        return getattr(module, function_name)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"scenario {scenario.id!r}: engine: no decision function {scenario.engine!r}") from exc


def _coerce(value: Any) -> Any:
    """YAML gives ISO dates as dates already; lists that stand for sets become sets."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def run(scenario: Scenario) -> Decision:
    """Call the scenario's engine with its inputs and return the Decision."""
    engine = engine_for(scenario)
    kwargs = {k: _coerce(v) for k, v in scenario.inputs.items()}
    result = engine(**kwargs)
    if isinstance(result, list) and all(isinstance(d, Decision) for d in result):
        # Engines that return several decisions (frameworks_for): the answer is the ordered list.
        if not result:
            return Decision(answer=[], reason="None of the rules that bring in a framework applies here.",
                            citation=scenario.source)
        return Decision(answer=[d.answer for d in result],
                        reason=" ".join(f"{d.answer}: {d.reason}" for d in result),
                        citation="; ".join(dict.fromkeys(d.citation for d in result)))
    if not isinstance(result, Decision):
        # Engines such as sprs_score return a plain value; wrap it for display.
        result = Decision(answer=result, reason=scenario.explanation, citation=scenario.source)
    return result
