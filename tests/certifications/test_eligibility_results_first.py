"""An answered eligibility checker shows its results first and no form; a "not yet" or "not eligible" verdict names
the next step with links; the time since training is asked in months, and old links in years move to months.

Every request goes through the real middleware, page cache included.
"""

import datetime
import re
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from certifications.models import Accreditor, EligibilityRoute
from programs.models import EducationPath, Program

pytestmark = pytest.mark.usefixtures("seeded")

URL = reverse("certifications:eligibility")
GRADUATE = {
    "training": "accredited",
    "status_accredited": "finished",
    "months_since_accredited": "6",
    "work_hours": "0",
    "diploma": "yes",
}
NO_TRAINING = {"training": "none", "work_hours": "0", "diploma": "yes"}


def get(client, answers, *, follow=False):
    return client.get(URL + "?" + urlencode(answers, doseq=True), follow=follow)


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def outcome(response, slug):
    match = re.search(rf'<article[^>]*data-certification="{slug}"[^>]*>.*?</article>', main(response), re.S)
    assert match, f"no result for {slug}"
    return match.group(0)


def verdict(response, slug):
    return re.search(r'data-eligibility="([^"]+)"', outcome(response, slug)).group(1)


def next_step(response, slug):
    """The next-step block of one certification's result, or None."""
    match = re.search(r'<div class="eligibility-next" data-next-step>.*?</div>', outcome(response, slug), re.S)
    return match.group(0) if match else None


def links(html):
    return [unescape(href) for href in re.findall(r'<a href="([^"]+)"', html)]


def test_an_answered_checker_shows_the_results_and_a_summary_of_the_answers_and_no_form(client):
    response = get(client, GRADUATE)
    assert response.status_code == 200
    page = main(response)
    assert "<form" not in page and "<input" not in page
    assert verdict(response, "cma") == "eligible"
    assertContains(
        response,
        "An accredited medical assisting program, finished 6 months ago; 0 hours of medical assisting work; "
        "a high-school diploma or GED.",
    )
    assert page.index("Your answers:") < page.index("data-eligibility=")


def test_change_your_answers_is_the_same_address_plus_edit_and_shows_the_form_filled_in(client):
    result = get(client, GRADUATE)
    link = unescape(re.search(r'<a class="results-change" href="([^"]+)">Change your answers</a>', main(result))[1])
    query = parse_qs(urlsplit(link).query)
    assert query.pop("edit") == ["1"]
    assert query == {name: [value] for name, value in GRADUATE.items()}

    form = client.get(URL + link)
    assert form.status_code == 200
    assert form.wsgi_request.GET.get("edit") == "1", "the page cache stripped edit: it is not a declared parameter"
    page = main(form)
    assert 'id="eligibility-form"' in page and "data-eligibility=" not in page
    assert re.search(r'<input type="checkbox"[^>]*name="training" value="accredited"[^>]*checked', page)
    assert re.search(r'<input type="radio"[^>]*name="status_accredited" value="finished"[^>]*checked', page)
    assert re.search(r'<input type="radio"[^>]*name="diploma" value="yes"[^>]*checked', page)
    assert re.search(r'name="months_since_accredited" value="6"', page)
    assert 'name="edit"' not in page  # submitting leads back to results
    assert again_without_edit(page) == {name: [value] for name, value in GRADUATE.items()}


def again_without_edit(page):
    back = re.search(r'<a href="([^"]+)">Back to your results</a>', page)
    assert back, "no way back to the results"
    return parse_qs(urlsplit(unescape(back[1])).query)


def test_a_question_the_checker_still_needs_links_to_its_field_in_the_filled_in_form(client):
    response = get(client, {"training": "none", "work_hours": "0"})
    needs = re.search(r'<div class="eligibility-needs.*?</div>', main(response), re.S).group(0)
    (href,) = [link for link in links(needs) if link.endswith("#div_id_diploma")]
    assert parse_qs(urlsplit(href).query)["edit"] == ["1"]
    form = client.get(URL + href.split("#")[0])
    assert 'id="div_id_diploma"' in main(form)


def test_wrong_answers_show_the_form_with_their_errors(client):
    response = get(client, {**GRADUATE, "work_hours": "lots", "months_since_accredited": "-3"})
    assert response.status_code == 400
    page = main(response)
    assert 'id="eligibility-form"' in page
    assertContains(response, "Please check 2 answers", status_code=400)
    assert 'href="#div_id_work_hours"' in page and 'href="#div_id_months_since_accredited"' in page


@pytest.mark.parametrize("query", [{}, {"edit": "1"}, {"training": "", "work_hours": ""}])
def test_an_unanswered_checker_shows_the_form_as_before(client, query):
    response = get(client, query)
    assert response.status_code == 200
    assert 'id="eligibility-form"' in main(response)
    assertNotContains(response, "data-eligibility=")


def _program(slug, accreditor):
    return Program.objects.create(
        slug=slug,
        institution="Example Test College",
        name=f"Example Program {slug}",
        city="Exampleville",
        state="OH",
        delivery_format=Program.Format.IN_PERSON,
        path=EducationPath.objects.get(slug="certificate-or-diploma"),
        accreditor=Accreditor.objects.get(slug=accreditor) if accreditor else None,
        accreditor_known=True,
        total_cost=10000,
        months=10,
        has_externship=True,
        has_placement_help=True,
        last_verified=datetime.date(2026, 11, 1),
        is_example=True,
    )


def test_not_eligible_names_the_next_step_the_directory_filtered_to_what_opens_the_route(client):
    caahep, abhes, unaccredited = _program("by-caahep", "caahep"), _program("by-abhes", "abhes"), _program("none", None)
    response = get(client, NO_TRAINING)
    assert verdict(response, "cma") == "not-eligible"
    step = next_step(response, "cma")
    assert step, "a not-eligible verdict without a next step"
    assert "A medical assisting program accredited by CAAHEP or ABHES may open the “Category 1” route" in step
    category_1 = EligibilityRoute.objects.get(certification__slug="cma", code="category-1")
    hrefs = links(step)
    assert "/programs/?accreditor=caahep" in hrefs and "/programs/?accreditor=abhes" in hrefs
    assert reverse("programs:paths") in hrefs
    assert category_1.where_to_confirm in hrefs
    # The filtered directory lists the programs that would open the route, and not the others.
    listed = main(client.get("/programs/?accreditor=caahep"))
    assert caahep.get_absolute_url() in listed
    assert abhes.get_absolute_url() not in listed and unaccredited.get_absolute_url() not in listed


def test_not_yet_names_what_to_wait_or_work_for_and_the_program_that_may_open_another_route(client):
    response = get(client, NO_TRAINING)
    assert verdict(response, "rma") == "not-yet"
    step = next_step(response, "rma")
    assert "The “Work experience” route fits after 5,616 more hours of medical assisting work" in step
    # AMT names no accreditors: the directory is filtered to what the route does name, an externship.
    assert "may open the “Education” route" in step
    assert "/programs/?externship=yes" in links(step)
    assert reverse("programs:paths") in links(step)


def test_a_student_waiting_to_finish_is_not_sent_to_the_directory(client):
    response = get(
        client,
        {"training": "accredited", "status_accredited": "in-training", "finish_in_30_days_accredited": "no"},
    )
    assert verdict(response, "cma") == "not-yet"
    step = next_step(response, "cma")
    assert "within 30 days of finishing your program" in step
    assert not [link for link in links(step) if link.startswith("/programs/?")]


def test_an_eligible_or_conditional_verdict_has_no_next_step_block(client):
    response = get(client, GRADUATE)
    assert verdict(response, "cma") == "eligible" and next_step(response, "cma") is None
    assert verdict(response, "rma") == "conditional" and next_step(response, "rma") is None


@pytest.mark.parametrize(
    ("answers", "category_1"),
    [
        ({"months_since_accredited": "12"}, "Fits now."),
        ({"months_since_accredited": "13"}, "Does not fit: asks for training that ended at most 1 year ago."),
        # Links made before, in years, move to the same answer in months.
        ({"years_since_accredited": "1"}, "Fits now."),
        ({"years_since_accredited": "1.5"}, "Does not fit: asks for training that ended at most 1 year ago."),
    ],
)
def test_the_time_since_training_is_asked_in_months_and_old_links_in_years_still_read(client, answers, category_1):
    response = get(client, {"training": "accredited", "status_accredited": "finished", **answers}, follow=True)
    line = re.search(r"<li><strong>Category 1</strong>: ([^<]*)", outcome(response, "cma")).group(1)
    assert line.strip() == category_1


def test_an_old_link_in_years_reads_back_in_months(client):
    response = get(client, {"training": "accredited", "status": "finished", "years_since_training": "1.5"}, follow=True)
    assertContains(response, "An accredited medical assisting program, finished 18 months ago.")
    form = get(client, {"training": "accredited", "years_since_accredited": "0.5", "edit": "1"}, follow=True)
    assert 'name="months_since_accredited" value="6"' in main(form)


def test_training_that_ended_too_long_ago_is_not_answered_with_another_program(client):
    """A route closed for its time limit, not for the training it asks, is no reason to send anyone back to school."""
    response = get(client, {**GRADUATE, "months_since_accredited": "120"})
    assert verdict(response, "rma") == "not-yet"
    step = next_step(response, "rma")
    assert "The “Work experience” route fits after 5,616 more hours" in step
    assert "may open" not in step
    assert not [link for link in links(step) if link.startswith("/programs/?")]


def test_a_graduate_past_the_student_route_is_not_sent_back_to_school_for_it(client):
    """NCMA's student route is closed to a graduate for being a graduate, its graduate route for the time since."""
    response = get(
        client,
        {
            "training": "other-program",
            "status_other_program": "finished",
            "months_since_other_program": "120",
            "work_hours": "0",
            "diploma": "yes",
        },
    )
    assert verdict(response, "ncma") == "not-yet"
    step = next_step(response, "ncma")
    assert "The “Work experience” route fits after 4,160 more hours of medical assisting work" in step
    assert "may open" not in step
    assert not [link for link in links(step) if link.startswith("/programs/?")]
