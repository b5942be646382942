"""The eligibility result in plain words: best verdict first, a summary line and a headline per certification.

Plain words first, the body's own wording second: the headline says what the verdict means for the visitor
("You can apply now"); the explanation beneath it keeps the route's name and the body's terms. The words are
chosen by the verdict and by what the deciding route waits for (results.Unmet), never read from the reasons.
"""

from __future__ import annotations

from collections.abc import Iterable

from .results import (
    CONDITIONAL,
    DIPLOMA,
    ELIGIBLE,
    FINISH,
    NOT_ELIGIBLE,
    NOT_YET,
    SOON,
    TIME,
    UNDECIDED,
    VERDICTS,
    WORK,
    Outcome,
)


def best_first(outcomes: Iterable[Outcome]) -> list[Outcome]:
    """The outcomes by verdict, best first; certifications with the same verdict keep their order."""
    return sorted(outcomes, key=lambda outcome: VERDICTS.index(outcome.verdict))


def _things(count: int) -> str:
    return "one thing checks out" if count <= 1 else f"{count} things check out"


def summary_line(outcome: Outcome) -> str:
    """One line for the summary at the top of the result: “You can apply for the NCMA now.”."""
    name = outcome.certification.abbreviation
    return {
        ELIGIBLE: f"You can apply for the {name} now.",
        CONDITIONAL: f"You can likely apply for the {name} now, if {_things(len(outcome.conditions))}.",
        NOT_YET: f"{name}: not yet — here is what you need first.",
        UNDECIDED: f"{name}: we need more answers to tell.",
        NOT_ELIGIBLE: f"{name}: not by the published ways to qualify — here is why.",
    }[outcome.verdict]


# What a "not yet" waits for, by how far off the wait is (results.SOON … WORK).
_WAITS = {
    SOON: "You can apply near the end of your training.",
    FINISH: "You can apply once your training ends.",
    DIPLOMA: "You can apply once you have a high school diploma or GED.",
    TIME: "You can apply once more time has passed since your training.",
    WORK: "You can apply once you have more hours of work.",
}
_NEXT_WAITS = {
    SOON: "Keep going with your training. Check back a month before you finish.",
    FINISH: "Finish your training, then check back.",
    DIPLOMA: "Get your high school diploma or GED, then check back.",
    TIME: "Check back once more time has passed.",
    WORK: "Keep working as a medical assistant. Check back when you have the hours below.",
}


def headline(outcome: Outcome) -> str:
    """The card's first line: what the verdict means for the visitor, in plain words."""
    if outcome.verdict == ELIGIBLE:
        return "Good news: you can likely apply now."
    if outcome.verdict == CONDITIONAL:
        body = outcome.certification.body.abbreviation
        return f"You can likely apply now, if {_things(len(outcome.conditions))}. Only the {body} can say yes."
    if outcome.verdict == NOT_YET:
        distance = outcome.deciding.distance if outcome.deciding else FINISH
        return "Not yet. " + _WAITS.get(distance, _WAITS[FINISH])
    if outcome.verdict == UNDECIDED:
        return "We cannot tell yet. Answer the questions below to find out."
    return "None of the ways to qualify fits you now. Here is why."


def next_step_line(outcome: Outcome, *, program_may_open: bool) -> str:
    """The next step's first line, in plain words, for a "not yet" or "not eligible" verdict."""
    if outcome.verdict == NOT_YET:
        distance = outcome.deciding.distance if outcome.deciding else FINISH
        return _NEXT_WAITS.get(distance, _NEXT_WAITS[FINISH])
    if program_may_open:
        return "A training program could open a way to qualify. Find one that fits below."
    return f"Ask the {outcome.certification.body.abbreviation} if your case could count."
