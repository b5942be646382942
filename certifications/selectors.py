"""Reads of the credential pages: certifications with their body, facts and routes, and the comparison rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from content.memo import per_content_version

from .models import Accreditor, Certification, CertificationFact, EligibilityRoute

if TYPE_CHECKING:
    from content.models import Source, Statement


def certifications() -> QuerySet[Certification]:
    """Certifications in their order with body, facts, routes and their accreditors: four queries whatever the count."""
    return Certification.objects.select_related("body", "body__source", "source").prefetch_related(
        Prefetch("facts", queryset=CertificationFact.objects.select_related("source")),
        Prefetch(
            "routes",
            queryset=EligibilityRoute.objects.select_related("source")
            .prefetch_related("accreditors")
            .order_by("order"),
        ),
    )


@dataclass
class Cell:
    """One certification's answer to one row: a text, a list of routes, a link, or nothing published."""

    certification: Certification
    text: str = ""
    routes: list[EligibilityRoute] = field(default_factory=list)
    link: str = ""
    sources: list[Source] = field(default_factory=list)
    notes: list[Statement] = field(default_factory=list)

    @property
    def is_missing(self) -> bool:
        return not (self.text or self.routes or self.link)

    @property
    def needs_confirmation(self) -> bool:
        """A third party reported the cell's own fact: the visitor should confirm it with the certifying body.

        Notes carry their own confirmation, so a third-party note does not mark the routes beside it.
        """
        return any(source.is_third_party for source in self.sources)

    @property
    def all_sources(self) -> list[Source]:
        return _unique([*self.sources, *(note.source for note in self.notes)])


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]


def _unique(sources: Iterable[Source]) -> list[Source]:
    seen: set[int] = set()
    unique: list[Source] = []
    for source in sources:
        if source.pk not in seen:
            seen.add(source.pk)
            unique.append(source)
    return unique


def comparison_rows(
    certifications: Iterable[Certification], *, route_notes: Mapping[str, list[Statement]] | None = None
) -> list[Row]:
    """The comparison table as rows of cells, one cell per certification, in the order the page shows them.

    `route_notes` maps a certification's slug to sourced statements shown with its eligibility routes.
    """
    certifications = list(certifications)
    route_notes = route_notes or {}
    facts = {cert.pk: {fact.kind: fact for fact in cert.facts.all()} for cert in certifications}

    def fact_row(kind: str) -> Row:
        cells = []
        for cert in certifications:
            fact = facts[cert.pk].get(kind)
            cells.append(Cell(cert, text=fact.text, sources=[fact.source]) if fact else Cell(cert))
        return Row(key=kind, label=CertificationFact.Kind(kind).label, cells=cells)

    Kind = CertificationFact.Kind
    return [
        Row(
            key="name",
            label="Credential",
            cells=[
                Cell(cert, text=f"{cert.name} ({cert.abbreviation})", sources=[cert.source]) for cert in certifications
            ],
        ),
        Row(
            key="body",
            label="Certifying body",
            cells=[
                Cell(cert, text=f"{cert.body.name} ({cert.body.abbreviation})", sources=[cert.body.source])
                for cert in certifications
            ],
        ),
        Row(
            key="routes",
            label="Eligibility routes",
            cells=[
                Cell(
                    cert,
                    routes=list(cert.routes.all()),
                    notes=route_notes.get(cert.slug, []),
                    sources=_unique(route.source for route in cert.routes.all()),
                )
                for cert in certifications
            ],
        ),
        fact_row(Kind.EXAM_FORMAT),
        fact_row(Kind.TESTING),
        fact_row(Kind.FEE),
        fact_row(Kind.RENEWAL),
        fact_row(Kind.ACCREDITATION),
        Row(
            key="official",
            label="Official page",
            cells=[Cell(cert, link=cert.official_url) for cert in certifications],
        ),
    ]


def notes_by_certification(
    statements: Mapping[str, Statement], certifications: Iterable[Certification]
) -> dict[str, list[Statement]]:
    """Statements whose key names a certification (certification_<slug>_…), grouped by that slug."""
    notes: dict[str, list[Statement]] = {}
    for cert in certifications:
        prefix = f"certification_{cert.slug}_"
        notes[cert.slug] = [statement for key, statement in statements.items() if key.startswith(prefix)]
    return notes


def certifications_brief() -> QuerySet[Certification]:
    """Every certification's name and address only, for links between the detail pages: one query."""
    return Certification.objects.only("abbreviation", "slug", "name", "order")


@per_content_version
def certifications_with_routes() -> list[Certification]:
    """Every certification with its body and its routes (each with its source and accreditors).

    Three queries, once per content version in each process (the list is shared: never change it).
    """
    routes = (
        EligibilityRoute.objects.select_related("source")
        .prefetch_related(Prefetch("accreditors", queryset=Accreditor.objects.order_by("pk")))
        .order_by("order", "pk")
    )
    return list(Certification.objects.select_related("body").prefetch_related(Prefetch("routes", queryset=routes)))


def rules_checked_on(certifications: Iterable[Certification]) -> date | None:
    """The most recent date a source of the routes was read: when the rules were last checked."""
    dates = [route.source.seen_on for cert in certifications for route in cert.routes.all()]
    return max(dates, default=None)
