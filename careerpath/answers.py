"""What a search query means beyond its words: synonyms (edited in the admin), stems, states, credential pairs,
and the quick answer shown above the results, with its figure, period and source.

Everything here is read from stored content (wage figures, certification facts, education paths, the synonym
list): no figure is written in this module.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field

from django.urls import reverse

from careers.areas import Area
from careers.models import Occupation, WageFigure
from certifications.models import Certification, CertificationFact
from content.models import SearchSynonym, Source
from programs.models import EducationPath
from programs.places import ZipCentre, zip_centre

# Words that carry no meaning for the search ("cna vs ma", "how much do they make").
_STOP = "a an and the of in for to is are do does what which much vs versus or with on my i me you how que el la de"
STOP_WORDS = frozenset([*_STOP.split(), "un", "una", "es"])
CREDENTIALS = ("cma", "rma", "ncma", "ccma")
MEDICAL_ASSISTANTS = "medical-assistants"
# Two-letter abbreviations that are also everyday words or other acronyms: a state only when typed in capitals.
AMBIGUOUS_STATES = frozenset({"ma", "in", "or", "me", "hi", "ok", "oh", "pa", "co", "de", "la", "al", "id", "md"})


def fold(text: str) -> str:
    """Lower case without accents: "Cuánto" → "cuanto"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A crude English stem, enough for plurals and -y/-ies: salaries → salar, phlebotomy → phlebotom."""
    for suffix in ("ies", "es", "s", "y"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass
class Term:
    """One thing the visitor typed (a word, or a phrase the synonym list knows), with what may stand for it."""

    typed: str
    alternatives: list[str]
    group: str = ""


@dataclass
class Meaning:
    terms: list[Term] = field(default_factory=list)
    states: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    credentials: list[str] = field(default_factory=list)
    groups: set[str] = field(default_factory=set)
    spanish: bool = False
    place: ZipCentre | None = None  # a ZIP code the query holds, where the ZIP data know it


SPANISH_MARKERS = ("cuanto", "salario", "sueldo", "certificacion", "dura", "gana", "ganan", "asistente", "cuesta")


def synonym_groups() -> list[tuple[str, list[str]]]:
    return [(row.key, row.term_list) for row in SearchSynonym.objects.order_by("key")]


def understand(words: list[str]) -> Meaning:
    """The query's terms, states and credentials. `words` are search_words(query)."""
    groups = synonym_groups()
    phrases: dict[str, tuple[str, list[str]]] = {}
    for key, terms in groups:
        for term in terms:
            phrases[fold(term)] = (key, terms)
    meaning = Meaning(spanish=any(fold(w) in SPANISH_MARKERS for w in words))
    meaning.place = next((centre for word in words if (centre := zip_centre(word))), None)
    folded = [fold(w) for w in words]
    states = {fold(name): (code, name) for code, name in Area.choices if code != Area.NATION}
    i = 0
    while i < len(words):
        # The longest phrase first: a state ("new york"), then a synonym ("how long", "nursing assistant").
        for size in (3, 2, 1):
            chunk = " ".join(folded[i : i + size])
            if len(folded[i : i + size]) < size:
                continue
            if chunk in states:
                meaning.states.append(states[chunk])
                break
            if size == 1 and len(chunk) == 2 and chunk.upper() in Area.values and chunk.upper() != Area.NATION:
                typed = words[i]
                if typed.isupper() or chunk not in AMBIGUOUS_STATES:
                    meaning.states.append((chunk.upper(), Area(chunk.upper()).label))
                    break
            if chunk in phrases:
                key, terms = phrases[chunk]
                meaning.groups.add(key)
                # A short synonym ("ma") would match inside other words: it counts only where it was typed.
                usable = [t for t in terms if len(t) >= 4 or fold(t) == chunk]
                meaning.terms.append(Term(" ".join(words[i : i + size]), _with_stems(usable), key))
                break
            if size == 1:
                if chunk in CREDENTIALS:
                    meaning.credentials.append(chunk)
                if chunk not in STOP_WORDS:
                    meaning.terms.append(Term(words[i], _with_stems([chunk])))
        i += size
    return meaning


def _with_stems(terms: list[str]) -> list[str]:
    out: list[str] = []
    for term in terms:
        for variant in (term, stem(term) if " " not in term else term):
            if variant not in out:
                out.append(variant)
    return out


# --- Quick answers -----------------------------------------------------------------------------------------


@dataclass
class Answer:
    kind: str
    text: str
    source: Source | None = None
    period: str = ""
    url: str = ""
    link_text: str = ""
    lang: str = "en"


def _latest_wage(slug: str, area: str) -> WageFigure | None:
    return (
        WageFigure.objects.filter(occupation__slug=slug, area=area)
        .select_related("source", "occupation")
        .order_by("-reference_year")
        .first()
    )


def quick_answer(meaning: Meaning) -> Answer | None:
    """The one answer that fits the query best, or None."""
    groups = meaning.groups
    credentials = list(dict.fromkeys(meaning.credentials))
    if len(credentials) >= 2:
        known = {c.slug: c for c in Certification.objects.filter(slug__in=credentials)}
        chosen = [known[c] for c in credentials if c in known]
        if len(chosen) >= 2:
            query = "&".join(f"c={c.slug}" for c in chosen)
            names = " and ".join(c.abbreviation for c in chosen)
            return Answer(
                "compare-certifications",
                f"{names} side by side: who awards each, the exam, the fee, the ways to qualify and renewal.",
                url=f"{reverse('certifications:certification-list')}?{query}",
                link_text=f"Compare the {names}",
            )
    if {"cna", "ma"} <= groups:
        return _occupations_pair()
    if meaning.place is not None:
        place = meaning.place
        where = f" ({place.city}, {place.state})" if place.city else ""
        return Answer(
            "near",
            f"Programs near ZIP code {place.zip_code}{where}: the directory lists those within 25 miles, nearest "
            "first, with each one's distance, and online programs apart.",
            url=f"{reverse('programs:program-list')}?near={place.zip_code}",
            link_text=f"Programs near {place.zip_code}",
        )
    pay = "pay" in groups
    if meaning.states:
        code, name = meaning.states[0]
        wage = _latest_wage(MEDICAL_ASSISTANTS, code)
        if wage:
            return Answer(
                "state-pay",
                f"{name}: medical assistants' median pay ${wage.median_annual_wage:,} a year ({wage.period_text}). "
                "A median across the state, not a starting wage.",
                wage.source,
                wage.period_text,
                reverse("careers:states"),
                "Pay in every state",
            )
    if "cost" in groups and ("cma" in credentials or not credentials):
        slug = credentials[0] if credentials else "cma"
        fact = (
            CertificationFact.objects.filter(certification__slug=slug, kind=CertificationFact.Kind.FEE)
            .select_related("source", "certification")
            .first()
        )
        if fact:
            return Answer(
                "exam-fee",
                f"{fact.certification.abbreviation} exam fee: {fact.text}",
                fact.source,
                "",
                fact.certification.get_absolute_url(),
                f"About the {fact.certification.abbreviation}",
            )
    if "length" in groups:
        paths = list(EducationPath.objects.compared().select_related("source"))
        if paths:
            spanish = meaning.spanish
            parts = "; ".join(f"{p.name}: {p.length_text}" for p in paths)
            text = (
                f"Duración típica de la formación — {parts}." if spanish else f"Typical length of training — {parts}."
            )
            return Answer(
                "length",
                text,
                paths[0].source,
                "",
                reverse("programs:paths"),
                "Compara las vías de formación" if spanish else "Compare the training paths",
                "es" if spanish else "en",
            )
    if pay:
        wage = _latest_wage(MEDICAL_ASSISTANTS, Area.NATION)
        if wage:
            if meaning.spanish:
                median = f"${wage.median_annual_wage:,}"
                text = f"Asistentes médicos en EE. UU.: salario medio anual {median} ({wage.period_text})."
            else:
                median = f"${wage.median_annual_wage:,}"
                text = f"Medical assistants in the U.S.: median pay {median} a year ({wage.period_text})."
            return Answer(
                "pay",
                text,
                wage.source,
                wage.period_text,
                reverse("careers:salary-history", kwargs={"slug": MEDICAL_ASSISTANTS}),
                "Todas las cifras, por año" if meaning.spanish else "Every year's figures",
                "es" if meaning.spanish else "en",
            )
    if "certification" in groups:
        names = ", ".join(
            Certification.objects.order_by("order", "abbreviation").values_list("abbreviation", flat=True)
        )
        if meaning.spanish:
            text = (
                f"Certificaciones de asistente médico comparadas aquí: {names}. "
                "Cada una tiene sus propias vías para calificar."
            )
        else:
            text = f"Medical assistant certifications compared here: {names}. Each has its own ways to qualify."
        return Answer(
            "certifications",
            text,
            url=reverse("certifications:certification-list"),
            link_text="Compara las certificaciones" if meaning.spanish else "Compare the certifications",
            lang="es" if meaning.spanish else "en",
        )
    return None


def _occupations_pair() -> Answer | None:
    lines, source, period = [], None, ""
    for occupation in Occupation.objects.filter(slug__in=["nursing-assistants", MEDICAL_ASSISTANTS]).order_by("name"):
        wage = _latest_wage(occupation.slug, Area.NATION)
        if wage:
            source, period = wage.source, wage.period_text
            lines.append(
                f"{occupation.name}: median pay ${wage.median_annual_wage:,} a year ({wage.period_text}), "
                f"typical entry education: {occupation.entry_education.lower() or 'not sourced'}"
            )
    if not lines:
        return None
    return Answer(
        "compare-occupations",
        "; ".join(lines) + ".",
        source,
        period,
        reverse("careers:salaries"),
        "Compare pay and outlook of every occupation",
    )


def closest_terms(words: list[str], limit: int = 5) -> list[str]:
    """Terms the site knows that look like what was typed (for a search with no results)."""
    vocabulary: list[str] = list(CREDENTIALS)
    for _, terms in synonym_groups():
        vocabulary += terms
    vocabulary += [name.lower() for name in Occupation.objects.values_list("name", flat=True)]
    vocabulary += [fold(label) for code, label in Area.choices if code != Area.NATION]
    found: list[str] = []
    for word in words:
        for match in difflib.get_close_matches(fold(word), vocabulary, n=3, cutoff=0.6):
            if match not in found:
                found.append(match)
    return found[:limit]
