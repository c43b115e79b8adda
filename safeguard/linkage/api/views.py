"""Linkage API (issue 6): the check at entry, link, merge, undo, and the review queue."""

from __future__ import annotations

from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from safeguard.access.rules.capabilities import Capability
from safeguard.api.views import BaseApi
from safeguard.core import clock
from safeguard.linkage.api.serializers import (
    EntryCheckInput,
    EntryMatchOutput,
    LinkInput,
    MergeInput,
    PersonLinkOutput,
    ReviewPairOutput,
    UndoInput,
)
from safeguard.linkage.rules.records import LinkRecord
from safeguard.linkage.selectors import entry_check, review_pair_get, review_queue
from safeguard.people.rules.codes import LinkDecision, LinkSource
from safeguard.people.services import person_link_record, person_link_undo, person_merge


class EntryCheckApi(BaseApi):
    """Is this person already known? The likeliest existing people, each explained."""

    required_capability = Capability.PERSON_SEARCH

    @extend_schema(
        request=EntryCheckInput,
        responses=EntryMatchOutput(many=True),
        operation_id="linkage_entry_check",
    )
    def post(self, request: Request) -> Response:
        payload = EntryCheckInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        record = LinkRecord(
            record_id="new",
            first_name=data["given_name"],
            middle_names=data["middle_names"],
            surname=data["family_name"],
            date_of_birth=data["date_of_birth"],
            sex=data["sex"],
            postcode=data["postcode"],
            estimated_age=data["estimated_age"],
            estimated_on=clock.today_in_london() if data["estimated_age"] is not None else None,
        )
        matches = entry_check(actor=request.user, record=record)  # type: ignore[arg-type]
        return Response(EntryMatchOutput(matches, many=True).data)


class LinkRecordApi(BaseApi):
    required_capability = Capability.PERSON_LINK

    @extend_schema(
        request=LinkInput, responses={201: PersonLinkOutput}, operation_id="linkage_link"
    )
    def post(self, request: Request) -> Response:
        payload = LinkInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        link = person_link_record(
            actor=request.user,  # type: ignore[arg-type]
            first_id=data["first_id"],
            second_id=data["second_id"],
            decision=LinkDecision(data["decision"]),
            reason=data["reason"],
            source=LinkSource.REVIEW,
        )
        return Response(PersonLinkOutput(link).data, status=status.HTTP_201_CREATED)


class MergeApi(BaseApi):
    required_capability = Capability.PERSON_MERGE

    @extend_schema(
        request=MergeInput, responses={200: PersonLinkOutput}, operation_id="linkage_merge"
    )
    def post(self, request: Request) -> Response:
        payload = MergeInput(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        link = person_merge(
            actor=request.user,  # type: ignore[arg-type]
            kept_id=data["kept_id"],
            merged_away_id=data["merged_away_id"],
            reason=data["reason"],
        )
        return Response(PersonLinkOutput(link).data)


class LinkUndoApi(BaseApi):
    """Undo a link, or unmerge: both records stand alone again."""

    required_capability = Capability.PERSON_LINK

    @extend_schema(
        request=UndoInput, responses={200: PersonLinkOutput}, operation_id="linkage_undo"
    )
    def post(self, request: Request, link_id: UUID) -> Response:
        payload = UndoInput(data=request.data)
        payload.is_valid(raise_exception=True)
        link = person_link_undo(
            actor=request.user,  # type: ignore[arg-type]
            link_id=link_id,
            reason=payload.validated_data["reason"],
        )
        return Response(PersonLinkOutput(link).data)


class ReviewQueueApi(BaseApi):
    required_capability = Capability.PERSON_MERGE

    @extend_schema(responses=ReviewPairOutput(many=True), operation_id="linkage_review_queue")
    def get(self, request: Request) -> Response:
        pairs = review_queue(actor=request.user)  # type: ignore[arg-type]
        return Response(ReviewPairOutput(pairs, many=True).data)


class ReviewPairApi(BaseApi):
    required_capability = Capability.PERSON_MERGE

    @extend_schema(responses=ReviewPairOutput, operation_id="linkage_review_pair")
    def get(self, request: Request, candidate_id: UUID) -> Response:
        pair = review_pair_get(actor=request.user, candidate_id=candidate_id)  # type: ignore[arg-type]
        return Response(ReviewPairOutput(pair).data)
