"""The DfE code lists of each collection year, and the collection year itself.

A collection year runs from 1 April to 31 March and is written "2025/26". The lists follow
the DfE's SSDA903 guidance as the public Data to Insight validator applies it: most lists
are the same every year; SEX is 1/2 up to 2023/24 and M/F/U from 2024/25; placement types
gained K3 (supported accommodation) in 2024/25 and, in 2025/26, dropped H5, P2 and Z1 for
Z11-Z14.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.errors import ValidationError

YEAR_SHAPE = re.compile(r"^(\d{4})/(\d{2})$")
FIRST_YEAR = 2022  # the oldest year whose lists are kept here


@dataclass(frozen=True, order=True)
class CollectionYear:
    """1 April of ``first`` to 31 March of the year after."""

    first: int

    @property
    def start(self) -> date:
        return date(self.first, 4, 1)

    @property
    def end(self) -> date:
        return date(self.first + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.first}/{(self.first + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.label

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def collection_year(text: str, field: str = "year") -> CollectionYear:
    """Read "2025/26"; the second part must be the year after the first."""
    found = YEAR_SHAPE.match((text or "").strip())
    if not found or (int(found.group(1)) + 1) % 100 != int(found.group(2)):
        raise ValidationError(field, f"'{text}' is not a collection year (write it as 2025/26)")
    year = int(found.group(1))
    if year < FIRST_YEAR:
        raise ValidationError(field, f"IRO Desktop knows the code lists from {FIRST_YEAR}/23 on")
    return CollectionYear(year)


def year_of(day: date) -> CollectionYear:
    """The collection year a date falls in."""
    return CollectionYear(day.year if day.month >= 4 else day.year - 1)


SEX_NUMBERS = {"1": "Male", "2": "Female"}
SEX_LETTERS = {"M": "Male", "F": "Female", "U": "Unknown"}
# The same child in either coding: 1 is M and 2 is F.
SEX_NUMBER_TO_LETTER = {"1": "M", "2": "F"}
SEX_LETTER_TO_NUMBER = {"M": "1", "F": "2"}

ETHNIC = {
    "WBRI": "White British", "WIRI": "White Irish", "WOTH": "Any other White background",
    "WIRT": "Traveller of Irish heritage", "WROM": "Gypsy or Roma",
    "MWBC": "White and Black Caribbean", "MWBA": "White and Black African",
    "MWAS": "White and Asian", "MOTH": "Any other mixed background", "AIND": "Indian",
    "APKN": "Pakistani", "ABAN": "Bangladeshi", "AOTH": "Any other Asian background",
    "BCRB": "Caribbean", "BAFR": "African", "BOTH": "Any other Black background",
    "CHNE": "Chinese", "OOTH": "Any other ethnic group", "REFU": "Refused",
    "NOBT": "Information not yet obtained",
}  # fmt: skip

RNE = {
    "S": "Started to be looked after",
    "L": "Change of legal status only",
    "P": "Change of placement only",
    "T": "Change of placement only (to or from a temporary placement)",
    "B": "Change of legal status and placement",
    "U": "Change of legal status and placement at the same time",
}
NEW_PERIOD = "S"
PLACEMENT_CHANGES = frozenset({"P", "T", "B", "U"})

LS = ("C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4")
SHORT_BREAKS = frozenset({"V3", "V4"})
CIN = ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8")

_PLACE_TO_2023 = (
    "A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5",
    "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1",
)  # fmt: skip
_PLACE_2024 = (*_PLACE_TO_2023, "K3")
_PLACE_FROM_2025 = (
    *(code for code in _PLACE_2024 if code not in ("H5", "P2", "Z1")),
    "Z11", "Z12", "Z13", "Z14",
)  # fmt: skip
TEMPORARY_PLACES = frozenset({"T0", "T1", "T2", "T3", "T4"})
# Placements with no provider: the provider column stays blank.
NO_PROVIDER_PLACES = frozenset({"T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14"})

PLACE_PROVIDER = {
    "PR0": "Parent or other person with parental responsibility",
    "PR1": "Own provision (by the local authority)",
    "PR2": "Other local authority provision",
    "PR3": "Other public provision (for example a primary care trust)",
    "PR4": "Private provision",
    "PR5": "Voluntary or third sector provision",
}

REC = {
    "E11": "Adopted: application for an adoption order unopposed",
    "E12": "Adopted: consent dispensed with by the court",
    "E2": "Died",
    "E3": "Care taken over by another local authority in the UK",
    "E4A": "Returned home to live with parents or relatives as part of the care plan",
    "E4B": "Returned home to live with parents or relatives not as part of the care plan",
    "E13": "Left care to live with parents or relatives: other",
    "E41": "Residence order or child arrangements order granted",
    "E45": "Special guardianship order made to former foster carers",
    "E46": "Special guardianship order made to carers other than former foster carers",
    "E47": "Special guardianship order made to former foster carers (relatives or friends)",
    "E48": "Special guardianship order made to other relatives or friends",
    "E5": "Moved into independent living (supportive accommodation)",
    "E6": "Moved into independent living (no formalised support)",
    "E7": "Transferred to residential care funded by adult social services",
    "E8": "Period of being looked after ceased for any other reason",
    "E9": "Sentenced to custody",
    "E14": "Accommodation on remand ended",
    "E15": "Age assessment determined child aged 18 or over",
    "E16": "Child moved abroad",
    "E17": "Aged 18 (or over) and remained with current carers (staying put)",
    "X1": "Episode ceases, and new episode begins on same day",
}
CONTINUES = "X1"

REASON_PLACE_CHANGE = {
    "CARPL": "Change to or implementation of the care plan",
    "CLOSE": "The placement closed",
    "ALLEG": "An allegation was made (section 47 enquiry)",
    "STAND": "Standards of care concern",
    "APPRR": "The carer's approval was changed or removed",
    "CREQB": "The carer asked for the placement to end because of the child's behaviour",
    "CREQO": "The carer asked for the placement to end for another reason",
    "CHILD": "The child asked for the placement to end",
    "LAREQ": "The responsible authority asked for the placement to end",
    "PLACE": "Change in the status of the placement only",
    "CUSTOD": "The child was admitted to custody",
    "OTHER": "Other",
}

PARTICIPATION = ("PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7")
UPN_UNKNOWN = frozenset({"UN1", "UN2", "UN3", "UN4", "UN5"})
MOTHER = ("0", "1")


@dataclass(frozen=True)
class YearCodes:
    """The lists one collection year checks against."""

    year: CollectionYear
    sex: frozenset[str]
    place: frozenset[str]

    @property
    def sex_letters(self) -> bool:
        return self.year.first >= 2024


def codes_for(year: CollectionYear) -> YearCodes:
    if year.first >= 2025:
        place = _PLACE_FROM_2025
    elif year.first == 2024:
        place = _PLACE_2024
    else:
        place = _PLACE_TO_2023
    # Either SEX coding is accepted on import (an extract may span the change); the
    # export writes the year's own coding.
    return YearCodes(year, frozenset(SEX_NUMBERS) | frozenset(SEX_LETTERS), frozenset(place))


def sex_for_year(sex: str, year: CollectionYear) -> str:
    """The same child's SEX in the year's coding (1/2 to 2023/24, M/F/U from 2024/25)."""
    if year.first >= 2024:
        return SEX_NUMBER_TO_LETTER.get(sex, sex)
    return SEX_LETTER_TO_NUMBER.get(sex, sex)


def sex_label(sex: str) -> str:
    return SEX_NUMBERS.get(sex) or SEX_LETTERS.get(sex) or sex
