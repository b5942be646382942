"""The program-selection checklist: up to three programs weighed against the article's five factors."""

from dataclasses import replace

from django.views.generic import TemplateView

from careerpath.careers import pay

from .. import checklist, selectors
from ..forms import ChecklistForm


class ChecklistView(TemplateView):
    template_name = "programs/checklist.html"

    def get(self, request, *args, **kwargs):
        data = request.GET if request.GET else None
        programs = selectors.programs_by_slug(slugs=ChecklistForm.program_slugs(data)) if data else {}
        form = ChecklistForm(data, programs=programs)
        factors = selectors.selection_factors()
        results = []
        answered = form.has_answers()
        if answered:
            form.is_valid()
            budget, timeline = form.budget_and_timeline()
            for entry in form.candidates():
                candidate = entry["candidate"]
                if entry["program"] is not None and entry["program"].is_imported:
                    # What is still unknown of an imported program is what the federal data do not carry.
                    candidate = replace(candidate, from_federal_data=True)
                    entry = {**entry, "candidate": candidate}
                verdicts = checklist.checklist_verdicts(candidate, budget=budget, timeline=timeline, factors=factors)
                results.append({**entry, "verdicts": verdicts, "summary": checklist.summary(verdicts)})
        context = self.get_context_data(
            form=form,
            answered=answered,
            results=results,
            rows=_factor_rows(results),
            factors=list(factors.values()),
            cma_routes=selectors.cma_accreditation_routes(),
            unknown_text=checklist.UNKNOWN_IN_FEDERAL_DATA,
            program_pay=pay.for_checklist(results, visitor_state=form.visitor_state()),
        )
        # A wrong answer is the visitor's to fix: 400 says so to machines, and the page still answers.
        return self.render_to_response(context, status=400 if form.is_bound and form.errors else 200)


def _factor_rows(results):
    """The verdicts regrouped by factor, one row per factor with a cell per program, for the table."""
    if not results:
        return []
    return [
        {"factor": cells[0], "cells": list(cells)}
        for cells in zip(*(result["verdicts"] for result in results), strict=True)
    ]
