"""Suspect identifiers in one comparable form (issue 7, DOMAIN.md §6.1, §6.3). Pure.

The same email, phone or account typed two ways must match: an identifier is stored as
given and matched in its normalised form.
"""

from __future__ import annotations

import ipaddress
import re

from safeguard.online_abuse.rules.codes import IdentifierKind

MAX_LENGTH = 320
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class IdentifierInvalid(ValueError):
    """The value is not a usable identifier of its kind; the message says why."""


def normalise(kind: IdentifierKind, value: str, *, platform: str = "") -> str:
    """The form identifiers are matched in.

    Emails lower case; UK phone numbers as national digits (+44 7700 900123 and
    07700900123 agree); accounts as ``platform:username`` lower case; IP addresses in their
    canonical form (an IPv6 address compressed).

    :raises IdentifierInvalid: empty, too long, or not of its kind
    """
    text = value.strip()
    if not text:
        raise IdentifierInvalid("is empty")
    if len(text) > MAX_LENGTH:
        raise IdentifierInvalid(f"is longer than {MAX_LENGTH} characters")
    if kind is IdentifierKind.EMAIL:
        if not _EMAIL.fullmatch(text):
            raise IdentifierInvalid(f"{text[:40]!r} is not an email address")
        return text.lower()
    if kind is IdentifierKind.PHONE:
        # "+44 (0)7700 900123": the bracketed national 0 is not dialled after +44
        digits = re.sub(r"[\s\-().]", "", re.sub(r"\(\s*0\s*\)", "", text))
        if digits.startswith("+44"):
            digits = "0" + digits[3:]
        elif digits.startswith("0044"):
            digits = "0" + digits[4:]
        if not re.fullmatch(r"\+?\d{7,15}", digits):
            raise IdentifierInvalid(f"{text[:40]!r} is not a phone number")
        return digits
    if kind is IdentifierKind.IP_ADDRESS:
        try:
            return str(ipaddress.ip_address(text))
        except ValueError as exc:
            raise IdentifierInvalid(f"{text[:40]!r} is not an IP address") from exc
    name = text.lstrip("@").strip().lower()
    if not name:
        raise IdentifierInvalid("is empty")
    return f"{platform.strip().lower()}:{name}" if platform.strip() else name
