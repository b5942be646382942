"""Site search: every occupation, career step, certification, education path, program and the about page
holding every word of the query, grouped by kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from careerpath import answers
from careers.areas import POSTAL_PLACES
from careers.models import CareerStep, Occupation
from certifications.models import Certification, CertificationFact, EligibilityRoute
from content import selectors as shared
from programs.models import EducationPath, Program, Topic

MAX_QUERY_LENGTH = 100
PER_KIND = 10

# Quotes and punctuation a visitor may type around a word ("cma", cma?) are not part of it.
_EDGE_PUNCTUATION = "\"'“”‘’„«»()[]{}<>.,;:!?"
# NUL and other control characters cannot be stored or searched (PostgreSQL refuses NUL): they separate words.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# The about page's result: its title, and the template holding the page's own words (before its disclaimers
# and sources, which are rows read below).
ABOUT_TITLE = "About CareerPath: sources, methodology and disclaimers"
ABOUT_TEMPLATE = "pages/about_text.html"


def search_words(query):
    """The words of a query: split on spaces, quotes and punctuation at their edges dropped, each once."""
    words = []
    for raw in _CONTROL.sub(" ", query).split():
        word = raw.strip(_EDGE_PUNCTUATION)
        if word and word.lower() not in (w.lower() for w in words):
            words.append(word)
    return words


def _every_word(terms, fields, extra=(), kind_groups=()):
    """A filter: each term (any of its alternatives: synonyms, stems) is in at least one of `fields`, or matches
    one of the `extra(word)` conditions. A term naming the kind itself ("pay" for occupations) asks nothing more."""
    condition = Q()
    for term in terms:
        if isinstance(term, str):
            term = answers.Term(term, [term])
        if term.group and term.group in kind_groups:
            continue
        any_field = Q()
        for word in term.alternatives:
            for name in fields:
                any_field |= Q(**{f"{name}__icontains": word})
            for make in extra:
                any_field |= make(word)
        condition &= any_field
    return condition


def _fact_mentions(word):
    facts = CertificationFact.objects.filter(certification=OuterRef("pk"))
    return Q(Exists(facts.filter(Q(text__icontains=word) | Q(kind__icontains=word))))


def _route_mentions(word):
    return Q(
        Exists(
            EligibilityRoute.objects.filter(certification=OuterRef("pk")).filter(
                Q(name__icontains=word) | Q(description__icontains=word)
            )
        )
    )


def _state_named(word):
    """Programs in a state whose name holds the word ("ohio", "carolina"): the rows store the two-letter code."""
    codes = [code for code, name in POSTAL_PLACES if word.lower() in name.lower()]
    return Q(state__in=codes) if codes else Q(pk__in=[])


def _format_named(word):
    """Programs taught in the format the word names ("online", "hybrid")."""
    formats = [value for value, label in Program.Format.choices if answers.fold(word) in (value, label.lower())]
    return Q(delivery_format__in=formats) if formats else Q(pk__in=[])


def _topic_mentions(word):
    return Q(Exists(Topic.objects.filter(paths=OuterRef("pk"), name__icontains=word)))


@dataclass
class Hit:
    title: str
    url: str
    detail: str = ""
    is_example: bool = False


@dataclass
class Group:
    key: str
    heading: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    more_url: str = ""

    @property
    def more(self):
        return self.total - len(self.hits)


def _group(key, heading, queryset, to_hit):
    total = queryset.count()
    hits = [to_hit(item) for item in queryset[:PER_KIND]] if total else []
    return Group(key=key, heading=heading, total=total, hits=hits)


def _occupations(words):
    fields = ["name", "summary", "soc_code", "entry_education"]
    queryset = Occupation.objects.filter(_every_word(words, fields, kind_groups=("pay",)))
    return _group(
        "occupations",
        "Occupations: pay and outlook",
        queryset,
        lambda o: Hit(o.name, reverse("careers:salary-history", kwargs={"slug": o.slug}), o.summary),
    )


def _career_steps(words):
    fields = ["name", "summary", "examples", "experience", "further_education", "licensure", "outcome"]
    queryset = CareerStep.objects.filter(_every_word(words, fields))
    return _group(
        "career-steps",
        "Career steps: advancement roles and specializations",
        queryset,
        lambda s: Hit(s.name, s.get_absolute_url(), f"{s.get_kind_display()}. {s.summary}"),
    )


def _certifications(words):
    fields = ["abbreviation", "name", "body__abbreviation", "body__name"]
    queryset = Certification.objects.select_related("body").filter(
        _every_word(words, fields, extra=(_fact_mentions, _route_mentions), kind_groups=("certification",))
    )
    return _group(
        "certifications",
        "Certifications",
        queryset,
        lambda c: Hit(f"{c.abbreviation}: {c.name}", c.get_absolute_url(), f"Awarded by {c.body.name}."),
    )


def _paths(words):
    fields = ["name", "length_text", "focus"]
    queryset = EducationPath.objects.compared().filter(
        _every_word(words, fields, extra=(_topic_mentions,), kind_groups=("length", "cost"))
    )
    return _group(
        "paths",
        "Education paths",
        queryset,
        lambda p: Hit(p.name, reverse("programs:paths"), f"{p.length_text}. {p.focus}"),
    )


def _programs(words, states=()):
    fields = [
        "institution",
        "name",
        "city",
        "state",
        "zip_code",
        "path__name",
        "accreditor__abbreviation",
        "accreditor__name",
    ]
    queryset = (
        Program.objects.listed()
        .select_related("path")
        .filter(_every_word(words, fields, extra=(_state_named, _format_named), kind_groups=("cost",)))
        .order_by("institution", "name", "id")
    )
    if states:
        queryset = queryset.filter(state__in=[code for code, _ in states])
    return _group(
        "programs",
        "Programs",
        queryset,
        lambda p: Hit(
            f"{p.name}, {p.institution}",
            p.get_absolute_url(),
            f"{p.city}, {p.state}. {p.path.name}.",
            is_example=p.is_example,
        ),
    )


def _about(words):
    """The about page: its own text, its disclaimers and the sources it lists (a handful of rows)."""
    texts = [ABOUT_TITLE, unescape(strip_tags(render_to_string(ABOUT_TEMPLATE)))]
    texts += [statement.text for statement in shared.disclaimers()]
    texts += [f"{source.publisher} {source.title}" for source in shared.sources()]
    haystack = "\n".join(texts).lower()
    found = all(
        any(alternative in haystack for alternative in (term.alternatives if hasattr(term, "alternatives") else [term]))
        for term in words
    )
    hits = [Hit(ABOUT_TITLE, reverse("about"))] if found else []
    return Group(key="about", heading="About this site", total=len(hits), hits=hits)


SEARCHES = (_occupations, _career_steps, _certifications, _paths, _programs, _about)


def search(words):
    """Every kind's group, in the order the page shows them, including empty ones. `words` may be plain words or
    an answers.Meaning (synonyms, stems, states understood)."""
    if isinstance(words, answers.Meaning):
        meaning = words
        if not meaning.terms:
            # Only a place: its programs (the quick answer gives its pay).
            programs = _programs([], meaning.states) if meaning.states else Group("programs", "Programs", 0)
            return [Group(f.__name__.strip("_"), "", 0) for f in SEARCHES[:4]] + [programs, Group("about", "", 0)]
        return [
            _programs(meaning.terms, meaning.states) if find is _programs else find(meaning.terms) for find in SEARCHES
        ]
    return [find(words) for find in SEARCHES]


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the site",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": "Use at most %(limit_value)d characters; this search has %(show_value)d."},
        help_text=(
            "Occupations, career steps, certifications, education paths, programs and the about page "
            "holding every word you type."
        ),
    )


@never_cache
@require_safe
def search_view(request):
    """Results for ?q= (at most PER_KIND per kind, with the count of the rest); a prompt when there is none."""
    # A repeated q: the first one counts (the form in the header sends only one).
    query = request.GET.getlist("q")[:1]
    form = SearchForm({"q": _CONTROL.sub(" ", query[0])} if query else {})
    context = {
        "form": form,
        "query": "",
        "groups": [],
        "total": 0,
        "words": [],
        "max_length": MAX_QUERY_LENGTH,
        "answer": None,
        "closest": [],
    }
    if not form.is_valid():
        return render(request, "search.html", context, status=400)
    query = form.cleaned_data["q"]
    words = search_words(query)
    context.update(query=query, words=words)
    if words:
        meaning = answers.understand(words)
        groups = search(meaning)
        total = sum(g.total for g in groups)
        context.update(
            groups=[g for g in groups if g.total],
            total=total,
            answer=answers.quick_answer(meaning),
            closest=[] if total else answers.closest_terms(words),
        )
    return render(request, "search.html", context)
