"""Quiet citations: beside each figure its source and period in short form, the full citation one click away."""

import re
from collections import Counter
from html import unescape

import pytest
from django.urls import reverse

from tests.citations import citations, visible_text

pytestmark = pytest.mark.usefixtures("seeded")


def key_figure_cards(html):
    return re.findall(r'<div class="key-figure">(.*?)\n        </div>', html, re.S)


def test_a_home_key_figure_card_shows_the_figure_first_and_its_source_in_short(client):
    html = client.get("/").content.decode()
    wage_card = key_figure_cards(html)[0]
    shown = visible_text(wage_card)
    assert shown.startswith("$44,200 Median annual wage, medical assistants (May 2024)"), shown
    assert "Source: BLS, May 2024" in shown and "Source: BLS, May 2021" in shown
    assert "U.S. Bureau of Labor Statistics" not in shown and "confirm at bls.gov" not in shown
    # Citations take a small share of what the card shows (they took about 70% when printed in full).
    citation_text = sum(len(cite.short) for cite in citations(wage_card))
    assert citation_text < 0.4 * len(shown), (citation_text, len(shown))


def test_one_click_on_the_short_form_opens_every_fact_of_the_full_citation(client):
    html = client.get("/").content.decode()
    cite = citations(key_figure_cards(html)[0])[0]
    assert cite.short == "BLS, May 2024 (full citation)"
    assert cite.full == (
        "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS), May 2024: "
        "national estimates (undated; checked Nov 2026) — read in a copy of the official data file. "
        "BLS data, via a public copy of the official file — confirm at bls.gov."
    )
    assert '<a href="https://www.bls.gov/oes/current/oes_nat.htm">' in cite.full_html
    growth = citations(key_figure_cards(html)[1])
    assert [c.short for c in growth] == ["BLS, 2024–2034 (full citation)", "BLS, 2021–2031 (full citation)"]
    assert "Employment Projections, Table 1.2" in growth[0].full
    # A third-party source keeps its note in the full citation.
    path = citations(key_figure_cards(html)[2])[0]
    assert path.short == "undated article (full citation)"
    assert path.full.endswith("read in a third-party summary, reported by a third party.")


PAGES = [
    "/",
    "/about/",
    "/programs/paths/",
    "/certifications/",
    "/certifications/cma/",
    "/certifications/rma/",
    "/careers/",
    "/careers/medical-office-manager/",
    "/careers/salaries/",
    "/careers/salaries/?view=article",
    "/careers/salaries/states/",
    "/careers/salaries/history/medical-assistants/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_short_citation_opens_its_own_full_citation(client, path):
    html = client.get(path).content.decode()
    cites = citations(html)
    ids = Counter(re.findall(r'<[^>]* id="(cite-[^"]+)"', html))
    assert all(count == 1 for count in ids.values()), [i for i, n in ids.items() if n > 1]
    for cite in cites:
        assert cite.full.startswith("Source: "), (path, cite)
        assert re.search(r"checked [A-Z][a-z]{2} \d{4}\) — read (on|in) ", cite.full), (path, cite)
        # What the visitor sees is short: a publisher or "article" and a period, not the citation itself.
        assert len(cite.shown) <= 60, (path, cite.shown)


def test_months_of_pay_reads_its_source_without_a_stray_space(client):
    answers = {"name": "Mine", "accreditor": "caahep", "cost": "9000", "months": "10", "state": "CA"}
    html = unescape(client.get(reverse("programs:checklist"), answers).content.decode())
    sentence = re.search(r'<p class="months-of-pay".*?</p>', html, re.S).group(0)
    text = visible_text(sentence)
    assert "(Source: BLS, May 2024)" in text, text
    assert "( Source" not in text


def test_the_salary_notes_give_each_full_citation_below_the_table(client):
    html = client.get(reverse("careers:salaries")).content.decode()
    notes = re.search(r'<ol class="salary-notes small">(.*?)</ol>', html, re.S).group(1)
    shown = visible_text(notes)
    oews = "Occupational Employment and Wage Statistics (OEWS), May 2024"
    assert f"Source: U.S. Bureau of Labor Statistics, {oews}" in shown
    assert "confirm at bls.gov" in shown
