"""The inspection pack as a PDF (issue 9 item 5): the indicators by area with their charts
and tables, the self-assessment, the case audit results and the action plan.

Rendered from a print template with WeasyPrint; charts are the same accessible inline SVG
as the dashboard, each followed by its data table.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from safeguard.access.policies import require_capability
from safeguard.access.rules.capabilities import Capability
from safeguard.audit.rules.operations import Operation
from safeguard.audit.services import audit_event_record
from safeguard.core import clock
from safeguard.inspection.charts import area_charts
from safeguard.inspection.rules.areas import AREA_LABELS, GRADED_AREAS
from safeguard.inspection.selectors import (
    action_plan,
    case_audit_get,
    case_audits,
    indicators_by_area,
    self_assessments_latest,
)

if TYPE_CHECKING:
    from safeguard.accounts.models import User


def inspection_pack_pdf(*, actor: User, since: dt.datetime, until: dt.datetime) -> bytes:
    """The pack for the period, as PDF bytes. Counts, grades and the plan: no one's
    personal data; its making is still logged.

    :raises CapabilityMissing: the actor may not read indicators
    """
    require_capability(actor, Capability.INDICATOR_VIEW)
    blocks = indicators_by_area(actor=actor, since=since, until=until)
    charts = area_charts(blocks)
    latest = self_assessments_latest(actor=actor)
    audits = [case_audit_get(actor=actor, audit_id=a.pk) for a in case_audits(actor=actor)[:3]]
    context = {
        "blocks": blocks,
        "charts": charts,
        "since": since,
        "until": until,
        "made_at": clock.now(),
        "assessments": [(AREA_LABELS[a], latest.get(a.value)) for a in GRADED_AREAS],
        "audits": audits,
        "area_labels": {a.value: label for a, label in AREA_LABELS.items()},
        "plans": action_plan(actor=actor),
    }
    html = render_to_string("inspection/pack.html", context)
    # Imported here: WeasyPrint is only needed for the pack, and importing it changes
    # Pillow's process-wide settings (see safeguard.media.hashing.strict_decoding).
    from weasyprint import HTML  # type: ignore[import-untyped]

    pdf: bytes = HTML(string=html).write_pdf()
    audit_event_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        event_type="inspection.pack_made",
        justification="Inspection pack (indicators, audits and the action plan)",
        changes={"since": since.isoformat(), "until": until.isoformat(), "bytes": len(pdf)},
    )
    return pdf
