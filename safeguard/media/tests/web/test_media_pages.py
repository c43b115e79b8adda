import pytest
from django.urls import reverse

from safeguard.access.rules.capabilities import Role
from safeguard.audit.models import AuditEvent
from safeguard.media.models import Categorisation, MediaItem
from safeguard.media.services import seizure_create, seizure_files_hash
from safeguard.media.tests import images
from safeguard.media.tests.support import bank_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def seizure(make_user):
    supervisor = make_user(Role.SUPERVISOR)
    bank_of(supervisor, "Known", {"shapes": images.as_png(images.shapes(1))})
    seizure = seizure_create(actor=supervisor, reference="EX-W1")
    seizure_files_hash(
        actor=supervisor,
        seizure=seizure,
        files=[
            ("match.jpg", images.as_jpeg(images.shapes(1))),
            ("other.png", images.as_png(images.noise(9))),
        ],
    )
    return seizure


class TestMediaPages:
    def test_review_queue_shows_blurred_thumbnail_bank_and_distance(
        self, client_for, seizure
    ) -> None:
        client, _ = client_for(Role.INVESTIGATOR)
        response = client.get(reverse("media:review-queue", kwargs={"seizure_id": seizure.pk}))
        assert response.status_code == 200
        body = response.content.decode()
        assert body.index("match.jpg") < body.index("other.png")
        assert "Known: PDQ, distance" in body
        assert "Counts for the case file" in body
        assert AuditEvent.objects.latest("sequence").event_type == "media.review_queue_viewed"
        item = MediaItem.objects.get(file_name="match.jpg")
        thumb = client.get(reverse("media:thumbnail", kwargs={"item_id": item.pk}))
        assert thumb["Content-Type"] == "image/jpeg"
        assert thumb.content == bytes(item.thumbnail)

    def test_records_a_category(self, client_for, seizure) -> None:
        client, user = client_for(Role.INVESTIGATOR)
        item = MediaItem.objects.get(file_name="match.jpg")
        url = reverse("media:item-categorise", kwargs={"item_id": item.pk})
        response = client.post(url, {"category": "B", "note": ""})
        assert response.status_code == 302
        assert Categorisation.objects.get(item=item).categorised_by == user
        assert client.post(url, {"category": "D"}).status_code == 400

    @pytest.mark.parametrize(
        "role", [Role.SCHOOL_DSL, Role.SOCIAL_CARE_USER, Role.RESPONSE_OFFICER, Role.AUDITOR]
    )
    def test_roles_without_media_triage_get_not_found(self, client_for, seizure, role) -> None:
        client, _ = client_for(role)
        item = MediaItem.objects.get(file_name="match.jpg")
        for url in (
            reverse("media:seizure-list"),
            reverse("media:review-queue", kwargs={"seizure_id": seizure.pk}),
            reverse("media:thumbnail", kwargs={"item_id": item.pk}),
        ):
            assert client.get(url).status_code == 404
        assert (
            client.post(
                reverse("media:item-categorise", kwargs={"item_id": item.pk}), {"category": "A"}
            ).status_code
            == 404
        )

    def test_seizure_list(self, client_for, seizure) -> None:
        client, _ = client_for(Role.SUPERVISOR)
        assert "EX-W1" in client.get(reverse("media:seizure-list")).content.decode()
