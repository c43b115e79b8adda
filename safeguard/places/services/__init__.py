"""Writes for places (``places``), business concerns (``concerns``) and the engagement
register (``engagement``)."""

from safeguard.places.services.common import PlaceInvalid
from safeguard.places.services.concerns import (
    ConcernInvalid,
    concern_close,
    concern_submit,
    concern_triage,
)
from safeguard.places.services.engagement import engagement_record
from safeguard.places.services.places import (
    place_flag,
    place_flag_lower,
    place_link_record,
    place_record,
)

__all__ = [
    "ConcernInvalid",
    "PlaceInvalid",
    "concern_close",
    "concern_submit",
    "concern_triage",
    "engagement_record",
    "place_flag",
    "place_flag_lower",
    "place_link_record",
    "place_record",
]
