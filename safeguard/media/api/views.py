"""Seized-media triage over the API: the same services, capabilities and audit as the pages."""

from __future__ import annotations

from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from safeguard.access.rules.capabilities import Capability
from safeguard.accounts.acting import acting_user
from safeguard.api.views import BaseApi
from safeguard.media.api.serializers import (
    MediaCategoriseInput,
    MediaCategoryCountsOutput,
    MediaItemOutput,
    MediaSeizureInput,
    MediaSeizureOutput,
    MediaTriageReportOutput,
    MediaUploadInput,
)
from safeguard.media.rules.categories import Category
from safeguard.media.selectors import (
    item_get,
    review_queue,
    seizure_category_counts,
    seizure_get,
    seizure_list,
)
from safeguard.media.services import item_categorise, seizure_create, seizure_files_hash


class SeizureListApi(BaseApi):
    required_capability = Capability.MEDIA_TRIAGE

    @extend_schema(
        responses={200: MediaSeizureOutput(many=True)}, operation_id="media_seizures_list"
    )
    def get(self, request: Request) -> Response:
        return Response(
            MediaSeizureOutput(seizure_list(actor=acting_user(request)), many=True).data
        )

    @extend_schema(
        request=MediaSeizureInput,
        responses={201: MediaSeizureOutput},
        operation_id="media_seizures_create",
    )
    def post(self, request: Request) -> Response:
        payload = MediaSeizureInput(data=request.data)
        payload.is_valid(raise_exception=True)
        seizure = seizure_create(actor=acting_user(request), **payload.validated_data)
        return Response(MediaSeizureOutput(seizure).data, status=status.HTTP_201_CREATED)


class SeizureUploadApi(BaseApi):
    """Upload seized images (multipart, field ``files``, repeated) to hash and match."""

    required_capability = Capability.MEDIA_TRIAGE
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": MediaUploadInput},
        responses={200: MediaTriageReportOutput},
        operation_id="media_seizures_upload",
        description="Hash each file (PDQ, MD5, SHA-1), keep only the hashes and a blurred "
        "thumbnail, and match against the banks. Unreadable files are listed in errors.",
    )
    def post(self, request: Request, seizure_id: UUID) -> Response:
        actor = acting_user(request)
        seizure = seizure_get(actor=actor, seizure_id=seizure_id)
        payload = MediaUploadInput(data={"files": request.FILES.getlist("files")})
        payload.is_valid(raise_exception=True)
        files = ((f.name or "upload", f.read()) for f in payload.validated_data["files"])
        report = seizure_files_hash(actor=actor, seizure=seizure, files=files)
        return Response(MediaTriageReportOutput(report).data)


class SeizureItemsApi(BaseApi):
    required_capability = Capability.MEDIA_TRIAGE

    @extend_schema(responses={200: MediaItemOutput(many=True)}, operation_id="media_items_list")
    def get(self, request: Request, seizure_id: UUID) -> Response:
        actor = acting_user(request)
        seizure = seizure_get(actor=actor, seizure_id=seizure_id)
        rows = review_queue(
            actor=actor, seizure=seizure, purpose=request.headers.get("X-Purpose", "")
        )
        return Response(MediaItemOutput(rows, many=True).data)


class SeizureCountsApi(BaseApi):
    required_capability = Capability.MEDIA_TRIAGE

    @extend_schema(responses={200: MediaCategoryCountsOutput}, operation_id="media_category_counts")
    def get(self, request: Request, seizure_id: UUID) -> Response:
        actor = acting_user(request)
        seizure = seizure_get(actor=actor, seizure_id=seizure_id)
        return Response(seizure_category_counts(actor=actor, seizure=seizure))


class ItemCategoriseApi(BaseApi):
    required_capability = Capability.MEDIA_TRIAGE

    @extend_schema(
        request=MediaCategoriseInput,
        responses={204: None},
        operation_id="media_items_categorise",
    )
    def post(self, request: Request, item_id: UUID) -> Response:
        actor = acting_user(request)
        payload = MediaCategoriseInput(data=request.data)
        payload.is_valid(raise_exception=True)
        item = item_get(actor=actor, item_id=item_id, purpose=request.headers.get("X-Purpose", ""))
        item_categorise(
            actor=actor,
            item=item,
            category=Category(payload.validated_data["category"]),
            note=payload.validated_data["note"],
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
