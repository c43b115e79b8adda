"""National code lists for people (DOMAIN.md §8, §4.2). Pure: no Django."""

from __future__ import annotations

from enum import StrEnum


class SelfDefinedEthnicity(StrEnum):
    """18+1 self-defined ethnicity (DOMAIN.md §8.2 [S]) plus "not asked".

    ``NS`` means the person was asked and declined; ``NOT_ASKED`` means nobody asked. The two
    are kept apart because inspectors count them differently (DOMAIN.md §8.3).
    """

    W1 = "W1"
    W2 = "W2"
    W3 = "W3"
    W9 = "W9"
    M1 = "M1"
    M2 = "M2"
    M3 = "M3"
    M9 = "M9"
    A1 = "A1"
    A2 = "A2"
    A3 = "A3"
    A4 = "A4"
    A9 = "A9"
    B1 = "B1"
    B2 = "B2"
    B9 = "B9"
    O2 = "O2"
    O9 = "O9"
    NS = "NS"
    NOT_ASKED = "NOT_ASKED"


SELF_DEFINED_ETHNICITY_LABELS: dict[SelfDefinedEthnicity, str] = {
    SelfDefinedEthnicity.W1: "White: English, Welsh, Scottish, Northern Irish or British",
    SelfDefinedEthnicity.W2: "White: Irish",
    SelfDefinedEthnicity.W3: "White: Gypsy or Irish Traveller",
    SelfDefinedEthnicity.W9: "White: any other White background",
    SelfDefinedEthnicity.M1: "Mixed: White and Black Caribbean",
    SelfDefinedEthnicity.M2: "Mixed: White and Black African",
    SelfDefinedEthnicity.M3: "Mixed: White and Asian",
    SelfDefinedEthnicity.M9: "Mixed: any other Mixed or multiple background",
    SelfDefinedEthnicity.A1: "Asian or Asian British: Indian",
    SelfDefinedEthnicity.A2: "Asian or Asian British: Pakistani",
    SelfDefinedEthnicity.A3: "Asian or Asian British: Bangladeshi",
    SelfDefinedEthnicity.A4: "Asian or Asian British: Chinese",
    SelfDefinedEthnicity.A9: "Asian or Asian British: any other Asian background",
    SelfDefinedEthnicity.B1: "Black, Black British, Caribbean or African: Caribbean",
    SelfDefinedEthnicity.B2: "Black, Black British, Caribbean or African: African",
    SelfDefinedEthnicity.B9: "Black, Black British, Caribbean or African: any other Black background",
    SelfDefinedEthnicity.O2: "Other ethnic group: Arab",
    SelfDefinedEthnicity.O9: "Other ethnic group: any other ethnic group",
    SelfDefinedEthnicity.NS: "Not stated (asked, and the person declined)",
    SelfDefinedEthnicity.NOT_ASKED: "Not asked",
}


class OfficerDefinedEthnicity(StrEnum):
    """6+1 officer-defined (IC) codes (DOMAIN.md §8.1 [S]) plus "not recorded"."""

    IC1 = "IC1"
    IC2 = "IC2"
    IC3 = "IC3"
    IC4 = "IC4"
    IC5 = "IC5"
    IC6 = "IC6"
    IC9 = "IC9"
    NOT_RECORDED = "NOT_RECORDED"


OFFICER_DEFINED_ETHNICITY_LABELS: dict[OfficerDefinedEthnicity, str] = {
    OfficerDefinedEthnicity.IC1: "IC1: White, North European",
    OfficerDefinedEthnicity.IC2: "IC2: White, South European",
    OfficerDefinedEthnicity.IC3: "IC3: Black",
    OfficerDefinedEthnicity.IC4: "IC4: Asian, Indian subcontinent",
    OfficerDefinedEthnicity.IC5: "IC5: Chinese, Japanese, Korean or other South East Asian",
    OfficerDefinedEthnicity.IC6: "IC6: Arab or North African",
    OfficerDefinedEthnicity.IC9: "IC9: Unknown",
    OfficerDefinedEthnicity.NOT_RECORDED: "Not recorded",
}


class Sex(StrEnum):
    FEMALE = "FEMALE"
    MALE = "MALE"
    NOT_KNOWN = "NOT_KNOWN"
    NOT_RECORDED = "NOT_RECORDED"


class YesNoUnknown(StrEnum):
    YES = "YES"
    NO = "NO"
    UNKNOWN = "UNKNOWN"


class SendStatus(StrEnum):
    """Special educational needs: none, SEN support, or an EHC plan."""

    NONE = "NONE"
    SEN_SUPPORT = "SEN_SUPPORT"
    EHC_PLAN = "EHC_PLAN"
    UNKNOWN = "UNKNOWN"


class ChildProtectionCategory(StrEnum):
    """Initial category of abuse on a child protection plan (DOMAIN.md §4.2 [P])."""

    NEGLECT = "NEGLECT"
    PHYSICAL = "PHYSICAL"
    SEXUAL = "SEXUAL"
    EMOTIONAL = "EMOTIONAL"
    MULTIPLE = "MULTIPLE"


class RelationshipKind(StrEnum):
    """How one person relates to another (read as "<from> is <kind> of <to>")."""

    PARENT = "PARENT"
    PARENTAL_RESPONSIBILITY = "PARENTAL_RESPONSIBILITY"
    SIBLING = "SIBLING"
    HOUSEHOLD_MEMBER = "HOUSEHOLD_MEMBER"
    CARER = "CARER"
    PARTNER = "PARTNER"
    EX_PARTNER = "EX_PARTNER"


class AliasKind(StrEnum):
    ALIAS = "ALIAS"
    PREVIOUS_NAME = "PREVIOUS_NAME"
    KNOWN_AS = "KNOWN_AS"


class LinkDecision(StrEnum):
    """What a user decided about two person records (issue 6)."""

    SAME = "SAME"
    DIFFERENT = "DIFFERENT"


class LinkSource(StrEnum):
    """Where the decision was made: at entry (the real-time check) or in the review queue."""

    ENTRY = "ENTRY"
    REVIEW = "REVIEW"
