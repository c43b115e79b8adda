from pathlib import Path

import pytest

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.core.exceptions import CapabilityMissing
from safeguard.media.hashing import file_hash
from safeguard.media.models import MediaItem
from safeguard.media.rules.categories import Category
from safeguard.media.rules.matching import BankKind
from safeguard.media.selectors import review_queue, seizure_category_counts
from safeguard.media.services import (
    MediaInvalid,
    item_categorise,
    seizure_create,
    seizure_folder_hash,
)
from safeguard.media.tests import images
from safeguard.media.tests.support import bank_of, write_folder

pytestmark = pytest.mark.django_db

SHAPES = images.shapes(1)
NOISE = images.noise(2)
TEXT = images.text("Lorem ipsum")

# PDQ at HMA's threshold of 31 bits survives re-encoding, halving and mirroring (the mirror
# through the seized file's 8 orientation hashes) and a 1% crop of each side. Larger crops
# move a PDQ hash by 40 to 120 bits on these images: PDQ is not crop-resistant.
TRANSFORMED = [
    ("shapes", SHAPES, "resize"),
    ("shapes", SHAPES, "crop"),
    ("shapes", SHAPES, "jpeg"),
    ("shapes", SHAPES, "mirror"),
    ("noise", NOISE, "resize"),
    ("noise", NOISE, "jpeg"),
    ("noise", NOISE, "mirror"),
    ("text", TEXT, "jpeg"),
    ("text", TEXT, "mirror"),
]


def small_crop(image):
    dx, dy = image.width // 100, image.height // 100
    return images.as_png(image.crop((dx, dy, image.width - dx, image.height - dy)))


def transform(image, name: str) -> bytes:
    return small_crop(image) if name == "crop" else images.TRANSFORMS[name](image)


@pytest.fixture
def investigator(make_user):
    return make_user(Role.INVESTIGATOR)


@pytest.fixture
def supervisor(make_user):
    return make_user(Role.SUPERVISOR)


@pytest.fixture
def known(supervisor):
    return bank_of(
        supervisor,
        "Known test set",
        {
            "shapes": images.as_png(SHAPES),
            "noise": images.as_png(NOISE),
            "text": images.as_png(TEXT),
        },
    )


def _hash(actor, tmp_path: Path, files: dict[str, bytes], reference: str = "EX-1"):
    seizure = seizure_create(actor=actor, reference=reference)
    report = seizure_folder_hash(
        actor=actor, seizure=seizure, folder=write_folder(tmp_path / reference, files)
    )
    items = {i.file_name: i for i in MediaItem.objects.filter(seizure=seizure)}
    return seizure, report, items


class TestSeizureFolderHash:
    def test_transformed_copies_match_their_bank_entry_and_unrelated_images_do_not(
        self, investigator, known, tmp_path
    ) -> None:
        # given
        files = {
            f"{label}-{name}.png": transform(image, name) for label, image, name in TRANSFORMED
        }
        files["unrelated-shapes.png"] = images.as_png(images.shapes(50))
        files["unrelated-noise.jpg"] = images.as_jpeg(images.noise(51))
        files["unrelated-text.png"] = images.as_png(images.text("Quite different words"))
        # when
        _, report, items = _hash(investigator, tmp_path, files)
        # then
        assert report.hashed == len(files)
        for label, _image, name in TRANSFORMED:
            item = items[f"{label}-{name}.png"]
            assert item.status == "MATCHED", (label, name)
            [match] = item.matches.all()
            assert match.bank_hash.label == label
            assert match.distance <= 31
        for name in ("unrelated-shapes.png", "unrelated-noise.jpg", "unrelated-text.png"):
            assert items[name].status == "UNMATCHED"
            assert not items[name].matches.exists()

    def test_keeps_hashes_and_a_blurred_thumbnail_not_the_image(
        self, investigator, known, tmp_path
    ) -> None:
        data = images.as_png(SHAPES)
        _, _, items = _hash(investigator, tmp_path, {"a.png": data})
        item = items["a.png"]
        expected = file_hash(data)
        assert (item.md5, item.sha1, item.pdq) == (expected.md5, expected.sha1, expected.pdq)
        assert bytes(item.thumbnail).startswith(b"\xff\xd8")  # JPEG
        assert len(bytes(item.thumbnail)) < 4000

    def test_an_exact_copy_matches_by_md5_and_sha1_too(
        self, investigator, supervisor, tmp_path
    ) -> None:
        data = images.as_png(SHAPES)
        bank = bank_of(supervisor, "Exact", {})
        from safeguard.media.services import hash_bank_import

        hashed = file_hash(data)
        hash_bank_import(
            actor=supervisor,
            bank=bank,
            lines=["format,hash", f"md5,{hashed.md5}", f"sha1,{hashed.sha1}"],
        )
        _, _, items = _hash(investigator, tmp_path, {"copy.png": data})
        assert sorted(m.method for m in items["copy.png"].matches.all()) == ["MD5", "SHA1"]

    def test_a_negative_bank_hit_suppresses_the_match(
        self, investigator, supervisor, known, tmp_path
    ) -> None:
        bank_of(
            supervisor, "Known innocent", {"stock": images.as_png(NOISE)}, kind=BankKind.NEGATIVE
        )
        _, _, items = _hash(
            investigator,
            tmp_path,
            {"noise.jpg": images.as_jpeg(NOISE), "shapes.jpg": images.as_jpeg(SHAPES)},
        )
        assert items["noise.jpg"].status == "SUPPRESSED"
        assert {m.bank.kind for m in items["noise.jpg"].matches.all()} == {"POSITIVE", "NEGATIVE"}
        assert items["shapes.jpg"].status == "MATCHED"

    def test_a_flood_of_matches_is_quarantined(
        self, investigator, supervisor, tmp_path, settings
    ) -> None:
        settings.SAFEGUARD = {**settings.SAFEGUARD, "MEDIA_TRIAGE": {"max_items_per_bank_hash": 2}}
        bank_of(supervisor, "Bad bank", {"shapes": images.as_png(SHAPES)})
        files = {f"copy-{n}.jpg": images.as_jpeg(SHAPES, quality=40 + n) for n in range(3)}
        _, report, items = _hash(investigator, tmp_path, files)
        assert {i.status for i in items.values()} == {"QUARANTINED"}
        assert "more than 2 items" in items["copy-0.jpg"].status_reason
        assert report.counts == {"QUARANTINED": 3}

    def test_a_corrupt_file_is_recorded_with_a_clear_error_and_the_rest_proceed(
        self, investigator, known, tmp_path
    ) -> None:
        good = images.as_jpeg(SHAPES)
        files = {
            "broken.jpg": good[: len(good) // 3],
            "notes.txt": b"not an image at all",
            "empty.png": b"",
            "good.jpg": good,
        }
        _, report, items = _hash(investigator, tmp_path, files)
        assert report.hashed == 4
        assert items["good.jpg"].status == "MATCHED"
        assert items["broken.jpg"].status == "ERROR"
        assert "corrupt or truncated" in items["broken.jpg"].error
        assert "Not an image file" in items["notes.txt"].error
        assert items["empty.png"].error == "The file is empty."
        assert {e.file_name for e in report.errors} == {"broken.jpg", "notes.txt", "empty.png"}
        assert items["notes.txt"].md5  # still identified by its bytes

    def test_a_file_hashed_twice_is_skipped(self, investigator, tmp_path) -> None:
        seizure, _, _ = _hash(investigator, tmp_path, {"a.png": images.as_png(SHAPES)})
        report = seizure_folder_hash(actor=investigator, seizure=seizure, folder=tmp_path / "EX-1")
        assert (report.hashed, report.already_hashed) == (0, 1)

    def test_writes_collection_and_combination_events(self, investigator, known, tmp_path) -> None:
        seizure, _, _ = _hash(investigator, tmp_path, {"a.png": images.as_png(SHAPES)})
        events = AuditEvent.objects.filter(
            subject_rows__subject_type="media.seizure", subject_rows__subject_id=str(seizure.pk)
        )
        assert {(e.operation, e.event_type) for e in events} >= {
            ("collection", "media.seizure_created"),
            ("collection", "media.items_hashed"),
            ("combination", "media.items_matched"),
        }

    def test_refuses_a_missing_folder_and_a_partner(
        self, investigator, make_user, tmp_path
    ) -> None:
        seizure = seizure_create(actor=investigator, reference="EX-9")
        with pytest.raises(MediaInvalid, match="is not a folder"):
            seizure_folder_hash(actor=investigator, seizure=seizure, folder=tmp_path / "nowhere")
        with pytest.raises(CapabilityMissing):
            seizure_folder_hash(actor=make_user(Role.SCHOOL_DSL), seizure=seizure, folder=tmp_path)


class TestItemCategorise:
    def test_records_the_category_counts_it_and_audits_it(
        self, investigator, known, tmp_path
    ) -> None:
        seizure, _, items = _hash(
            investigator,
            tmp_path,
            {
                "a.png": images.as_png(SHAPES),
                "b.jpg": images.as_jpeg(NOISE),
                "c.png": images.as_png(images.noise(77)),
            },
        )
        item_categorise(actor=investigator, item=items["a.png"], category=Category.C)
        item_categorise(
            actor=investigator, item=items["a.png"], category=Category.NOT_INDECENT, note="Regraded"
        )
        counts = seizure_category_counts(actor=investigator, seizure=seizure)
        assert counts == {"A": 0, "B": 0, "C": 0, "NOT_INDECENT": 1, "NOT_YET": 1}
        event = AuditEvent.objects.filter(event_type="media.item_categorised").latest("sequence")
        assert event.operation == "alteration"
        assert event.changes == {"category": ["C", "NOT_INDECENT"]}

    def test_the_review_queue_lists_matched_items_first_and_logs_a_consultation(
        self, investigator, known, tmp_path
    ) -> None:
        seizure, _, _ = _hash(
            investigator,
            tmp_path,
            {
                "a-unrelated.png": images.as_png(images.noise(99)),
                "z-match.png": images.as_png(SHAPES),
            },
        )
        rows = review_queue(actor=investigator, seizure=seizure)
        assert [r.item.file_name for r in rows] == ["z-match.png", "a-unrelated.png"]
        event = AuditEvent.objects.latest("sequence")
        assert (event.operation, event.event_type) == ("consultation", "media.review_queue_viewed")
        assert event.justification == "Triage of seized media EX-1"


def test_a_truncated_file_is_refused_even_when_another_library_allows_truncation() -> None:
    """WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process."""
    import io

    from PIL import Image, ImageFile

    from safeguard.media.hashing import image_decode

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(buffer, format="JPEG")
    truncated = buffer.getvalue()[: len(buffer.getvalue()) // 2]
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = True
    try:
        image, message = image_decode(truncated)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous
    assert image is None
    assert "truncated" in message or "corrupt" in message
    assert ImageFile.LOAD_TRUNCATED_IMAGES is previous
