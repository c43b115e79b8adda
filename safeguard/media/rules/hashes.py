"""Hash formats a bank may hold, and the Hamming distance between PDQ hashes.

PDQ is Meta's open 256-bit perceptual hash, written as 64 hexadecimal digits; MD5 (32 digits)
and SHA-1 (40 digits) identify byte-identical files (DESIGN.md "Hash matching"). A bank row
in any other format, or with a value of the wrong length, is refused with a message that
says which, so that the rest of an import can proceed.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from enum import StrEnum


class HashFormat(StrEnum):
    PDQ = "pdq"
    MD5 = "md5"
    SHA1 = "sha1"


HEX_LENGTHS: dict[HashFormat, int] = {HashFormat.PDQ: 64, HashFormat.MD5: 32, HashFormat.SHA1: 40}
PDQ_BITS = 256
_ALIASES = {"sha-1": HashFormat.SHA1, "pdq256": HashFormat.PDQ}
_HEX_DIGITS = frozenset(string.hexdigits)


class HashValueInvalid(ValueError):
    """A hash format or value that cannot be read; the message is safe to show."""


@dataclass(frozen=True)
class ParsedHash:
    format: HashFormat
    value: str  # lower-case hexadecimal


def hash_format_parse(name: str) -> HashFormat:
    """Return the format named ``name`` (case-insensitive; ``sha-1`` is accepted).

    :raises HashValueInvalid: the format is not PDQ, MD5 or SHA-1
    """
    cleaned = name.strip().lower()
    if cleaned in _ALIASES:
        return _ALIASES[cleaned]
    try:
        return HashFormat(cleaned)
    except ValueError:
        known = ", ".join(f.value for f in HashFormat)
        raise HashValueInvalid(
            f"Unknown hash format {name.strip()!r}: use one of {known}."
        ) from None


def hash_parse(format_name: str, value: str) -> ParsedHash:
    """Return the hash ``value`` in ``format_name``, normalised to lower-case hexadecimal.

    :raises HashValueInvalid: unknown format, a character that is not hexadecimal, or the
        wrong number of digits for the format
    """
    hash_format = hash_format_parse(format_name)
    cleaned = value.strip().lower()
    expected = HEX_LENGTHS[hash_format]
    if not cleaned or not set(cleaned) <= _HEX_DIGITS:
        raise HashValueInvalid(
            f"A {hash_format.value} hash is written in hexadecimal (0-9, a-f); got {value.strip()!r}."
        )
    if len(cleaned) != expected:
        raise HashValueInvalid(
            f"A {hash_format.value} hash has {expected} hexadecimal digits; got {len(cleaned)}."
        )
    return ParsedHash(hash_format, cleaned)


def pdq_bits_to_hex(bits: list[int]) -> str:
    """Return the 64-digit hexadecimal form of 256 PDQ bits, first bit most significant.

    This is the order in which HMA and ThreatExchange write PDQ hashes.

    :raises HashValueInvalid: not exactly 256 bits
    """
    if len(bits) != PDQ_BITS:
        raise HashValueInvalid(f"A PDQ hash has {PDQ_BITS} bits; got {len(bits)}.")
    number = 0
    for bit in bits:
        number = (number << 1) | (1 if bit else 0)
    return f"{number:064x}"


def hamming_distance(a: str, b: str) -> int:
    """Return how many of the 256 bits differ between two PDQ hashes in hexadecimal.

    :raises HashValueInvalid: either value is not a PDQ hash
    """
    left = hash_parse(HashFormat.PDQ, a).value
    right = hash_parse(HashFormat.PDQ, b).value
    return (int(left, 16) ^ int(right, 16)).bit_count()
