"""Site-wide pages: home, about and the health check for load balancers."""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from programs.models import EducationPath

from . import selectors
from .models import Duty, Statement


class HomeView(TemplateView):
    template_name = "careerpath/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occupation = selectors.featured_occupation()
        duties = list(occupation.duties.all()) if occupation else []
        wages = list(occupation.wages.all()) if occupation else []
        projections = list(occupation.projections.all()) if occupation else []
        context.update(
            occupation=occupation,
            clinical_duties=[d for d in duties if d.kind == Duty.Kind.CLINICAL],
            administrative_duties=[d for d in duties if d.kind == Duty.Kind.ADMINISTRATIVE],
            liaison_duties=[d for d in duties if d.kind == Duty.Kind.LIAISON],
            latest_wage=wages[0] if wages else None,
            earlier_wages=wages[1:],
            latest_projection=projections[0] if projections else None,
            earlier_projections=projections[1:],
            paths=EducationPath.objects.select_related("source"),
            statements=selectors.statements(),
        )
        return context


class AboutView(TemplateView):
    template_name = "careerpath/about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sources"] = selectors.sources()
        context["statements"] = selectors.statements(topic=Statement.Topic.DISCLAIMER)
        return context


@never_cache
@require_safe
def healthz(request):
    """200 'ok' once the database answers a query; 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
