"""What the eligibility checker answers: each route weighed for a candidate, and each certification's verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.text import get_text_list

if TYPE_CHECKING:
    from content.models import Source

    from .models import Certification, EligibilityRoute

ELIGIBLE = "eligible"
CONDITIONAL = "conditional"
NOT_YET = "not-yet"
UNDECIDED = "undecided"
NOT_ELIGIBLE = "not-eligible"
# Best first: a certification's verdict is the best verdict among its routes.
VERDICTS = (ELIGIBLE, CONDITIONAL, NOT_YET, UNDECIDED, NOT_ELIGIBLE)

VERDICT_LABELS = {
    ELIGIBLE: "Likely eligible now",
    CONDITIONAL: "Eligible if a condition holds",
    NOT_YET: "Not yet",
    UNDECIDED: "Not decided yet",
    NOT_ELIGIBLE: "Not eligible by the published routes",
}


class Asks(StrEnum):
    """Which answer a question asks for; the form names the field that holds it (forms.names.field_name)."""

    TRAINING = "training"
    STATUS = "status"  # whether the training is finished
    FINISH_SOON = "finish-soon"  # whether it finishes within `days` days
    MONTHS_SINCE = "months-since"  # how long ago it ended
    WORK_HOURS = "work-hours"
    WORK_WINDOW = "work-window"  # how much of the work fell within the last `window` years
    DIPLOMA = "diploma"


@dataclass(frozen=True)
class Question:
    """An answer the checker needs to decide, and what to ask in plain words; the same answer is the same question."""

    asks: Asks
    text: str = field(compare=False)
    # The training it is about, the days before finishing, the years of a window of work.
    kind: str | None = None
    days: int | None = None
    window: int | None = None


# How one condition of a route stands for the candidate.
MET, MET_IF, WAIT, UNKNOWN, FAIL = "met", "met-if", "wait", "unknown", "fail"
# How far off a wait is, for choosing the route to name: finishing soon before finishing, before
# a diploma, before years passing, before hours of work still to do.
SOON, FINISH, DIPLOMA, TIME, WORK = range(5)


class Unmet(StrEnum):
    """What a check that is not met asks for: the next step is chosen by this code, never by the reason's words."""

    # A kind of training, its accreditation or its externship: what a program may give.
    TRAINING = "training"
    # Being a student still, or having finished.
    STAGE = "stage"
    TIME_SINCE_TRAINING = "time-since-training"
    WORK = "work"
    DIPLOMA = "diploma"


@dataclass(frozen=True)
class Check:
    """How one condition of a route stands; a check that waits or fails says what it asks for (`unmet`)."""

    state: str
    text: str = ""
    question: Question | None = None
    distance: int = 0
    unmet: Unmet | None = None

    def __post_init__(self) -> None:
        if self.state in (WAIT, FAIL) and self.unmet is None:
            raise ValueError(f"A check that is not met names what it asks for: {self.text!r}")


@dataclass
class RouteResult:
    """One route weighed for one candidate."""

    route: EligibilityRoute
    status: str
    reasons: list[str] = field(default_factory=list)
    # What the checks behind `reasons` ask for.
    unmet: frozenset[Unmet] = frozenset()
    conditions: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    distance: int = 0

    @property
    def summary(self) -> str:
        conditions = get_text_list(list(self.conditions), "and")
        if self.status == ELIGIBLE:
            return "Fits now."
        if self.status == CONDITIONAL:
            return f"Fits if {conditions}."
        if self.status == NOT_YET:
            then = f", then if {conditions}" if conditions else ""
            return "Fits " + get_text_list(list(self.reasons), "and") + then + "."
        if self.status == NOT_ELIGIBLE:
            return "Does not fit: " + "; ".join(self.reasons) + "."
        return "Cannot tell yet: we need " + get_text_list([q.text for q in self.questions], "and") + "."

    def rank(self) -> tuple[int, int, int, int, int]:
        return (
            VERDICTS.index(self.status),
            self.distance,
            len(self.conditions),
            len(self.reasons),
            self.route.order,
        )


@dataclass
class Outcome:
    """A certification's verdict for one candidate, with the route that decides it."""

    certification: Certification
    verdict: str
    route: EligibilityRoute | None
    explanation: str
    routes: list[RouteResult] = field(default_factory=list)
    other_routes: list[EligibilityRoute] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    deciding: RouteResult | None = None

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def conditions(self) -> list[str]:
        return self.deciding.conditions if self.deciding else []

    @property
    def confirm_url(self) -> str:
        """Where the visitor confirms a condition: the body's page the route names."""
        return self.route.where_to_confirm if self.route else self.certification.official_url

    @property
    def sources(self) -> list[Source]:
        """The sources of the certification's routes, the deciding route's first, each once."""
        routes = ([self.route] if self.route else []) + [r.route for r in self.routes] + self.other_routes
        unique: dict[int, Source] = {}
        for route in routes:
            unique.setdefault(route.source_id, route.source)
        return list(unique.values())
