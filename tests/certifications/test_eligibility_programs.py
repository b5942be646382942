"""What a program's graduates may sit for, as the program pages show it from the same routes."""

import pytest

from certifications.eligibility import program_outlooks
from certifications.models import Accreditor, EligibilityRoute
from programs.models import Program

pytestmark = pytest.mark.usefixtures("seeded")


def by_slug(outcomes):
    return {outcome.certification.slug: outcome for outcome in outcomes}


def test_an_accredited_program_opens_the_cma_route_for_its_graduates(make_program):
    program = make_program("accredited", accreditor=Accreditor.objects.get(abbreviation="CAAHEP"))
    outcomes = by_slug(program_outlooks([program])[program.pk])
    cma = outcomes["cma"]
    assert cma.verdict == "eligible"
    assert cma.route.code == "category-1"
    assert "Category 1" in cma.explanation


def test_a_program_without_accreditation_does_not_open_the_accredited_cma_categories(make_program):
    program = make_program("unaccredited")
    cma = by_slug(program_outlooks([program])[program.pk])["cma"]
    assert cma.route.code not in {"category-1", "category-2"}
    # Only AAMA's alternative pathway remains, and only if its document review finds the program qualifies.
    assert (cma.verdict, cma.route.code) == ("conditional", "category-4")
    assert "AAMA’s review of your documents" in cma.explanation


def test_every_graduate_may_pursue_the_other_three_by_their_own_routes_if_the_body_agrees(make_program):
    for program in (make_program("a", accreditor=Accreditor.objects.get(abbreviation="ABHES")), make_program("b")):
        outcomes = by_slug(program_outlooks([program])[program.pk])
        assert list(outcomes) == ["cma", "rma", "ncma", "ccma"]
        assert (outcomes["rma"].verdict, outcomes["rma"].route.code) == ("conditional", "education")
        assert (
            "accredited as AMT requires, with 720+ hours including 160 externship hours" in outcomes["rma"].explanation
        )
        assert (outcomes["ncma"].verdict, outcomes["ncma"].route.code) == ("conditional", "graduate")


def test_a_route_that_needs_a_diploma_is_conditional_on_the_diploma_a_program_page_cannot_know(make_program):
    program = make_program("diploma")
    ccma = by_slug(program_outlooks([program])[program.pk])["ccma"]
    assert ccma.verdict == "conditional"
    assert ccma.route.code == "training"
    assert "Eligible if you hold a high-school diploma or GED" in ccma.explanation


def test_a_program_page_never_says_not_eligible_where_a_route_is_only_unknown(make_program):
    program = make_program("any")
    for outcome in program_outlooks([program])[program.pk]:
        assert outcome.verdict in {"eligible", "conditional", "not-yet"}
        assert isinstance(outcome.explanation, str) and outcome.explanation
        if outcome.route:
            assert outcome.route.source.url or outcome.route.source.publisher


def test_a_program_without_an_externship_closes_the_rma_education_route(make_program):
    program = make_program("no-externship", has_externship=False)
    rma = by_slug(program_outlooks([program])[program.pk])["rma"]
    education = next(result for result in rma.routes if result.route.code == "education")
    assert education.status == "not-eligible"
    assert "needs a program with an externship of 160+ hours" in education.summary
    assert rma.route.code != "education"


def test_an_editor_removing_the_alternative_pathway_closes_the_cma_to_unaccredited_programs(make_program):
    EligibilityRoute.objects.filter(certification__slug="cma", code="category-4").delete()
    accredited = make_program("acc", accreditor=Accreditor.objects.get(abbreviation="CAAHEP"))
    other = make_program("other")
    outlooks = program_outlooks([accredited, other])
    assert by_slug(outlooks[accredited.pk])["cma"].verdict == "eligible"
    other_cma = by_slug(outlooks[other.pk])["cma"]
    assert (other_cma.verdict, other_cma.route) == ("not-eligible", None)
    assert "need a medical assisting program accredited by CAAHEP or ABHES" in other_cma.explanation


def test_no_programs_means_no_outlooks():
    assert program_outlooks([]) == {}


@pytest.mark.parametrize("count", [1, 30])
def test_outlooks_cost_three_queries_whatever_the_number_of_programs(django_assert_num_queries, count, make_program):
    accreditor = Accreditor.objects.get(abbreviation="CAAHEP")
    for n in range(count):
        make_program(f"p{n}", accreditor=accreditor if n % 2 else None)
    programs = list(Program.objects.all())
    with django_assert_num_queries(3):
        outlooks = program_outlooks(programs)
        for outcomes in outlooks.values():
            for outcome in outcomes:
                _ = (outcome.certification.body.abbreviation, outcome.route and outcome.route.source.seen_on)
    assert len(outlooks) == count
