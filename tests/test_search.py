"""Site search: a visitor types words and finds every page holding all of them, grouped by kind, on either database."""

import re
from html import unescape
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careerpath import answers
from careerpath.views.search import PER_KIND, search_words
from careers.areas import POSTAL_NAMES
from careers.models import CareerStep, Occupation
from certifications.models import Certification
from content import selectors as shared
from programs.models import EducationPath, Program

pytestmark = pytest.mark.usefixtures("seeded")

SEARCH = "/search/"


def groups(response):
    """What the page shows, by kind: {kind: (count shown in the heading, [(link text, href), …])}."""
    html = response.content.decode()
    found = {}
    for kind, body in re.findall(r'data-search-kind="([^"]+)">(.*?)</section>', html, re.S):
        count = int(re.search(r'class="search-group-count">\((\d+)\)', body).group(1))
        links = [(unescape(text), href) for href, text in re.findall(r'<li>\s*<a href="([^"]+)">([^<]+)</a>', body)]
        found[kind] = (count, links)
    return found


# --- The oracle: what the site holds, read in Python, each kind's text as a visitor reads it on its page ----------


def _texts():
    for o in Occupation.objects.all():
        yield "occupations", o.name, [o.name, o.summary, o.soc_code, o.entry_education]
    for s in CareerStep.objects.all():
        yield "career-steps", s.name, [
            s.name, s.summary, s.examples, s.experience, s.further_education, s.licensure, s.outcome,
        ]  # fmt: skip
    for c in Certification.objects.select_related("body").prefetch_related("facts", "routes"):
        texts = [c.abbreviation, c.name, c.body.abbreviation, c.body.name]
        texts += (
            [f.text for f in c.facts.all()] + [r.name for r in c.routes.all()] + [r.description for r in c.routes.all()]
        )
        texts += [f.kind for f in c.facts.all()]
        yield "certifications", f"{c.abbreviation}: {c.name}", texts
    for p in EducationPath.objects.compared().prefetch_related("topics"):
        yield "paths", p.name, [p.name, p.length_text, p.focus, *(t.name for t in p.topics.all())]
    for p in Program.objects.listed().select_related("path", "accreditor"):
        texts = [p.institution, p.name, p.city, p.state, POSTAL_NAMES.get(p.state, ""), p.path.name, p.delivery_format]
        if p.accreditor:
            texts += [p.accreditor.abbreviation, p.accreditor.name]
        yield "programs", f"{p.name}, {p.institution}", texts
    about = [
        _about_page_text(),
        *(d.text for d in shared.disclaimers()),
        *(f"{s.publisher} {s.title}" for s in shared.sources()),
    ]
    yield "about", "About CareerPath: sources, methodology and disclaimers", ["\n".join(about)]


def _about_page_text():
    """The about page as a visitor reads it, its title and its words before the disclaimers and sources."""
    html = Client().get("/about/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    main = html[html.index('<main id="main"') : html.index('<section aria-labelledby="disclaimers"')]
    return unescape(re.sub(r"<[^>]+>", " ", f"{title}\n{main}"))


def expected(query):
    """Every object holding every word of the query in one of its texts, case aside: {kind: {title, …}}."""
    meaning = answers.understand(search_words(query))
    found = {}
    if not meaning.terms:
        return (
            found
            if not meaning.states
            else {"programs": {t for k, t, texts in _texts() if k == "programs" and texts[3] in dict(meaning.states)}}
        )
    for kind, title, texts in _texts():
        terms = [t for t in meaning.terms if not (t.group and t.group in KIND_GROUPS.get(kind, ()))]
        if all(any(alt in (text or "").lower() for text in texts for alt in t.alternatives) for t in terms):
            if kind == "programs" and meaning.states and texts[3] not in dict(meaning.states):
                continue
            found.setdefault(kind, set()).add(title)
    return found


# A term naming the kind itself asks nothing more of it ("salary" finds every occupation's pay).
KIND_GROUPS = {
    "occupations": ("pay",),
    "certifications": ("certification",),
    "paths": ("length", "cost"),
    "programs": ("cost",),
}


@pytest.fixture
def lakeside(make_program):
    """Twelve Lakeside programs: more than a kind shows."""
    for n in range(12):
        make_program(f"lakeside-{n}", institution=f"Example Lakeside College {n:02d}", name="Example Medical Assisting")


def _real_program_in_toledo(make_program):
    make_program("real-one", institution="Harbor Technical Institute", name="Medical Assistant Certificate",
                 city="Toledo", state="OH", is_example=False, accreditor="caahep")  # fmt: skip


QUERIES = [
    "cma",
    "CMA",
    "Medical ASSISTANT",
    "office manager",
    "phlebotomy",
    "certificate",
    "exam fee",
    "ohio",
    "Toledo harbor",
    "caahep",
    "methodology",
    "two years",
    "%",
    "_",
    "zzzz-nothing",
]


@pytest.mark.parametrize("query", QUERIES)
def test_every_result_holds_every_word_and_nothing_holding_them_is_missed(client, make_program, query):
    _real_program_in_toledo(make_program)
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    shown = groups(response)
    oracle = expected(query)
    assert set(shown) == set(oracle), f"{query!r}: kinds shown {sorted(shown)}, expected {sorted(oracle)}"
    for kind, titles in oracle.items():
        count, links = shown[kind]
        assert count == len(titles), f"{query!r}, {kind}: {count} counted, {len(titles)} hold every word"
        assert len(links) == min(len(titles), PER_KIND)
        assert {text for text, _ in links} <= titles, f"{query!r}, {kind}: shown {links}, expected among {titles}"


def test_a_search_groups_what_it_finds_by_kind_and_links_each_to_its_page(client):
    response = client.get(SEARCH, {"q": "medical assistant"})
    shown = groups(response)
    assert ("Medical assistants", "/careers/salaries/history/medical-assistants/") in shown["occupations"][1]
    assert ("Medical office manager", "/careers/medical-office-manager/") in shown["career-steps"][1]
    assert ("CMA: Certified Medical Assistant", "/certifications/cma/") in shown["certifications"][1]
    html = response.content.decode()
    order = [html.find(f'data-search-kind="{kind}"') for kind in ("occupations", "career-steps", "certifications")]
    assert order == sorted(order) and -1 not in order
    for _, href in [link for _, links in shown.values() for link in links]:
        assert client.get(href).status_code == 200, f"{href} is linked from the results but does not open"


def test_a_kind_shows_at_most_ten_and_counts_the_rest(client, lakeside):
    response = client.get(SEARCH, {"q": "lakeside"})
    count, links = groups(response)["programs"]
    assert count == 12
    assert len(links) == 10
    assertContains(response, "And 2 more not shown here")


def test_example_programs_found_by_search_stay_labelled_as_examples(client, make_program):
    make_program("example-birch", institution="Example Birchwood Academy", name="Example Medical Assisting")
    response = client.get(SEARCH, {"q": "birchwood"})
    html = response.content.decode()
    hit = re.search(r"<li>\s*<a href=\"/programs/example-birch/\">.*?</li>", html, re.S)
    assert hit, "the example program is not among the results"
    assert "Example — not a real school" in hit.group(0)


def test_a_state_is_found_by_its_name(client, make_program):
    _real_program_in_toledo(make_program)
    shown = groups(client.get(SEARCH, {"q": "Toledo ohio"}))
    assert shown["programs"][1] == [
        ("Medical Assistant Certificate, Harbor Technical Institute", "/programs/real-one/")
    ]


@pytest.mark.parametrize("query", ["", "   ", '""', "%00"])
def test_an_empty_search_gets_a_prompt(client, query):
    response = client.get(f"{SEARCH}?q={query}") if query == "%00" else client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assertContains(response, "Type one or more words above")
    assertNotContains(response, 'class="search-count"')


def test_the_search_page_without_a_query_asks_for_one(client):
    response = client.get(SEARCH)
    assertContains(response, "<h1>Search the site</h1>", html=True)
    assertContains(response, "Type one or more words above")


def test_a_search_over_100_characters_is_refused_with_a_page_that_says_why(client):
    response = client.get(SEARCH, {"q": "a" * 101})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assertContains(response, "Use at most 100 characters; this search has 101.", status_code=400)
    assertContains(response, "Skip to main content", status_code=400)  # the site's own page, not a bare string
    assertContains(response, 'role="search"', status_code=400)
    assert client.get(SEARCH, {"q": "a" * 100}).status_code == 200


ODD_QUERIES = [
    "q=%25",
    "q=_",
    "q=100%25+_a_",
    "q=%22cma%22",
    "q=%27",
    "q=o%27brien",
    "q=caf%C3%A9",
    "q=%E6%97%A5%E6%9C%AC",
    "q=%F0%9F%A9%BA",
    "q=%00",
    "q=cma%00rma",
    "q=%ff%fe",
    "q=cma&q=rma",
    "q[]=cma",
    "q=%5C",
    "q=a%0Ab%09c",
    "q=" + "x+" * 50,
]


@pytest.mark.parametrize("query_string", ODD_QUERIES)
def test_odd_input_never_gets_a_server_error(client, query_string):
    response = client.get(f"{SEARCH}?{query_string}")
    assert response.status_code in (200, 400), f"?{query_string} answered {response.status_code}"
    assertContains(response, "Skip to main content", status_code=response.status_code)


def test_percent_and_underscore_are_searched_for_themselves_not_as_wildcards(client):
    for query in ("%", "_", "%%"):
        shown = groups(client.get(SEARCH, {"q": query}))
        assert "programs" not in shown and "certifications" not in shown, f"{query!r} matched like a wildcard"


def test_a_nul_byte_separates_words_instead_of_failing(client):
    shown = groups(client.get(f"{SEARCH}?q=certified%00medical"))
    assert shown == groups(client.get(SEARCH, {"q": "certified medical"}))
    assert "certifications" in shown


def test_a_repeated_q_searches_the_first(client):
    assert groups(client.get(f"{SEARCH}?q=phlebotomy&q=zzzz-nothing")) == groups(
        client.get(SEARCH, {"q": "phlebotomy"})
    )


# --- Never stored in the page cache -----------------------------------------------------------------


def _rename_behind_the_sites_back(slug, institution):
    """Raw SQL sends no signal: only a stored page could still show the old name."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Program._meta.db_table} SET institution = %s WHERE slug = %s", [institution, slug])


@override_settings(PAGE_CACHE_ENABLED=True)
@pytest.mark.parametrize("query", [{"q": "quillfeather"}, {}, {"q": ""}])
def test_search_results_are_never_stored_in_the_page_cache(client, make_program, query):
    make_program("example-quill", institution="Example Quillfeather College")
    pages = caches["pages"]
    with mock.patch.object(pages, "set", wraps=pages.set) as stored:
        first = client.get(SEARCH, query)
        _rename_behind_the_sites_back("example-quill", "Example Quillfeather Institute")
        second = client.get(SEARCH, query)
        assert client.get("/about/").status_code == 200  # the cache is on: other pages are stored
    stored_keys = [call.args[0] for call in stored.call_args_list]
    assert len(stored_keys) == 1, f"expected only /about/ to be stored, got {stored_keys}"
    assert "no-store" in first["Cache-Control"] and "no-store" in second["Cache-Control"]
    if query.get("q"):
        assertContains(first, "Example Quillfeather College")
        assertContains(second, "Example Quillfeather Institute")


# --- The search box on every page ------------------------------------------------------------------


SEARCH_FORM = re.compile(r'<form[^>]*role="search"[^>]*action="/search/"[^>]*method="get"', re.S)


@pytest.mark.parametrize("path", ["/", "/about/", "/programs/", "/certifications/", "/careers/salaries/", "/search/"])
def test_every_page_has_a_labelled_search_box_in_its_header(client, path):
    html = client.get(path).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert SEARCH_FORM.search(header), f"{path} has no search form in its header"
    field = re.search(r'<input[^>]*id="([^"]+)"[^>]*name="q"', header)
    assert field and f'<label class="visually-hidden" for="{field.group(1)}">Search the site</label>' in header


def test_the_not_found_page_offers_a_search(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert SEARCH_FORM.search(main), "the 404 page has no search form of its own"
    assert len(re.findall(r'aria-label="([^"]+)"', html)) == len(set(re.findall(r'aria-label="([^"]+)"', html)))


def test_a_visitor_searching_from_the_header_reaches_the_results(client):
    # The header's form sends q to /search/ by GET: what a browser builds from it.
    response = client.get(reverse("search"), {"q": "RMA"})
    assertContains(response, "Search results for “RMA”")
    assert ("RMA: Registered Medical Assistant", "/certifications/rma/") in groups(response)["certifications"][1]


def test_crawlers_leave_search_results_alone(client):
    assert "Disallow: /search/" in client.get("/robots.txt").content.decode()
    assertContains(client.get(SEARCH, {"q": "cma"}), '<meta name="robots" content="noindex">')


def test_a_search_makes_the_same_few_queries_whatever_the_data_and_the_words(client, make_many):
    from django.test.utils import CaptureQueriesContext

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SEARCH, {"q": query}).status_code == 200
        return len(captured)

    make_many(10, prefix="few")
    few = {query: queries(query) for query in ("example college", "medical assistant cma ohio certificate")}
    make_many(300, prefix="many")
    many = {query: queries(query) for query in ("example college", "medical assistant cma ohio certificate")}
    assert few == many
    assert max(many.values()) <= 16, many
