"""Code lists: the SSDA903 codes the return to government uses, and this program's own lists.

Keeping each list as code -> plain label in one place means the forms, the reports and the
central store all show the same words, and validation can name every valid choice.
"""

from __future__ import annotations

from collections.abc import Mapping

from iro_desktop.domain.errors import ValidationError

# SSDA903 "LS" (legal status).
LEGAL_STATUSES: dict[str, str] = {
    "C1": "Interim care order",
    "C2": "Full care order",
    "D1": "Freeing order granted",
    "E1": "Placement order granted",
    "J1": "Remanded to local authority accommodation or to youth detention accommodation",
    "J2": "Placed in local authority accommodation under the Police and Criminal Evidence "
    "Act 1984, including secure accommodation",
    "J3": "Sentenced to a youth rehabilitation order with residence or accommodation requirement",
    "L1": "Under police protection and in local authority accommodation",
    "L2": "Emergency protection order",
    "L3": "Under a child assessment order and in local authority accommodation",
    "V2": "Single period of accommodation under section 20 (Children Act 1989)",
    "V3": "Short breaks: agreed series of short breaks, each period of care recorded",
    "V4": "Short breaks: agreed series of short breaks, agreements recorded (regulation 48)",
}

# Regulation 48 short breaks have their own review timescales.
SHORT_BREAK_STATUSES = frozenset({"V3", "V4"})

# SSDA903 "PLACE" (placement type).
PLACEMENT_TYPES: dict[str, str] = {
    "A3": "Placed for adoption with parental consent, with current foster carers",
    "A4": "Placed for adoption with parental consent, not with current foster carers",
    "A5": "Placed for adoption with a placement order, with current foster carers",
    "A6": "Placed for adoption with a placement order, not with current foster carers",
    "H5": "Semi-independent living not subject to children's homes regulations",
    "K1": "Secure children's home",
    "K2": "Children's home subject to the Children's Homes Regulations",
    "K3": "Supported accommodation (from 2024/25)",
    "P1": "Placed with own parents or other person with parental responsibility",
    "P2": "Independent living, for example in a flat, lodgings, bedsit or with friends",
    "P3": "Residential employment",
    "R1": "Residential care home",
    "R2": "NHS or health trust establishment providing medical or nursing care",
    "R3": "Family centre or mother and baby unit",
    "R5": "Young offender institution",
    "S1": "Residential school (not dual-registered as a children's home)",
    "S2": "Supported accommodation registered with Ofsted",
    "T0": "Temporary move of any type",
    "T1": "Temporary period in hospital",
    "T2": "Temporary absence on holiday",
    "T3": "Temporary accommodation while the usual foster carers are on holiday",
    "T4": "Temporary accommodation of seven days or less, for any other reason",
    "U1": "Foster care with relatives or friends: long-term fostering",
    "U2": "Foster care with relatives or friends who are approved adopters: fostering for "
    "adoption or concurrent planning",
    "U3": "Foster care with relatives or friends: not long-term or fostering for adoption",
    "U4": "Foster care with other carers: long-term fostering",
    "U5": "Foster care with other carers who are approved adopters: fostering for adoption "
    "or concurrent planning",
    "U6": "Foster care with other carers: not long-term or fostering for adoption",
    "Z1": "Other placement",
    "Z11": "Other placement (DfE code Z11, from 2025/26)",
    "Z12": "Other placement (DfE code Z12, from 2025/26)",
    "Z13": "Other placement (DfE code Z13, from 2025/26)",
    "Z14": "Other placement (DfE code Z14, from 2025/26)",
}

# A short, friendly grouping for lists and charts; the full code stays on the record.
PLACEMENT_GROUPS: dict[str, str] = {
    **dict.fromkeys(("A3", "A4", "A5", "A6"), "placed for adoption"),
    **dict.fromkeys(("H5", "K3", "P2", "S2"), "independent or supported living"),
    **dict.fromkeys(("K1", "R5"), "secure"),
    **dict.fromkeys(("K2", "R1", "S1"), "residential"),
    "P1": "placed with parents",
    **dict.fromkeys(("U1", "U2", "U3"), "family and friends"),
    **dict.fromkeys(("U4", "U5", "U6"), "foster care"),
    **dict.fromkeys(
        ("P3", "R2", "R3", "T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14"),
        "other",
    ),
}

CATEGORIES_OF_NEED: dict[str, str] = {
    "N1": "Abuse or neglect",
    "N2": "Child's disability",
    "N3": "Parental illness or disability",
    "N4": "Family in acute stress",
    "N5": "Family dysfunction",
    "N6": "Socially unacceptable behaviour",
    "N7": "Low income",
    "N8": "Absent parenting",
}

# SSDA903 review participation, one per review.
PARTICIPATION_CODES: dict[str, str] = {
    "PN0": "Child under 4 at the time of the review",
    "PN1": "Child attends and speaks for themself",
    "PN2": "Child attends and an advocate speaks for them",
    "PN3": "Child attends and conveys their views symbolically (non-verbally)",
    "PN4": "Child attends but does not speak or convey views, and no advocate speaks for them",
    "PN5": "Child does not attend but briefs an advocate to speak for them",
    "PN6": "Child does not attend but conveys views another way (form, app, letter, phone)",
    "PN7": "Child does not attend and their views are not conveyed",
}

PEOPLE_ROLES: dict[str, str] = {
    "social_worker": "Social worker",
    "team_manager": "Team manager",
    "parent": "Parent",
    "foster_carer": "Foster carer",
    "residential_worker": "Residential worker",
    "adopter": "Adopter",
    "family_member": "Family member",
    "sibling": "Brother or sister",
    "advocate": "Advocate",
    "independent_visitor": "Independent visitor",
    "personal_adviser": "Personal adviser",
    "designated_teacher": "Designated teacher",
    "virtual_school": "Virtual school",
    "health_professional": "Health professional",
    "supervising_social_worker": "Supervising social worker (foster carer's)",
    "solicitor": "Solicitor",
    "guardian": "Children's guardian (CAFCASS)",
    "interpreter": "Interpreter",
    "other": "Other",
}

VISIT_METHODS: dict[str, str] = {
    "in_person": "Face to face",
    "video_call": "Video call",
    "phone_call": "Phone call",
    "app": "An app (such as MOMO)",
    "letter": "Letter",
    "message": "Message (text or e-mail)",
}

# Why the IRO was in touch; "pre_review" and "between_reviews" are what the footprint shows.
VISIT_PURPOSES: dict[str, str] = {
    "pre_review": "Before the review",
    "between_reviews": "Between reviews",
    "other": "Other contact",
}

# Each respondent type has its own question set in resources/forms/<type>.json. The three
# child bands are what an IRO chooses from (by reading age, not only birthday); "child" and
# "carer" are the older, broader types that imported records still use.
RESPONDENT_TYPES: dict[str, str] = {
    "child_4_7": "Child aged 4 to 7",
    "child_8_12": "Child aged 8 to 12",
    "child_13_plus": "Young person aged 13 or over",
    "child": "Child or young person",
    "parent": "Parent",
    "foster_carer": "Foster carer",
    "residential_staff": "Residential staff",
    "adopter": "Adopter",
    "carer": "Carer (foster carer, residential staff or adopter)",
    "social_worker": "Social worker's pre-meeting report",
    "advocate": "Advocate",
    "other_professional": "Other professional",
}

CHILD_RESPONDENT_TYPES = frozenset({"child_4_7", "child_8_12", "child_13_plus", "child"})

# What a child can press on every screen of child mode; each reaches the IRO on leaving.
CHILD_ALERTS: dict[str, str] = {
    "talk_alone": "I want to talk to you alone",
    "not_safe": "I don't feel safe",
}

CONSULTATION_STATUSES: dict[str, str] = {
    "not_sent": "Not sent",
    "sent": "Sent",
    "returned": "Received",
    "not_returned": "Not returned",
    "declined": "Declined",
}

REVIEW_STATUSES: dict[str, str] = {
    "planned": "Planned",
    "held": "Held",
    "cancelled": "Cancelled",
}

CARE_PLAN_VIEWS: dict[str, str] = {
    "agrees": "The IRO agrees with the care plan",
    "agrees_with_changes": "The IRO agrees if the changes below are made",
    "does_not_agree": "The IRO does not agree with the care plan",
}

DECISION_STATUSES: dict[str, str] = {
    "open": "Open",
    "done": "Done",
    "in_progress": "In progress",
    "not_started": "Not started",
    "drifting": "Drifting",
    "cancelled": "Cancelled",
}

MIDWAY_STATUSES: dict[str, str] = {
    "done": "Done",
    "in_progress": "In progress",
    "not_started": "Not started",
    "drifting": "Drifting",
}

# Defaults taken from North Yorkshire's commonest reasons; an authority may add its own.
CHALLENGE_CATEGORIES: dict[str, str] = {
    "decisions_not_acted_on": "decisions of the review not acted on",
    "pre_meeting_report_not_available": "pre-meeting report not available",
    "records_out_of_date": "assessment and progress records out of date",
    "life_story_work": "life story work not progressed",
    "permanence_plan_delayed": "permanence plan delayed",
    "health_or_education_needs": "health or education needs not met",
    "family_time": "time with family not happening as planned",
    "good_practice": "recognising good practice",
    "other": "other",
}

# A general case note: what kind of contact or record it is.
NOTE_KINDS: dict[str, str] = {
    "phone_call": "Phone call",
    "email": "Email",
    "meeting": "Meeting",
    "other": "Other",
}

FEEDBACK_RATINGS: dict[str, str] = {
    "excellent": "Excellent",
    "good": "Good",
    "okay": "Okay",
    "poor": "Poor",
}


def child_band(age: int) -> str:
    """The child's consultation form by age: 4-7, 8-12 or 13 and over (under 4s get none)."""
    if age < 4:
        raise ValidationError("age", "children under 4 do not fill in a consultation form")
    if age <= 7:
        return "child_4_7"
    return "child_8_12" if age <= 12 else "child_13_plus"


def check_code(table: Mapping[str, str], code: str, field: str) -> str:
    """Return the code as the table spells it, or say which codes would have been valid.

    Case is forgiven (people type "pn1" or "Done") because the code lists never contain
    two keys that differ only by case.
    """
    cleaned = (code or "").strip()
    if not cleaned:
        raise ValidationError(field, "is required")
    for candidate in (cleaned, cleaned.upper(), cleaned.lower()):
        if candidate in table:
            return candidate
    raise ValidationError(
        field, f"'{cleaned}' is not a valid code (use one of: {', '.join(table)})"
    )
