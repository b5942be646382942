"""Every sentence is as strong as its source and no stronger: a walk over every public page and form result.

A visitor deciding on a program or an exam reads these claims as facts: the list of certifications,
who reported a fact, how old a figure is, whether a program is real and what a role pays.
"""

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from certifications.models import Accreditor, CertifyingBody
from content.models import Source
from programs.models import Program

pytestmark = pytest.mark.usefixtures("seeded")

# A list introduced by "Popular certifications include" is not all there is.
AS_IF_COMPLETE = re.compile(r"\b(the|all|only) (four|4) (medical assistant |medical assisting )?certifications\b", re.I)
# BLS publishes hourly medians (research: wages-2024-and-projections-2024-34.md).
DENIES_BLS_HOURLY = re.compile(
    r"not a (figure|number|wage) (that )?(the )?(Bureau of Labor Statistics|BLS) publishes"
    r"|(Bureau of Labor Statistics|BLS) (does not|doesn't|do not) publish",
    re.I,
)
THIRD_PARTY = re.compile(r"third[- ]party|third party", re.I)


class _Reader(HTMLParser):
    """Collects a page's visible text, its meta description and each source citation (text and link hosts)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.meta_description = ""
        self.citations = []  # [text, [hosts]]
        self._cite_depth = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "meta" and attrs.get("name") == "description":
            self.meta_description = attrs.get("content") or ""
        if tag == "span":
            if self._cite_depth:
                self._cite_depth += 1
            elif "source-cite" in (attrs.get("class") or "").split():
                self._cite_depth = 1
                self.citations.append(["", []])
        if tag == "a" and self._cite_depth and attrs.get("href"):
            self.citations[-1][1].append(_host(attrs["href"]))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if tag == "span" and self._cite_depth:
            self._cite_depth -= 1

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._cite_depth:
            self.citations[-1][0] += data


def _host(url):
    return (urlsplit(url).hostname or "").removeprefix("www.")


def read(response):
    reader = _Reader()
    reader.feed(response.content.decode())
    text = " ".join(" ".join(reader.text).split())
    return text, unescape(reader.meta_description), reader.citations


def main_text(response):
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html[html.index("<main") : html.index("</main>")])).split())


def issuer_domains():
    """The domains of the bodies that issue the facts: certifying bodies, accreditors and the BLS."""
    websites = [*CertifyingBody.objects.values_list("website", flat=True)]
    websites += Accreditor.objects.values_list("website", flat=True)
    return {_host(url) for url in websites if url} | {"bls.gov"}


def is_issuer_host(host, domains):
    return any(host == domain or host.endswith(f".{domain}") for domain in domains)


@pytest.fixture
def examples(db):
    """Example programs, as `make run` adds them: invented schools the pages must never present as real."""
    call_command("seed_example_programs", count=6, seed=7, verbosity=0)
    return list(Program.objects.examples().order_by("slug"))


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [loc.removeprefix("http://testserver") for loc in re.findall(r"<loc>(.*?)</loc>", response.content.decode())]


def form_results(examples):
    """The pages a visitor reaches by answering a form: checklist, eligibility and compare, with answers."""
    first, second = examples[0], examples[1]
    checklist = reverse("programs:checklist")
    eligibility = reverse("certifications:eligibility")
    compare = reverse("programs:compare")
    return [
        checklist
        + "?"
        + urlencode({"name": "My program", "accreditor": "caahep", "externship": "yes", "cost": "9000"}),
        checklist + "?" + urlencode({"program": first.slug, "program_2": second.slug, "budget": "10000"}),
        eligibility
        + "?"
        + urlencode({"training": "accredited", "status_accredited": "finished", "months_since_accredited": "12"}),
        eligibility
        + "?"
        + urlencode({"training": "other-program", "status_other_program": "finished", "diploma": "yes"}),
        eligibility
        + "?"
        + urlencode({"training": "none", "work_months": "36", "hours_per_week": "40", "diploma": "yes"}),
        compare + "?" + urlencode({"p": [first.slug, second.slug]}, doseq=True),
        reverse("programs:program-list"),
        first.get_absolute_url(),
        reverse("careers:salaries") + "?view=article",
        reverse("careers:salary-history", kwargs={"slug": "medical-assistants"}),
    ]


def every_page(client, examples):
    return sitemap_paths(client) + form_results(examples)


def test_no_page_presents_the_four_popular_certifications_as_all_there_is(client, examples):
    for path in every_page(client, examples):
        response = client.get(path)
        assert response.status_code == 200, path
        text, description, _ = read(response)
        assert not AS_IF_COMPLETE.search(text), (path, AS_IF_COMPLETE.search(text).group(0))
        assert not AS_IF_COMPLETE.search(description), path


def test_no_fact_read_on_its_issuers_own_site_is_labelled_third_party(client, examples):
    domains = issuer_domains()
    checked = 0
    for path in every_page(client, examples):
        _, _, citations = read(client.get(path))
        for text, hosts in citations:
            if any(is_issuer_host(host, domains) for host in hosts):
                checked += 1
                assert not THIRD_PARTY.search(text), (path, text)
    assert checked > 20  # the walk did meet the bodies' own pages


def test_no_page_claims_bls_publishes_no_hourly_figure(client, examples):
    for path in every_page(client, examples):
        text, description, _ = read(client.get(path))
        assert not DENIES_BLS_HOURLY.search(text), (path, DENIES_BLS_HOURLY.search(text).group(0))
        assert not DENIES_BLS_HOURLY.search(description), path


def test_an_example_program_never_shows_a_verification_date_or_claims_to_list_its_own_figures(client, examples):
    first, second = examples[0], examples[1]
    pages = [
        first.get_absolute_url(),
        reverse("programs:compare") + "?" + urlencode({"p": [first.slug, second.slug]}, doseq=True),
        reverse("programs:program-list"),
        reverse("programs:checklist") + "?" + urlencode({"program": first.slug}),
    ]
    for path in pages:
        text, _, _ = read(client.get(path))
        assert "Last verified" not in text, path
        assert "as each program lists them" not in text, path


def test_a_real_program_keeps_its_verification_date_beside_an_example_in_compare(client, examples):
    real = Program.objects.create(
        **{
            field.name: getattr(examples[0], field.name)
            for field in Program._meta.concrete_fields
            if field.name not in ("id", "slug", "is_example", "name", "institution", "website")
        },
        slug="real-program",
        name="Medical Assisting Certificate",
        institution="Real Technical College",
        website="https://real.example.edu/ma",
        is_example=False,
    )
    # Once a real program exists, examples are hidden everywhere: a comparison naming one leaves it out, says so.
    mixed = client.get(reverse("programs:compare"), {"p": [real.slug, examples[0].slug]})
    assert [program.slug for program in mixed.context["programs"]] == [real.slug]
    assertContains(mixed, f"“{examples[0].slug}”")
    assert client.get(reverse("programs:compare"), {"p": [examples[0].slug]}).status_code == 404
    response = client.get(reverse("programs:compare"), {"p": [real.slug]})
    row = re.search(r'<th scope="row">Last verified</th>(.*?)</tr>', response.content.decode(), re.S).group(1)
    assert real.last_verified.strftime("%Y-%m-%d") in row
    assert "Never: an invented example" not in row
    assertContains(client.get(real.get_absolute_url()), "Last verified")


def test_a_directory_of_examples_only_says_so_before_any_row(client, examples):
    html = client.get(reverse("programs:program-list")).content.decode()
    notice = html.find("Every program listed here is an example")
    assert notice != -1
    assert notice < html.find("<tbody>")
    assert notice < html.find("<form", html.find('<main id="main"'))  # before the filters too (not the header's search)
    assert "Every row is an example: its cost and length are invented." in html


def test_a_directory_with_a_real_program_has_no_all_examples_notice(client, examples):
    fields = {
        field.name: getattr(examples[0], field.name)
        for field in Program._meta.concrete_fields
        if field.name not in ("id", "slug", "is_example", "state")
    }
    Program.objects.create(**{**fields, "slug": "a-real-one", "state": "AK", "is_example": False})
    Program.objects.examples().update(state="OH")
    response = client.get(reverse("programs:program-list"))
    assertNotContains(response, "Every program listed here is an example")
    # Once a real program exists, examples are hidden everywhere (not deleted): none is listed, even filtered for.
    assertNotContains(response, "those of examples are invented")
    assertNotContains(client.get(reverse("programs:program-list"), {"state": "OH"}), "Example — not a real school")
    assert Program.objects.examples().exists()
    alaska = client.get(reverse("programs:program-list"), {"state": "AK"})
    assertNotContains(alaska, "Every program listed here is an example")
    assertContains(alaska, "Costs and lengths are as each program lists them.")


# --- Footer --------------------------------------------------------------------------------------------


def footer(response):
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html[html.index("<footer") :])).split())


def test_the_footer_says_each_figure_has_its_own_period_and_when_sources_were_checked(client):
    text = footer(client.get("/"))
    assert "Figures as of" not in text
    assert "up to date as of the date each source was checked" not in text
    assert "Each figure shows its own reference period and its source." in text
    # The IPEDS award-level source (fixtures/programs.json) was read on 27 November 2026.
    assert "Sources checked between 1 November 2026 and 27 November 2026, each on the date shown beside it." in text


def test_the_footer_gives_the_range_when_sources_were_checked_on_different_days(client):
    Source.objects.filter(key="bls-ooh-phlebotomists").update(seen_on="2026-11-30")
    text = footer(client.get("/about/"))
    assert "Sources checked between 1 November 2026 and 30 November 2026, each on the date shown beside it." in text


# --- Hourly figures and placeholders -------------------------------------------------------------------


def test_a_derived_hourly_figure_is_labelled_as_derived_from_the_annual_wage(client):
    article = client.get(reverse("careers:salaries"), {"view": "article"})
    assertContains(article, "derived: annual ÷ 2,080", count=5)  # the heading and four rows
    assertContains(article, "The Bureau of Labor Statistics publishes its own median hourly wages")
    # The current figures: the five hourly medians the research read are shown as published, the others derived.
    current = client.get(reverse("careers:salaries"))
    assertContains(current, '<span class="published-tag">as published</span>', count=5)
    assertContains(current, '<span class="derived-tag">derived: annual ÷ 2,080</span>', count=5)
    assertContains(current, "The Bureau of Labor Statistics publishes its own median hourly wages")


PUBLIC_FORMS = [reverse("programs:checklist"), reverse("programs:program-list"), reverse("certifications:eligibility")]


@pytest.mark.parametrize("path", PUBLIC_FORMS)
def test_no_public_form_suggests_a_typical_figure(client, path):
    html = client.get(path).content.decode()
    forms = "".join(re.findall(r"<form.*?</form>", html, re.S))
    assert forms
    assert not re.search(r"e\.g\.,? ?\$?\d", forms), re.search(r".{60}e\.g\.,? ?\$?\d.{20}", forms)
    for placeholder in re.findall(r'placeholder="([^"]*)"', forms):
        assert not re.search(r"\d", placeholder), placeholder
