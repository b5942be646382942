"""Career steps with the figures their pages show: the closest BLS occupations' pay, and how it compares."""

from dataclasses import dataclass

from django.utils.text import get_text_list

from . import figures
from .models import CareerStep


def _with_article(entry_education):
    """ "Bachelor's degree" as it reads in a sentence: "a bachelor's degree"."""
    text = entry_education.strip().rstrip(".")
    text = text[:1].lower() + text[1:]
    if not text or text.startswith(("no ", "some ")):
        return text
    return f"{'an' if text[0] in 'aeiou' else 'a'} {text}"


class OccupationFigures(figures.ComparisonRow):
    """An occupation linked to a career step, with its current wage and projection (or None): a comparison row.

    A step's pay is shown only as this occupation's figure, named as the closest BLS occupation with its
    typical entry-level education and reference period, so nobody reads it as the pay of the step itself.
    """

    @property
    def entry_education(self):
        """The occupation's typical entry-level education, with its article: "a bachelor's degree"."""
        return _with_article(self.occupation.entry_education)

    @property
    def pay_can_be_shown(self):
        return bool(self.wage and self.occupation.entry_education)

    @property
    def entry_is_degree(self):
        """Whether most people enter the occupation with a degree, which the page must say beside the pay."""
        words = self.occupation.entry_education.lower()
        return "degree" in words and "nondegree" not in words


@dataclass(frozen=True)
class PayComparison:
    """A specialization's occupation against medical assistants, in the same reference year where both have one.

    The article says specializing "can lead to … higher salaries"; where the national medians shown do
    not bear that out, the page says so.
    """

    figure: OccupationFigures
    reference: object  # medical assistants' WageFigure

    @property
    def shows_higher_pay(self):
        return self.figure.wage.median_annual_wage > self.reference.median_annual_wage

    @property
    def relation(self):
        if self.figure.wage.median_annual_wage == self.reference.median_annual_wage:
            return "the same as"
        return "above" if self.shows_higher_pay else "below"


def figures_of(step):
    """Each of the step's occupations with its current wage and projection (the one vintage every page shows)."""
    return [
        OccupationFigures(
            occupation=occupation,
            wage=figures.current_wage_of(occupation),
            projection=figures.current_projection_of(occupation),
        )
        for occupation in step.occupations.all()
    ]


def pay_comparisons(step, step_figures, *, featured, vintage):
    """For a specialization, each occupation's current wage beside medical assistants' current one (same year)."""
    if step.kind != CareerStep.Kind.SPECIALIZATION or featured is None:
        return []
    reference = vintage.current_wage(featured.wages.all())
    if reference is None:
        return []
    return [
        PayComparison(figure=figure, reference=reference)
        for figure in step_figures
        if figure.pay_can_be_shown and figure.occupation.pk != featured.pk
    ]


def _requirements_of(step):
    """A short "with experience and further education" for the diagram, from the stored fields."""
    needs = [
        label
        for label, value in (
            ("experience", step.experience),
            ("further education", step.further_education),
            ("licensure", step.licensure),
        )
        if value
    ]
    if not needs:
        return ""
    return f"May follow {get_text_list(needs, 'and')}"


def _diagram_note(step, step_figures, comparisons):
    """What the diagram says under a step: what may lead to it (or what it can lead to) and the closest BLS pay."""
    wages = "; ".join(
        f"not this role’s own pay: the closest BLS occupation, {figure.occupation.name.lower()}: "
        f"${figure.wage.median_annual_wage:,} "
        f"({figure.wage.period_text}), typical entry-level education "
        f"{figure.entry_education}"
        for figure in step_figures
        if figure.pay_can_be_shown
    )
    outcome = f"Can lead to {step.outcome[:1].lower()}{step.outcome[1:]}" if step.outcome else ""
    caveat = ""
    if any(not comparison.shows_higher_pay for comparison in comparisons):
        caveat = (
            "the national medians shown do not show higher pay than medical assistants'; "
            "pay varies by employer and place"
        )
    return " · ".join(part for part in (_requirements_of(step) or outcome, wages, caveat) if part)


class StepWithFigures:
    """A career step as its pages show it: the step's own fields, plus its occupations' figures, how their pay
    compares with medical assistants' and the diagram's note, worked out once (nothing is set on the model).

    Templates read it like the step (``entry.name``, ``entry.get_absolute_url``) and ``entry.figures``.
    """

    def __init__(self, step, *, featured, vintage):
        self.step = step
        self.figures = figures_of(step)
        self.pay_comparisons = pay_comparisons(step, self.figures, featured=featured, vintage=vintage)
        self.diagram_note = _diagram_note(step, self.figures, self.pay_comparisons)

    @property
    def shows_pay(self):
        """Whether any of the step's occupations has a wage the page can show (what its description may promise)."""
        return any(figure.pay_can_be_shown for figure in self.figures)

    def __getattr__(self, name):
        # Only reached for names not set above: the step's fields and methods.
        return getattr(self.step, name)
