"""With JavaScript turned off every page still reads and every form still submits and answers."""

import pytest

from .harness import visit
from .pages import PAGE_IDS, PAGES, PROGRAM_SLUGS

pytestmark = pytest.mark.browser


@pytest.fixture
def no_js(visitor):
    return visitor.page(javascript=False)


@pytest.mark.parametrize(("name", "path"), PAGES, ids=PAGE_IDS)
def test_without_javascript_the_page_reads(no_js, name, path):
    visit(no_js, name, path)

    heading = no_js.locator("main h1")
    assert heading.count() == 1, f"{path} should have exactly one h1 in <main>"
    assert heading.is_visible()
    assert heading.inner_text().strip()
    assert no_js.locator("main").inner_text().strip() != heading.inner_text().strip(), f"{path} shows only a heading"


def test_without_javascript_the_directory_filters_narrow_the_list(no_js):
    visit(no_js, "directory", "/programs/")
    no_js.locator("details.directory-filters > summary").click()  # the filters' disclosure opens without a script
    no_js.select_option("#id_accreditor", "any")
    no_js.select_option("#id_externship", "yes")

    with no_js.expect_navigation():
        no_js.get_by_role("button", name="Show programs").click()

    assert "accreditor=any" in no_js.url and "externship=yes" in no_js.url
    results = no_js.locator("#results-heading")
    assert results.inner_text().startswith("3 programs")
    # The three accredited programs with an externship, and none of the other two.
    for slug in PROGRAM_SLUGS[:3]:
        assert no_js.locator(f"a[href='/programs/{slug}/']").count() == 1
    for slug in PROGRAM_SLUGS[3:]:
        assert no_js.locator(f"a[href='/programs/{slug}/']").count() == 0


def test_without_javascript_the_checklist_weighs_a_program(no_js):
    visit(no_js, "checklist", "/programs/checklist/")
    no_js.fill("#id_name", "Example Lakeside College")
    no_js.select_option("#id_accreditor", "caahep")
    no_js.select_option("#id_clinical", "yes")
    no_js.select_option("#id_administrative", "yes")
    no_js.select_option("#id_externship", "no")
    no_js.select_option("#id_placement", "unknown")
    no_js.fill("#id_cost", "12000")
    no_js.fill("#id_months", "10")
    no_js.fill("#id_budget", "15000")
    no_js.fill("#id_timeline", "12")

    with no_js.expect_navigation():
        no_js.locator("#checklist-form [type=submit]").click()

    assert "accreditor=caahep" in no_js.url
    verdicts = {
        factor: no_js.locator(f"[data-factor='{factor}']").first.get_attribute("data-verdict")
        for factor in ("accreditation", "curriculum", "hands-on", "cost-duration", "placement")
    }
    assert verdicts == {
        "accreditation": "meets",
        "curriculum": "meets",
        "hands-on": "concern",
        "cost-duration": "meets",
        "placement": "check",
    }


def test_without_javascript_the_eligibility_checker_answers(no_js):
    visit(no_js, "eligibility", "/certifications/eligibility/")
    no_js.check("#id_training_0")  # an accredited program
    no_js.fill("#id_work_hours", "0")
    no_js.check("input[name=diploma][value=yes]")
    with no_js.expect_navigation():
        no_js.locator("#eligibility-form [type=submit]").click()
    # The second step asks what the first answers open.
    no_js.check("input[name=status_accredited][value=finished]")
    no_js.fill("#id_months_since_accredited", "6")
    with no_js.expect_navigation():
        no_js.locator("#eligibility-form [type=submit]").click()

    assert "training=accredited" in no_js.url
    answers = no_js.locator("[data-certification]")
    assert answers.count() >= 4
    slugs = {answers.nth(i).get_attribute("data-certification") for i in range(answers.count())}
    assert {"cma", "rma", "ncma", "ccma"} <= slugs
    assert no_js.locator("[data-certification='cma']").first.get_attribute("data-eligibility") == "eligible"
