"""The eligibility checker: weighs a candidate's answers against the stored eligibility routes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Prefetch

from .models import Certification, EligibilityRoute

Training = EligibilityRoute.Training
Stage = EligibilityRoute.Stage

ELIGIBLE = "eligible"
NOT_YET = "not-yet"
NOT_ELIGIBLE = "not-eligible"
# Only a partly filled form leaves a certification undecided; a full set of answers never does.
UNDECIDED = "undecided"

VERDICT_LABELS = {
    ELIGIBLE: "Likely eligible now",
    NOT_YET: "Not yet",
    NOT_ELIGIBLE: "Not eligible by the published routes",
    UNDECIDED: "Not decided yet",
}


class TrainingKind(models.TextChoices):
    """The training a candidate has, in the words the form uses."""

    ACCREDITED = "accredited", "A medical assisting program accredited by CAAHEP or ABHES"
    OTHER_PROGRAM = "other-program", "Another medical assisting program, or a medical assisting apprenticeship"
    MILITARY = "military", "Military medical training"
    NONE = "none", "None yet"


# Which kinds of route training each candidate's training fulfils: an accredited program is also a
# medical assisting program, so it opens the routes for any program as well as the accredited ones.
FULFILS = {
    TrainingKind.ACCREDITED: {Training.ACCREDITED_PROGRAM, Training.ANY_PROGRAM},
    TrainingKind.OTHER_PROGRAM: {Training.ANY_PROGRAM},
    TrainingKind.MILITARY: {Training.MILITARY},
    TrainingKind.NONE: set(),
}

# The form's field names, which the evaluator names when it needs an answer it lacks.
TRAINING_FIELD = "training"
STATUS_FIELD = "status"
DAYS_FIELD = "days_to_finish"
YEARS_SINCE_FIELD = "years_since_training"
WORK_FIELD = "work_years"
DIPLOMA_FIELD = "diploma"


def work_field(window):
    """The form field holding the years of work within the last `window` years (None: in total)."""
    return WORK_FIELD if window is None else f"work_years_last_{window}"


@dataclass(frozen=True)
class Candidate:
    """What is known of one person; None means the answer was not given."""

    training: str | None = None
    finished: bool | None = None
    years_since_training: Decimal | None = None
    days_to_finish: int | None = None
    # Years of full-time work keyed by window: None for the total, 5 for "in the last 5 years"…
    work_years: dict[int | None, Decimal] = field(default_factory=dict)
    has_diploma: bool | None = None


@dataclass(frozen=True)
class Question:
    """An answer the checker needs to decide: the form field and what to ask in plain words."""

    field: str
    text: str


# How one condition of a route stands for the candidate, best first.
MET, MET_IF, WAIT, UNKNOWN, FAIL = "met", "met-if", "wait", "unknown", "fail"


@dataclass(frozen=True)
class Check:
    state: str
    text: str = ""
    question: Question | None = None


@dataclass
class RouteResult:
    """One route weighed for one candidate."""

    route: EligibilityRoute
    status: str
    reasons: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)

    @property
    def summary(self):
        if self.status == ELIGIBLE:
            return _sentence("Fits now", self.caveats)
        if self.status == NOT_YET:
            return _sentence("Fits " + _and(self.reasons), self.caveats)
        if self.status == NOT_ELIGIBLE:
            return _sentence("Does not fit: " + "; ".join(self.reasons), [])
        return "Cannot tell yet: we need " + _and([q.text for q in self.questions]) + "."


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

    @property
    def verdict_label(self):
        return VERDICT_LABELS[self.verdict]

    @property
    def sources(self):
        """The sources of the certification's routes, the deciding route's first, each once."""
        routes = ([self.route] if self.route else []) + [r.route for r in self.routes] + self.other_routes
        unique = {}
        for route in routes:
            unique.setdefault(route.source_id, route.source)
        return list(unique.values())


def certifications_with_routes():
    """Every certification with its body and its routes (each with its source): two queries."""
    routes = EligibilityRoute.objects.select_related("source").order_by("order", "pk")
    return list(Certification.objects.select_related("body").prefetch_related(Prefetch("routes", queryset=routes)))


def rules_checked_on(certifications):
    """The most recent date a source of the routes was read: when the rules were last checked."""
    dates = [route.source.seen_on for cert in certifications for route in cert.routes.all()]
    return max(dates, default=None)


def evaluate(certifications, candidate):
    """The outcome for each certification, in the certifications' order."""
    return [evaluate_certification(cert, candidate) for cert in certifications]


def evaluate_certification(certification, candidate):
    routes = list(certification.routes.all())
    other = [r for r in routes if r.training == Training.NOT_CHECKED]
    results = [evaluate_route(r, candidate) for r in routes if r.training != Training.NOT_CHECKED]
    by_status = {status: [r for r in results if r.status == status] for status in VERDICT_LABELS}
    undecided_questions = _unique(q for r in by_status[UNDECIDED] for q in r.questions)

    def outcome(verdict, best, explanation, questions=()):
        return Outcome(
            certification, verdict, best.route if best else None, explanation, results, other, list(questions)
        )

    if by_status[ELIGIBLE]:
        best = min(by_status[ELIGIBLE], key=lambda r: len(r.caveats))
        caveat_questions = [q for r in by_status[ELIGIBLE] for q in r.questions]
        explanation = _sentence(f"Likely eligible now by the route “{best.route.name}”", best.caveats)
        return outcome(ELIGIBLE, best, explanation, _unique(caveat_questions))
    if by_status[NOT_YET]:
        best = min(by_status[NOT_YET], key=lambda r: len(r.reasons))
        explanation = _sentence(f"Eligible {_and(best.reasons)}, by the route “{best.route.name}”", best.caveats)
        if undecided_questions:
            explanation += " You may qualify sooner by another route: tell us " + _and(
                [q.text for q in undecided_questions]
            )
            explanation += "."
        return outcome(NOT_YET, best, explanation, undecided_questions)
    if by_status[UNDECIDED]:
        explanation = "To decide, we need " + _and([q.text for q in undecided_questions]) + "."
        return outcome(UNDECIDED, None, explanation, undecided_questions)
    if results:
        return outcome(NOT_ELIGIBLE, None, f"None of the published routes fits: {_why_not(by_status[NOT_ELIGIBLE])}.")
    if other:
        return outcome(UNDECIDED, None, "The checker cannot assess this certification’s routes; see the body.")
    return outcome(NOT_ELIGIBLE, None, "No eligibility route is recorded for this certification.")


def evaluate_route(route, candidate):
    """Weigh every condition of the route: one that fails decides, then one unknown, then waiting."""
    checks = [
        _training_check(route, candidate),
        _stage_check(route, candidate),
        _years_since_check(route, candidate),
        _work_check(route, candidate),
        _diploma_check(route, candidate),
    ]
    states = {c.state for c in checks}
    result = RouteResult(route, ELIGIBLE)
    if FAIL in states:
        result.status = NOT_ELIGIBLE
        result.reasons = [c.text for c in checks if c.state == FAIL]
        return result
    result.caveats = [c.text for c in checks if c.state == MET_IF]
    result.questions = _unique(c.question for c in checks if c.question and c.state == MET_IF)
    if UNKNOWN in states:
        result.status = UNDECIDED
        result.questions = _unique(c.question for c in checks if c.state == UNKNOWN)
    elif WAIT in states:
        result.status = NOT_YET
        result.reasons = [c.text for c in checks if c.state == WAIT]
    return result


def _why_not(results):
    """Each reason once, with the routes it rules out: "“Category 1” and “Category 2” need …"."""
    routes_by_reason = {}
    for result in results:
        for reason in result.reasons:
            routes_by_reason.setdefault(reason, []).append(f"“{result.route.name}”")
    parts = []
    for reason, names in routes_by_reason.items():
        if len(names) > 1:
            reason = reason.replace("needs ", "need ", 1).replace("asks ", "ask ", 1).replace("is for", "are for", 1)
        parts.append(f"{_and(names)} {reason}")
    return "; ".join(parts)


def _asks_for_training(route):
    return route.training not in (Training.NONE, Training.NOT_CHECKED)


def _training_check(route, candidate):
    if not _asks_for_training(route):
        return Check(MET)
    if candidate.training is None:
        return Check(UNKNOWN, question=Question(TRAINING_FIELD, "what training you have"))
    if route.training in FULFILS.get(candidate.training, set()):
        return Check(MET)
    return Check(FAIL, "needs " + _lower_first(route.get_training_display()))


def _stage_check(route, candidate):
    if not _asks_for_training(route) or (route.stage == Stage.EITHER and route.days_before_completion is None):
        return Check(MET)
    if candidate.finished is None:
        return Check(UNKNOWN, question=Question(STATUS_FIELD, "whether your training is finished"))
    if route.stage == Stage.STUDENT:
        return Check(FAIL, "is for current students only") if candidate.finished else Check(MET)
    if candidate.finished:
        return Check(MET)
    if route.stage == Stage.GRADUATE:
        return Check(WAIT, "once you finish your training")
    days = route.days_before_completion
    if candidate.days_to_finish is None:
        return Check(UNKNOWN, question=Question(DAYS_FIELD, "how many days until you finish your training"))
    if candidate.days_to_finish <= days:
        return Check(MET)
    return Check(WAIT, f"once you are within {days} days of finishing your training")


def _years_since_check(route, candidate):
    least, most = route.min_years_since_training, route.max_years_since_training
    if not _asks_for_training(route) or (least is None and most is None):
        return Check(MET)
    if candidate.finished is None:
        return Check(UNKNOWN, question=Question(STATUS_FIELD, "whether your training is finished"))
    if not candidate.finished:
        # A student's training has not ended yet: a limit on its age is met on finishing.
        if least is not None:
            return Check(WAIT, f"once more than {_years(least)} {_have(least)} passed since you finish your training")
        return Check(MET)
    since = candidate.years_since_training
    if since is None:
        return Check(UNKNOWN, question=Question(YEARS_SINCE_FIELD, "how many years ago your training ended"))
    if most is not None and since > most:
        return Check(FAIL, f"asks for training that ended at most {_years(most)} ago")
    if least is not None and since <= least:
        return Check(WAIT, f"once more than {_years(least)} {_have(least)} passed since your training ended")
    return Check(MET)


def work_bounds(candidate, window):
    """The least and the most years of work the answers allow within the window (None: unknown)."""
    answers = dict(candidate.work_years)
    total = answers.get(None)
    # The form says to leave a window blank when all the work falls inside it.
    if window is not None and window not in answers and total is not None and total <= window:
        answers[window] = total
    inside = [years for w, years in answers.items() if w is not None and window is not None and w <= window]
    if window is None:
        inside = list(answers.values())
    covering = [years for w, years in answers.items() if w is None or (window is not None and w >= window)]
    if window is not None:
        covering.append(Decimal(window))
    return (max(inside) if inside else None, min(covering) if covering else None)


def _work_check(route, candidate):
    needed, window = route.min_years_experience, route.experience_window_years
    if not needed:
        return Check(MET)
    least, most = work_bounds(candidate, window)
    if least is not None and least >= needed:
        return Check(MET)
    in_window = f" within the last {window} years" if window else ""
    if most is not None and most < needed:
        return Check(WAIT, f"after {_years(needed - most, more=True)} of full-time medical assisting work{in_window}")
    if window is None or WORK_FIELD not in {work_field(w) for w in candidate.work_years}:
        question = Question(WORK_FIELD, "your years of full-time medical assisting work")
    else:
        question = Question(work_field(window), f"how many of your years of work fell in the last {window} years")
    return Check(UNKNOWN, question=question)


def _diploma_check(route, candidate):
    if not route.requires_diploma or candidate.has_diploma:
        return Check(MET)
    if candidate.has_diploma is None:
        question = Question(DIPLOMA_FIELD, "whether you have a high-school diploma or GED")
        return Check(MET_IF, "if you hold a high-school diploma or GED", question)
    return Check(WAIT, "once you hold a high-school diploma or GED")


def program_outlooks(programs):
    """For each program's pk, the outcome of every certification for a graduate fresh from it.

    A graduate has just finished the program, has no work experience yet, and has a diploma we
    do not know of. Two queries, whatever the number of programs.
    """
    certifications = certifications_with_routes()
    by_kind = {}
    outlooks = {}
    for program in programs:
        kind = TrainingKind.ACCREDITED if program.accreditor_id else TrainingKind.OTHER_PROGRAM
        if kind not in by_kind:
            graduate = Candidate(
                training=kind, finished=True, years_since_training=Decimal(0), work_years={None: Decimal(0)}
            )
            by_kind[kind] = [_settled(o) for o in evaluate(certifications, graduate)]
        outlooks[program.pk] = by_kind[kind]
    return outlooks


def _settled(outcome):
    # A graduate answers every question but the diploma, so only routes the checker cannot assess
    # leave a certification undecided; program pages show those as not open to a fresh graduate.
    if outcome.verdict == UNDECIDED:
        outcome.verdict = NOT_ELIGIBLE
    return outcome


def _years(value, *, more=False):
    value = Decimal(value).normalize()
    number = f"{value:f}"
    unit = "year" if value == 1 else "years"
    return f"{number} more {unit}" if more else f"{number} {unit}"


def _have(years):
    return "has" if years == 1 else "have"


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _and(items):
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sentence(text, caveats):
    return text + (", " + _and(caveats) if caveats else "") + "."


def _unique(questions):
    seen, unique = set(), []
    for question in questions:
        if question.field not in seen:
            seen.add(question.field)
            unique.append(question)
    return unique
