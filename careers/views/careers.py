"""The career pages: where medical assisting leads, each step in full."""

from django.views.generic import DetailView, TemplateView

from content import selectors as shared
from content.models import Statement

from .. import figures, selectors
from ..models import CareerStep
from ..steps import StepWithFigures
from .json_ld import featured_occupation_json_ld


class CareerListView(TemplateView):
    """Where the career leads: advancement roles and specializations, with a diagram and their figures."""

    query_parameters = ()  # read by the page cache (careerpath/page_cache.py)

    template_name = "careers/career_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vintage = figures.current_vintage()
        featured = selectors.featured_occupation_with_wages(vintage)
        steps = [StepWithFigures(step, featured=featured, vintage=vintage) for step in selectors.career_steps(vintage)]
        context.update(
            roles=[step for step in steps if step.kind == CareerStep.Kind.ROLE],
            specializations=[step for step in steps if step.kind == CareerStep.Kind.SPECIALIZATION],
            statements=shared.statements(topic=Statement.Topic.CAREER),
            json_ld=featured_occupation_json_ld(self.request, occupation=featured),
        )
        return context


class CareerDetailView(DetailView):
    """One advancement role or specialization in full, with the figures of its occupations."""

    query_parameters = ()  # read by the page cache

    template_name = "careers/career_detail.html"
    context_object_name = "step"

    def get_queryset(self):
        self.vintage = figures.current_vintage()
        return selectors.career_steps(self.vintage)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        featured = selectors.featured_occupation_with_wages(self.vintage)
        entry = StepWithFigures(self.object, featured=featured, vintage=self.vintage)
        context.update(
            figures=entry.figures,
            shows_pay=entry.shows_pay,
            pay_comparisons=entry.pay_comparisons,
            other_steps=CareerStep.objects.exclude(pk=self.object.pk).only("kind", "name", "slug"),
        )
        return context
