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

from careers.models import WageFigure
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


# --- Provenance -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "provenance"),
    [
        ("aama-cma-eligibility", "issuer-page"),
        ("aama-cma-eligibility-no-work-route", "issuer-page"),
        ("amt-stay-certified", "issuer-page"),
        ("ncct-site", "issuer-page"),
        ("nha-knowledge-base-testing", "issuer-page"),
        ("bls-ooh-phlebotomists", "issuer-page"),
        ("bls-2021-via-article", "data-file-copy"),
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


# --- Careers: "may", requirements and pay ------------------------------------------------------------


ROLE_PAGES = [
    "medical-office-manager",
    "healthcare-administrator",
    "nursing",
    "specialized-medical-assistant",
    "medical-records-and-health-information-technician",
]


def main_text(response):
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html[html.index("<main") : html.index("</main>")])).split())


@pytest.mark.parametrize("slug", ROLE_PAGES)
def test_a_roles_page_keeps_the_articles_may_and_states_no_rule_of_its_own(client, slug):
    text = main_text(client.get(reverse("careers:career-detail", kwargs={"slug": slug})))
    assert "medical assistants may advance" in text
    assert "The source says medical assistants may advance to this role with:" in text
    assert not re.search(r"\b(Needs|must have|is required|are required)\b", text), text


def test_the_career_diagram_keeps_may(client):
    text = main_text(client.get(reverse("careers:career-list")))
    assert "With experience and additional education, medical assistants may advance to roles such as" in text
    assert "Needs " not in text


@pytest.mark.parametrize("slug", ["phlebotomy", "medical-billing-and-coding"])
def test_a_step_the_source_sets_no_requirement_for_has_no_empty_what_it_requires(client, slug):
    response = client.get(reverse("careers:career-detail", kwargs={"slug": slug}))
    assertNotContains(response, "What it requires")
    assertNotContains(response, "No requirement is published here")
    assertContains(response, "What it can lead to")


def test_the_careers_page_shows_what_it_requires_only_for_steps_with_requirements(client):
    html = client.get(reverse("careers:career-list")).content.decode()
    assert html.count("What it requires") == len(ROLE_PAGES)


def test_a_roles_pay_is_the_closest_bls_occupations_with_its_entry_education_and_period(client):
    text = main_text(client.get(reverse("careers:career-detail", kwargs={"slug": "medical-office-manager"})))
    sentence = re.search(r"The closest BLS occupation, [^.]*\.", text).group(0)
    assert "Medical and health services managers" in sentence
    assert "$117,960" in sentence
    assert "(May 2024)" in sentence
    assert "its typical entry-level education is a bachelor's degree" in sentence


def test_each_pay_figure_on_the_careers_page_names_the_closest_bls_occupation_and_its_entry_education(client):
    html = client.get(reverse("careers:career-list")).content.decode()
    sentences = re.findall(r'<p class="mb-1" data-closest-occupation="[^"]+">(.*?)</p>', html, re.S)
    assert len(sentences) == 8
    for sentence in sentences:
        text = unescape(re.sub(r"<[^>]+>", "", sentence))
        assert "closest BLS occupation" in text, text
        assert re.search(r"\((May \d{4}|\d{4})\)", text), text
        assert "typical entry-level education is" in text, text
    # The diagram says the same in short.
    diagram = re.search(r'<figure class="career-diagram">(.*?)</figure>', html, re.S).group(1)
    assert (
        "the closest BLS occupation, medical and health services managers: $117,960 (May 2024), typical "
        "entry-level education a bachelor's degree" in unescape(diagram)
    )


def test_a_step_whose_occupation_has_no_sourced_entry_education_shows_no_pay(client):
    from careers.models import Occupation

    Occupation.objects.filter(slug="phlebotomists").update(entry_education="", entry_education_source=None)
    response = client.get(reverse("careers:career-detail", kwargs={"slug": "phlebotomy"}))
    assertNotContains(response, "$41,810 (May 2023), and its typical")
    assertContains(response, "No pay is shown for phlebotomists")


# --- "Specializing can lead to higher salaries" -------------------------------------------------------


def test_the_phlebotomy_page_says_the_national_medians_do_not_show_higher_pay(client):
    text = main_text(client.get(reverse("careers:career-detail", kwargs={"slug": "phlebotomy"})))
    assert (
        "The national medians shown here do not show higher pay: phlebotomists earned a median $43,660 a year "
        "(May 2024), below medical assistants' $44,200 (May 2024). Pay varies by employer and place." in text
    )


def test_the_careers_page_says_it_beside_phlebotomy_but_not_beside_billing_and_coding(client):
    html = client.get(reverse("careers:career-list")).content.decode()
    assert html.count('data-pay-comparison="not-higher"') == 1
    phlebotomy = html[html.index('id="step-phlebotomy"') : html.index('id="step-medical-billing-and-coding"')]
    assert 'data-pay-comparison="not-higher"' in phlebotomy


def test_the_comparison_follows_the_figures_not_the_name(client):
    # Were phlebotomists paid more, the page would not deny it; were coders paid less, it would say so.
    WageFigure.objects.filter(occupation__slug="phlebotomists").update(median_annual_wage=52000)
    WageFigure.objects.filter(occupation__slug="medical-records-specialists").update(median_annual_wage=40000)
    phlebotomy = client.get(reverse("careers:career-detail", kwargs={"slug": "phlebotomy"}))
    assertNotContains(phlebotomy, "do not show higher pay")
    coding = main_text(client.get(reverse("careers:career-detail", kwargs={"slug": "medical-billing-and-coding"})))
    assert (
        "medical records specialists earned a median $40,000 a year (May 2024), below medical assistants' "
        "$44,200 (May 2024)" in coding
    )


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
