import pytest

from iro_desktop.domain.codes import FEEDBACK_RATINGS
from iro_desktop.domain.kpis import (
    CASELOAD_GUIDANCE,
    caseload_message,
    caseload_position,
    count_by,
)


@pytest.mark.parametrize(
    ("n", "position"),
    [(0, "below"), (49, "below"), (50, "within"), (70, "within"), (71, "above"), (120, "above")],
)
def test_caseload_position(n: int, position: str) -> None:
    assert CASELOAD_GUIDANCE == (50, 70)
    assert caseload_position(n) == position


def test_caseload_message() -> None:
    assert caseload_message(65) == "65 children: within the 50-70 guidance"
    assert caseload_message(120) == "120 children: above the 50-70 guidance"
    assert caseload_message(1) == "1 child: below the 50-70 guidance"
    assert caseload_message(45, (40, 60)) == "45 children: within the 40-60 guidance"


def test_count_by() -> None:
    tally = count_by(["good", "excellent", "good", "unknown"], FEEDBACK_RATINGS)
    assert tally == {"excellent": 1, "good": 2, "okay": 0, "poor": 0, "unknown": 1}
    assert list(tally)[:4] == list(FEEDBACK_RATINGS)
    assert count_by([2, 1, 2]) == {2: 2, 1: 1}
