from __future__ import annotations

import pytest

from safeguard.online_abuse.rules.codes import IdentifierKind
from safeguard.online_abuse.rules.identifiers import MAX_LENGTH, IdentifierInvalid, normalise

ACCOUNT = IdentifierKind.ACCOUNT
EMAIL = IdentifierKind.EMAIL
PHONE = IdentifierKind.PHONE
IP = IdentifierKind.IP_ADDRESS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("suspect.fictional@example.invalid", "suspect.fictional@example.invalid"),
        ("Suspect.Fictional@Example.INVALID", "suspect.fictional@example.invalid"),
        ("  SUSPECT@example.invalid\n", "suspect@example.invalid"),
        ("first+tag@sub.example.invalid", "first+tag@sub.example.invalid"),
    ],
)
def test_an_email_is_matched_in_lower_case(value: str, expected: str) -> None:
    assert normalise(EMAIL, value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "suspect.example.invalid",  # no @
        "suspect@localhost",  # no dot in the domain
        "suspect@@example.invalid",
        "sus pect@example.invalid",
        "@example.invalid",
        "suspect@.invalid",
        "suspect@example.",
    ],
)
def test_an_email_without_the_shape_of_one_is_refused(value: str) -> None:
    with pytest.raises(IdentifierInvalid, match="is not an email address"):
        normalise(EMAIL, value)


@pytest.mark.parametrize(
    "value",
    [
        "07700900123",
        "07700 900123",
        "07700 900 123",
        "07700-900-123",
        "07700.900.123",
        "(07700) 900123",
        "\t07700\u00a0900123 ",
        "+447700900123",
        "+44 7700 900123",
        "+44-7700-900-123",
        "+44 (7700) 900123",
        "00447700900123",
        "0044 7700 900123",
        "0044-7700-900123",
    ],
)
def test_a_uk_mobile_number_typed_any_way_is_its_national_digits(value: str) -> None:
    assert normalise(PHONE, value) == "07700900123"


@pytest.mark.parametrize(
    "value",
    [
        # The usual British way of writing an international number: the national 0 in
        # brackets. Today the rule keeps that 0 after replacing +44 with 0 ("007700900123"),
        # so the same phone typed this way never matches (see the report).
        "+44 (0)7700 900123",
        "+44(0)7700900123",
        "0044 (0) 7700 900123",
    ],
)
def test_a_uk_number_with_the_bracketed_national_zero_matches_the_national_form(
    value: str,
) -> None:
    assert normalise(PHONE, value) == "07700900123"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01785 123456", "01785123456"),  # a landline
        ("+44 1785 123456", "01785123456"),
        ("+33 1 23 45 67 89", "+33123456789"),  # another country keeps its +
        ("1234567", "1234567"),  # seven digits is the shortest accepted
        ("123456789012345", "123456789012345"),  # fifteen the longest
    ],
)
def test_other_phone_numbers_keep_their_digits(value: str, expected: str) -> None:
    assert normalise(PHONE, value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "not a phone",
        "123456",  # too short
        "1234567890123456",  # too long
        "+44",  # the country code alone
        "07700 900123 ext 4",
        "07700/900123",
        "++447700900123",
    ],
)
def test_a_phone_number_that_is_not_one_is_refused(value: str) -> None:
    with pytest.raises(IdentifierInvalid, match="is not a phone number"):
        normalise(PHONE, value)


@pytest.mark.parametrize(
    ("value", "platform", "expected"),
    [
        ("Fictional_User", "FictionalChat", "fictionalchat:fictional_user"),
        ("@Fictional_User", "FictionalChat", "fictionalchat:fictional_user"),
        ("  @@Fictional_User ", "  FictionalChat ", "fictionalchat:fictional_user"),
        ("Fictional_User", "", "fictional_user"),
        ("@Fictional_User", "", "fictional_user"),
        ("@Fictional_User", "   ", "fictional_user"),  # a blank platform is no platform
    ],
)
def test_an_account_is_platform_and_username_in_lower_case(
    value: str, platform: str, expected: str
) -> None:
    assert normalise(ACCOUNT, value, platform=platform) == expected


def test_an_account_without_a_platform_is_the_username_alone() -> None:
    assert normalise(ACCOUNT, "@Fictional_User") == "fictional_user"


@pytest.mark.parametrize("platform", ["", "FictionalChat"])
@pytest.mark.parametrize("value", ["@", "@@@", " @ "])
def test_an_account_that_is_only_at_signs_is_empty(value: str, platform: str) -> None:
    # Today "@" normalises to "" (or "fictionalchat:"), an identifier that matches every
    # other "@" on the platform (see the report).
    with pytest.raises(IdentifierInvalid, match="is empty"):
        normalise(ACCOUNT, value, platform=platform)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("  203.0.113.7\n", "203.0.113.7"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("0:0:0:0:0:0:0:1", "::1"),
    ],
)
def test_an_ip_address_is_in_its_canonical_form(value: str, expected: str) -> None:
    assert normalise(IP, value) == expected


@pytest.mark.parametrize(
    "value",
    ["203.0.113", "203.0.113.256", "203.0.113.7/24", "2001:db8:::1", "2001:db8::g", "localhost"],
)
def test_an_ip_address_that_is_not_one_is_refused(value: str) -> None:
    with pytest.raises(IdentifierInvalid, match="is not an IP address") as caught:
        normalise(IP, value)
    assert isinstance(caught.value.__cause__, ValueError)


@pytest.mark.parametrize("kind", list(IdentifierKind))
@pytest.mark.parametrize("value", ["", "   ", "\n\t"])
def test_an_empty_identifier_is_refused_whatever_its_kind(kind: IdentifierKind, value: str) -> None:
    with pytest.raises(IdentifierInvalid, match=r"^is empty$"):
        normalise(kind, value, platform="FictionalChat")


@pytest.mark.parametrize("kind", list(IdentifierKind))
def test_an_identifier_too_long_is_refused_whatever_its_kind(kind: IdentifierKind) -> None:
    with pytest.raises(IdentifierInvalid, match=rf"^is longer than {MAX_LENGTH} characters$"):
        normalise(kind, "1" * (MAX_LENGTH + 1))


def test_the_longest_identifier_is_allowed_and_the_spaces_round_it_do_not_count() -> None:
    domain = "@example.invalid"
    email = "a" * (MAX_LENGTH - len(domain)) + domain
    assert normalise(EMAIL, f"  {email}  ") == email
    assert normalise(ACCOUNT, " " + "u" * MAX_LENGTH + " ") == "u" * MAX_LENGTH


def test_the_refusal_quotes_at_most_forty_characters_of_the_value() -> None:
    with pytest.raises(IdentifierInvalid) as caught:
        normalise(EMAIL, "x" * 100)
    assert str(caught.value) == f"{'x' * 40!r} is not an email address"
