"""A synthetic 903 extract of any size, for the benchmarks: invented IDs, dates, postcodes.

Each child starts to be looked after, then changes legal status or placement now and then;
one in eight has left care by the end of the year. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from iro_desktop.domain.ssda903.codes import CollectionYear
from iro_desktop.store.ssda903.files import write_table

PLACES = ("U1", "U3", "U4", "U6", "K2", "R1", "A4")
STATUSES = ("C1", "C2", "V2", "E1")


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def write_extract(
    folder: Path,
    year: CollectionYear,
    *,
    children: int = 2000,
    episodes_per_child: int = 6,
    reviews_per_child: int = 0,
    seed: int = 7,
) -> Path:
    rng = random.Random(seed)
    header: list[dict[str, str]] = []
    episodes: list[dict[str, str]] = []
    reviews: list[dict[str, str]] = []
    for i in range(children):
        ref = f"{800000 + i}"
        dob = year.start - timedelta(days=rng.randint(5 * 365, 16 * 365))
        header.append({"CHILD": ref, "SEX": rng.choice("MF"), "DOB": _dmy(dob),
                       "ETHNIC": rng.choice(("WBRI", "MWBA", "BAFR", "AIND", "WOTH")),
                       "UPN": "UN4", "MOTHER": "", "MC_DOB": ""})  # fmt: skip
        start = year.start - timedelta(days=rng.randint(200, 900))
        gaps = sorted(rng.sample(range(20, (year.end - start).days - 10), episodes_per_child - 1))
        starts = [start] + [start + timedelta(days=g) for g in gaps]
        left = rng.random() < 0.125
        place, status = rng.choice(PLACES), rng.choice(STATUSES)
        for n, begun in enumerate(starts):
            rne = "S"
            if n:
                if rng.random() < 0.5:
                    rne, place = "P", rng.choice([p for p in PLACES if p != place])
                else:
                    rne, status = "L", rng.choice([s for s in STATUSES if s != status])
            last = n == len(starts) - 1
            ends = None if last else starts[n + 1]
            if last and left:
                ends = begun + timedelta(days=rng.randint(1, (year.end - begun).days))
            episodes.append({
                "CHILD": ref, "DECOM": _dmy(begun), "RNE": rne, "LS": status,
                "CIN": rng.choice(("N1", "N4", "N5")), "PLACE": place, "PLACE_PROVIDER": "PR1",
                "DEC": _dmy(ends) if ends else "", "REC": ("E4A" if last else "X1") if ends else "",
                "REASON_PLACE_CHANGE": "", "HOME_POST": "ZZ1 1AA",
                "PL_POST": rng.choice(("KT1 2AB", "ZZ9 3CD")), "URN": "",
            })  # fmt: skip
        in_care_until = ends or year.end
        for r in range(reviews_per_child):
            held = year.start + timedelta(days=20 + 150 * r + i % 30)
            if held <= in_care_until:
                code = "PN0" if held < dob.replace(year=dob.year + 4) else "PN1"
                reviews.append({"CHILD": ref, "DOB": _dmy(dob), "REVIEW": _dmy(held),
                                "REVIEW_CODE": code})  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    write_table(folder / "Header.csv", "Header", header)
    write_table(folder / "Episodes.csv", "Episodes", episodes)
    if reviews_per_child:
        write_table(folder / "Reviews.csv", "Reviews", reviews)
    return folder
