"""A printed checklist: one sheet with the verdicts and the questions to ask the school, without the site around it."""

import re

import pytest

from .harness import visit
from .pages import CHECKLIST_ONE, CHECKLIST_THREE, _query

pytestmark = pytest.mark.browser

ONE_PROGRAM = "/programs/checklist/" + _query(CHECKLIST_ONE)
THREE_PROGRAMS = "/programs/checklist/" + _query(CHECKLIST_THREE)
# A page object of the PDF Chromium prints (not the /Pages tree that lists them).
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def _printed(page, path=THREE_PROGRAMS):
    visit(page, "checklist", path)
    page.emulate_media(media="print")


@pytest.fixture
def printing(desktop):
    yield desktop
    desktop.emulate_media(media="screen")


# On screen beside the result, left off the paper: the site around it, the summaries, how the checklist decides, and
# the state medians and what accreditation means for certification (so that three programs fit one sheet).
LEFT_OFF_PAPER = (
    "header",
    "footer",
    ".site-nav",
    ".checklist-summaries",
    "[aria-labelledby=how-checklist-decides]",
    ".checklist-state-pay",
    "[aria-labelledby=accreditation-certification]",
)


def test_a_printed_checklist_leaves_out_the_site_around_it_and_the_explanations(printing):
    visit(printing, "checklist", THREE_PROGRAMS)
    for selector in LEFT_OFF_PAPER:
        assert printing.locator(selector).first.is_visible(), f"{selector} is not on the screen"
    printing.emulate_media(media="print")
    for selector in LEFT_OFF_PAPER:
        assert not printing.locator(selector).first.is_visible(), f"{selector} is printed"
    assert printing.locator(".checklist-table").is_visible()


def test_a_printed_checklist_asks_each_factors_question_beside_it_not_under_each_verdict(printing):
    _printed(printing)
    questions = printing.locator(".checklist-table .checklist-print-question")
    assert questions.count() == 5
    assert all(questions.nth(n).is_visible() for n in range(5))
    assert not printing.locator(".checklist-table .verdict-question").first.is_visible()


@pytest.mark.parametrize("paper", ["Letter", "A4"])
@pytest.mark.parametrize("path", [ONE_PROGRAM, THREE_PROGRAMS], ids=["one-program", "three-programs"])
def test_the_checklist_prints_on_one_page_as_it_says(printing, paper, path):
    _printed(printing, path)
    assert printing.get_by_text("the printout fits on one page").count() == 1  # what the page promises on screen
    assert printing.locator(".months-of-pay").first.is_visible()  # the cost in months of pay is on the paper
    pdf = printing.pdf(format=paper)
    pages = len(PDF_PAGE.findall(pdf))
    assert pages == 1, f"the checklist prints on {pages} {paper} pages"
