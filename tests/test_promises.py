"""Issue #27's over- and under-promises, each pinned: the CCMA's apprenticeship and military cases, the careers
overview's caveat before a borrowed figure, the accreditation wording, a program without a practicum, and the
two source labels."""

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from certifications.eligibility import program_outlooks
from programs import checklist

pytestmark = pytest.mark.usefixtures("seeded")

ELIGIBILITY = reverse("certifications:eligibility")


def visible(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def result_of(response, slug):
    html = response.content.decode()
    match = re.search(
        rf'<article[^>]*data-certification="{slug}" data-eligibility="([^"]+)"[^>]*>(.*?)</article>', html, re.S
    )
    assert match, f"no card for {slug}"
    return match.group(1), re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(2)))


# --- CCMA: NHA's "a completed training program", which it weighs itself for an apprenticeship or the military.


@pytest.mark.parametrize(
    ("answers", "trained"),
    [
        (
            {
                "training": "apprenticeship",
                "status_apprenticeship": "finished",
                "months_since_apprenticeship": "1",
                "work_hours": "0",
                "diploma": "yes",
            },
            "apprenticeship",
        ),
        (
            {
                "training": "military",
                "status_military": "finished",
                "months_since_military": "6",
                "work_hours": "0",
                "diploma": "yes",
            },
            "military training",
        ),
    ],
    ids=["12-month apprenticeship", "military medical training"],
)
def test_ccma_after_an_apprenticeship_or_military_training_is_confirm_with_nha_never_not_yet(client, answers, trained):
    response = client.get(ELIGIBILITY + "?" + urlencode(answers))
    assert response.status_code == 200
    verdict, text = result_of(response, "ccma")
    assert verdict == "conditional", text
    assert f"NHA counts your {trained} as a completed training program" in text
    assert "confirm with NHA" in text
    assert "Not yet" not in text.split("Next steps")[0]


# --- /careers/: the caveat comes before the borrowed $117,960, on the overview too.


def test_the_careers_overview_says_a_borrowed_figure_is_not_the_roles_own_before_the_number(client):
    page = visible(client.get(reverse("careers:career-list")))
    places = [m.start() for m in re.finditer(r"\$117,960", page)]
    assert places, "the managers' figure is on the overview"
    for place in places:
        before = page[max(0, place - 260) : place]
        assert "not this role’s own pay" in before or "Not a figure for this role as such" in before, before


# --- The accreditation factor says what the facts say, and what it closes and leaves open.


def test_a_program_accredited_by_neither_is_said_to_be_exactly_that():
    verdict, reason = checklist.accreditation_verdict(checklist.NONE)
    assert verdict == checklist.CONCERN
    assert "recognized accreditor" not in reason.split(";")[0]
    assert reason.startswith("Not accredited by CAAHEP or ABHES")
    assert "closes the CMA’s Categories 1 and 2" in reason
    for still_open in ("CMA Category 4", "RMA", "NCMA", "CCMA"):
        assert still_open in reason.split("closes")[1]


# --- A program known to have no practicum does not open the CMA's Category 1.


def test_a_program_without_a_practicum_does_not_open_cma_category_1(make_program):
    program = make_program("no-practicum", accreditor="caahep", has_externship=False)
    cma = {o.certification.slug: o for o in program_outlooks([program])[program.pk]}["cma"]
    assert cma.route is None or cma.route.code != "category-1"
    assert cma.verdict != "eligible"


def test_the_rma_apprenticeship_route_is_not_offered_to_a_program_graduate(make_program):
    program = make_program("no-externship", has_externship=False)
    rma = {o.certification.slug: o for o in program_outlooks([program])[program.pk]}["rma"]
    assert rma.route is None or rma.route.code != "apprenticeship"
    assert "Apprenticeship or workforce program" not in rma.explanation


# --- The two source labels.


def test_the_articles_2021_figures_are_labelled_as_read_in_the_article(client):
    from content.models import Source

    source = Source.objects.get(key="bls-2021-via-article")
    assert source.provenance_text == "read in the article that quotes it"
    assert source.confirm_note == ""


def test_the_home_pages_growth_sentence_has_its_source_and_period_beside_it(client):
    html = client.get(reverse("home")).content.decode()
    match = re.search(r"<p[^>]*data-statement=\"outlook_demand\"[^>]*>(.*?)</p>", html, re.S)
    assert match, "the growth sentence is marked"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1)))
    assert "expected to grow faster than average" in text
    assert "Source:" in text and "2021–2031" in text
