"""A visitor browses the program directory: filters, sorting, paging, a program's page and the comparison."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.usefixtures("seeded")

LIST = reverse("programs:program-list")
COMPARE = reverse("programs:compare")
BADGE = "Example — not a real school"


def names(response):
    return [program.name for program in response.context["programs"]]


def test_the_directory_lists_programs_with_their_fields_and_the_example_badge(client, make_program):
    make_program("lakeside", accreditor="caahep", name="Example Lakeside MA", total_cost=12345, months=11)
    response = client.get(LIST)
    assert response.status_code == 200
    assertContains(response, "Example Lakeside MA")
    assertContains(response, "$12,345")
    assertContains(response, "11 months")
    assertContains(response, "CAAHEP")
    assertContains(response, BADGE)
    assertContains(response, 'href="/programs/lakeside/"')
    assertContains(response, "1 program")


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ({"state": "TX"}, {"tx"}),
        ({"format": "online"}, {"online"}),
        ({"path": "associate-degree"}, {"degree"}),
        ({"accreditor": "abhes"}, {"abhes"}),
        ({"accreditor": "any"}, {"abhes", "caahep"}),
        ({"accreditor": "none"}, {"tx", "online", "degree", "cheap", "short", "no-externship", "no-placement"}),
        ({"max_cost": "5000"}, {"cheap"}),
        ({"max_months": "9"}, {"short"}),
        ({"externship": "no"}, {"no-externship"}),
        ({"placement": "no"}, {"no-placement"}),
    ],
)
def test_each_filter_narrows_the_list(client, query, kept, make_program):
    make_program("tx", state="TX")
    make_program("online", delivery_format="online")
    from programs.models import EducationPath

    make_program("degree", path=EducationPath.objects.get(slug="associate-degree"), months=24)
    make_program("abhes", accreditor="abhes")
    make_program("caahep", accreditor="caahep")
    make_program("cheap", total_cost=4000)
    make_program("short", months=9)
    make_program("no-externship", has_externship=False)
    make_program("no-placement", has_placement_help=False)
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert {p.slug for p in response.context["programs"]} == kept


def test_programs_sort_by_name_cost_or_length(client, make_program):
    make_program("b", name="Example B", total_cost=3000, months=12)
    make_program("a", name="Example A", total_cost=9000, months=10)
    make_program("c", name="Example C", total_cost=None, months=11)
    assert names(client.get(LIST)) == ["Example A", "Example B", "Example C"]
    # A program that publishes no cost goes last either way.
    assert names(client.get(LIST, {"sort": "cost"})) == ["Example B", "Example A", "Example C"]
    assert names(client.get(LIST, {"sort": "-cost"})) == ["Example A", "Example B", "Example C"]
    assert names(client.get(LIST, {"sort": "length"})) == ["Example A", "Example C", "Example B"]
    assert names(client.get(LIST, {"sort": "-length"})) == ["Example B", "Example C", "Example A"]


def test_twenty_programs_a_page_and_a_page_out_of_range_shows_the_last(client, make_many):
    make_many(45)
    first = client.get(LIST)
    assert len(first.context["programs"]) == 20
    assertContains(first, "45 programs")
    assertContains(first, "Page 1 of 3")
    last = client.get(LIST, {"page": "99"})
    assert last.status_code == 200
    assert last.context["page_obj"].number == 3
    assert len(last.context["programs"]) == 5
    assert client.get(LIST, {"page": "abc"}).context["page_obj"].number == 1


def test_paging_keeps_the_filters(client, make_many):
    make_many(100)
    response = client.get(LIST, {"state": "OH"})
    # The page buttons submit the one form that holds the filters, so the next page is still filtered.
    html = response.content.decode()
    start = html.index('id="program-directory"')
    form = html[start : html.index("</form>", start)]
    assert '<option value="OH" selected>' in form
    assert '<button type="submit" class="page-link" name="page" value="2">Next</button>' in form
    second = client.get(LIST, {"state": "OH", "page": "2"})
    assert second.context["page_obj"].number == 2
    assert all(program.state == "OH" for program in second.context["programs"])


def test_no_result_suggests_which_filter_to_relax(client, make_program):
    make_program("pricey", state="TX", total_cost=20000)
    response = client.get(LIST, {"state": "TX", "max_cost": "1000"})
    assert response.status_code == 200
    assertContains(response, "No program matches all of your filters")
    assertContains(response, "Remove “Maximum total cost (US dollars): $1,000”</a> — 1 program")
    assertContains(response, "Remove “State: Texas”</a> — still none")


@pytest.mark.parametrize(
    "query",
    [
        {"state": "ZZ"},
        {"max_cost": "lots"},
        {"max_cost": "-5"},
        {"max_months": "61"},
        {"max_cost": "1e309"},
        {"format": "carrier-pigeon"},
        {"path": "no-such-path"},
        {"accreditor": "nasa"},
        {"sort": "-__class__"},
    ],
)
def test_an_invalid_filter_shows_an_error_and_the_unfiltered_list(client, query, make_program):
    make_program("one", state="OH")
    make_program("two", state="TX")
    response = client.get(LIST, query)
    assert response.status_code == 400
    assertContains(response, "could not be used", status_code=400)
    assertContains(response, "here is the whole directory, unfiltered", status_code=400)
    assert {p.slug for p in response.context["programs"]} == {"one", "two"}


def test_each_row_has_a_compare_checkbox_in_a_get_form(client, make_program):
    make_program("one")
    response = client.get(LIST)
    # One GET form holds the ticks and the filters; its "Compare" button hands the ticks to the compare page.
    assertContains(response, f'<form method="get" action="{LIST}" id="program-directory"')
    assertContains(response, 'type="checkbox" name="p" value="one"')
    assertContains(response, '<button type="submit" name="compare" value="1"')
    assert client.get(LIST, {"p": "one", "compare": "1"})["Location"] == f"{COMPARE}?p=one"


def test_a_programs_page_shows_its_fields_verdicts_certifications_and_date(client, make_program):
    program = make_program("detail", accreditor="caahep", has_externship=False, website="")
    response = client.get(program.get_absolute_url())
    assert response.status_code == 200
    assertContains(response, BADGE)
    assertContains(response, "1 November 2026")
    html = response.content.decode()
    for factor in ("accreditation", "curriculum", "hands-on", "cost-duration", "placement"):
        assert f'data-factor="{factor}"' in html
    assertContains(response, 'data-factor="hands-on" data-verdict="concern"')
    assertContains(response, 'data-factor="accreditation" data-verdict="meets"')
    assertContains(response, "2 of 5 factors met")
    assertContains(response, f"{reverse('programs:checklist')}?program=detail")


def test_an_unknown_program_is_a_404(client):
    assert client.get("/programs/no-such-program/").status_code == 404


def test_programs_compare_side_by_side_with_differences_marked(client, make_program):
    make_program("one", name="Example One", total_cost=5000, accreditor="caahep")
    make_program("two", name="Example Two", total_cost=7000)
    response = client.get(COMPARE, {"p": ["one", "two"]})
    assert response.status_code == 200
    assert [p.slug for p in response.context["programs"]] == ["one", "two"]
    assertContains(response, "$5,000 (example)")
    assertContains(response, "$7,000 (example)")
    assertContains(response, "Differs")
    assertContains(response, BADGE)
    html = response.content.decode()
    assert html.count('data-factor="accreditation"') == 2
    assertContains(response, 'data-factor="accreditation" data-verdict="concern"')


def test_compare_with_only_unknown_slugs_is_a_404(client, make_program):
    make_program("one")
    assert client.get(COMPARE, {"p": ["nope", "gone"]}).status_code == 404
    assert client.get(COMPARE, {"p": ["no pe!"]}).status_code == 404


def test_compare_with_some_unknown_slugs_shows_the_known_ones_and_names_the_others(client, make_program):
    make_program("one", name="Example One")
    make_program("two", name="Example Two")
    response = client.get(COMPARE, {"p": ["nope", "one", "bad slug!", "two"]})
    assert response.status_code == 200
    assert [p.slug for p in response.context["programs"]] == ["one", "two"]
    assertContains(response, "2 programs in this link are not in the directory")
    assertContains(response, "“nope”, “bad slug!”")
    assertContains(response, "2 programs side by side")


def test_compare_with_more_than_four_shows_the_first_four_and_says_so(client, make_program):
    for n in range(6):
        make_program(f"p{n}")
    response = client.get(COMPARE, {"p": [f"p{n}" for n in range(6)]})
    assert response.status_code == 200
    assert [p.slug for p in response.context["programs"]] == ["p0", "p1", "p2", "p3"]
    assertContains(response, "more than 4 programs")


def test_compare_with_nothing_picked_explains_how(client):
    response = client.get(COMPARE)
    assert response.status_code == 200
    assertContains(response, "tick “Compare”")
    assertNotContains(response, "<table")


def test_an_accredited_programs_graduates_may_pursue_the_cma_by_the_accredited_routes(client, make_program):
    accredited = make_program("accredited", accreditor="caahep")
    other = make_program("not-accredited")
    response = client.get(accredited.get_absolute_url())
    assertContains(response, 'data-certification="cma" data-eligibility="eligible"')
    assertContains(response, "by the route “Category 1”")
    assertContains(response, "CMA (AAMA) Exam Eligibility")
    # Without CAAHEP or ABHES the accredited categories stay shut: only the alternative pathway, if it qualifies.
    response = client.get(other.get_absolute_url())
    assertNotContains(response, "by the route “Category 1”")
    assertContains(response, "AAMA’s review of your documents")
    response = client.get(COMPARE, {"p": ["accredited", "not-accredited"]})
    assertContains(response, "by the route “Category 1”", count=1)


def test_when_no_route_opens_the_cma_without_accreditation_its_page_says_so(client, make_program):
    from certifications.models import EligibilityRoute

    EligibilityRoute.objects.filter(certification__slug="cma", code="category-4").delete()
    accredited = make_program("accredited", accreditor="caahep")
    other = make_program("not-accredited")
    assertContains(client.get(accredited.get_absolute_url()), 'data-certification="cma" data-eligibility="eligible"')
    response = client.get(other.get_absolute_url())
    assertContains(response, 'data-certification="cma" data-eligibility="not-eligible"')
    response = client.get(COMPARE, {"p": ["accredited", "not-accredited"]})
    assertContains(response, 'data-certification="cma" data-eligibility="eligible"')
    assertContains(response, 'data-certification="cma" data-eligibility="not-eligible"')


def test_a_sort_puts_programs_with_an_unknown_value_last(client, settings, make_program):
    settings.PAGE_CACHE_ENABLED = False
    make_program("long", months=20, is_example=False)
    make_program("short", months=6, is_example=False)
    make_program("unknown", months=None, is_example=False)
    for sort in ("length", "-length"):
        slugs = [p.slug for p in client.get(LIST, {"sort": sort}).context["programs"]]
        assert slugs[-1] == "unknown", sort
    assert [p.slug for p in client.get(LIST, {"sort": "length"}).context["programs"]][:2] == ["short", "long"]
    assertContains(client.get(LIST), '<option value="-earnings">')
