"""The eligibility checker's form: it asks only what the stored routes need to be weighed."""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms

from . import eligibility
from .eligibility import Candidate, TrainingKind
from .models import EligibilityRoute

IN_TRAINING, FINISHED = "in-training", "finished"
YES, NO = "yes", "no"


def _years_field(label, help_text, *, most):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=most,
        max_digits=3,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )


class EligibilityForm(forms.Form):
    """Questions built from the routes: a route that needs no diploma never makes the form ask for one."""

    def __init__(self, *args, routes, **kwargs):
        super().__init__(*args, **kwargs)
        routes = [r for r in routes if r.training != EligibilityRoute.Training.NOT_CHECKED]
        trained = [r for r in routes if r.training != EligibilityRoute.Training.NONE]
        self.windows = sorted({r.experience_window_years for r in routes if r.experience_window_years})
        training_fields, work_fields = [], []

        if trained:
            self.fields[eligibility.TRAINING_FIELD] = forms.ChoiceField(
                label="What medical assisting training do you have?",
                help_text="If you have more than one kind, pick the first that fits.",
                choices=TrainingKind.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            training_fields.append(eligibility.TRAINING_FIELD)
        if any(r.stage != EligibilityRoute.Stage.EITHER or self._dates_matter(r) for r in trained):
            self.fields[eligibility.STATUS_FIELD] = forms.ChoiceField(
                label="Is your training finished?",
                choices=[(IN_TRAINING, "No, I am still in training"), (FINISHED, "Yes, I have finished")],
                required=False,
                widget=forms.RadioSelect,
            )
            training_fields.append(eligibility.STATUS_FIELD)
        if any(r.days_before_completion is not None for r in trained):
            self.fields[eligibility.DAYS_FIELD] = forms.IntegerField(
                label="If you are still in training: in how many days will you finish?",
                help_text="Count to the end of the whole program, practicum or externship included.",
                required=False,
                min_value=0,
                max_value=3650,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            training_fields.append(eligibility.DAYS_FIELD)
        if any(r.min_years_since_training is not None or r.max_years_since_training is not None for r in trained):
            self.fields[eligibility.YEARS_SINCE_FIELD] = _years_field(
                "If you have finished: how many years ago did your training end?",
                "For example 0.5 for six months, 0 if you finished this month.",
                most=70,
            )
            training_fields.append(eligibility.YEARS_SINCE_FIELD)
        if any(r.min_years_experience for r in routes):
            self.fields[eligibility.WORK_FIELD] = _years_field(
                "How many years of full-time medical assisting work have you done, in total?",
                "0 if none. For example 1.5 for a year and a half. The certifying bodies count hours, "
                "so check part-time work with them.",
                most=70,
            )
            work_fields.append(eligibility.WORK_FIELD)
            for window in self.windows:
                name = eligibility.work_field(window)
                self.fields[name] = _years_field(
                    f"Of those, how many years were in the last {window} years?",
                    f"Leave blank if all of your work was in the last {window} years.",
                    most=window,
                )
                work_fields.append(name)
        if any(r.requires_diploma for r in routes):
            self.fields[eligibility.DIPLOMA_FIELD] = forms.ChoiceField(
                label="Do you have a high-school diploma or GED?",
                choices=[(YES, "Yes"), (NO, "No")],
                required=False,
                widget=forms.RadioSelect,
            )

        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "eligibility-form"
        self.helper.attrs = {"aria-labelledby": "your-answers"}
        sections = [
            Fieldset("Your training", *training_fields) if training_fields else None,
            Fieldset("Your work", *work_fields) if work_fields else None,
            Fieldset("Your schooling", eligibility.DIPLOMA_FIELD) if eligibility.DIPLOMA_FIELD in self.fields else None,
        ]
        self.helper.layout = Layout(
            *[s for s in sections if s],
            StrictButton("Check my eligibility", type="submit", css_class="btn-primary"),
        )

    @staticmethod
    def _dates_matter(route):
        return any(
            value is not None
            for value in (route.days_before_completion, route.min_years_since_training, route.max_years_since_training)
        )

    def has_answers(self):
        """Whether the visitor answered anything at all (a blank submit is not an answer)."""
        return self.is_bound and any(str(self.data.get(name, "")).strip() for name in self.fields)

    def clean(self):
        cleaned = super().clean()
        total = cleaned.get(eligibility.WORK_FIELD)
        wider = None  # the answer for the next wider window, checked from the widest down
        for window in reversed(self.windows):
            name = eligibility.work_field(window)
            years = cleaned.get(name)
            if years is None:
                continue
            if total is not None and years > total:
                self.add_error(name, "This cannot be more than your total years of work.")
            elif wider is not None and years > wider[1]:
                self.add_error(name, f"This cannot be more than your years in the last {wider[0]} years.")
            else:
                wider = (window, years)
        return cleaned

    def candidate(self):
        """The candidate the valid answers describe; an invalid or missing answer stays unknown."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        status = data.get(eligibility.STATUS_FIELD) or None
        days = data.get(eligibility.DAYS_FIELD)
        since = data.get(eligibility.YEARS_SINCE_FIELD)
        finished = {IN_TRAINING: False, FINISHED: True}.get(status)
        if finished is None and (days is None) != (since is None):
            # Only one of the two was answered, which tells whether the training is over.
            finished = since is not None
        work = {None: data[eligibility.WORK_FIELD]} if data.get(eligibility.WORK_FIELD) is not None else {}
        for window in self.windows:
            if data.get(eligibility.work_field(window)) is not None:
                work[window] = data[eligibility.work_field(window)]
        return Candidate(
            training=data.get(eligibility.TRAINING_FIELD) or None,
            finished=finished,
            years_since_training=since if finished else None,
            days_to_finish=days if finished is False else None,
            work_years=work,
            has_diploma={YES: True, NO: False}.get(data.get(eligibility.DIPLOMA_FIELD)),
        )
