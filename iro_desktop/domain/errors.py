"""The one error type the rules layer raises for bad input.

It names the field so the GUI can put the message beside the right box, and the message is
plain British English because an IRO, not a developer, will read it.
"""

from __future__ import annotations


class ValidationError(ValueError):
    """A value an IRO entered (or a file supplied) breaks a rule."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem

    def __str__(self) -> str:
        return f"{self.field}: {self.problem}"

    def __reduce__(self) -> tuple[type[ValidationError], tuple[str, str]]:
        # Keeps the error intact when it crosses a process or thread boundary by pickling.
        return (type(self), (self.field, self.problem))


class Problems(ValidationError):
    """Every problem found in one save, each named for its field, shown all at once."""

    def __init__(self, problems: list[ValidationError]) -> None:
        flat: dict[str, ValidationError] = {}  # the first problem of each field
        for p in problems:
            for q in p.problems if isinstance(p, Problems) else [p]:
                flat.setdefault(q.field, q)
        self.problems: list[ValidationError] = list(flat.values())
        first = self.problems[0]
        super().__init__(first.field, first.problem)

    def __str__(self) -> str:
        return "; ".join(f"{p.field}: {p.problem}" for p in self.problems)

    def __reduce__(self) -> tuple[type[Problems], tuple[list[ValidationError]]]:  # type: ignore[override]
        return (type(self), (self.problems,))
