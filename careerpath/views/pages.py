"""Site-wide pages: the home page (drawing on every app), the about page and robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from careerpath.careers import figures, selectors
from careerpath.careers.models import Duty
from careerpath.shared import selectors as shared
from careerpath.shared.models import Statement
from programs.models import EducationPath


class HomeView(TemplateView):
    template_name = "careerpath/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vintage = figures.current_vintage()
        occupation = selectors.featured_occupation(vintage)
        duties = list(occupation.duties.all()) if occupation else []
        wage = figures.current_wage_of(occupation)
        projection = figures.current_projection_of(occupation)
        # History, labelled as such: only figures older than the current ones (a newer partial year is on
        # the occupation's history page, not here).
        wages = list(occupation.wages.all()) if occupation and wage else []
        projections = list(occupation.projections.all()) if occupation and projection else []
        context.update(
            occupation=occupation,
            clinical_duties=[d for d in duties if d.kind == Duty.Kind.CLINICAL],
            administrative_duties=[d for d in duties if d.kind == Duty.Kind.ADMINISTRATIVE],
            liaison_duties=[d for d in duties if d.kind == Duty.Kind.LIAISON],
            latest_wage=wage,
            earlier_wages=[w for w in wages if w.reference_year < wage.reference_year],
            latest_projection=projection,
            earlier_projections=[p for p in projections if p.end_year < projection.end_year],
            paths=EducationPath.objects.compared().select_related("source"),
            statements=shared.statements(),
        )
        return context


class AboutView(TemplateView):
    template_name = "careerpath/about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sources"] = shared.sources()
        context["statements"] = shared.statements(topic=Statement.Topic.DISCLAIMER)
        return context


@require_safe
def robots_txt(request):
    """Crawlers may read every public page; the admin is off limits; the sitemap lists the rest."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
