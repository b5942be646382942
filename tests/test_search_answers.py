"""Search that answers (#27): synonyms held as content, stems, states, credential pairs, quick answers with figure,
period and source, Spanish quick answers, and a no-results page that links onward."""

import re
from html import unescape

import pytest
from django.urls import reverse

from content.models import SearchSynonym
from content.published import is_content

pytestmark = pytest.mark.usefixtures("seeded")

SEARCH = "/search/"


def answer(response):
    html = response.content.decode()
    match = re.search(r'<section[^>]*data-answer="([^"]+)"[^>]*>(.*?)</section>', html, re.S)
    if not match:
        return None, ""
    return match.group(1), re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", match.group(2))))


def kinds(response):
    return re.findall(r'data-search-kind="([^"]+)"', response.content.decode())


@pytest.mark.parametrize(
    ("query", "kind", "words"),
    [
        ("texas pay", "state-pay", ["Texas: medical assistants' median pay $38,930 a year (May 2024)", "Source:"]),
        ("TX salary", "state-pay", ["Texas", "$38,930", "May 2024"]),
        ("texas", "state-pay", ["$38,930"]),
        ("cma exam cost", "exam-fee", ["CMA exam fee: $125", "Source:"]),
        ("how long", "length", ["9–12 months", "Source:"]),
        ("salary", "pay", ["$44,200", "May 2024", "Source:"]),
        (
            "cna vs ma",
            "compare-occupations",
            ["Nursing assistants: median pay $39,530", "Medical assistants", "Source:"],
        ),
        ("cuánto gana", "pay", ["salario medio anual $44,200", "Source:"]),
        ("salario", "pay", ["$44,200"]),
        ("certificación", "certifications", ["CMA", "RMA", "NCMA", "CCMA"]),
        ("cuanto dura", "length", ["9–12 months"]),
    ],
)
def test_a_question_gets_a_quick_answer_with_its_figure_period_and_source(client, query, kind, words):
    found, text = answer(client.get(SEARCH, {"q": query}))
    assert found == kind, (query, text)
    for word in words:
        assert word in text, (query, text)


def test_spanish_quick_answers_are_marked_as_spanish(client):
    html = client.get(SEARCH, {"q": "cuánto gana"}).content.decode()
    assert re.search(r'data-answer="pay"[^>]*lang="es"', html)


def test_a_credential_pair_links_to_the_comparison_with_both_selected(client):
    html = client.get(SEARCH, {"q": "cma vs rma"}).content.decode()
    assert 'data-answer="compare-certifications"' in html
    assert f'href="{reverse("certifications:certification-list")}?c=cma&amp;c=rma"' in html


def test_phlebotomy_finds_the_phlebotomists_pay_first(client):
    response = client.get(SEARCH, {"q": "phlebotomy"})
    assert kinds(response)[0] == "occupations"
    assert (
        "Phlebotomists" in response.content.decode().split('data-search-kind="occupations"')[1].split("</section>")[0]
    )


def test_plurals_and_stems_match(client):
    assert "occupations" in kinds(client.get(SEARCH, {"q": "salaries"}))
    assert "certifications" in kinds(client.get(SEARCH, {"q": "certifications"}))


def test_online_programs_are_the_programs_taught_online(client, make_program):
    make_program("online-one", delivery_format="online", institution="Example Web College")
    make_program("in-person-one", institution="Example Brick College")
    html = client.get(SEARCH, {"q": "online programs"}).content.decode()
    assert "Example Web College" in html
    assert "Example Brick College" not in html


def test_the_synonyms_are_content_an_editor_can_change(client):
    assert is_content(SearchSynonym)
    assert kinds(client.get(SEARCH, {"q": "bloodwork"})) == []
    SearchSynonym.objects.create(key="blood", terms="bloodwork, blood draw, phlebotomy")
    assert "occupations" in kinds(client.get(SEARCH, {"q": "bloodwork"}))


def test_the_synonyms_are_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:content_searchsynonym_changelist")).status_code == 200


def test_a_search_with_no_results_links_onward(client):
    html = client.get(SEARCH, {"q": "salry zzqx"}).content.decode()
    assert "data-search-onward" in html
    onward = html.split("data-search-onward")[1].split("</nav>")[0]
    assert "salary" in onward  # the closest term the site knows
    for url in (reverse("careers:salaries"), reverse("programs:paths"), reverse("certifications:certification-list")):
        assert f'href="{url}"' in onward


def test_a_zip_code_finds_the_programs_there_and_links_to_those_near_it(client, make_program):
    make_program("miami-ma", institution="Bayside Miami College", city="Miami", state="FL", zip_code="33125")
    make_program("austin-ma", institution="Hill Country Tech", city="Austin", state="TX", zip_code="78701")
    response = client.get(SEARCH, {"q": "33125"})
    kind, text = answer(response)
    assert kind == "near"
    assert "Programs near ZIP code 33125" in text
    assert 'href="/programs/?near=33125"' in response.content.decode()
    html = response.content.decode()
    assert "Bayside Miami College" in html and "Hill Country Tech" not in html
    assert answer(client.get(SEARCH, {"q": "00000"}))[0] != "near"  # not a ZIP the data know
