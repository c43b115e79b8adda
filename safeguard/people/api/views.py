"""People over the API: the same capabilities, scope and audit as the web pages."""

from __future__ import annotations

from uuid import UUID

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from safeguard.access.rules.capabilities import Capability
from safeguard.access.services import ReasonTooShort
from safeguard.api.views import BaseApi
from safeguard.audit.purpose import PurposeRequired
from safeguard.people.api.serializers import (
    AddressInput,
    AddressOutput,
    BreakGlassInput,
    PersonCreateInput,
    PersonOutput,
    PersonRecordOutput,
    PersonSearchInput,
    PersonSummaryOutput,
    PersonUpdateInput,
    RelationshipInput,
    RelationshipOutput,
)
from safeguard.people.rules.codes import RelationshipKind
from safeguard.people.rules.validation import AddressDetails
from safeguard.people.selectors import (
    PersonSearch,
    person_get,
    person_merged_into,
    person_reference_in_scope,
    person_search,
)
from safeguard.people.services import (
    PersonInvalid,
    RelationshipInvalid,
    person_address_add,
    person_break_glass,
    person_create,
    person_update,
    relationship_record,
)

PURPOSE_PARAMETER = OpenApiParameter(
    "purpose",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    description="Why you are opening this record (DPA 2018 s.62). Or send the X-Purpose header.",
)


def _purpose(request: Request) -> str:
    return request.headers.get("X-Purpose", "") or request.query_params.get("purpose", "")


class PersonListApi(BaseApi):
    required_capability = Capability.PERSON_SEARCH

    @extend_schema(
        parameters=[PersonSearchInput],
        responses=PersonSummaryOutput(many=True),
        operation_id="people_search",
    )
    def get(self, request: Request) -> Response:
        query = PersonSearchInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        search = PersonSearch(**query.validated_data)
        if search.is_empty():
            raise exceptions.ValidationError(
                {"non_field_errors": ["Give a name, date_of_birth or postcode"]}
            )
        people = person_search(actor=request.user, query=search)  # type: ignore[arg-type]
        return Response(PersonSummaryOutput(people, many=True).data)


class PersonCreateApi(BaseApi):
    required_capability = Capability.PERSON_CREATE

    @extend_schema(
        request=PersonCreateInput, responses={201: PersonOutput}, operation_id="people_create"
    )
    def post(self, request: Request) -> Response:
        payload = PersonCreateInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            person = person_create(
                actor=request.user,  # type: ignore[arg-type]
                details=payload.details(),
                address=payload.address_details(),
                education_setting_id=payload.validated_data["education_setting_id"],
            )
        except PersonInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(PersonOutput(person).data, status=status.HTTP_201_CREATED)


class PersonDetailApi(BaseApi):
    required_capability = Capability.PERSON_VIEW

    @extend_schema(
        parameters=[PURPOSE_PARAMETER],
        responses={
            200: PersonRecordOutput,
            307: OpenApiResponse(description="The id was merged away: read the record at Location"),
        },
        operation_id="people_read",
    )
    def get(self, request: Request, person_id: UUID) -> Response:
        kept = person_merged_into(person_id=person_id)
        if kept is not None:
            # A merged-away id is stable: it redirects to the record it was merged into.
            person_reference_in_scope(actor=request.user, person_id=person_id)  # type: ignore[arg-type]
            location = reverse("people-api:person-detail", kwargs={"person_id": kept})
            query = request.META.get("QUERY_STRING", "")
            headers = {"Location": f"{location}?{query}" if query else location}
            return Response({"merged_into": str(kept)}, status=307, headers=headers)
        try:
            record = person_get(actor=request.user, person_id=person_id, purpose=_purpose(request))  # type: ignore[arg-type]
        except PurposeRequired as exc:
            raise exceptions.ValidationError({"purpose": [str(exc)]}) from exc
        return Response(PersonRecordOutput(record).data)


class PersonUpdateApi(BaseApi):
    required_capability = Capability.PERSON_EDIT

    @extend_schema(
        request=PersonUpdateInput, responses={200: PersonOutput}, operation_id="people_update"
    )
    def put(self, request: Request, person_id: UUID) -> Response:
        payload = PersonUpdateInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            person = person_update(
                actor=request.user,  # type: ignore[arg-type]
                person_id=person_id,
                expected_version=payload.validated_data["version"],
                details=payload.details(),
                education_setting_id=payload.validated_data["education_setting_id"],
            )
        except PersonInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(PersonOutput(person).data)


class PersonBreakGlassApi(BaseApi):
    required_capability = Capability.BREAK_GLASS

    @extend_schema(
        request=BreakGlassInput,
        responses={201: PersonSummaryOutput},
        operation_id="people_break_glass",
    )
    def post(self, request: Request) -> Response:
        payload = BreakGlassInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            person = person_break_glass(actor=request.user, **payload.validated_data)  # type: ignore[arg-type]
        except ReasonTooShort as exc:
            raise exceptions.ValidationError({"reason": [str(exc)]}) from exc
        return Response(PersonSummaryOutput(person).data, status=status.HTTP_201_CREATED)


class PersonAddressAddApi(BaseApi):
    required_capability = Capability.PERSON_EDIT

    @extend_schema(
        request=AddressInput, responses={201: AddressOutput}, operation_id="people_address_add"
    )
    def post(self, request: Request, person_id: UUID) -> Response:
        payload = AddressInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            stored = person_address_add(
                actor=request.user,  # type: ignore[arg-type]
                person_id=person_id,
                address=AddressDetails(**payload.validated_data),
            )
        except PersonInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(AddressOutput(stored).data, status=status.HTTP_201_CREATED)


class RelationshipRecordApi(BaseApi):
    required_capability = Capability.PERSON_EDIT

    @extend_schema(
        request=RelationshipInput,
        responses={201: RelationshipOutput},
        operation_id="people_relationship_record",
    )
    def post(self, request: Request, person_id: UUID) -> Response:
        payload = RelationshipInput(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            relationship = relationship_record(
                actor=request.user,  # type: ignore[arg-type]
                from_person_id=person_id,
                to_person_reference=payload.validated_data["to_person_reference"],
                kind=RelationshipKind(payload.validated_data["kind"]),
            )
        except RelationshipInvalid as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        return Response(RelationshipOutput(relationship).data, status=status.HTTP_201_CREATED)
