"""Synthetic 903 extracts for tests: invented children, IDs, postcodes and dates only."""

from __future__ import annotations

from pathlib import Path

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
REVIEWS = "CHILD,DOB,REVIEW,REVIEW_CODE"
UASC = "CHILD,SEX,DOB,DUC"

# 900001: legal status change (C1 -> C2) then a change of placement, still in care.
# 900002: left care (returned home, E4A) during 2025/26.
# 900003: left care in 2023, returned in October 2025: a new period of care.
# 900004: short breaks (V3), two breaks in the year.
HEADER_ROWS = [
    "900001,M,14/03/2012,WBRI,A12345678901B,,",
    "900002,F,02/07/2015,MWBA,UN3,,",
    "900003,1,20/10/2008,WOTH,UN4,0,",
    "900004,2,05/05/2019,BAFR,UN1,,",
]
EPISODE_ROWS = [
    "900001,01/06/2024,S,C1,N1,U6,PR1,10/09/2024,X1,,ZZ1 1AA,KT1 2AB,SC100001",
    "900001,10/09/2024,L,C2,N1,U6,PR1,15/01/2025,X1,CARPL,ZZ1 1AA,KT1 2AB,SC100001",
    "900001,15/01/2025,P,C2,N1,U4,PR4,,,,ZZ1 1AA,ZZ9 3CD,SC100002",
    "900002,03/02/2025,S,V2,N4,U3,PR1,20/08/2025,E4A,,ZZ2 2BB,KT2 5EF,SC100003",
    "900003,01/05/2023,S,V2,N5,K2,PR4,01/09/2023,E13,,ZZ3 3CC,ZZ8 1GH,SC100004",
    "900003,10/10/2025,S,C1,N1,R1,PR4,,,,ZZ3 3CC,ZZ8 1GH,SC100005",
    "900004,05/04/2025,S,V3,N2,U6,PR1,09/04/2025,E8,,ZZ4 4DD,KT3 7JK,",
    "900004,10/05/2025,S,V3,N2,U6,PR1,14/05/2025,E8,,ZZ4 4DD,KT3 7JK,",
]
REVIEW_ROWS = [
    "900001,14/03/2012,10/07/2025,PN1",
    "900003,20/10/2008,05/11/2025,PN6",
]


def write_extract(
    folder: Path,
    header: list[str] | None = None,
    episodes: list[str] | None = None,
    reviews: list[str] | None = None,
    uasc: list[str] | None = None,
) -> Path:
    """Write the tables to ``folder`` (file names as an authority might choose them)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, columns, rows in (
        ("header.csv", HEADER, HEADER_ROWS if header is None else header),
        ("episodes.csv", EPISODES, EPISODE_ROWS if episodes is None else episodes),
        ("reviews.csv", REVIEWS, REVIEW_ROWS if reviews is None else reviews),
        ("uasc.csv", UASC, uasc),
    ):
        path = folder / name
        if rows is None:
            path.unlink(missing_ok=True)
            continue
        path.write_text("\r\n".join([columns, *rows]) + "\r\n", encoding="utf-8")
    return folder
