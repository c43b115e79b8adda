from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from safeguard.access.rules.capabilities import Role
from safeguard.media.hashing import file_hash
from safeguard.media.models import HashBank, MediaItem
from safeguard.media.tests import images
from safeguard.media.tests.support import write_folder

pytestmark = pytest.mark.django_db


class TestCommands:
    def test_import_then_triage(self, make_user, tmp_path) -> None:
        make_user(Role.SUPERVISOR, username="sgt")
        csv_file = tmp_path / "bank.csv"
        pdq = file_hash(images.as_png(images.shapes(1))).pdq
        csv_file.write_text(f"format,hash,label\npdq,{pdq},shapes\nwhirlpool,abc,bad\n")
        out, err = StringIO(), StringIO()
        call_command(
            "import_hash_bank",
            str(csv_file),
            "--bank",
            "Known",
            "--as",
            "sgt",
            stdout=out,
            stderr=err,
        )
        assert "Imported 1 hashes into Known; 0 already there; 1 rows refused." in out.getvalue()
        assert "bank.csv line 3: Unknown hash format 'whirlpool'" in err.getvalue()
        assert HashBank.objects.get(name="Known").pdq_threshold == 31
        folder = write_folder(
            tmp_path / "seized", {"a.jpg": images.as_jpeg(images.shapes(1)), "b.jpg": b"junk"}
        )
        out, err = StringIO(), StringIO()
        call_command(
            "triage_media",
            "--seizure",
            "EX-C1",
            "--folder",
            str(folder),
            "--as",
            "sgt",
            stdout=out,
            stderr=err,
        )
        assert "hashed 2 files (error 1, matched 1)" in out.getvalue()
        assert "b.jpg: Not an image file" in err.getvalue()
        assert MediaItem.objects.filter(seizure__reference="EX-C1").count() == 2

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (
                ["triage_media", "--seizure", "X", "--folder", "/nowhere", "--as", "sgt"],
                "is not a folder",
            ),
            (
                ["triage_media", "--seizure", "X", "--folder", ".", "--as", "nobody"],
                "No active user",
            ),
            (["import_hash_bank", "/nowhere.csv", "--bank", "B", "--as", "sgt"], "is not a file"),
        ],
    )
    def test_bad_input_is_a_command_error(self, make_user, args, message) -> None:
        make_user(Role.SUPERVISOR, username="sgt")
        with pytest.raises(CommandError, match=message):
            call_command(*args)

    def test_a_file_that_is_not_a_bank_is_a_command_error(self, make_user, tmp_path) -> None:
        make_user(Role.SUPERVISOR, username="sgt")
        bad = tmp_path / "bad.csv"
        bad.write_bytes(b"\xff\xfe\x00garbage")
        with pytest.raises(CommandError, match=r"cannot be read as CSV text|first line"):
            call_command("import_hash_bank", str(bad), "--bank", "B", "--as", "sgt")
