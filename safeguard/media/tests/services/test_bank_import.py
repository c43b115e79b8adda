import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.core.exceptions import CapabilityMissing
from safeguard.media.rules.matching import BankKind
from safeguard.media.services import MediaInvalid, hash_bank_create, hash_bank_import

pytestmark = pytest.mark.django_db

PDQ = "a" * 64


@pytest.fixture
def supervisor(make_user):
    return make_user(Role.SUPERVISOR)


@pytest.fixture
def bank(supervisor):
    return hash_bank_create(actor=supervisor, name="Test bank", kind=BankKind.POSITIVE)


class TestHashBankImport:
    def test_bad_rows_are_reported_and_the_rest_imported(self, supervisor, bank) -> None:
        lines = [
            "format,hash,label",
            f"pdq,{PDQ},first",
            "sha256," + "0" * 64 + ",unknown format",
            "md5,1234,too short",
            "md5," + "b" * 32,
            f"pdq,{PDQ},duplicate",
            "sha1," + "c" * 40 + ",label,extra field",
            "pdq",
            "SHA-1," + "d" * 40,
        ]
        report = hash_bank_import(actor=supervisor, bank=bank, lines=lines)
        assert report.imported == 3
        assert report.duplicates == 1
        assert [(e.line, e.message.split(":")[0]) for e in report.errors] == [
            (3, "Unknown hash format 'sha256'"),
            (4, "A md5 hash has 32 hexadecimal digits; got 4."),
            (7, "The row has more fields than the header names."),
            (8, "The row has fewer fields than the header names."),
        ]
        assert set(bank.hashes.values_list("label", flat=True)) == {"first", ""}
        event = AuditEvent.objects.latest("sequence")
        assert event.event_type == "media.hash_bank_imported"
        assert event.changes == {"imported": 3, "duplicates": 1, "errors": 4}

    def test_a_file_without_the_header_is_refused_whole(self, supervisor, bank) -> None:
        with pytest.raises(MediaInvalid, match="first line must name the columns"):
            hash_bank_import(actor=supervisor, bank=bank, lines=[f"pdq,{PDQ}"])
        assert not bank.hashes.exists()

    def test_only_supervisors_manage_banks(self, make_user, bank) -> None:
        with pytest.raises(CapabilityMissing):
            hash_bank_import(actor=make_user(Role.INVESTIGATOR), bank=bank, lines=[])

    @pytest.mark.parametrize(
        ("name", "threshold", "message"),
        [
            ("Test bank", 31, "already exists"),
            ("Other", 65, "from 0 to 64"),
            (" ", 31, "Give the bank a name"),
        ],
    )
    def test_create_refuses(self, supervisor, bank, name, threshold, message) -> None:
        with pytest.raises(MediaInvalid, match=message):
            hash_bank_create(
                actor=supervisor, name=name, kind=BankKind.NEGATIVE, pdq_threshold=threshold
            )
