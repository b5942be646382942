"""Every verdict rule of the program-selection checklist, as plain functions, factor by factor."""

from types import SimpleNamespace

import pytest

from programs import checklist
from programs.checklist import CHECK, CONCERN, MEETS

# Accreditors as the admin holds them: the recognised flag is the editor's, not a list in the code.
ACCREDITORS = {
    "caahep": SimpleNamespace(abbreviation="CAAHEP", recognised=True),
    "abhes": SimpleNamespace(abbreviation="ABHES", recognised=True),
    "newbody": SimpleNamespace(abbreviation="NEWBODY", recognised=True),
    "oldbody": SimpleNamespace(abbreviation="OLDBODY", recognised=False),
}


@pytest.mark.parametrize(
    ("accreditor", "verdict"),
    [
        ("caahep", MEETS),
        ("abhes", MEETS),
        ("newbody", MEETS),  # recognised by an editor
        ("oldbody", CHECK),  # listed but not recognised: does the certifying body accept it?
        ("other", CHECK),  # the article's "like CAAHEP or ABHES" is not a closed list
        ("none", CONCERN),
        ("unknown", CHECK),
        (None, CHECK),
    ],
)
def test_a_recognised_accreditor_meets_the_advice_and_another_is_a_check(accreditor, verdict):
    assert checklist.accreditation_verdict(accreditor, ACCREDITORS)[0] == verdict


def test_another_accreditor_is_a_question_for_the_certifying_body():
    _, reason = checklist.accreditation_verdict("oldbody", ACCREDITORS)
    assert "ask whether the certifying body you want accepts this accreditation" in reason
    assert "OLDBODY" in reason


@pytest.mark.parametrize(
    ("clinical", "administrative", "verdict"),
    [
        ("yes", "yes", MEETS),
        ("no", "yes", CONCERN),
        ("yes", "no", CONCERN),
        ("no", "no", CONCERN),
        ("no", "unknown", CONCERN),
        ("yes", "unknown", CHECK),
        ("unknown", "yes", CHECK),
        (None, None, CHECK),
    ],
)
def test_a_curriculum_needs_both_clinical_and_administrative_skills(clinical, administrative, verdict):
    assert checklist.curriculum_verdict(clinical, administrative)[0] == verdict


@pytest.mark.parametrize(
    ("externship", "verdict"), [("yes", MEETS), ("no", CONCERN), ("unknown", CHECK), (None, CHECK)]
)
def test_hands_on_experience_means_an_externship(externship, verdict):
    assert checklist.hands_on_verdict(externship)[0] == verdict


@pytest.mark.parametrize(
    ("cost", "months", "budget", "timeline", "verdict"),
    [
        (9000, 10, 9000, 10, MEETS),
        (9001, 10, 9000, 12, CONCERN),
        (8000, 13, 9000, 12, CONCERN),
        (9500, 13, 9000, 12, CONCERN),
        (9500, None, 9000, 12, CONCERN),
        (None, 10, 9000, 12, CHECK),
        (8000, None, 9000, 12, CHECK),
        (8000, 10, None, 12, CHECK),
        (8000, 10, 9000, None, CHECK),
        (None, None, None, None, CHECK),
    ],
)
def test_cost_and_duration_weigh_against_the_budget_and_timeline(cost, months, budget, timeline, verdict):
    assert checklist.cost_duration_verdict(cost, months, budget, timeline)[0] == verdict


def test_the_reason_for_an_over_budget_program_names_both_figures():
    _, reason = checklist.cost_duration_verdict(12500, 10, 10000, 12)
    assert reason == "Its cost ($12,500) is over your budget ($10,000)."


@pytest.mark.parametrize(("placement", "verdict"), [("yes", MEETS), ("no", CHECK), ("unknown", CHECK), (None, CHECK)])
def test_job_placement_help_is_a_plus_never_a_concern(placement, verdict):
    assert checklist.placement_verdict(placement)[0] == verdict


def test_the_summary_counts_the_factors_met():
    candidate = checklist.Candidate(
        accreditor="caahep",
        clinical="yes",
        administrative="yes",
        externship="yes",
        placement="no",
        cost=1,
        months=9,
        accreditors=ACCREDITORS,
    )
    verdicts = checklist.checklist_verdicts(candidate, budget=0, timeline=12)
    assert [v.factor for v in verdicts] == ["accreditation", "curriculum", "hands-on", "cost-duration", "placement"]
    assert checklist.summary(verdicts) == "3 of 5 factors met"
