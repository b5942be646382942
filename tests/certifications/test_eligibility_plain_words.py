"""An eligibility result leads with the news: a summary, best verdict first, then the cards in the same order, each
opening with a headline in plain words a grade-8 reader follows (Flesch–Kincaid, by textstat), short names spelled
out once, and the body's own wording and our confidence folded under the card's details."""

import re
from html import unescape
from statistics import mean
from urllib.parse import urlencode

import pytest
import textstat
from django.urls import reverse

from certifications.models import Accreditor, Certification, CertifyingBody
from certifications.results import VERDICTS

from .test_eligibility_cases import CASES

pytestmark = pytest.mark.usefixtures("seeded")

URL = reverse("certifications:eligibility")
MOST_GRADE = 8


def results_section(response):
    html = response.content.decode()
    start = html.index('<section aria-labelledby="your-results"')
    return html[start : html.index("</section>", start)]


def text(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def summary(section):
    match = re.search(r"<div[^>]*data-summary>.*?</div>", section, re.S)
    assert match, "no data-summary"
    return match.group(0)


def cards(section):
    """(slug, verdict, html) of each card, in page order."""
    return re.findall(
        r'<article[^>]*data-certification="([^"]+)" data-eligibility="([^"]+)"[^>]*>(.*?)</article>', section, re.S
    )


def one(pattern, html):
    match = re.search(pattern, html, re.S)
    return text(match.group(1)) if match else None


def _page(client, answers):
    response = client.get(URL + "?" + urlencode(answers, doseq=True), follow=True)
    assert response.status_code == 200
    return results_section(response)


# The existing cases of test_eligibility_cases.py whose answers make distinct result pages.
ANSWERS = list({urlencode(case[1], doseq=True): case[1] for case in CASES}.values())


def test_the_summary_headlines_and_next_steps_read_at_grade_8_or_below(client):
    grades = {}
    for answers in ANSWERS:
        section = _page(client, answers)
        key = urlencode(answers, doseq=True)
        grades[(key, "summary")] = textstat.flesch_kincaid_grade(text(summary(section)))
        for slug, _verdict, card in cards(section):
            grades[(key, f"{slug} headline")] = textstat.flesch_kincaid_grade(
                one(r"<p[^>]*data-headline>(.*?)</p>", card)
            )
            step = re.search(r"<div[^>]*data-next-step>(.*?)</div>", card, re.S)
            if step is not None:
                # The next step in plain words; the lines that quote the route in the body's terms are apart.
                plain = re.sub(r"<h4.*?</h4>|<li data-body-words>.*?</li>", "", step.group(1), flags=re.S)
                assert "data-next-plain" in plain
                grades[(key, f"{slug} next step")] = textstat.flesch_kincaid_grade(text(plain))
    too_hard = {where: grade for where, grade in grades.items() if grade > MOST_GRADE}
    print(
        f"\n{len(ANSWERS)} result pages, {len(grades)} texts: grade max {max(grades.values())}, "
        f"mean {mean(grades.values()):.1f}"
    )
    assert not too_hard, too_hard


@pytest.mark.parametrize("answers", ANSWERS)
def test_the_summary_comes_first_best_verdict_first_and_each_line_leads_to_its_card(client, answers):
    section = _page(client, answers)
    found = cards(section)
    assert section.index("data-summary") < section.index("<article"), "a card before the summary"
    line = r'<li data-summary-line="([^"]+)" data-eligibility="[^"]+"><a href="#([^"]+)">'
    lines = re.findall(line, summary(section))
    assert [slug for slug, _ in lines] == [slug for slug, _, _ in found], "the cards are not in the summary's order"
    for slug, anchor in lines:
        assert anchor == f"outcome-{slug}" and f'id="outcome-{slug}"' in section
    assert re.findall(r'data-summary-line="[^"]+" data-eligibility="([^"]+)"', section) == [v for _, v, _ in found]
    ranks = [VERDICTS.index(verdict) for _, verdict, _ in found]
    assert ranks == sorted(ranks), f"not best first: {[v for _, v, _ in found]}"
    assert len(found) == Certification.objects.count()


def test_someone_with_three_years_of_work_reads_the_ncma_news_first(client):
    section = _page(client, {"training": "none", "work_months": "36", "hours_per_week": "40", "work_last_5": "all"})
    first = text(re.search(r"<li data-summary-line[^>]*>.*?</li>", summary(section), re.S).group(0))
    assert first == "You can apply for the NCMA now."
    assert cards(section)[0][:2] == ("ncma", "eligible")
    cma = text(re.search(r'<li data-summary-line="cma"[^>]*>.*?</li>', summary(section), re.S).group(0))
    assert cma == "CMA: not by the published ways to qualify — here is why."


def test_every_short_name_is_spelled_out_once_before_the_cards(client):
    section = _page(client, {"training": "none", "work_hours": "0", "diploma": "yes"})
    names = re.search(r"<p[^>]*data-names-in-full>(.*?)</p>", section, re.S)
    assert names, "no short names spelled out"
    assert section.index("data-names-in-full") < section.index("<article")
    named = text(names.group(1))
    everyone = [*Certification.objects.all(), *CertifyingBody.objects.all(), *Accreditor.objects.all()]
    for thing in everyone:
        if re.search(rf"\b{thing.abbreviation}\b", text(section)):
            assert named.count(f"{thing.abbreviation} is the {thing.name}") == 1, thing.abbreviation
            assert text(section).count(thing.name + ";") + text(section).count(thing.name + ".") >= 1


def test_the_sources_words_and_the_confidence_are_folded_under_the_details(client):
    section = _page(client, {"training": "accredited", "status_accredited": "finished", "months_since_accredited": "6"})
    for _slug, _verdict, card in cards(section):
        outside = re.sub(r"<details.*?</details>", "", card, flags=re.S)
        assert "as the source states it" not in outside and "Confidence:" not in outside
        details = re.search(r"<details.*?</details>", card, re.S).group(0)
        assert "Confidence:" in details
        assert "way to qualify" in text(details)
    assert "as the source states it" in section
