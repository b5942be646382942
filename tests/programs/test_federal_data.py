"""A visitor meets programs imported from the federal data: unknowns said as such, the data year, earnings and debt."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import WageFigure
from certifications.eligibility import CONDITIONAL, ELIGIBLE, NOT_ELIGIBLE
from programs import checklist
from programs.models import AwardLevel, EducationPath, Program
from programs.selectors import program_outlooks

pytestmark = pytest.mark.usefixtures("seeded")

UNKNOWN = "not in the federal data — ask the school"
LIST = reverse("programs:program-list")
COMPARE = reverse("programs:compare")
CAVEATS = [
    "field: allied health and medical assisting services (includes other allied-health programs)",
    "students who received federal aid",
    "all campuses sharing the school's federal ID",
]


@pytest.fixture
def imported(make_program):
    """imported(slug, unitid=...): a program as import_ipeds leaves it, real, all the federal data lack unknown."""
    return lambda slug, *, unitid, **fields: make_program(slug, **_imported_values(unitid, **fields))


def _imported_values(unitid, *, award_level=AwardLevel.UNDER_ONE_YEAR, **fields):
    values = {
        "name": "Medical Assisting certificate (under 1 year)",
        "institution": f"Imported Test College {unitid}",
        "path": "certificate-under-one-year",
        "delivery_format": "",
        "accreditor_known": False,
        "total_cost": None,
        "months": None,
        "has_externship": None,
        "has_placement_help": None,
        "last_verified": None,
        "is_example": False,
        "unitid": unitid,
        "award_level": award_level,
        "completions": 42,
        "field_completions": 70,
        "completions_year": 2023,
        "control": "public",  # from the directory file (HD), as every imported school has it
    }
    values.update(fields)
    return values


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_an_imported_programs_unknowns_read_not_in_the_federal_data_on_its_page_in_compare_and_the_directory(
    client, imported
):
    program = imported("imp", unitid=100001)
    page = text(client.get(program.get_absolute_url()))
    # Format, accreditation, cost, length, externship, placement: six unknowns, none read as "No".
    for label in ("Format", "Accreditation", "Total cost", "Length", "Externship", "Job placement help"):
        assert re.search(rf"{label} {UNKNOWN}", page), label
    assert "Not CAAHEP or ABHES" not in page
    compare = client.get(COMPARE, {"p": program.slug})
    for label in ("Format", "Accreditation", "Total cost", "Length", "Externship", "Job placement help"):
        row = re.search(rf'<th scope="row">{label}.*?</tr>', compare.content.decode(), re.S).group(0)
        assert UNKNOWN in row, label
    row = re.search(r'<tr data-program="imp">.*?</tr>', client.get(LIST).content.decode(), re.S).group(0)
    assert row.count(UNKNOWN) == 6
    assert ">No<" not in row


def test_a_checked_program_with_no_accreditor_reads_none_not_unknown_and_not_a_hard_coded_list(client, make_program):
    make_program("none-checked", is_example=False)
    page = text(client.get("/programs/none-checked/"))
    assert "Accreditation None of the accreditors the directory lists" in page
    assert UNKNOWN not in page
    assert "Not CAAHEP or ABHES" not in page


def test_the_verdicts_treat_unknowns_as_unknown_not_as_no(imported):
    program = imported("imp", unitid=100002)
    verdicts = {v.factor: v for v in checklist.program_verdicts(program)}
    for factor in (checklist.ACCREDITATION, checklist.HANDS_ON, checklist.COST_DURATION, checklist.PLACEMENT):
        assert verdicts[factor].verdict == checklist.CHECK, factor
        assert UNKNOWN in verdicts[factor].reason, factor
    assert checklist.CONCERN not in {v.verdict for v in verdicts.values()}


def test_the_checklist_result_filled_from_an_imported_program_says_what_the_federal_data_lack(client, imported):
    program = imported("imp", unitid=100003)
    response = client.get(reverse("programs:checklist"), {"program": program.slug, "budget": "15000"})
    assert response.status_code == 200
    page = text(response)
    assert page.count(UNKNOWN) >= 4
    assert "Not accredited by CAAHEP or ABHES" not in page
    assert "includes no externship" not in page


def test_an_unknown_accreditor_and_externship_leave_certifications_conditional_never_closed_or_open(
    client, make_program, imported
):
    from certifications.models import EligibilityRoute

    # Without the CMA's route for graduates of other programs, only accreditation opens it.
    EligibilityRoute.objects.filter(certification__slug="cma", code="category-4").delete()
    unknown = imported("imp", unitid=100004)
    checked_none = make_program("checked-none", is_example=False, has_externship=False)
    outlooks = program_outlooks([unknown, checked_none])
    cma = {o.certification.slug: o for o in outlooks[unknown.pk]}["cma"]
    assert cma.verdict == CONDITIONAL
    assert "accredited by CAAHEP or ABHES" in cma.explanation
    # Known to have neither accreditor nor externship: the same certification is closed, as before.
    assert {o.certification.slug: o for o in outlooks[checked_none.pk]}["cma"].verdict == NOT_ELIGIBLE
    assert not {ELIGIBLE, NOT_ELIGIBLE} & {o.verdict for o in outlooks[unknown.pk]}
    # The RMA's education route asks for externship hours: unknown is its condition, not a closed door.
    rma = {o.certification.slug: o for o in outlooks[unknown.pk]}["rma"]
    assert rma.verdict == CONDITIONAL and "160 externship hours" in rma.explanation, rma.explanation
    response = client.get(unknown.get_absolute_url())
    assertContains(response, 'data-certification="cma" data-eligibility="conditional"')
    assertContains(response, f"who accredits it, if anyone, is {UNKNOWN}")


def test_a_value_filter_leaves_unknowns_out_and_says_how_many(client, make_program, imported):
    imported("imp-1", unitid=100005)
    imported("imp-2", unitid=100006)
    make_program("known-online", is_example=False, delivery_format="online")
    make_program("known-none", is_example=False, has_externship=False)
    response = client.get(LIST, {"format": "online"})
    assert [p.slug for p in response.context["programs"]] == ["known-online"]
    assertContains(response, 'data-left-out="2"')
    assertContains(response, "Left out: 2 programs")
    # "No externship" is what is known: the two unknowns are not taken for "no".
    response = client.get(LIST, {"externship": "no"})
    assert [p.slug for p in response.context["programs"]] == ["known-none"]
    assertContains(response, "externship: 2")
    # "No recognized accreditor": a program nobody checked is unknown, not "none".
    response = client.get(LIST, {"accreditor": "none"})
    assert {p.slug for p in response.context["programs"]} == {"known-online", "known-none"}
    assertContains(response, 'data-left-out="2"')
    # A filter needing no value leaves nothing out and says nothing.
    assertNotContains(client.get(LIST, {"state": "OH"}), "data-left-out")


def test_an_imported_program_carries_its_ipeds_year_instead_of_a_verification_date(client, imported):
    program = imported("imp", unitid=100007)
    page = text(client.get(program.get_absolute_url()))
    assert "Imported from IPEDS 2022–23" in page
    assert "Last verified" not in page
    compare = text(client.get(COMPARE, {"p": program.slug}))
    assert "Imported from IPEDS 2022–23" in compare


def test_no_recent_completions_hides_a_program_from_the_directory_but_its_page_opens_with_a_notice(client, imported):
    gone = imported("gone", unitid=100008, no_recent_completions=True)
    imported("here", unitid=100009)
    assert [p.slug for p in client.get(LIST).context["programs"]] == ["here"]
    response = client.get(gone.get_absolute_url())
    assert response.status_code == 200
    assertContains(response, "data-no-recent-completions")
    assertContains(response, "No recent completions")
    assertNotContains(client.get("/programs/here/"), "data-no-recent-completions")


def _with_scorecard(imported, slug, unitid, **fields):
    scorecard = {
        "earnings_1yr_median": 31250,
        "earnings_1yr_count": 57,
        "debt_median": 9500,
        "debt_count": 63,
        "scorecard_release": "Most-Recent-Cohorts-Field-of-Study_04172025",
        "scorecard_credential_level": 1,
    }
    return imported(slug, unitid=unitid, **{**scorecard, **fields})


def test_a_programs_page_and_compare_show_completions_share_earnings_and_debt_with_their_caveats(client, imported):
    program = _with_scorecard(imported, "sc", 100010)
    for response in (client.get(program.get_absolute_url()), client.get(COMPARE, {"p": program.slug})):
        page = text(response)
        assert "42" in page and "2022–23" in page
        assert "60%" in page  # 42 of the school's 70 CIP 51.08 completions
        assert "$31,250" in page and "57 graduates" in page
        assert "$9,500" in page and "63 borrowers" in page
        assert "Most-Recent-Cohorts-Field-of-Study_04172025" in page
        html = response.content.decode()
        for caveat in CAVEATS:
            assert html.count(caveat) >= 2, caveat  # under the earnings and under the debt


def test_without_a_known_cost_the_debt_reads_as_months_of_national_pay_never_as_the_cost(client, imported):
    program = _with_scorecard(imported, "sc", 100011)
    wage = WageFigure.objects.national().filter(occupation__is_featured=True).order_by("-reference_year").first()
    months = round(9500 / (wage.median_annual_wage / 12), 1)
    for response in (client.get(program.get_absolute_url()), client.get(COMPARE, {"p": program.slug})):
        html = response.content.decode()
        assert f'data-months-of-debt="{months}"' in html
        cost_row = re.search(r"Total cost.*?(</tr>|</div>)", html, re.S).group(0)
        assert "9,500" not in cost_row and UNKNOWN in cost_row
    # With a cost known, the debt is not turned into months, even beside a program without one.
    costed = _with_scorecard(imported, "sc-cost", 100012, total_cost=8000)
    assertNotContains(client.get(costed.get_absolute_url()), "data-months-of-debt")
    assertContains(client.get(COMPARE, {"p": [program.slug, costed.slug]}), "data-months-of-debt=", count=1)


def test_a_program_without_federal_figures_has_no_federal_section(client, make_program):
    make_program("typed", is_example=False)
    assertNotContains(client.get("/programs/typed/"), "data-federal-data")


def test_the_directory_filters_by_award_level_path_and_earnings_and_sorts_by_earnings(client, make_program, imported):
    _with_scorecard(imported, "low", 100013, earnings_1yr_median=25000)
    _with_scorecard(imported, "high", 100014, earnings_1yr_median=39000)
    imported("none", unitid=100015)
    imported("assoc", unitid=100016, award_level=AwardLevel.ASSOCIATE,
             path=EducationPath.objects.get(slug="associate-degree"))  # fmt: skip
    make_program("typed-cert", is_example=False)

    def slugs(query):
        return [p.slug for p in client.get(LIST, query).context["programs"]]

    assert set(slugs({"earnings": "yes"})) == {"low", "high"}
    assert slugs({"sort": "-earnings"})[:2] == ["high", "low"]
    assert slugs({"sort": "earnings"})[:2] == ["low", "high"]
    assert set(slugs({"path": "certificate-under-one-year"})) == {"low", "high", "none"}
    assert set(slugs({"path": "associate-degree"})) == {"assoc"}
    # "Certificate or diploma" covers the certificate award levels too.
    assert set(slugs({"path": "certificate-or-diploma"})) == {"low", "high", "none", "typed-cert"}
    assertContains(client.get(LIST), '<option value="certificate-two-to-four-years">')


def test_the_page_cache_keeps_the_new_filter_parameters():
    from careerpath.page_cache import query_parameters
    from programs.views.directory import ProgramListView

    known = query_parameters(ProgramListView.as_view())
    assert {"earnings", "path", "sort", "format", "max_cost"} <= set(known)


def test_generated_example_rows_are_examples_and_never_real_schools():
    from programs.generated import imported_shaped_programs

    rows = imported_shaped_programs(50)
    assert all(p.is_example and p.unitid and p.award_level for p in rows)
    assert all(p.institution.startswith("Example") and p.name.startswith("Example") for p in rows)
    Program.objects.bulk_create(rows)
    assert Program.objects.examples().imported().count() == 50
