"""Who the eligibility checker weighs: a candidate's trainings, work and diploma as far as the answers tell.

A candidate comes from the checker's form (forms.EligibilityForm.candidate) or, on a program's pages,
from the directory's facts about the program (graduate_of).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Literal, Protocol

from django.db import models

WEEKS_PER_MONTH = Decimal(52) / Decimal(12)


class TrainingKind(models.TextChoices):
    """The training a candidate has, in the words the form uses; a candidate may have several."""

    ACCREDITED = "accredited", "A medical assisting program accredited by CAAHEP or ABHES"
    OTHER_PROGRAM = "other-program", "Another medical assisting program"
    APPRENTICESHIP = "apprenticeship", "A medical assisting apprenticeship"
    MILITARY = "military", "Military medical training"
    NONE = "none", "None yet"


TRAINED_KINDS = [kind for kind in TrainingKind if kind != TrainingKind.NONE]

# How each training is named in a reason, so the visitor reads about their own training.
NOUNS: dict[str, str] = {
    TrainingKind.ACCREDITED: "your program",
    TrainingKind.OTHER_PROGRAM: "your program",
    TrainingKind.APPRENTICESHIP: "your apprenticeship",
    TrainingKind.MILITARY: "your military training",
}
ENDS: dict[str, str] = {
    TrainingKind.ACCREDITED: "you finish your program",
    TrainingKind.OTHER_PROGRAM: "you finish your program",
    TrainingKind.APPRENTICESHIP: "you finish your apprenticeship",
    TrainingKind.MILITARY: "your military training ends",
}

# Ruled out every accreditor: the directory lists none for the program.
EVERY_ACCREDITOR: Final = "every"


@dataclass(frozen=True)
class TrainingAnswer:
    """One kind of training a candidate has, with its own timing; None means not answered."""

    kind: str
    finished: bool | None = None
    # Days before finishing → whether the candidate finishes within that many days.
    finishes_within: dict[int, bool] = field(default_factory=dict)
    years_since: Decimal | None = None
    # Accreditor pks, one of which accredits the program (None: not known).
    accredited_by: frozenset[int] | None = None
    # Accreditor pks known not to accredit it, or EVERY_ACCREDITOR.
    not_accredited_by: frozenset[int] | Literal["every"] = frozenset()
    has_externship: bool | None = None


@dataclass(frozen=True)
class Candidate:
    """What is known of one person; None means the answer was not given."""

    # None: the training question was not answered; (): no training yet.
    trainings: tuple[TrainingAnswer, ...] | None = None
    # Hours of work keyed by window: None for the total, 5 for "in the last 5 years"…
    work_hours: dict[int | None, Decimal] = field(default_factory=dict)
    # Calendar months those hours were spread over, where the visitor gave them.
    work_months: dict[int | None, Decimal] = field(default_factory=dict)
    # Windows the visitor said hold all of their work.
    all_within: frozenset[int] = frozenset()
    has_diploma: bool | None = None
    # False where the page cannot ask (a program's page): an unknown diploma is a condition, not a question.
    diploma_asked: bool = True


def work_bounds(
    candidate: Candidate, window: int | None, answers: Mapping[int | None, Decimal] | None = None
) -> tuple[Decimal | None, Decimal | None]:
    """The least and the most work the answers allow within the window (None: not known).

    A window left blank is unknown, never assumed to hold all the work: only an explicit
    "all of it" says so.
    """
    answers = dict(candidate.work_hours if answers is None else answers)
    total = answers.get(None)
    for within in candidate.all_within:
        if total is not None:
            answers[within] = total
    if window is None:
        inside = list(answers.values())
    else:
        inside = [value for w, value in answers.items() if w is not None and w <= window]
    covering = [value for w, value in answers.items() if w is None or (window is not None and w >= window)]
    return (max(inside) if inside else None, min(covering) if covering else None)


def hours_from_months(months: Decimal, per_week: Decimal) -> Decimal:
    """Hours of work over `months` months at `per_week` hours a week (52 weeks in 12 months)."""
    return months * per_week * WEEKS_PER_MONTH


def arithmetic(months: Decimal, per_week: Decimal) -> str:
    """“26 months × 40 h/week ≈ 4,507 hours”."""
    hours = hours_from_months(months, per_week)
    sign = "=" if hours == hours.to_integral_value() else "≈"
    return f"{plain_number(months)} months × {plain_number(per_week)} h/week {sign} {whole_hours(hours)} hours"


class ProgramFacts(Protocol):
    """What the checker reads of a directory program (a programs.models.Program)."""

    @property
    def pk(self) -> int: ...
    @property
    def accreditor_id(self) -> int | None: ...
    @property
    def accreditor_known(self) -> bool: ...
    @property
    def has_externship(self) -> bool | None: ...


def graduate_of(program: ProgramFacts) -> Candidate:
    """A person who has just finished the program, as far as the directory knows it.

    An accreditor nobody has checked (every imported program's, at first) rules none out: a route that
    needs one is a condition, never closed; an unknown externship likewise (has_externship None).
    """
    accredited = program.accreditor_id is not None
    known = getattr(program, "accreditor_known", True)
    # The directory lists an accreditor for every checked program one of its accreditors accredits.
    ruled_out: frozenset[int] | Literal["every"] = EVERY_ACCREDITOR if known and not accredited else frozenset()
    training = TrainingAnswer(
        kind=TrainingKind.ACCREDITED if accredited else TrainingKind.OTHER_PROGRAM,
        finished=True,
        years_since=Decimal(0),
        accredited_by=frozenset({program.accreditor_id}) if program.accreditor_id is not None else None,
        not_accredited_by=ruled_out,
        has_externship=program.has_externship,
    )
    return Candidate(trainings=(training,), work_hours={None: Decimal(0)}, diploma_asked=False)


def whole_hours(value: Decimal | int) -> str:
    """4,507 for 4506.5: hours as a whole number, with thousands separators."""
    return f"{Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP):,f}"


def plain_number(value: Decimal | int) -> str:
    """12 for 12.0, 0.5 for 0.50: no trailing zeros, never an exponent."""
    return f"{Decimal(value).normalize():f}"
