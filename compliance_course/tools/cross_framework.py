"""The company-profile tool: tick who you sell to and what you handle, see the frameworks in order."""
from __future__ import annotations

import html

import ipywidgets as w

from ..data import load_course
from ..decisions.frameworks import BUYERS, INFORMATION, frameworks_for
from ..no_math import NO_MATH
from ._guard import run_guarded

_WHOLE = w.Layout(width="auto")


def _module_link(framework: str) -> str:
    """" Open the module →" linking the course notebook that teaches ``framework`` (if any)."""
    for module in load_course().modules.values():
        if module.framework == framework or framework.startswith(module.framework):
            return (f" <a href='{html.escape(module.notebook)}'>"
                    f"Open the {html.escape(module.framework)} module →</a>")
    return ""

BUYER_LABELS = {"commercial": "Commercial companies", "healthcare": "Healthcare organisations",
                "federal_civilian": "Federal civilian agencies", "dod": "The Department of Defense (or its primes)",
                "state_local": "State and local governments"}
INFO_LABELS = {"phi": "Protected health information (PHI)", "fci": "Federal contract information (FCI)",
               "cui": "Controlled unclassified information (CUI)", "customer_data": "Customers' business data",
               "personal_information": "Personal information about individuals"}


class CompanyProfileTool(w.VBox):
    """Checkboxes for a company profile; the answer lists each framework with basis, reason and source."""

    def __init__(self):
        # width "auto": ipywidgets cuts a checkbox label to ~300 px with "…" otherwise.
        self.buyers = {k: w.Checkbox(description=BUYER_LABELS[k], indent=False, layout=_WHOLE) for k in BUYERS}
        self.info = {k: w.Checkbox(description=INFO_LABELS[k], indent=False, layout=_WHOLE) for k in INFORMATION}
        self.cloud = w.Checkbox(description="We run a cloud service (SaaS, PaaS or IaaS) for customers",
                                indent=False, layout=_WHOLE)
        self.covered_entity = w.Checkbox(description="We are a health care provider, health plan or clearinghouse "
                                                     "(a HIPAA covered entity)", indent=False, layout=_WHOLE)
        self.output = w.Output()
        self.result = w.HTML()
        for box in [*self.buyers.values(), *self.info.values(), self.cloud, self.covered_entity]:
            box.observe(self._on_box_value, names="value")
        super().__init__([w.HTML("<b>We sell to:</b>"), *self.buyers.values(),
                          w.HTML("<b>We handle:</b>"), *self.info.values(),
                          w.HTML("<b>Our product:</b>"), self.cloud, self.covered_entity, self.result,
                          self.output])
        self._refresh()

    def decisions(self):
        return frameworks_for(sells_to={k for k, b in self.buyers.items() if b.value},
                              handles={k for k, b in self.info.items() if b.value},
                              cloud_service=self.cloud.value, covered_entity=self.covered_entity.value)

    def _refresh(self) -> None:
        found = self.decisions()
        if not found:
            self.result.value = "<p>No framework applies to this profile yet: tick who you sell to and what you handle.</p>"
            return
        items = "".join(
            f"<li><b>{html.escape(d.answer)}</b> <i>({html.escape(d.basis)})</i>: {html.escape(d.reason)} "
            f"<small>Source: {html.escape(d.citation)}</small>{_module_link(d.answer)}</li>" for d in found)
        self.result.value = (f"<div class='{NO_MATH}'><p>In the order to pursue them:</p>"
                             f"<ol>{items}</ol></div>")

    def _on_box_value(self, _change) -> None:
        # JupyterLab hides callback errors unless they go to an Output widget
        run_guarded(self._refresh, message=self.result, errors=self.output)


def company_profile_tool() -> CompanyProfileTool:
    return CompanyProfileTool()
