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


# On screen beside the result, left off the paper: the site around it, the summaries and how the checklist decides.
LEFT_OFF_PAPER = ("header", "footer", ".site-nav", ".checklist-summaries", "[aria-labelledby=how-checklist-decides]")


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
def test_the_checklist_of_one_program_prints_on_one_page(printing, paper):
    _printed(printing, ONE_PROGRAM)
    pages = len(PDF_PAGE.findall(printing.pdf(format=paper)))
    assert pages == 1, f"the checklist prints on {pages} {paper} pages"
