"""Every source says where its facts were read (issuer's page, data file's copy, third party); the pages follow."""

import re
from html import unescape

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from content.models import Source

from .test_wording import _host, is_issuer_host, issuer_domains, main_text

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.mark.parametrize(
    ("key", "provenance"),
    [
        ("aama-cma-eligibility", "issuer-page"),
        ("aama-cma-eligibility-no-work-route", "issuer-page"),
        ("amt-stay-certified", "issuer-page"),
        ("ncct-site", "issuer-page"),
        ("nha-knowledge-base-testing", "issuer-page"),
        ("bls-ooh-phlebotomists", "issuer-page"),
        ("bls-2021-via-article", "article"),
        ("third-party-bls-medical-assistants", "data-file-copy"),
        ("third-party-bls-medical-records-specialists", "data-file-copy"),
        ("carrington-ccma-eligibility", "third-party"),
        ("third-party-rma-eligibility", "third-party"),
        ("nc-cte-ccma-listing", "third-party"),
        ("seed-article", "third-party"),
    ],
)
def test_each_seeded_source_says_where_it_was_read(key, provenance):
    assert Source.objects.get(key=key).provenance == provenance


def test_every_seeded_source_has_a_provenance_and_every_issuer_url_is_the_issuers_own_page():
    domains = issuer_domains()
    assert not Source.objects.filter(provenance="").exists()
    for source in Source.objects.exclude(url=""):
        if is_issuer_host(_host(source.url), domains):
            assert source.provenance != Source.Provenance.THIRD_PARTY, source.key


def test_a_citation_says_where_its_fact_was_read(client):
    html = client.get(reverse("certifications:certification-detail", kwargs={"slug": "cma"})).content.decode()
    assert "read on the issuer's own page" in unescape(html)
    salaries = unescape(client.get(reverse("careers:salaries")).content.decode())
    assert "read in a copy of the official data file" in salaries
    careers = unescape(client.get(reverse("careers:career-list")).content.decode())
    assert "read in a third-party summary" in careers


def test_the_seed_article_is_cited_by_its_title_as_an_undated_article(client):
    text = main_text(client.get(reverse("careers:career-list")))
    assert "“Medical Assistant Careers: Steps to Training and Certification”, an undated article" in text
    assert "CareerPath seed article" not in text
    about = unescape(client.get(reverse("about")).content.decode())
    assert "CareerPath seed article" not in about
    assert "seed article" not in about


def test_the_about_page_lists_where_each_source_was_read_not_a_confidence(client):
    response = client.get(reverse("about"))
    assertContains(response, '<th scope="col">Where it was read</th>')
    assertNotContains(response, '<th scope="col">Confidence</th>')
    html = unescape(response.content.decode())
    row = re.search(r"CMA \(AAMA\) Exam Eligibility: no work-experience.*?</tr>", html, re.S).group(0)
    assert "the issuer's own page" in row


def test_an_editor_sets_where_a_source_was_read_and_the_page_follows(editor_client, client):
    source = Source.objects.get(key="bls-ooh-phlebotomists")
    url = reverse("admin:content_source_change", args=[source.pk])
    form = editor_client.get(url)
    assertContains(form, "a copy of the official data file")
    data = {
        "key": source.key,
        "publisher": source.publisher,
        "title": source.title,
        "url": "",
        "published": source.published,
        "seen_on": source.seen_on.isoformat(),
        "provenance": Source.Provenance.THIRD_PARTY,
        "confidence": source.confidence,
        "notes": "",
    }
    assert editor_client.post(url, data).status_code == 302
    source.refresh_from_db()
    assert source.provenance == Source.Provenance.THIRD_PARTY
    response = client.get(reverse("careers:career-detail", kwargs={"slug": "phlebotomy"}))
    cite = re.search(
        r"Occupational Outlook Handbook: Phlebotomists.*?</span>\.</span>", response.content.decode(), re.S
    )
    assert "read in a third-party summary" in unescape(cite.group(0))
    # A source must say where it was read: the admin will not save one that does not.
    data["provenance"] = ""
    assert editor_client.post(url, data).status_code == 200
