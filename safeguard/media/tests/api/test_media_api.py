import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.media.models import MediaItem
from safeguard.media.tests import images
from safeguard.media.tests.support import bank_of

pytestmark = pytest.mark.django_db


class TestMediaApi:
    def test_create_upload_list_categorise_count(self, client_for, make_user) -> None:
        bank_of(make_user(Role.SUPERVISOR), "Known", {"shapes": images.as_png(images.shapes(1))})
        client, _ = client_for(Role.INVESTIGATOR)
        created = client.post(
            reverse("media-api:seizure-list"),
            {"reference": "EX-A1"},
            content_type="application/json",
        )
        assert created.status_code == 201
        seizure_id = created.json()["id"]
        upload = client.post(
            reverse("media-api:upload", kwargs={"seizure_id": seizure_id}),
            {
                "files": [
                    SimpleUploadedFile("match.jpg", images.as_jpeg(images.shapes(1))),
                    SimpleUploadedFile("broken.png", b"\x89PNG\r\n\x1a\n broken"),
                ]
            },
        )
        assert upload.status_code == 200, upload.content
        report = upload.json()
        assert report["hashed"] == 2
        assert report["counts"] == {"MATCHED": 1, "ERROR": 1}
        assert report["errors"][0]["file_name"] == "broken.png"
        items = client.get(reverse("media-api:items", kwargs={"seizure_id": seizure_id})).json()
        assert items[0]["file_name"] == "match.jpg"
        assert items[0]["matches"][0]["bank"] == "Known"
        item = MediaItem.objects.get(file_name="match.jpg")
        categorised = client.post(
            reverse("media-api:item-categorise", kwargs={"item_id": item.pk}),
            {"category": "C"},
            content_type="application/json",
        )
        assert categorised.status_code == 204
        counts = client.get(reverse("media-api:counts", kwargs={"seizure_id": seizure_id})).json()
        assert counts == {"A": 0, "B": 0, "C": 1, "NOT_INDECENT": 0, "NOT_YET": 0}

    def test_bad_input_is_a_clear_error(self, client_for) -> None:
        client, _ = client_for(Role.INVESTIGATOR)
        url = reverse("media-api:seizure-list")
        client.post(url, {"reference": "EX-A2"}, content_type="application/json")
        again = client.post(url, {"reference": "EX-A2"}, content_type="application/json")
        assert again.status_code == 400
        assert "already exists" in again.json()["detail"]

    def test_a_partner_gets_not_found(self, client_for) -> None:
        client, _ = client_for(Role.SCHOOL_DSL)
        assert client.get(reverse("media-api:seizure-list")).status_code == 404
