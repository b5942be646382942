"""The eligibility checker: weighs a candidate's answers against the stored eligibility routes.

Each condition of a route is met, met only if something the checker cannot know holds, not met
yet, unknown because the visitor left it blank, or failed. A failed condition closes the route;
a condition the answers cannot establish makes it conditional, naming the condition; a blank
answer leaves it undecided and the page asks for it. A certification gets the best of its routes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Literal, Protocol

from django.db import models
from django.utils.text import get_text_list

from .models import Certification, EligibilityRoute
from .results import (
    CONDITIONAL,
    DIPLOMA,
    ELIGIBLE,
    FAIL,
    FINISH,
    MET,
    MET_IF,
    NOT_ELIGIBLE,
    NOT_YET,
    SOON,
    TIME,
    UNDECIDED,
    UNKNOWN,
    WAIT,
    WORK,
    Asks,
    Check,
    Outcome,
    Question,
    RouteResult,
    Unmet,
)
from .selectors import certifications_with_routes

Training = EligibilityRoute.Training
Stage = EligibilityRoute.Stage

WEEKS_PER_MONTH = Decimal(52) / Decimal(12)


class TrainingKind(models.TextChoices):
    """The training a candidate has, in the words the form uses; a candidate may have several."""

    ACCREDITED = "accredited", "A medical assisting program accredited by CAAHEP or ABHES"
    OTHER_PROGRAM = "other-program", "Another medical assisting program"
    APPRENTICESHIP = "apprenticeship", "A medical assisting apprenticeship"
    MILITARY = "military", "Military medical training"
    NONE = "none", "None yet"


TRAINED_KINDS = [kind for kind in TrainingKind if kind != TrainingKind.NONE]

# Which kinds of route training each candidate's training may fulfil. Whether a program is
# accredited as a route asks is weighed separately, from the accreditors the route accepts.
FULFILS: dict[str, set[str]] = {
    TrainingKind.ACCREDITED: {Training.ACCREDITED_PROGRAM, Training.ANY_PROGRAM, Training.PROGRAM_OR_APPRENTICESHIP},
    TrainingKind.OTHER_PROGRAM: {Training.ACCREDITED_PROGRAM, Training.ANY_PROGRAM, Training.PROGRAM_OR_APPRENTICESHIP},
    TrainingKind.APPRENTICESHIP: {Training.PROGRAM_OR_APPRENTICESHIP},
    TrainingKind.MILITARY: {Training.MILITARY},
}

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


def rules_checked_on(certifications: Iterable[Certification]) -> date | None:
    """The most recent date a source of the routes was read: when the rules were last checked."""
    dates = [route.source.seen_on for cert in certifications for route in cert.routes.all()]
    return max(dates, default=None)


def evaluate(certifications: Iterable[Certification], candidate: Candidate) -> list[Outcome]:
    """The outcome for each certification, in the certifications' order."""
    return [evaluate_certification(cert, candidate) for cert in certifications]


def evaluate_certification(certification: Certification, candidate: Candidate) -> Outcome:
    routes = list(certification.routes.all())
    other = [r for r in routes if r.training == Training.NOT_CHECKED]
    results = [evaluate_route(r, candidate) for r in routes if r.training != Training.NOT_CHECKED]
    undecided_questions = _unique(q for r in results if r.status == UNDECIDED for q in r.questions)
    # Only a route that may be open now, once answered, can fit better than a conditional or waiting one.
    sooner_questions = _unique(q for r in results if r.status == UNDECIDED and not r.reasons for q in r.questions)
    body = certification.body.abbreviation

    def outcome(
        verdict: str, best: RouteResult | None, explanation: str, questions: Iterable[Question] = ()
    ) -> Outcome:
        return Outcome(
            certification,
            verdict,
            best.route if best else None,
            explanation,
            results,
            other,
            list(questions),
            best,
        )

    if not results:
        if other:
            return outcome(UNDECIDED, None, f"Only the {body} can weigh this certification’s routes: see its page.")
        return outcome(NOT_ELIGIBLE, None, "No eligibility route is recorded for this certification.")
    best = min(results, key=RouteResult.rank)
    name = f"by the route “{best.route.name}”"
    sooner = ""
    if sooner_questions and best.status in (CONDITIONAL, NOT_YET):
        asked = get_text_list([q.text for q in sooner_questions], "and")
        sooner = f" Another route may fit better: tell us {asked}."
    if best.status == ELIGIBLE:
        return outcome(ELIGIBLE, best, f"Likely eligible now {name}.")
    if best.status == CONDITIONAL:
        explanation = f"Eligible if {get_text_list(list(best.conditions), 'and')}, {name}.{sooner}"
        return outcome(CONDITIONAL, best, explanation, _unique([*best.questions, *undecided_questions]))
    if best.status == NOT_YET:
        then = f", then if {get_text_list(list(best.conditions), 'and')}" if best.conditions else ""
        explanation = f"Eligible {get_text_list(list(best.reasons), 'and')}{then}, {name}.{sooner}"
        return outcome(NOT_YET, best, explanation, _unique([*best.questions, *undecided_questions]))
    if best.status == UNDECIDED:
        return outcome(
            UNDECIDED,
            None,
            "To decide, we need " + get_text_list([q.text for q in undecided_questions], "and") + ".",
            undecided_questions,
        )
    return outcome(NOT_ELIGIBLE, None, f"None of the published routes fits: {_why_not(results)}.")


def evaluate_route(route: EligibilityRoute, candidate: Candidate) -> RouteResult:
    """Weigh the route for each training the candidate has, and keep the best."""
    common = [_work_check(route, candidate), _diploma_check(route, candidate), _condition_check(route)]
    if not _asks_for_training(route):
        return _combine(route, common)
    if candidate.trainings is None:
        return _combine(route, [Check(UNKNOWN, question=Question(Asks.TRAINING, "what training you have")), *common])
    fitting = [t for t in candidate.trainings if route.training in FULFILS.get(t.kind, set())]
    if not fitting:
        return _combine(route, [Check(FAIL, _needs_training(route), unmet=Unmet.TRAINING), *common])
    results = [_combine(route, [*_training_checks(route, training), *common]) for training in fitting]
    return min(results, key=RouteResult.rank)


def _combine(route: EligibilityRoute, checks: list[Check]) -> RouteResult:
    states = {c.state for c in checks}
    result = RouteResult(route, ELIGIBLE)
    if FAIL in states:
        result.status = NOT_ELIGIBLE
        failed = [c for c in checks if c.state == FAIL]
        result.reasons = _unique_texts(c.text for c in failed)
        result.unmet = frozenset(c.unmet for c in failed if c.unmet)
        return result
    result.conditions = _unique_texts(c.text for c in checks if c.state == MET_IF)
    if UNKNOWN in states:
        result.status = UNDECIDED
        result.questions = _unique(c.question for c in checks if c.state == UNKNOWN and c.question)
        # Whatever the missing answer, this route is not open now: it cannot beat a route that waits.
        waiting = [c for c in checks if c.state == WAIT]
        result.reasons = _unique_texts(c.text for c in waiting)
        result.unmet = frozenset(c.unmet for c in waiting if c.unmet)
    elif WAIT in states:
        waits = [c for c in checks if c.state == WAIT]
        result.status = NOT_YET
        result.reasons = _unique_texts(c.text for c in waits)
        result.unmet = frozenset(c.unmet for c in waits if c.unmet)
        result.questions = _unique(c.question for c in waits if c.question)
        result.distance = max(c.distance for c in waits)
    elif result.conditions:
        result.status = CONDITIONAL
    return result


def _why_not(results: list[RouteResult]) -> str:
    """Each reason once, with the routes it rules out: "“Category 1” and “Category 2” need …"."""
    routes_by_reason: dict[str, list[str]] = {}
    for result in results:
        for reason in result.reasons:
            routes_by_reason.setdefault(reason, []).append(f"“{result.route.name}”")
    parts = []
    for reason, names in routes_by_reason.items():
        if len(names) > 1:
            reason = reason.replace("needs ", "need ", 1).replace("asks ", "ask ", 1).replace("is for", "are for", 1)
        parts.append(f"{get_text_list(list(names), 'and')} {reason}")
    return "; ".join(parts)


def _asks_for_training(route: EligibilityRoute) -> bool:
    return route.training not in (Training.NONE, Training.NOT_CHECKED)


def _needs_training(route: EligibilityRoute) -> str:
    if route.training == Training.ACCREDITED_PROGRAM:
        names = " or ".join(a.abbreviation for a in route.accreditors.all())
        return f"needs a medical assisting program accredited by {names}" if names else "needs an accredited program"
    needs: dict[str, str] = {
        Training.ANY_PROGRAM: "needs a medical assisting program",
        Training.PROGRAM_OR_APPRENTICESHIP: "needs a medical assisting program or apprenticeship",
        Training.MILITARY: "needs military medical training",
    }
    return needs.get(route.training, "needs " + _lower_first(route.get_training_display()))


def _training_checks(route: EligibilityRoute, training: TrainingAnswer) -> list[Check]:
    accreditation, hours = _accreditation_check(route, training), _program_hours_check(route, training)
    if accreditation.state == MET_IF and hours.state == MET_IF:
        accreditation = Check(MET)  # the hours' condition names the accreditation too
    return [accreditation, hours, _stage_check(route, training), _years_since_check(route, training)]


def _accreditation_check(route: EligibilityRoute, training: TrainingAnswer) -> Check:
    if route.training != Training.ACCREDITED_PROGRAM:
        return Check(MET)
    accepted = {a.pk: a for a in route.accreditors.all()}
    noun = NOUNS[training.kind]
    if not accepted:
        return Check(MET_IF, f"{noun} is accredited as {route.certification.body.abbreviation} requires")
    names = " or ".join(a.abbreviation for a in accepted.values())
    if training.accredited_by is not None:
        if training.accredited_by <= accepted.keys():
            return Check(MET)
        if not training.accredited_by & accepted.keys():
            return Check(FAIL, f"needs a medical assisting program accredited by {names}", unmet=Unmet.TRAINING)
        return Check(MET_IF, f"{noun} is accredited by {names}")
    ruled_out = training.not_accredited_by
    if ruled_out == EVERY_ACCREDITOR or accepted.keys() <= ruled_out:
        return Check(FAIL, f"needs a medical assisting program accredited by {names}", unmet=Unmet.TRAINING)
    return Check(MET_IF, f"{noun} is accredited by {names}")


def _program_hours_check(route: EligibilityRoute, training: TrainingAnswer) -> Check:
    hours, externship = route.min_program_hours, route.min_externship_hours
    if hours is None and externship is None:
        return Check(MET)
    if externship and training.has_externship is False:
        return Check(FAIL, f"needs a program with an externship of {externship}+ hours", unmet=Unmet.TRAINING)
    if hours and externship:
        wanted = f"{hours}+ hours including {externship} externship hours"
    elif hours:
        wanted = f"{hours}+ hours"
    else:
        wanted = f"an externship of {externship}+ hours"
    accreditation = _accreditation_check(route, training)
    if accreditation.state == MET_IF:
        # Read as one condition with the accreditation: "your program is accredited as AMT requires, with …".
        return Check(MET_IF, f"{accreditation.text}, with {wanted}")
    return Check(MET_IF, f"{NOUNS[training.kind]} has {wanted}")


def _stage_check(route: EligibilityRoute, training: TrainingAnswer) -> Check:
    if route.stage == Stage.EITHER and route.days_before_completion is None:
        return Check(MET)
    if training.finished is None:
        return Check(UNKNOWN, question=_status_question(training))
    if route.stage == Stage.STUDENT:
        return Check(FAIL, "is for current students only", unmet=Unmet.STAGE) if training.finished else Check(MET)
    if training.finished:
        return Check(MET)
    ends = ENDS[training.kind]
    if route.stage == Stage.GRADUATE or route.days_before_completion is None:
        return Check(WAIT, f"after {ends}", distance=FINISH, unmet=Unmet.STAGE)
    days = route.days_before_completion
    soon = training.finishes_within.get(days)
    if soon:
        return Check(MET)
    question = None
    if soon is None:
        text = f"whether you will finish within the next {days} days"
        question = Question(Asks.FINISH_SOON, text, kind=training.kind, days=days)
    return Check(WAIT, f"within {days} days of finishing {NOUNS[training.kind]}", question, SOON, Unmet.STAGE)


def _status_question(training: TrainingAnswer) -> Question:
    return Question(Asks.STATUS, f"whether {NOUNS[training.kind]} is finished", kind=training.kind)


def _years_since_check(route: EligibilityRoute, training: TrainingAnswer) -> Check:
    least, most = route.min_years_since_training, route.max_years_since_training
    if least is None and most is None:
        return Check(MET)
    if training.finished is None:
        return Check(UNKNOWN, question=_status_question(training))
    if not training.finished:
        # Training not over yet: a limit on its age is met on finishing, a least age is still to come.
        if least is not None:
            return Check(
                WAIT,
                f"once more than {_years(least)} {_have(least)} passed since {ENDS[training.kind]}",
                distance=TIME,
                unmet=Unmet.TIME_SINCE_TRAINING,
            )
        return Check(MET)
    since = training.years_since
    if since is None:
        noun = NOUNS[training.kind]
        question = Question(Asks.MONTHS_SINCE, f"how many months ago {noun} ended", kind=training.kind)
        return Check(UNKNOWN, question=question)
    if most is not None and since > most:
        return Check(FAIL, f"asks for training that ended at most {_years(most)} ago", unmet=Unmet.TIME_SINCE_TRAINING)
    if least is not None and since <= least:
        return Check(
            WAIT,
            f"once more than {_years(least)} {_have(least)} passed since {NOUNS[training.kind]} ended",
            distance=TIME,
            unmet=Unmet.TIME_SINCE_TRAINING,
        )
    return Check(MET)


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


def _work_check(route: EligibilityRoute, candidate: Candidate) -> Check:
    needed, window, least_years = route.hours_needed, route.experience_window_years, route.min_years_experience
    if not needed or least_years is None:  # hours_needed is None without the years
        return Check(MET)
    least, most = work_bounds(candidate, window)
    if least is not None and least >= needed:
        return Check(MET)
    in_window = f" within the last {window} years" if window else ""
    body = route.certification.body.abbreviation
    years = _years(least_years)
    if route.states_hours:
        counted = f"{body} counts {years} of work as {_hours(needed)} hours"
    else:
        counted = f"{years} of work counted here as {_hours(needed)} hours, full time"
    if most is not None and most < needed:
        least_months, _ = work_bounds(candidate, window, candidate.work_months)
        if not route.states_hours and least_months is not None and least_months >= least_years * 12:
            # The body states years, not hours: part-time work over that long may or may not count.
            return Check(MET_IF, f"{body} counts your {_number(least_months)} months of part-time work as {years}")
        return Check(
            WAIT,
            f"after {_hours(needed - most)} more hours of medical assisting work{in_window} ({counted})",
            distance=WORK,
            unmet=Unmet.WORK,
        )
    if None not in candidate.work_hours:
        question = Question(Asks.WORK_HOURS, "how much medical assisting work you have done")
    else:
        question = Question(Asks.WORK_WINDOW, f"how much of your work was in the last {window} years", window=window)
    return Check(UNKNOWN, question=question)


def _diploma_check(route: EligibilityRoute, candidate: Candidate) -> Check:
    if not route.requires_diploma or candidate.has_diploma:
        return Check(MET)
    if candidate.has_diploma is None:
        if not candidate.diploma_asked:
            return Check(MET_IF, "you hold a high-school diploma or GED")
        return Check(UNKNOWN, question=Question(Asks.DIPLOMA, "whether you have a high-school diploma or GED"))
    return Check(WAIT, "once you hold a high-school diploma or GED", distance=DIPLOMA, unmet=Unmet.DIPLOMA)


def _condition_check(route: EligibilityRoute) -> Check:
    return Check(MET_IF, route.condition) if route.condition else Check(MET)


def hours_from_months(months: Decimal, per_week: Decimal) -> Decimal:
    """Hours of work over `months` months at `per_week` hours a week (52 weeks in 12 months)."""
    return months * per_week * WEEKS_PER_MONTH


def arithmetic(months: Decimal, per_week: Decimal) -> str:
    """“26 months × 40 h/week ≈ 4,507 hours”."""
    hours = hours_from_months(months, per_week)
    sign = "=" if hours == hours.to_integral_value() else "≈"
    return f"{_number(months)} months × {_number(per_week)} h/week {sign} {_hours(hours)} hours"


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


def program_outlooks(programs: Iterable[ProgramFacts]) -> dict[int, list[Outcome]]:
    """For each program's pk, the outcome of every certification for a graduate fresh from it.

    A graduate has just finished the program and has no work experience yet; what the program
    page cannot know (the diploma, what the directory does not record) is a condition, never a
    "no". Three queries, whatever the number of programs.
    """
    certifications = certifications_with_routes()
    by_profile: dict[tuple[bool, int | None, bool | None], list[Outcome]] = {}
    outlooks: dict[int, list[Outcome]] = {}
    for program in programs:
        profile = (program.accreditor_known, program.accreditor_id, program.has_externship)
        if profile not in by_profile:
            by_profile[profile] = evaluate(certifications, graduate_of(program))
        outlooks[program.pk] = by_profile[profile]
    return outlooks


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


def _years(value: Decimal | int, *, more: bool = False) -> str:
    value = Decimal(value).normalize()
    number = f"{value:f}"
    unit = "year" if value == 1 else "years"
    return f"{number} more {unit}" if more else f"{number} {unit}"


def _hours(value: Decimal | int) -> str:
    return f"{Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP):,f}"


def _number(value: Decimal | int) -> str:
    return f"{Decimal(value).normalize():f}"


def _have(years: Decimal | int) -> str:
    return "has" if years == 1 else "have"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _unique(questions: Iterable[Question]) -> list[Question]:
    return list(dict.fromkeys(questions))


def _unique_texts(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(texts))
