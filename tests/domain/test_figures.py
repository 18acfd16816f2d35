"""Hand-worked figures over a small synthetic caseload, written out here in full.

Year 2025/26 (1 April 2025 to 31 March 2026), judged on 20 March 2026.

Amy, born 2015-06-01: reviews 20 May 25 (due 20 May: on the day) PN1, 25 Nov 25 (due 20 Nov:
  late) PN7; next due 25 May 26.
Ben, born 2021-09-15: 10 Mar 25 (before the year); 15 Sep 25 (due 15 Sep), his fourth
  birthday, PN6; next due 31 Mar 26 (not yet due).
Cara, born 2022-02-01: first 1 Oct 25 (due 3 Oct) PN0; second 5 Jan 26 (due 1 Jan: late) PN0.
Dan, born 2010-04-04: 10 Jun 25 (due 12 Jun) PN5; left care 31 Dec 25.
Eve, born 2009-01-01: 1 Feb 25 (before the year); next due 1 Aug 25, never held: late.
Fay, born 2012-07-07: 18 Mar 26 (due 20 Mar) PN2, two days ago; next due 18 Sep 26.

Reviews in timescale: Amy 20 May, Ben, Cara first, Dan, Fay in time; Amy 25 Nov, Cara
second, Eve's missing review late: 5/8. Ben's review due 31 March is not late: left out.
Participation (4+ only): Amy PN1 yes, Amy PN7 no, Ben PN6 yes (4 on the day), Dan PN5 yes,
Fay PN2 yes; Cara is 3 (PN0) and out: 4/5.
"""

from __future__ import annotations

from datetime import date

import pytest

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.figures import period as periods
from iro_desktop.domain.figures.facts import (
    AllocationFacts,
    ChallengeFacts,
    ChildFacts,
    ConsultationFacts,
    Facts,
    FeedbackFacts,
    MidwayFacts,
    ReviewFacts,
    Span,
    StageFacts,
    VisitFacts,
)
from iro_desktop.domain.figures.report import as_json, compute

YEAR = periods.parse_year("2025/26")
TODAY = date(2026, 3, 20)
D = date


def child(ref: str, born: date, became: date, **kw: object) -> ChildFacts:
    return ChildFacts(
        id=ref, ref=ref, name=ref.title(), date_of_birth=born, became_looked_after=became, **kw
    )  # type: ignore[arg-type]


def review(
    rid: str,
    who: str,
    kind: str,
    held: date,
    due: date,
    code: str,
    shared: date | None = None,
    record: date | None = None,
) -> ReviewFacts:
    return ReviewFacts(rid, who, kind, held, due, code, shared, record)


@pytest.fixture(scope="module")
def facts() -> Facts:
    kids = [
        child(
            "amy",
            D(2015, 6, 1),
            D(2024, 1, 10),
            gender="Female",
            category_of_need="N1",
            legal_statuses=(Span(D(2024, 1, 10), None, "C2"),),
            placements=(Span(D(2024, 1, 10), None, "U4", True),),
            next_review_due=D(2026, 5, 25),
        ),
        child(
            "ben",
            D(2021, 9, 15),
            D(2024, 9, 1),
            gender="Male",
            category_of_need="N4",
            legal_statuses=(
                Span(D(2024, 9, 1), D(2025, 6, 1), "C1"),
                Span(D(2025, 6, 1), None, "C2"),
            ),
            placements=(Span(D(2024, 9, 1), None, "U6", False),),
            next_review_due=D(2026, 3, 31),
            next_review_kind="subsequent",
        ),
        child(
            "cara",
            D(2022, 2, 1),
            D(2025, 9, 3),
            gender="Female",
            category_of_need="N1",
            legal_statuses=(Span(D(2025, 9, 3), None, "V2"),),
            next_review_due=D(2026, 7, 5),
        ),
        child(
            "dan",
            D(2010, 4, 4),
            D(2023, 1, 1),
            ceased=D(2025, 12, 31),
            gender="Male",
            next_review_due=D(2025, 12, 10),
        ),
        child(
            "eve",
            D(2009, 1, 1),
            D(2022, 5, 5),
            gender="Female",
            category_of_need="N5",
            legal_statuses=(Span(D(2022, 5, 5), None, "C2"),),
            next_review_due=D(2025, 8, 1),
            next_review_kind="subsequent",
        ),
        child(
            "fay",
            D(2012, 7, 7),
            D(2024, 2, 2),
            gender="Female",
            category_of_need="N1",
            legal_statuses=(Span(D(2024, 2, 2), None, "C2"),),
            next_review_due=D(2026, 9, 18),
        ),
    ]
    reviews = [
        review(
            "a1",
            "amy",
            "subsequent",
            D(2025, 5, 20),
            D(2025, 5, 20),
            "PN1",
            shared=D(2025, 5, 27),
            record=D(2025, 7, 1),
        ),
        review(
            "a2",
            "amy",
            "subsequent",
            D(2025, 11, 25),
            D(2025, 11, 20),
            "PN7",
            shared=D(2025, 12, 10),
            record=D(2025, 12, 2),
        ),
        review(
            "b0",
            "ben",
            "first",
            D(2025, 3, 10),
            D(2025, 3, 12),
            "PN0",
            shared=D(2025, 3, 11),
            record=D(2025, 3, 17),
        ),
        review(
            "b1",
            "ben",
            "subsequent",
            D(2025, 9, 15),
            D(2025, 9, 15),
            "PN6",
            shared=D(2025, 9, 15),
            record=D(2025, 9, 22),
        ),
        review(
            "c1",
            "cara",
            "first",
            D(2025, 10, 1),
            D(2025, 10, 3),
            "PN0",
            shared=None,
            record=D(2025, 10, 8),
        ),
        review(
            "c2",
            "cara",
            "second",
            D(2026, 1, 5),
            D(2026, 1, 1),
            "PN0",
            shared=D(2026, 1, 12),
            record=D(2026, 1, 12),
        ),
        review(
            "d1",
            "dan",
            "subsequent",
            D(2025, 6, 10),
            D(2025, 6, 12),
            "PN5",
            shared=D(2025, 6, 17),
            record=D(2025, 6, 17),
        ),
        review(
            "e0",
            "eve",
            "subsequent",
            D(2025, 2, 1),
            D(2025, 2, 3),
            "PN1",
            shared=D(2025, 2, 3),
            record=D(2025, 2, 10),
        ),
        review("f1", "fay", "subsequent", D(2026, 3, 18), D(2026, 3, 20), "PN2"),
    ]
    return Facts(
        children={k.id: k for k in kids},
        reviews=reviews,
        visits=[
            VisitFacts("amy", D(2025, 5, 1), "in_person"),
            VisitFacts("amy", D(2025, 10, 1), "phone_call"),  # a call is not a visit
            VisitFacts("ben", D(2025, 9, 15), "in_person"),  # on the day counts
            VisitFacts("cara", D(2025, 9, 20), "video_call"),
            VisitFacts("dan", D(2025, 6, 11), "in_person"),  # after his review: no
        ],
        midway=[MidwayFacts("amy", "a1", D(2025, 8, 19))],
        consultations=[
            ConsultationFacts("amy", "a1", "child_8_12", "returned"),
            ConsultationFacts("amy", "a1", "parent", "declined"),
            ConsultationFacts("amy", "a1", "foster_carer", "not_sent"),
            ConsultationFacts("ben", "b1", "foster_carer", "returned"),
            ConsultationFacts("eve", "e0", "parent", "returned"),  # before the year
        ],
        challenges=[
            ChallengeFacts(
                "x1",
                "amy",
                "challenge",
                "decisions_not_acted_on",
                D(2025, 7, 1),
                1,
                None,
                (
                    StageFacts(0, D(2025, 7, 1), D(2025, 7, 15), D(2025, 7, 10)),
                    StageFacts(1, D(2025, 7, 20), D(2025, 8, 1), None),
                ),
            ),
            ChallengeFacts(
                "x2",
                "fay",
                "challenge",
                "life_story_work",
                D(2026, 3, 16),
                0,
                None,
                (StageFacts(0, D(2026, 3, 16), D(2026, 3, 30), None),),
            ),
            ChallengeFacts(
                "x3", "ben", "good_practice", "good_practice", D(2025, 9, 1), 0, D(2025, 9, 1)
            ),
        ],
        feedback=[
            FeedbackFacts("amy", "a1", "excellent", True, False, True),
            FeedbackFacts("ben", "b1", "good", True, None, False),
        ],
    )


@pytest.fixture(scope="module")
def figures(facts: Facts):  # type: ignore[no-untyped-def]
    return compute(facts, YEAR, TODAY)


def counts(figures, name: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    m = figures.all_measures()[name]
    return m.numerator, m.denominator


def test_reviews_in_timescale(figures) -> None:  # type: ignore[no-untyped-def]
    m = figures.measures["reviews_in_timescale"]
    assert (m.numerator, m.denominator) == (5, 8)
    on_the_day = [i for i in m.items if i.child_id == "amy" and i.day == D(2025, 5, 20)]
    assert [i.counted for i in on_the_day] == [True]  # held on its due date: in time
    late = sorted(i.child_id for i in m.items if not i.counted)
    assert late == ["amy", "cara", "eve"]
    # Ben's review due 31 March is not yet due: waiting, never late.
    assert [(i.child_id, i.day) for i in m.waiting] == [("ben", D(2026, 3, 31))]


def test_reviews_by_kind(figures) -> None:  # type: ignore[no-untyped-def]
    assert counts(figures, "reviews_in_timescale_first") == (1, 1)
    assert counts(figures, "reviews_in_timescale_second") == (0, 1)
    assert counts(figures, "reviews_in_timescale_subsequent") == (4, 6)
    assert counts(figures, "reviews_in_timescale_brought_forward") == (0, 0)


def test_left_care_mid_year_still_counts(figures) -> None:  # type: ignore[no-untyped-def]
    items = figures.measures["reviews_in_timescale"].items
    assert [(i.day, i.counted) for i in items if i.child_id == "dan"] == [(D(2025, 6, 10), True)]
    # ... but his next review, due after he left, is not counted late; nor is he in the
    # children looked after at 31 March.
    assert "dan" not in {i.child_id for i in figures.children_at_end.items}


def test_participation_age_rule(figures) -> None:  # type: ignore[no-untyped-def]
    m = figures.measures["participation_rate"]
    assert (m.numerator, m.denominator) == (4, 5)
    assert "ben" in {i.child_id for i in m.items}  # fourth birthday on the review day
    assert "cara" not in {i.child_id for i in m.items}  # 3: PN0, outside the rate


def test_participation_by_month_has_every_month(figures) -> None:  # type: ignore[no-untyped-def]
    table = figures.participation_by_month
    assert list(table) == [
        "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09",
        "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03",
    ]  # fmt: skip
    assert table["2025-04"] == dict.fromkeys([f"PN{n}" for n in range(8)], 0)
    assert table["2025-12"] == dict.fromkeys([f"PN{n}" for n in range(8)], 0)
    assert table["2025-05"]["PN1"] == 1
    assert table["2025-09"]["PN6"] == 1
    assert table["2025-10"]["PN0"] == table["2026-01"]["PN0"] == 1
    assert sum(sum(row.values()) for row in table.values()) == 7


def test_decisions_and_records(figures) -> None:  # type: ignore[no-untyped-def]
    # 20 May 2025 + 5 working days skips the 26 May bank holiday: 28 May; shared 27th.
    # Amy 25 Nov shared 10 Dec (due 2 Dec): late. Cara's first never shared: late.
    # Cara 5 Jan shared 12 Jan, the fifth working day: in time. Fay's is still in time.
    assert counts(figures, "decisions_shared_in_time") == (4, 6)
    shared = figures.measures["decisions_shared_in_time"]
    assert [i.child_id for i in shared.waiting] == ["fay"]
    # Amy's 20 May record went on 1 July; the 20th working day was 18 June: late.
    assert counts(figures, "records_distributed_in_time") == (5, 6)


def test_visits(figures) -> None:  # type: ignore[no-untyped-def]
    assert counts(figures, "visited_before_review") == (3, 7)
    assert counts(figures, "visited_before_first_review") == (1, 1)


def test_midway_updates(figures) -> None:  # type: ignore[no-untyped-def]
    # Amy: 20 May -> due 20 Nov, halfway 20 Aug, done 19 Aug: in time. 25 Nov -> due
    # 25 May 26, halfway 23 Feb 26, not done: late. Ben: 10 Mar 25 -> his next review
    # due 15 Sep, halfway 12 Jun 25, none: late; 15 Sep -> 31 Mar 26, halfway 22 Dec: late.
    # Cara: 1 Oct -> due 1 Jan, halfway 16 Nov: late; 5 Jan -> 5 Jul, halfway 5 Apr 26:
    # after the year. Dan: left care before his next. Eve: 1 Feb 25 -> due 1 Aug 25, halfway
    # 2 May 25: late. Fay: halfway in June 26: after the year.
    m = figures.measures["midway_updates_in_time"]
    assert (m.numerator, m.denominator) == (1, 6)


def test_consultations(figures) -> None:  # type: ignore[no-untyped-def]
    assert counts(figures, "consultations_returned") == (2, 3)
    assert figures.consultations_by_respondent == {
        "child_8_12": {"sent": 1, "returned": 1},
        "parent": {"sent": 1, "returned": 0},
        "foster_carer": {"sent": 1, "returned": 1},
    }


def test_challenges_and_alerts(figures) -> None:  # type: ignore[no-untyped-def]
    # Amy's stage 0 answered in time, stage 1 never answered (due 1 Aug): late;
    # Fay's is still inside its time.
    assert counts(figures, "challenge_responses_in_time") == (1, 2)
    c = figures.challenges
    assert (c.raised, c.good_practice_alerts) == (2, 1)
    assert c.by_stage["Informal"] == 1 and c.by_stage["Team manager"] == 1
    assert c.by_category["decisions_not_acted_on"] == 1
    assert c.by_category["life_story_work"] == 1
    assert c.by_outcome == {"resolved": 0, "escalated, open": 1, "open": 1}


def test_feedback(figures) -> None:  # type: ignore[no-untyped-def]
    fb = figures.feedback
    assert fb.responses == 2
    assert fb.by_rating == {"excellent": 1, "good": 1, "okay": 0, "poor": 0}
    assert fb.venue_as_wanted.counts() == {"numerator": 2, "denominator": 2}
    assert fb.date_time_as_wanted.counts() == {"numerator": 0, "denominator": 1}


def test_children_at_end(figures) -> None:  # type: ignore[no-untyped-def]
    end = figures.children_at_end
    assert end.total == 5  # Dan left
    assert end.by_age_band == {
        "Under 1": 0,
        "1 to 4": 2,
        "5 to 9": 0,
        "10 to 15": 2,
        "16 to 17": 1,
        "18 and over": 0,
    }
    assert end.by_gender == {"Female": 4, "Male": 1}
    assert end.by_legal_status["C2"] == 4 and end.by_legal_status["V2"] == 1
    assert end.by_legal_status["C1"] == 0  # Ben's interim order ended in June
    assert end.by_category_of_need["N1"] == 3
    assert end.by_county == {"in county": 1, "out of county": 1, "not recorded": 3}
    assert figures.caseload.children == 5 and figures.caseload.position == "below"


def test_json_shape(figures) -> None:  # type: ignore[no-untyped-def]
    out = as_json(figures)
    assert out["period"] == {"from": "2025-04-01", "to": "2026-03-31"}
    for name in (
        "reviews_in_timescale",
        "participation_rate",
        "decisions_shared_in_time",
        "records_distributed_in_time",
        "visited_before_review",
        "visited_before_first_review",
        "midway_updates_in_time",
        "challenge_responses_in_time",
    ):
        assert set(out["measures"][name]) == {"numerator", "denominator"}
    assert out["measures"]["participation_rate"] == {"numerator": 4, "denominator": 5}
    assert set(out["children_at_end"]) >= {
        "by_legal_status",
        "by_category_of_need",
        "by_age_band",
        "by_gender",
    }
    assert "iro_allocated_in_time" not in out["measures"]  # laptop: no allocation history


def test_month_period_with_no_reviews(facts: Facts) -> None:
    december = compute(facts, periods.month(2025, 12), TODAY)
    assert december.participation_by_month == {
        "2025-12": dict.fromkeys([f"PN{n}" for n in range(8)], 0)
    }
    assert december.measures["reviews_in_timescale"].counts() == {"numerator": 0, "denominator": 0}


def test_central_measures(facts: Facts) -> None:
    # Cara became looked after on Wed 3 Sep 2025: 5 working days is Wed 10 Sep.
    allocated = Facts(
        **{
            **facts.__dict__,
            "allocations": [
                AllocationFacts("cara", "iro-1", D(2025, 9, 10), None),
                AllocationFacts("amy", "iro-1", D(2024, 1, 10), D(2025, 1, 1)),
                AllocationFacts("amy", "iro-2", D(2025, 1, 1), None),
                AllocationFacts("ben", "iro-2", D(2024, 9, 1), None),
                AllocationFacts("eve", "iro-1", D(2022, 5, 5), None),
                AllocationFacts("fay", "iro-2", D(2024, 2, 2), None),
                AllocationFacts("dan", "iro-1", D(2023, 1, 1), None),
            ],
        }
    )
    figures = compute(allocated, YEAR, TODAY)
    assert figures.measures["iro_allocated_in_time"].counts() == {"numerator": 1, "denominator": 1}
    # Looked after at 31 March 2026 for 3 years or less: Amy (changed IRO), Ben, Cara,
    # Fay (kept theirs). Eve came into care in May 2022, more than 3 years before.
    assert figures.measures["same_iro"].counts() == {"numerator": 3, "denominator": 4}
    assert figures.caseload_by_iro == {"iro-1": 2, "iro-2": 3}  # Dan has left


def test_periods() -> None:
    assert periods.parse_year("2025/26") == periods.Period(D(2025, 4, 1), D(2026, 3, 31))
    assert periods.parse_period(None, None, None, D(2026, 2, 1)) == YEAR
    assert periods.month(2024, 2).end == D(2024, 2, 29)
    with pytest.raises(ValidationError, match="after 2025 comes 2025/26"):
        periods.parse_year("2025/27")
    with pytest.raises(ValidationError, match="before the start"):
        periods.parse_period(None, "2026-01-02", "2026-01-01", TODAY)


def test_working_day_deadlines_cross_easter() -> None:
    """A record for a review held on 15 March 2024 is due 16 April (Easter between); an
    IRO for a child looked after from 25 March 2024 is due by 3 April."""
    kid = child("kim", D(2012, 1, 1), D(2024, 3, 25))
    facts = Facts(
        children={"kim": kid},
        reviews=[
            review(
                "k1", "kim", "first", D(2024, 3, 15), D(2024, 3, 20), "PN1", record=D(2024, 4, 16)
            ),
            review(
                "k2", "kim", "second", D(2024, 3, 15), D(2024, 3, 20), "PN1", record=D(2024, 4, 17)
            ),
            review("k3", "kim", "second", D(2024, 3, 15), D(2024, 3, 20), "PN1"),
        ],
        allocations=[AllocationFacts("kim", "iro-1", D(2024, 4, 3), None)],
    )
    spring = periods.Period(D(2024, 3, 1), D(2024, 3, 31))
    on_the_day = compute(facts, spring, D(2024, 4, 16)).measures
    assert on_the_day["records_distributed_in_time"].counts() == {
        "numerator": 1,
        "denominator": 2,
    }  # the one not sent is still in time
    day_after = compute(facts, spring, D(2024, 4, 17)).measures
    assert day_after["records_distributed_in_time"].counts() == {"numerator": 1, "denominator": 3}
    assert day_after["iro_allocated_in_time"].counts() == {"numerator": 1, "denominator": 1}


def test_same_iro_counts_exactly_three_years() -> None:
    end = D(2024, 6, 30)
    kids = {
        "a": child("a", D(2015, 1, 1), D(2021, 6, 30)),  # exactly three years: counted
        "b": child("b", D(2015, 1, 1), D(2023, 1, 1)),  # changed IRO
        "c": child("c", D(2015, 1, 1), D(2021, 6, 29)),  # over three years: left out
    }
    facts = Facts(
        children=kids,
        allocations=[
            AllocationFacts("a", "x", D(2021, 6, 30), None),
            AllocationFacts("b", "x", D(2023, 1, 1), D(2023, 6, 1)),
            AllocationFacts("b", "y", D(2023, 6, 1), None),
            AllocationFacts("c", "x", D(2021, 6, 29), None),
        ],
    )
    m = compute(facts, periods.Period(D(2024, 4, 1), end), end).measures["same_iro"]
    assert m.counts() == {"numerator": 1, "denominator": 2}
    assert {i.child_id for i in m.items} == {"a", "b"}


def test_a_year_still_running_counts_the_children_looked_after_today(facts: Facts) -> None:
    mid_year = compute(facts, YEAR, D(2025, 12, 15))
    assert mid_year.children_at_end.day == D(2025, 12, 15)  # not 31 March, still to come
    assert "dan" in {i.child_id for i in mid_year.children_at_end.items}  # leaves on the 31st
    assert mid_year.caseload.children == 6


def test_an_imported_review_is_left_out_of_sharing_and_distribution() -> None:
    """Two reviews held on Monday 2 June 2025, neither shared nor distributed (5 working
    days: 9 June; 20: 30 June). The IRO's own counts late in both; the imported one is
    history whose paperwork was done elsewhere, so it counts in neither."""
    kid = child("eve", D(2012, 1, 1), D(2019, 9, 2), next_review_due=D(2026, 6, 2))
    own = ReviewFacts("r1", "eve", "subsequent", D(2025, 6, 2), None, "PN1")
    imported = ReviewFacts("r2", "eve", "subsequent", D(2025, 6, 2), None, "PN1", imported=True)
    for reviews, expected in (([own], (0, 1)), ([imported], (0, 0))):
        facts = Facts()
        facts.children["eve"] = kid
        facts.reviews = reviews
        figures = compute(facts, YEAR, TODAY)
        assert counts(figures, "decisions_shared_in_time") == expected
        assert counts(figures, "records_distributed_in_time") == expected


def test_a_measure_splits_by_owner_in_one_pass() -> None:
    """The service report's per-IRO rows: each IRO's items, an empty measure for an IRO
    with none, children with no owner left out, and waiting work kept apart."""
    from iro_desktop.domain.figures.measure import Item, Measure

    def it(child: str, counted: bool) -> Item:
        return Item(child, child.upper(), child, date(2025, 6, 1), "review", counted)

    measure = Measure("m", "M", "rule", (it("a", True), it("b", False), it("a", False),
                      it("z", True)), (it("b", False),))  # fmt: skip
    split = measure.split({"a": "iro1", "b": "iro2"}, ["iro1", "iro2", "iro3"])
    assert sorted(split) == ["iro1", "iro2", "iro3"]
    assert (split["iro1"].numerator, split["iro1"].denominator) == (1, 2)
    assert (split["iro2"].numerator, split["iro2"].denominator) == (0, 1)
    assert [i.child_id for i in split["iro2"].waiting] == ["b"]
    assert split["iro3"].items == () and split["iro3"].waiting == ()
    assert split["iro1"].name == "m" and split["iro1"].rule == "rule"
