"""Site-wide pages: the home page (drawing on every app), the about page and robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from careers import figures
from careers.models import Duty, EmploymentProjection, Occupation, WageFigure
from content import selectors as shared
from content.models import Statement
from programs.models import EducationPath

from ..page_cache import reads_query


class HomeView(TemplateView):
    """The home page. A cache miss here must stay cheap (docs/benchmarks.md): seven small queries, each read
    once, the current figures picked in Python from the occupation's national history."""

    query_parameters = ()  # read by the page cache (careerpath/page_cache.py)

    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vintage = figures.current_vintage()
        # The site's occupation comes with its duties (one query); read alone only if it has none.
        featured = Occupation.objects.featured().values("pk")[:1]
        duties = list(Duty.objects.filter(occupation=featured).select_related("occupation", "source"))
        occupation = duties[0].occupation if duties else Occupation.objects.featured().first()
        wages, projections = [], []
        if occupation:
            wages = list(
                WageFigure.objects.national().filter(occupation=occupation).select_related("source").latest_first()
            )
            projections = list(
                EmploymentProjection.objects.filter(occupation=occupation, area=figures.NATION)
                .select_related("source")
                .order_by("-end_year")
            )
        # The current vintage's figures (figures.prefetch_current's rule), picked from the national history.
        wage, projection = vintage.current_wage(wages), vintage.current_projection(projections)
        statements = shared.statements()
        context.update(
            occupation=occupation,
            clinical_duties=[d for d in duties if d.kind == Duty.Kind.CLINICAL],
            administrative_duties=[d for d in duties if d.kind == Duty.Kind.ADMINISTRATIVE],
            liaison_duties=[d for d in duties if d.kind == Duty.Kind.LIAISON],
            duties_source=duties[0].source if duties else None,
            latest_wage=wage,
            # History, labelled as such: only figures older than the current ones (a newer partial year is on
            # the occupation's history page, not here).
            earlier_wages=[w for w in wages if w.reference_year < wage.reference_year] if wage else [],
            latest_projection=projection,
            earlier_projections=[p for p in projections if p.end_year < projection.end_year] if projection else [],
            paths=EducationPath.objects.compared().select_related("source"),
            statements=statements,
            # The article's "expected to grow faster than average" speaks of its own projection: the oldest
            # national one, the seeded baseline (2021–2031). Shown beside it with the article as its source.
            demand_period=projections[-1].period_text if projections else "",
            # The footer's disclaimers are among the statements already read: no second query for them.
            site_disclaimers=[s for s in statements.values() if s.topic == Statement.Topic.DISCLAIMER],
        )
        return context


class AboutView(TemplateView):
    query_parameters = ()  # read by the page cache

    template_name = "pages/about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sources"] = shared.sources()
        context["statements"] = shared.statements(topic=Statement.Topic.DISCLAIMER)
        return context


@reads_query()
@require_safe
def robots_txt(request):
    """Crawlers may read every public page; the admin and search results (endless, and never cached) are off
    limits; the sitemap lists the rest."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Disallow: {reverse('search')}", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
