"""What a program's graduates may sit for, as the program pages show it from the same routes."""

import datetime

import pytest

from certifications.eligibility import program_outlooks
from certifications.models import EligibilityRoute
from programs.models import Accreditor, EducationPath, Program

pytestmark = pytest.mark.usefixtures("seeded")


def make_program(slug, *, accreditor=None):
    return Program.objects.create(
        institution="Test College",
        name=f"Medical Assisting {slug}",
        slug=slug,
        city="Columbus",
        state="OH",
        delivery_format=Program.Format.IN_PERSON,
        path=EducationPath.objects.get(slug="certificate-or-diploma"),
        accreditor=accreditor,
        months=10,
        last_verified=datetime.date(2026, 11, 1),
    )


def by_slug(outcomes):
    return {outcome.certification.slug: outcome for outcome in outcomes}


def test_an_accredited_program_opens_the_cma_route_for_its_graduates():
    program = make_program("accredited", accreditor=Accreditor.objects.get(abbreviation="CAAHEP"))
    outcomes = by_slug(program_outlooks([program])[program.pk])
    cma = outcomes["cma"]
    assert cma.verdict == "eligible"
    assert cma.route.code == "category-1"
    assert "Category 1" in cma.explanation


def test_a_program_without_accreditation_does_not_open_the_accredited_cma_categories():
    program = make_program("unaccredited")
    cma = by_slug(program_outlooks([program])[program.pk])["cma"]
    assert cma.route.code not in {"category-1", "category-2"}
    # Only AAMA's alternative pathway remains, and only if the program qualifies.
    assert cma.route.code == "category-4"
    assert "must qualify" in cma.route.other_requirements


def test_every_graduate_may_pursue_the_other_three_by_their_own_routes():
    for program in (make_program("a", accreditor=Accreditor.objects.get(abbreviation="ABHES")), make_program("b")):
        outcomes = by_slug(program_outlooks([program])[program.pk])
        assert list(outcomes) == ["cma", "rma", "ncma", "ccma"]
        assert (outcomes["rma"].verdict, outcomes["rma"].route.code) == ("eligible", "education")
        assert (outcomes["ncma"].verdict, outcomes["ncma"].route.code) == ("eligible", "graduate")


def test_a_route_that_needs_a_diploma_is_open_to_graduates_who_hold_one():
    program = make_program("diploma")
    ccma = by_slug(program_outlooks([program])[program.pk])["ccma"]
    assert ccma.verdict == "eligible"
    assert ccma.route.code == "training"
    assert "if you hold a high-school diploma or GED" in ccma.explanation


def test_every_outcome_has_one_of_the_three_verdicts_and_a_source_when_a_route_decides():
    program = make_program("any")
    for outcome in program_outlooks([program])[program.pk]:
        assert outcome.verdict in {"eligible", "not-yet", "not-eligible"}
        assert isinstance(outcome.explanation, str) and outcome.explanation
        if outcome.route:
            assert outcome.route.source.url or outcome.route.source.publisher


def test_an_editor_removing_the_alternative_pathway_closes_the_cma_to_unaccredited_programs():
    EligibilityRoute.objects.filter(certification__slug="cma", code="category-4").delete()
    accredited = make_program("acc", accreditor=Accreditor.objects.get(abbreviation="CAAHEP"))
    other = make_program("other")
    outlooks = program_outlooks([accredited, other])
    assert by_slug(outlooks[accredited.pk])["cma"].verdict == "eligible"
    other_cma = by_slug(outlooks[other.pk])["cma"]
    assert (other_cma.verdict, other_cma.route) == ("not-eligible", None)
    assert "need a CAAHEP- or ABHES-accredited medical assisting program" in other_cma.explanation


def test_no_programs_means_no_outlooks():
    assert program_outlooks([]) == {}


@pytest.mark.parametrize("count", [1, 30])
def test_outlooks_cost_two_queries_whatever_the_number_of_programs(django_assert_num_queries, count):
    accreditor = Accreditor.objects.get(abbreviation="CAAHEP")
    for n in range(count):
        make_program(f"p{n}", accreditor=accreditor if n % 2 else None)
    programs = list(Program.objects.all())
    with django_assert_num_queries(2):
        outlooks = program_outlooks(programs)
        for outcomes in outlooks.values():
            for outcome in outcomes:
                _ = (outcome.certification.body.abbreviation, outcome.route and outcome.route.source.seen_on)
    assert len(outlooks) == count
