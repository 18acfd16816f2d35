"""The child, their legal status and placement history, and the people around them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from iro_desktop.store.types import Base, Synced


class Iro(Synced, Base):
    """The IRO's own profile: what the child's letter and contact card print."""

    __tablename__ = "iros"

    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))  # job title (migration 0006)
    email: Mapped[str] = mapped_column(String(320), index=True)
    phone: Mapped[str | None] = mapped_column(String(50))
    mobile: Mapped[str | None] = mapped_column(String(50))
    team: Mapped[str | None] = mapped_column(String(200))
    about: Mapped[str | None] = mapped_column(Text)
    photo: Mapped[bytes | None] = mapped_column()


class Child(Synced, Base):
    __tablename__ = "children"

    # Not unique on the central store: a laptop's child is provisional (migration 0004).
    child_ref: Mapped[str] = mapped_column(String(40), index=True)
    iro_id: Mapped[str | None] = mapped_column(ForeignKey("iros.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    preferred_name: Mapped[str | None] = mapped_column(String(200))
    pronouns: Mapped[str | None] = mapped_column(String(50))
    date_of_birth: Mapped[date] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(50))
    ethnicity: Mapped[str | None] = mapped_column(String(100))
    first_language: Mapped[str | None] = mapped_column(String(100))
    language_code: Mapped[str | None] = mapped_column(String(10))
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    communication_needs: Mapped[str | None] = mapped_column(Text)
    disability: Mapped[str | None] = mapped_column(Text)
    category_of_need: Mapped[str | None] = mapped_column(String(2))
    became_looked_after: Mapped[date] = mapped_column(Date)
    unaccompanied_asylum_seeking: Mapped[bool] = mapped_column(Boolean, default=False)
    permanence_plan: Mapped[str | None] = mapped_column(Text)
    school: Mapped[str | None] = mapped_column(String(200))
    pep_date: Mapped[date | None] = mapped_column(Date)
    health_assessment_date: Mapped[date | None] = mapped_column(Date)
    dental_check_date: Mapped[date | None] = mapped_column(Date)
    immunisations_up_to_date: Mapped[bool | None] = mapped_column(Boolean)
    sdq_score: Mapped[int | None] = mapped_column(Integer)
    pathway_plan_date: Mapped[date | None] = mapped_column(Date)
    review_directed_for: Mapped[date | None] = mapped_column(Date)
    ceased_looked_after: Mapped[date | None] = mapped_column(Date)
    # The day the child came to the program with no review on file after their first
    # review was due (migration 0010): the last review's date is needed, and until it is
    # recorded no review is counted overdue. Cleared when a review is recorded.
    review_history_needed_since: Mapped[date | None] = mapped_column(Date)

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.first_name} {self.last_name}"


class LegalStatus(Synced, Base):
    """SSDA903 legal status history; short breaks (V3/V4) change the review cycle."""

    __tablename__ = "legal_statuses"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    code: Mapped[str] = mapped_column(String(2))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)


class Placement(Synced, Base):
    __tablename__ = "placements"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    place_code: Mapped[str] = mapped_column(String(3))  # Z11-Z14 from 2025/26
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    area: Mapped[str | None] = mapped_column(String(200))
    out_of_county: Mapped[bool] = mapped_column(Boolean, default=False)
    travel_minutes: Mapped[int | None] = mapped_column(Integer)
    distance_miles: Mapped[int | None] = mapped_column(Integer)
    carers: Mapped[str | None] = mapped_column(String(300))
    provider: Mapped[str | None] = mapped_column(String(200))
    end_reason: Mapped[str | None] = mapped_column(String(300))


class Person(Synced, Base):
    """Social worker, team manager, carers, parents, advocate, independent visitor..."""

    __tablename__ = "people"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    role: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(320))
    notes: Mapped[str | None] = mapped_column(Text)
    related_child_id: Mapped[str | None] = mapped_column(ForeignKey("children.id"))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
