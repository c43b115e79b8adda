from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from safeguard.online_abuse.rules.codes import IdentifierKind, ReferralSource
from safeguard.online_abuse.rules.package import (
    FORMAT,
    MAX_IDENTIFIERS,
    Identifier,
    PackageInvalid,
    read_package,
)

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)
RECEIVED = dt.datetime(2026, 11, 20, 9, 15, tzinfo=dt.UTC)
SEEN = dt.datetime(2026, 11, 18, 22, 40, tzinfo=dt.UTC)
DROP = object()
"""A change that removes the key from the package."""

SOURCES = "NCA_CEOP, IWF, PUBLIC, SELF_GENERATED, OTHER_FORCE"
MD5 = "0123456789abcdef" * 2
SHA1 = "0123456789" * 4
PDQ = "fedcba9876543210" * 4


def package(**changes: Any) -> dict[str, Any]:
    """A fictional valid package, with keys changed (or removed with DROP)."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "source": "NCA_CEOP",
        "reference": "NCA-TEST-000001",
        "platform": "FictionalChat",
        "summary": "Fictional test package: an account shared indecent images.",
        "received_at": "2026-11-20T09:15:00Z",
        "first_activity_at": "2026-11-01T00:00:00Z",
        "last_activity_at": "2026-11-18T23:00:00Z",
        "suspect": {
            "accounts": [{"platform": "FictionalChat", "username": "@Fictional_User"}],
            "emails": ["Suspect.Fictional@Example.invalid"],
            "phones": ["+44 7700 900123"],
            "ip_addresses": [{"ip": "2001:DB8:0:0:0:0:0:7", "seen_at": "2026-11-18T22:40:00Z"}],
        },
        "media": [{"md5": MD5}, {"sha1": SHA1, "pdq": PDQ}],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not DROP}


def suspect(**lists: Any) -> dict[str, Any]:
    return {"suspect": lists}


def problems(data: Any) -> list[str]:
    with pytest.raises(PackageInvalid) as caught:
        read_package(data, now=NOW)
    assert str(caught.value) == "; ".join(caught.value.errors)
    return caught.value.errors


def test_a_valid_package_is_read_with_its_identifiers_normalised() -> None:
    read = read_package(package(summary="  Fictional summary.\n"), now=NOW)

    assert read.source is ReferralSource.NCA_CEOP
    assert read.reference == "NCA-TEST-000001"
    assert read.platform == "FictionalChat"
    assert read.summary == "Fictional summary."
    assert read.received_at == RECEIVED
    assert read.received_at.tzinfo is dt.UTC
    assert read.first_activity_at == dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    assert read.last_activity_at == dt.datetime(2026, 11, 18, 23, tzinfo=dt.UTC)
    assert read.identifiers == (
        Identifier(
            IdentifierKind.EMAIL,
            "Suspect.Fictional@Example.invalid",
            "suspect.fictional@example.invalid",
        ),
        Identifier(IdentifierKind.PHONE, "+44 7700 900123", "07700900123"),
        Identifier(IdentifierKind.ACCOUNT, "@Fictional_User", "fictionalchat:fictional_user"),
        Identifier(IdentifierKind.IP_ADDRESS, "2001:DB8:0:0:0:0:0:7", "2001:db8::7", SEEN),
    )
    assert read.media == ({"md5": MD5}, {"sha1": SHA1, "pdq": PDQ})
    assert len(read.digest) == 64
    assert int(read.digest, 16) >= 0


def test_the_least_a_package_needs() -> None:
    data = {
        "source": "PUBLIC",
        "summary": "Fictional report from a member of the public.",
        "received_at": "2026-11-20T09:15:00+00:00",
    }
    read = read_package(data, now=NOW)

    assert read.source is ReferralSource.PUBLIC
    assert (read.reference, read.platform) == ("", "")
    assert (read.first_activity_at, read.last_activity_at) == (None, None)
    assert (read.identifiers, read.media) == ((), ())


def test_empty_optional_fields_are_no_values() -> None:
    read = read_package(
        package(
            source="IWF",
            reference=None,
            platform=None,
            first_activity_at="",
            last_activity_at=None,
            suspect=None,
            media=[],
        ),
        now=NOW,
    )
    assert (read.reference, read.platform) == ("", "")
    assert (read.first_activity_at, read.last_activity_at) == (None, None)
    assert (read.identifiers, read.media) == ((), ())


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"received_at": "2026-11-20T10:15:00+01:00"}, RECEIVED, id="another zone is UTC"
        ),
        pytest.param({"received_at": NOW.isoformat()}, NOW, id="received exactly now"),
        pytest.param({"received_at": "2026-11-20T09:15:00.000+00:00"}, RECEIVED, id="fraction"),
    ],
)
def test_received_at_is_kept_in_utc(changes: dict[str, Any], expected: dt.datetime) -> None:
    read = read_package(package(**changes), now=NOW)
    assert read.received_at == expected
    assert read.received_at.tzinfo is dt.UTC


def test_activity_may_start_and_end_at_the_same_moment() -> None:
    moment = "2026-11-18T22:40:00Z"
    read = read_package(package(first_activity_at=moment, last_activity_at=moment), now=NOW)
    assert read.first_activity_at == read.last_activity_at == SEEN


@pytest.mark.parametrize(
    ("first", "last"),
    [
        pytest.param(DROP, "2026-01-01T00:00:00Z", id="no first"),
        pytest.param("2026-11-18T00:00:00Z", DROP, id="no last"),
    ],
)
def test_activity_order_is_only_checked_with_both_ends(first: Any, last: Any) -> None:
    read = read_package(package(first_activity_at=first, last_activity_at=last), now=NOW)
    assert None in (read.first_activity_at, read.last_activity_at)


def test_an_account_without_a_platform_is_its_username_alone() -> None:
    read = read_package(package(suspect={"accounts": [{"username": "@Fictional_User"}]}), now=NOW)
    assert read.identifiers == (
        Identifier(IdentifierKind.ACCOUNT, "@Fictional_User", "fictional_user"),
    )


def test_media_hashes_are_kept_in_lower_case() -> None:
    read = read_package(package(media=[{"md5": f"  {MD5.upper()} ", "sha1": SHA1}]), now=NOW)
    assert read.media == ({"md5": MD5, "sha1": SHA1},)


def test_the_most_entries_a_list_may_hold() -> None:
    emails = [f"user{i}@example.invalid" for i in range(MAX_IDENTIFIERS)]
    read = read_package(
        package(suspect={"emails": emails}, media=[{"md5": MD5}] * MAX_IDENTIFIERS), now=NOW
    )
    assert len(read.identifiers) == MAX_IDENTIFIERS
    assert len(read.media) == MAX_IDENTIFIERS


TOO_MANY = MAX_IDENTIFIERS + 1
IP_SEEN = {"ip": "203.0.113.7", "seen_at": "2026-11-18T22:40:00Z"}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # The format and the sender.
        pytest.param(
            {"format": "safeguard-online-referral/2"},
            ["format: expected 'safeguard-online-referral/1'"],
            id="format-other-version",
        ),
        pytest.param(
            {"format": None}, ["format: expected 'safeguard-online-referral/1'"], id="format-none"
        ),
        pytest.param({"source": "nca_ceop"}, [f"source: one of {SOURCES}"], id="source-case"),
        pytest.param({"source": "POLICE"}, [f"source: one of {SOURCES}"], id="source-unknown"),
        pytest.param({"source": DROP}, [f"source: one of {SOURCES}"], id="source-missing"),
        pytest.param({"source": None}, [f"source: one of {SOURCES}"], id="source-none"),
        pytest.param(
            {"reference": DROP},
            ["reference: required for an NCA-CEOP package"],
            id="nca-reference-missing",
        ),
        pytest.param(
            {"reference": None},
            ["reference: required for an NCA-CEOP package"],
            id="nca-reference-none",
        ),
        pytest.param(
            {"reference": "   "},
            ["reference: required for an NCA-CEOP package"],
            id="nca-reference-blank",
        ),
        pytest.param(
            {"reference": 1234},
            ["reference: must be text", "reference: required for an NCA-CEOP package"],
            id="nca-reference-not-text",
        ),
        pytest.param(
            {"reference": "R" * 61}, ["reference: longer than 60 characters"], id="reference-long"
        ),
        pytest.param({"platform": ["X"]}, ["platform: must be text"], id="platform-not-text"),
        pytest.param(
            {"platform": "P" * 121}, ["platform: longer than 120 characters"], id="platform-long"
        ),
        # The summary.
        pytest.param({"summary": DROP}, ["summary: required"], id="summary-missing"),
        pytest.param({"summary": None}, ["summary: required"], id="summary-none"),
        pytest.param({"summary": " \n "}, ["summary: required"], id="summary-blank"),
        pytest.param({"summary": 42}, ["summary: must be text"], id="summary-not-text"),
        pytest.param(
            {"summary": "s" * 20_001},
            ["summary: longer than 20,000 characters"],
            id="summary-long",
        ),
        # When it was received and when the activity happened.
        pytest.param({"received_at": DROP}, ["received_at: required"], id="received-missing"),
        pytest.param({"received_at": None}, ["received_at: required"], id="received-none"),
        pytest.param({"received_at": ""}, ["received_at: required"], id="received-empty"),
        pytest.param(
            {"received_at": "2026-11-20T09:15:00"},
            ["received_at: give the time zone (for example Z for UTC)"],
            id="received-naive",
        ),
        pytest.param(
            {"received_at": "2026-11-20"},
            ["received_at: give the time zone (for example Z for UTC)"],
            id="received-date-only",
        ),
        pytest.param(
            {"received_at": "last Tuesday"},
            ["received_at: 'last Tuesday' is not a date and time (ISO 8601)"],
            id="received-unparseable",
        ),
        pytest.param(
            {"received_at": "2026-13-01T00:00:00Z"},
            ["received_at: '2026-13-01T00:00:00Z' is not a date and time (ISO 8601)"],
            id="received-no-such-month",
        ),
        pytest.param(
            {"received_at": 1_795_000_000},
            ["received_at: must be a date and time such as 2026-11-20T09:15:00Z"],
            id="received-number",
        ),
        pytest.param(
            {"received_at": (NOW + dt.timedelta(seconds=1)).isoformat()},
            ["received_at: is in the future"],
            id="received-future",
        ),
        pytest.param(
            {"received_at": "2026-11-27T04:00:01+01:00"},
            ["received_at: is in the future"],
            id="received-future-in-another-zone",
        ),
        pytest.param(
            {"first_activity_at": "soon"},
            ["first_activity_at: 'soon' is not a date and time (ISO 8601)"],
            id="first-unparseable",
        ),
        pytest.param(
            {"last_activity_at": "2026-11-18T23:00:00"},
            ["last_activity_at: give the time zone (for example Z for UTC)"],
            id="last-naive",
        ),
        pytest.param(
            {"first_activity_at": {"at": "2026-11-01"}},
            ["first_activity_at: must be a date and time such as 2026-11-20T09:15:00Z"],
            id="first-not-text",
        ),
        pytest.param(
            {"first_activity_at": "2026-11-18T23:00:00Z", "last_activity_at": "2026-11-01T00:00Z"},
            ["last_activity_at: is before first_activity_at"],
            id="last-before-first",
        ),
        # The suspect.
        pytest.param({"suspect": "someone"}, ["suspect: must be an object"], id="suspect-text"),
        pytest.param({"suspect": []}, ["suspect: must be an object"], id="suspect-list"),
        pytest.param(
            suspect(emails="suspect@example.invalid"),
            ["suspect.emails: must be a list"],
            id="emails-not-list",
        ),
        pytest.param(
            suspect(phones={"0": "07700900123"}),
            ["suspect.phones: must be a list"],
            id="phones-not-list",
        ),
        pytest.param(
            suspect(accounts={"platform": "X", "username": "u"}),
            ["suspect.accounts: must be a list"],
            id="accounts-not-list",
        ),
        pytest.param(
            suspect(ip_addresses="203.0.113.7"),
            ["suspect.ip_addresses: must be a list"],
            id="ips-not-list",
        ),
        pytest.param(
            suspect(emails=[f"u{i}@example.invalid" for i in range(TOO_MANY)]),
            [f"suspect.emails: more than {MAX_IDENTIFIERS} entries"],
            id="emails-too-many",
        ),
        pytest.param(
            suspect(phones=["not a phone"] * TOO_MANY),
            [f"suspect.phones: more than {MAX_IDENTIFIERS} entries"],
            id="phones-too-many-not-each-checked",
        ),
        pytest.param(
            suspect(accounts=[{"username": "u"}] * TOO_MANY),
            [f"suspect.accounts: more than {MAX_IDENTIFIERS} entries"],
            id="accounts-too-many",
        ),
        pytest.param(
            suspect(ip_addresses=[IP_SEEN] * TOO_MANY),
            [f"suspect.ip_addresses: more than {MAX_IDENTIFIERS} entries"],
            id="ips-too-many",
        ),
        pytest.param(
            suspect(emails=["a@example.invalid", "b@example.invalid", "not-an-email"]),
            ["suspect.emails[2]: 'not-an-email' is not an email address"],
            id="emails-2-invalid",
        ),
        pytest.param(
            suspect(emails=[42]), ["suspect.emails[0]: must be text"], id="emails-0-not-text"
        ),
        pytest.param(
            suspect(emails=["a@example.invalid", "  "]),
            ["suspect.emails[1]: is empty"],
            id="emails-1-empty",
        ),
        pytest.param(
            suspect(phones=["07700900123", "call me"]),
            ["suspect.phones[1]: 'call me' is not a phone number"],
            id="phones-1-invalid",
        ),
        pytest.param(
            suspect(phones=[7700900123]), ["suspect.phones[0]: must be text"], id="phones-0-number"
        ),
        pytest.param(
            suspect(accounts=["@fictional_user"]),
            ["suspect.accounts[0]: must be an object with platform and username"],
            id="accounts-0-not-object",
        ),
        pytest.param(
            suspect(accounts=[{"platform": "FictionalChat"}]),
            ["suspect.accounts[0].username: must be text"],
            id="accounts-0-no-username",
        ),
        pytest.param(
            suspect(accounts=[{"platform": "FictionalChat", "username": " "}]),
            ["suspect.accounts[0].username: is empty"],
            id="accounts-0-blank-username",
        ),
        pytest.param(
            suspect(accounts=[{"platform": "FictionalChat", "username": "u" * 321}]),
            ["suspect.accounts[0].username: is longer than 320 characters"],
            id="accounts-0-long-username",
        ),
        pytest.param(
            suspect(ip_addresses=["203.0.113.7"]),
            ["suspect.ip_addresses[0]: must be an object with ip and seen_at"],
            id="ips-0-not-object",
        ),
        pytest.param(
            suspect(ip_addresses=[{"ip": "203.0.113.7"}]),
            ["suspect.ip_addresses[0].seen_at: required"],
            id="ips-0-no-seen-at",
        ),
        pytest.param(
            suspect(ip_addresses=[{"ip": "203.0.113.7", "seen_at": "2026-11-18T22:40:00"}]),
            ["suspect.ip_addresses[0].seen_at: give the time zone (for example Z for UTC)"],
            id="ips-0-naive-seen-at",
        ),
        pytest.param(
            suspect(ip_addresses=[IP_SEEN, {"ip": "203.0.113.999", "seen_at": IP_SEEN["seen_at"]}]),
            ["suspect.ip_addresses[1].ip: '203.0.113.999' is not an IP address"],
            id="ips-1-invalid-ip",
        ),
        pytest.param(
            suspect(ip_addresses=[{"seen_at": IP_SEEN["seen_at"]}]),
            ["suspect.ip_addresses[0].ip: must be text"],
            id="ips-0-no-ip",
        ),
        pytest.param(
            suspect(ip_addresses=[{"ip": "nowhere", "seen_at": "never"}]),
            [
                "suspect.ip_addresses[0].seen_at: 'never' is not a date and time (ISO 8601)",
                "suspect.ip_addresses[0].ip: 'nowhere' is not an IP address",
            ],
            id="ips-0-both-wrong",
        ),
        # The media.
        pytest.param({"media": {"md5": MD5}}, ["media: must be a list"], id="media-not-list"),
        pytest.param(
            {"media": [{"md5": MD5}] * TOO_MANY},
            [f"media: more than {MAX_IDENTIFIERS} entries"],
            id="media-too-many",
        ),
        pytest.param(
            {"media": [{}]},
            ["media[0]: must be an object with md5, sha1 or pdq"],
            id="media-0-empty-object",
        ),
        pytest.param(
            {"media": [MD5]},
            ["media[0]: must be an object with md5, sha1 or pdq"],
            id="media-0-bare-hash",
        ),
        pytest.param(
            {"media": [{"md5": MD5}, {"md5": "xyz"}]},
            ["media[1].md5: must be 32 hexadecimal digits"],
            id="media-1-md5-short",
        ),
        pytest.param(
            {"media": [{"md5": "g" * 32}]},
            ["media[0].md5: must be 32 hexadecimal digits"],
            id="media-0-md5-not-hex",
        ),
        pytest.param(
            {"media": [{"md5": None}]},
            ["media[0].md5: must be 32 hexadecimal digits"],
            id="media-0-md5-none",
        ),
        pytest.param(
            {"media": [{"sha1": SHA1[:-1]}]},
            ["media[0].sha1: must be 40 hexadecimal digits"],
            id="media-0-sha1-short",
        ),
        pytest.param(
            {"media": [{"pdq": MD5}]},
            ["media[0].pdq: must be 64 hexadecimal digits"],
            id="media-0-pdq-is-md5-length",
        ),
        pytest.param(
            {"media": [{"sha256": PDQ}]},
            ["media[0]: unknown hash format 'sha256' (md5, sha1, pdq)"],
            id="media-0-unknown-hash",
        ),
        pytest.param(
            {"media": [{"md5": MD5, "a-very-long-hash-format-name": "00"}]},
            ["media[0]: unknown hash format 'a-very-long-hash-for' (md5, sha1, pdq)"],
            id="media-0-unknown-hash-name-cut",
        ),
    ],
)
def test_each_problem_is_reported_with_where_it_is(
    changes: dict[str, Any], expected: list[str]
) -> None:
    assert problems(package(**changes)) == expected


def test_a_non_text_account_platform_is_reported() -> None:
    # Today a platform that is not text is silently dropped and the account is matched as
    # the bare username, so it never meets the same account recorded with its platform
    # (see the report).
    data = package(suspect={"accounts": [{"platform": 42, "username": "fictional_user"}]})
    assert problems(data) == ["suspect.accounts[0].platform: must be text"]


@pytest.mark.parametrize("data", [None, [], ["a"], "{}", 42, b"{}"])
def test_a_package_that_is_not_an_object_is_refused_at_once(data: Any) -> None:
    assert problems(data) == ["the package must be a JSON object"]


def test_every_problem_is_reported_together_in_the_packages_order() -> None:
    data = {
        "format": "something-else/1",
        "source": "RUMOUR",
        "platform": 7,
        "received_at": "2026-11-20T09:15:00",
        "first_activity_at": "2026-11-18T00:00:00Z",
        "last_activity_at": "2026-11-01T00:00:00Z",
        "suspect": {
            "emails": ["a@example.invalid", "nobody"],
            "phones": "07700900123",
            "accounts": ["fictional_user", {"platform": "X", "username": None}],
            "ip_addresses": [{"ip": "203.0.113.7"}],
        },
        "media": [{"md5": MD5}, {"crc32": "00000000"}],
    }
    assert problems(data) == [
        "format: expected 'safeguard-online-referral/1'",
        f"source: one of {SOURCES}",
        "platform: must be text",
        "summary: required",
        "received_at: give the time zone (for example Z for UTC)",
        "last_activity_at: is before first_activity_at",
        "suspect.emails[1]: 'nobody' is not an email address",
        "suspect.phones: must be a list",
        "suspect.accounts[0]: must be an object with platform and username",
        "suspect.accounts[1].username: must be text",
        "suspect.ip_addresses[0].seen_at: required",
        "media[1]: unknown hash format 'crc32' (md5, sha1, pdq)",
    ]


# The digest: the same package twice is recognised however it is laid out.

SAME_PACKAGE_LAID_OUT_ANOTHER_WAY = (
    """
{
    "media": [ {"pdq": "PDQ", "sha1": "SHA1"}, {"md5": "MD5"} ],
    "suspect": {
        "ip_addresses": [
            {"seen_at": "2026-11-18T23:40:00+01:00", "ip": "2001:db8::7"}
        ],
        "phones": ["07700-900-123"],
        "emails": ["  suspect.fictional@example.INVALID "],
        "accounts": [{"username": "fictional_user", "platform": "fictionalchat"}]
    },
    "last_activity_at": "2026-11-18T23:00:00Z",
    "first_activity_at": "2026-11-01T00:00:00Z",
    "received_at": "2026-11-20T09:15:00+00:00",
    "summary": "Fictional test package: an account shared indecent images.\\n",
    "platform": "FictionalChat",
    "reference": " NCA-TEST-000001 ",
    "source": "NCA_CEOP",
    "format": "safeguard-online-referral/1"
}
""".replace("PDQ", PDQ)
    .replace("SHA1", SHA1.upper())
    .replace("MD5", MD5.upper())
)


def test_the_same_content_laid_out_differently_has_the_same_digest() -> None:
    compact = json.dumps(package(), separators=(",", ":"))
    first = read_package(json.loads(compact), now=NOW)
    again = read_package(json.loads(SAME_PACKAGE_LAID_OUT_ANOTHER_WAY), now=NOW)

    assert again.digest == first.digest
    # Only the identifiers as typed differ; everything the force records from them agrees.
    assert len(again.identifiers) == 4
    assert sorted(i.normalised for i in again.identifiers) == sorted(
        i.normalised for i in first.identifiers
    )


def test_the_order_of_identifiers_and_media_does_not_change_the_digest() -> None:
    emails = ["a@example.invalid", "b@example.invalid", "c@example.invalid"]
    media = [{"md5": MD5}, {"sha1": SHA1}, {"pdq": PDQ}]
    first = read_package(package(suspect={"emails": emails}, media=media), now=NOW)
    again = read_package(package(suspect={"emails": emails[::-1]}, media=media[::-1]), now=NOW)
    assert again.digest == first.digest


def test_the_same_package_read_twice_has_the_same_digest() -> None:
    assert read_package(package(), now=NOW).digest == read_package(package(), now=NOW).digest


def test_the_digest_does_not_depend_on_when_it_is_read() -> None:
    later = NOW + dt.timedelta(days=3)
    assert read_package(package(), now=NOW).digest == read_package(package(), now=later).digest


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"source": "OTHER_FORCE"}, id="source"),
        pytest.param({"reference": "NCA-TEST-000002"}, id="reference"),
        pytest.param({"platform": "OtherFictionalChat"}, id="platform"),
        pytest.param({"summary": "Another fictional summary."}, id="summary"),
        pytest.param({"received_at": "2026-11-20T09:16:00Z"}, id="received_at"),
        pytest.param({"first_activity_at": "2026-10-01T00:00:00Z"}, id="first_activity_at"),
        pytest.param({"last_activity_at": "2026-11-19T00:00:00Z"}, id="last_activity_at"),
        pytest.param(suspect(emails=["other.suspect@example.invalid"]), id="email"),
        pytest.param(suspect(phones=["07700 900124"]), id="phone"),
        pytest.param(
            suspect(accounts=[{"platform": "OtherChat", "username": "fictional_user"}]),
            id="account-platform",
        ),
        pytest.param(
            suspect(ip_addresses=[{"ip": "2001:db8::7", "seen_at": "2026-11-18T22:41:00Z"}]),
            id="ip-seen-at",
        ),
        pytest.param(
            suspect(ip_addresses=[{"ip": "2001:db8::8", "seen_at": "2026-11-18T22:40:00Z"}]),
            id="ip",
        ),
        pytest.param({"media": [{"md5": MD5}]}, id="fewer-media"),
        pytest.param({"media": [{"md5": "f" * 32}, {"sha1": SHA1, "pdq": PDQ}]}, id="media-hash"),
        pytest.param({"suspect": None}, id="no-suspect"),
    ],
)
def test_a_different_package_has_a_different_digest(changes: dict[str, Any]) -> None:
    base = package()
    if "suspect" in changes and changes["suspect"] is not None:
        changes = {"suspect": {**base["suspect"], **changes["suspect"]}}
    assert read_package(package(**changes), now=NOW).digest != read_package(base, now=NOW).digest


def test_an_identifier_of_another_kind_with_the_same_text_is_different_content() -> None:
    as_phone = read_package(package(suspect={"phones": ["07700900123"]}), now=NOW)
    as_account = read_package(package(suspect={"accounts": [{"username": "07700900123"}]}), now=NOW)
    assert as_phone.identifiers[0].normalised == as_account.identifiers[0].normalised
    assert as_phone.digest != as_account.digest
