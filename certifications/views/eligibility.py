"""The eligibility checker page: which certifications a visitor may sit for, by the stored routes."""

from django.views.generic import TemplateView

from .. import eligibility
from ..forms import EligibilityForm


class EligibilityView(TemplateView):
    template_name = "certifications/eligibility.html"

    def get(self, request, *args, **kwargs):
        certifications = eligibility.certifications_with_routes()
        routes = [route for certification in certifications for route in certification.routes.all()]
        form = EligibilityForm(request.GET or None, routes=routes)
        outcomes, questions = [], []
        if form.has_answers():
            form.is_valid()
            outcomes = eligibility.evaluate(certifications, form.candidate())
            questions = _questions_in_form_order(form, outcomes)
        context = self.get_context_data(
            form=form,
            answered=form.has_answers(),
            work_counted=form.work_counted,
            outcomes=outcomes,
            questions=questions,
            rules_checked_on=eligibility.rules_checked_on(certifications),
            certifications=certifications,
        )
        # A wrong answer is the visitor's to fix: 400 tells machines so, and the page still answers.
        return self.render_to_response(context, status=400 if form.is_bound and form.errors else 200)


def _questions_in_form_order(form, outcomes):
    """What else the checker needs, once each, in the order the form asks it."""
    wanted = {q.field: q for outcome in outcomes for q in outcome.questions}
    return [(form[name], wanted[name]) for name in form.fields if name in wanted]
