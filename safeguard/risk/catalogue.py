"""The instruments this force uses: the shipped ones plus those its policy configures."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from safeguard.risk import policy
from safeguard.risk.rules.da_child import DA_CHILD_V1
from safeguard.risk.rules.dara import DARA_V1, dara_instrument_from_config
from safeguard.risk.rules.dash import dash_instrument, dash_instrument_from_config
from safeguard.risk.rules.instruments import Instrument, InstrumentMisdefined, InstrumentRegistry
from safeguard.risk.rules.kirat import KIRAT_V2
from safeguard.risk.rules.missing_person import MISSING_RISK_V1
from safeguard.risk.rules.ppn_rag import PPN_RAG_V1, ppn_rag_instrument_from_config
from safeguard.risk.rules.thrive import thrive_instruments


def instrument_registry() -> InstrumentRegistry:
    """Return every version of every instrument.

    THRIVE and THRIVE+, the child-concern RAG, DASH (v1 banded by the force's thresholds),
    DARA, the child's domestic abuse risk, the missing-child grading (APP) and KIRAT v2,
    each with the force's own versions.
    Built from settings on each call (it is small), so a policy change needs no restart.

    :raises ImproperlyConfigured: a configured instrument version or threshold is not well
        formed
    """
    thresholds = policy.dash_thresholds()
    try:
        return InstrumentRegistry(
            (
                *thrive_instruments(policy.thrive_plus_versions()),
                PPN_RAG_V1,
                *(ppn_rag_instrument_from_config(raw) for raw in policy.ppn_rag_versions()),
                dash_instrument(medium_from=thresholds.medium_from, high_from=thresholds.high_from),
                *(
                    dash_instrument_from_config(
                        raw, medium_from=thresholds.medium_from, high_from=thresholds.high_from
                    )
                    for raw in policy.dash_versions()
                ),
                DARA_V1,
                *(dara_instrument_from_config(raw) for raw in policy.dara_versions()),
                DA_CHILD_V1,
                MISSING_RISK_V1,
                KIRAT_V2,
            )
        )
    except InstrumentMisdefined as exc:
        raise ImproperlyConfigured(f"A configured risk instrument is not valid: {exc}") from exc


def instrument_get(code: str, version: int | None = None) -> Instrument:
    """Return the instrument ``code`` at ``version``, or its latest version when None.

    :raises UnknownInstrument: no such instrument or version
    """
    return instrument_registry().get(code, version)


def instrument_list() -> tuple[Instrument, ...]:
    """Return the latest version of every instrument, ordered by code."""
    return instrument_registry().latest()
