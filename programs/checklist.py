"""The program-selection checklist's verdict rules: one plain function per factor of the article's advice."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.text import capfirst, get_text_list

if TYPE_CHECKING:
    from certifications.models import Accreditor
    from content.models import Source

    from .models import Program, SelectionFactor

MEETS, CHECK, CONCERN = "meets", "check", "concern"
VERDICT_LABELS = {
    MEETS: "Meets the advice",
    CHECK: "Check with the school",
    CONCERN: "Concern",
}

ACCREDITATION, CURRICULUM, HANDS_ON, COST_DURATION, PLACEMENT = (
    "accreditation",
    "curriculum",
    "hands-on",
    "cost-duration",
    "placement",
)
FACTORS = (ACCREDITATION, CURRICULUM, HANDS_ON, COST_DURATION, PLACEMENT)
# Used when the SelectionFactor rows are missing, so a verdict is never left without a name.
FACTOR_NAMES = {
    ACCREDITATION: "Accreditation",
    CURRICULUM: "Curriculum",
    HANDS_ON: "Hands-on experience",
    COST_DURATION: "Cost and duration",
    PLACEMENT: "Job placement assistance",
}

YES, NO, UNKNOWN = "yes", "no", "unknown"
OTHER, NONE = "other", "none"
# The article's own examples of recognized accreditors, quoted in the reasons; which accreditors
# count as recognised is the Accreditor.recognised flag an editor sets in the admin.
ARTICLE_EXAMPLES = "CAAHEP or ABHES"

# How a value the federal data do not carry reads wherever an imported program's field is shown.
UNKNOWN_IN_FEDERAL_DATA = "not in the federal data — ask the school"


@dataclass(frozen=True)
class Candidate:
    """What the visitor knows of one program; None means not answered (the same as unknown)."""

    name: str = ""
    accreditor: str | None = None
    clinical: str | None = None
    administrative: str | None = None
    externship: str | None = None
    placement: str | None = None
    cost: int | None = None
    months: int | None = None
    is_example: bool = False
    # The accreditors the visitor could pick, keyed by slug (None: read them when needed).
    accreditors: Mapping[str, Accreditor] | None = None
    # Filled in from a program imported from the federal data: an unknown answer is one those data lack.
    from_federal_data: bool = False


@dataclass(frozen=True)
class Verdict:
    """One factor weighed for one candidate: the verdict, why, and the factor's advice and question."""

    factor: str
    verdict: str
    reason: str
    name: str = ""
    guidance: str = ""
    question: str = ""
    source: Source | None = None

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def met(self) -> bool:
        return self.verdict == MEETS


def accreditors_by_slug() -> dict[str, Accreditor]:
    """Every accreditor keyed by slug, with its recognised flag: one query."""
    from certifications.models import Accreditor

    return {accreditor.slug: accreditor for accreditor in Accreditor.objects.order_by("abbreviation")}


def accreditor_choices(
    accreditors: Mapping[str, Accreditor], *, not_answered: tuple[str, str] = ("", "Not answered")
) -> list[tuple[str, str]]:
    """The checklist's answers to "who accredits the program?": every accreditor, then other, none, unknown."""
    return [
        not_answered,
        *((slug, accreditor.abbreviation) for slug, accreditor in accreditors.items()),
        (OTHER, "Another accreditor"),
        (NONE, "Not accredited"),
        (UNKNOWN, "I don't know"),
    ]


def accreditation_verdict(
    accreditor: str | None, accreditors: Mapping[str, Accreditor] | None = None
) -> tuple[str, str]:
    """A recognised accreditor meets the advice; another accreditor is a check (does the certifying body
    accept it?); none is a concern; not known, check. `accreditors` maps slug to Accreditor."""
    if accreditor is None or accreditor in ("", UNKNOWN):
        return (
            CHECK,
            f"You do not know yet who accredits it; the advice is a recognized accreditor, like {ARTICLE_EXAMPLES}.",
        )
    if accreditor == NONE:
        # Only what the facts say (neither CAAHEP nor ABHES), and what that closes and leaves open by the stored
        # routes: the CMA's Categories 1 and 2 ask for a CAAHEP- or ABHES-accredited program; the others do not.
        return (
            CONCERN,
            f"Not accredited by {ARTICLE_EXAMPLES}; that closes the CMA’s Categories 1 and 2, which need a program "
            "one of them accredits. CMA Category 4, the RMA, NCMA and CCMA stay open by their own routes: "
            "check each in the eligibility checker.",
        )
    if accreditors is None and accreditor != OTHER:
        accreditors = accreditors_by_slug()
    known = (accreditors or {}).get(accreditor)
    if known is not None and known.recognised:
        return (
            MEETS,
            f"Accredited by {known.abbreviation}, a recognized accreditor, as the advice asks. Each certifying "
            "body names the accreditors it accepts: check the certification you want.",
        )
    name = known.abbreviation if known is not None else "another body"
    return (
        CHECK,
        f"Accredited by {name}, not one the advice names ({ARTICLE_EXAMPLES}): ask whether the certifying body "
        "you want accepts this accreditation.",
    )


def curriculum_verdict(clinical: str | None, administrative: str | None) -> tuple[str, str]:
    """Both clinical and administrative skills taught meets the advice; either missing is a concern."""
    if clinical == YES and administrative == YES:
        return MEETS, "It teaches both clinical and administrative skills."
    if clinical == NO and administrative == NO:
        return CONCERN, "It teaches neither clinical nor administrative skills, and the advice asks for both."
    if clinical == NO:
        return CONCERN, "It does not teach clinical skills; the advice asks for both clinical and administrative."
    if administrative == NO:
        return CONCERN, "It does not teach administrative skills; the advice asks for both clinical and administrative."
    missing = [kind for kind, answer in (("clinical", clinical), ("administrative", administrative)) if answer != YES]
    return CHECK, f"Not known yet whether it teaches {get_text_list(missing, 'and')} skills."


def hands_on_verdict(externship: str | None) -> tuple[str, str]:
    """An externship meets the advice; none is a concern; not known, check."""
    if externship == YES:
        return MEETS, "It includes an externship for practical training."
    if externship == NO:
        return CONCERN, "It includes no externship or internship, and the advice is to seek one."
    return CHECK, "Not known yet whether it includes an externship or internship."


def cost_duration_verdict(
    cost: int | None, months: int | None, budget: int | None, timeline: int | None
) -> tuple[str, str]:
    """Within budget and timeline meets the advice; either over is a concern; anything missing, check."""
    over = []
    if cost is not None and budget is not None and cost > budget:
        over.append(f"its cost (${cost:,}) is over your budget (${budget:,})")
    if months is not None and timeline is not None and months > timeline:
        over.append(f"its length ({months} months) is longer than your timeline ({timeline} months)")
    if over:
        return CONCERN, capfirst(get_text_list(over, "and")) + "."
    missing = [
        label
        for label, value in (
            ("its total cost", cost),
            ("its length", months),
            ("your budget", budget),
            ("your timeline", timeline),
        )
        if value is None
    ]
    if missing:
        return CHECK, f"To weigh cost and duration we need {get_text_list(missing, 'and')}."
    return MEETS, (
        f"Its cost (${cost:,}) is within your budget (${budget:,}) and its length "
        f"({months} months) within your timeline ({timeline} months)."
    )


def placement_verdict(placement: str | None) -> tuple[str, str]:
    """Placement help meets the advice; without it, only a check: the article calls it a plus some offer."""
    if placement == YES:
        return MEETS, "It offers career services to help graduates find work."
    if placement == NO:
        return (
            CHECK,
            "It offers no job placement help. The advice calls it a plus that some programs offer, not a must.",
        )
    return CHECK, "Not known yet whether it offers job placement help; the advice calls it a plus some programs offer."


def checklist_verdicts(
    candidate: Candidate,
    *,
    budget: int | None = None,
    timeline: int | None = None,
    factors: Mapping[str, SelectionFactor] | None = None,
) -> list[Verdict]:
    """The five verdicts for one candidate, in the factors' order; `factors` maps slug to SelectionFactor."""
    factors = factors or {}
    rules = {
        ACCREDITATION: accreditation_verdict(candidate.accreditor, candidate.accreditors),
        CURRICULUM: curriculum_verdict(candidate.clinical, candidate.administrative),
        HANDS_ON: hands_on_verdict(candidate.externship),
        COST_DURATION: cost_duration_verdict(candidate.cost, candidate.months, budget, timeline),
        PLACEMENT: placement_verdict(candidate.placement),
    }
    order = sorted(FACTORS, key=lambda slug: (getattr(factors.get(slug), "order", 0), FACTORS.index(slug)))
    lacking = _lacking_in_federal_data(candidate) if candidate.from_federal_data else {}
    verdicts = []
    for slug in order:
        verdict, reason = rules[slug]
        if slug in lacking:
            reason = f"{reason} Its {lacking[slug]}: {UNKNOWN_IN_FEDERAL_DATA}."
        factor = factors.get(slug)
        verdicts.append(
            Verdict(
                factor=slug,
                verdict=verdict,
                reason=reason,
                name=factor.name if factor else FACTOR_NAMES[slug],
                guidance=factor.guidance if factor else "",
                question=factor.question if factor else "",
                source=factor.source if factor else None,
            )
        )
    return verdicts


def summary(verdicts: Sequence[Verdict]) -> str:
    """“3 of 5 factors met”."""
    met = sum(1 for verdict in verdicts if verdict.met)
    return f"{met} of {len(verdicts)} factors met"


def candidate_from_program(program: Program) -> Candidate:
    """A directory program as the checklist sees it: what the directory does not record stays unknown."""
    # A checked program lists its accreditor when it has one (a blank means none of them); an unchecked
    # one, as every imported program starts, is unknown, never "none".
    listed = program.accreditor  # None, with no query, when accreditor_id is None
    accreditor = (listed.slug if listed is not None else NONE) if program.accreditor_known else UNKNOWN
    return Candidate(
        name=f"{program.name}, {program.institution}",
        accreditor=accreditor,
        accreditors={accreditor: listed} if listed is not None else {},
        externship=_yes_no(program.has_externship),
        placement=_yes_no(program.has_placement_help),
        cost=program.total_cost,
        months=program.months,
        is_example=program.is_example,
        from_federal_data=program.is_imported,
    )


def _yes_no(value: bool | None) -> str:
    return UNKNOWN if value is None else (YES if value else NO)


def _lacking_in_federal_data(candidate: Candidate) -> dict[str, str]:
    """Per factor, what of the program the answers still lack (worded for a reason), for an imported program."""
    lacking: dict[str, str] = {}
    if candidate.accreditor in (None, "", UNKNOWN):
        lacking[ACCREDITATION] = "accreditation"
    if candidate.externship not in (YES, NO):
        lacking[HANDS_ON] = "externship"
    if candidate.placement not in (YES, NO):
        lacking[PLACEMENT] = "job placement help"
    missing = [
        label for label, value in (("total cost", candidate.cost), ("length", candidate.months)) if value is None
    ]
    if missing:
        lacking[COST_DURATION] = get_text_list(missing, "and")
    return lacking


def program_verdicts(program: Program, *, factors: Mapping[str, SelectionFactor] | None = None) -> list[Verdict]:
    """The five verdicts of a directory program from its own data (no budget or timeline is known)."""
    return checklist_verdicts(candidate_from_program(program), factors=factors)
