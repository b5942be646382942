"""The eligibility checker: weighs a candidate's answers against the stored eligibility routes.

Each condition of a route is met, met only if something the checker cannot know holds, not met
yet, unknown because the visitor left it blank, or failed. A failed condition closes the route;
a condition the answers cannot establish makes it conditional, naming the condition; a blank
answer leaves it undecided and the page asks for it. A certification gets the best of its routes.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

from django.utils.text import get_text_list

from .candidates import (
    ENDS,
    EVERY_ACCREDITOR,
    NOUNS,
    Candidate,
    ProgramFacts,
    TrainingAnswer,
    TrainingKind,
    graduate_of,
    plain_number,
    whole_hours,
    work_bounds,
)
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
T = TypeVar("T")

# Which kinds of route training each candidate's training may fulfil. Whether a program is
# accredited as a route asks is weighed separately, from the accreditors the route accepts.
FULFILS: dict[str, set[str]] = {
    TrainingKind.ACCREDITED: {Training.ACCREDITED_PROGRAM, Training.ANY_PROGRAM, Training.PROGRAM_OR_APPRENTICESHIP},
    TrainingKind.OTHER_PROGRAM: {Training.ACCREDITED_PROGRAM, Training.ANY_PROGRAM, Training.PROGRAM_OR_APPRENTICESHIP},
    TrainingKind.APPRENTICESHIP: {Training.PROGRAM_OR_APPRENTICESHIP, Training.APPRENTICESHIP},
    TrainingKind.MILITARY: {Training.MILITARY},
}


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
        result.reasons = _unique(c.text for c in failed)
        result.unmet = frozenset(c.unmet for c in failed if c.unmet)
        return result
    result.conditions = _unique(c.text for c in checks if c.state == MET_IF)
    if UNKNOWN in states:
        result.status = UNDECIDED
        result.questions = _unique(c.question for c in checks if c.state == UNKNOWN and c.question)
        # Whatever the missing answer, this route is not open now: it cannot beat a route that waits.
        waiting = [c for c in checks if c.state == WAIT]
        result.reasons = _unique(c.text for c in waiting)
        result.unmet = frozenset(c.unmet for c in waiting if c.unmet)
    elif WAIT in states:
        waits = [c for c in checks if c.state == WAIT]
        result.status = NOT_YET
        result.reasons = _unique(c.text for c in waits)
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
        Training.APPRENTICESHIP: "is for a medical assisting apprenticeship or workforce program",
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
    if route.requires_practicum and training.has_externship is False:
        return Check(FAIL, "needs a program whose practicum (externship) you complete", unmet=Unmet.TRAINING)
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
        counted = f"{body} counts {years} of work as {whole_hours(needed)} hours"
    else:
        counted = f"{years} of work counted here as {whole_hours(needed)} hours, full time"
    if most is not None and most < needed:
        least_months, _ = work_bounds(candidate, window, candidate.work_months)
        if not route.states_hours and least_months is not None and least_months >= least_years * 12:
            # The body states years, not hours: part-time work over that long may or may not count.
            return Check(MET_IF, f"{body} counts your {plain_number(least_months)} months of part-time work as {years}")
        return Check(
            WAIT,
            f"after {whole_hours(needed - most)} more hours of medical assisting work{in_window} ({counted})",
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


def _years(value: Decimal | int) -> str:
    value = Decimal(value).normalize()
    return f"{value:f} year" if value == 1 else f"{value:f} years"


def _have(years: Decimal | int) -> str:
    return "has" if years == 1 else "have"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _unique(items: Iterable[T]) -> list[T]:
    """Each once, in order: equal questions ask for the same answer."""
    return list(dict.fromkeys(items))
