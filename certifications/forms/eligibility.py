"""The eligibility checker's form: it asks only what the stored routes need to be weighed.

`training` may repeat (accredited, other-program, apprenticeship, military, none); each training has
its own timing fields, named with the kind as a suffix (`status_military`, `months_since_military`…).
The names are in names.py; links in older forms are redirected to them before the form sees them.
"""

from decimal import Decimal

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.text import capfirst

from ..candidates import (
    TRAINED_KINDS,
    Candidate,
    TrainingAnswer,
    TrainingKind,
    arithmetic,
    hours_from_months,
    plain_number,
)
from ..eligibility import FULFILS
from ..models import EligibilityRoute
from . import names
from .names import ALL_OF_IT, FINISHED, IN_TRAINING, NO, PART_OF_IT, YES
from .steps import TwoSteps

Training = EligibilityRoute.Training
MAX_HOURS = 200_000
MAX_MONTHS = 840

# Each training as the one-line summary of the answers names it.
SHORT_NAMES = {
    TrainingKind.ACCREDITED: "an accredited medical assisting program",
    TrainingKind.OTHER_PROGRAM: "another medical assisting program",
    TrainingKind.APPRENTICESHIP: "a medical assisting apprenticeship",
    TrainingKind.MILITARY: "military medical training",
}

TITLES = {
    TrainingKind.ACCREDITED: "Your accredited program",
    TrainingKind.OTHER_PROGRAM: "Your other medical assisting program",
    TrainingKind.APPRENTICESHIP: "Your apprenticeship",
    TrainingKind.MILITARY: "Your military training",
}


class TrainingField(forms.MultipleChoiceField):
    """Ticked boxes; a blank value (an empty old-style link) is no answer rather than a wrong one."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if item.strip()]


def _decimal_field(label, help_text="", *, least=0, most, digits=5):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=least,
        max_value=most,
        max_digits=digits,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )


def _whole_field(label, help_text="", *, most):
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=most,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _radio(label, choices):
    return forms.ChoiceField(label=label, choices=choices, required=False, widget=forms.RadioSelect)


class EligibilityForm(TwoSteps, forms.Form):
    """Questions built from the routes: a route that needs no diploma never makes the form ask for one."""

    def __init__(self, data=None, *args, routes, **kwargs):
        routes = [r for r in routes if r.training != Training.NOT_CHECKED]
        trained = [r for r in routes if r.training != Training.NONE]
        self.windows = sorted({r.experience_window_years for r in routes if r.experience_window_years})
        self.accreditors = {}
        for route in routes:
            for accreditor in route.accreditors.all():
                self.accreditors.setdefault(accreditor.pk, accreditor)
        self.kinds = {}
        for kind in TRAINED_KINDS:
            relevant = [r for r in trained if self._may_open(kind, r)]
            if relevant:
                self.kinds[kind] = relevant
        super().__init__(data, *args, **kwargs)

        sections = []
        self.sections = {}  # the fieldsets by what they ask: "training", a kind, "work", "windows", "diploma"
        self.kind_fields = {}  # each kind's own questions, by field name
        self.window_fields = []
        if self.kinds:
            named = " or ".join(a.abbreviation for a in self.accreditors.values())
            labels = dict(TrainingKind.choices)
            if named:
                labels[TrainingKind.ACCREDITED] = f"A medical assisting program accredited by {named}"
                labels[TrainingKind.OTHER_PROGRAM] = f"Another medical assisting program (not accredited by {named})"
            self.fields[names.TRAINING_FIELD] = TrainingField(
                label="What medical assisting training do you have?",
                help_text="Tick every kind you have; each then gets its own questions.",
                choices=[(kind, labels[kind]) for kind in [*self.kinds, TrainingKind.NONE]],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.sections["training"] = Fieldset("Your training", names.TRAINING_FIELD)
            sections.append(self.sections["training"])
        for kind, relevant in self.kinds.items():
            asked = self._timing_fields(kind, relevant)
            if asked:
                self.kind_fields[kind] = asked
                self.sections[kind] = Fieldset(f"{TITLES[kind]}, if you ticked it", *asked)
                sections.append(self.sections[kind])
        if any(r.hours_needed for r in routes):
            work = self._work_fields()
            self.window_fields = work[3:]
            self.sections["work"] = Fieldset("Your work as a medical assistant", *work[:3])
            if self.window_fields:
                self.sections["windows"] = Fieldset("Your work in recent years", *self.window_fields)
            sections.append(Fieldset("Your work as a medical assistant", *work))
        if any(r.requires_diploma for r in routes):
            self.fields[names.DIPLOMA_FIELD] = _radio(
                "Do you have a high-school diploma or GED?", [(YES, "Yes"), (NO, "No")]
            )
            self.sections["diploma"] = Fieldset("Your schooling", names.DIPLOMA_FIELD)
            sections.append(self.sections["diploma"])

        # Never shown nor read: the page cache passes on only a form's own names, and an old link's must reach
        # the view, which redirects it to today's (views/old_links.py).
        for name in names.old_names(self.kinds, self.windows):
            self.fields[name] = forms.CharField(required=False, widget=forms.HiddenInput)

        self.work_counted = []
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "eligibility-form"
        self.helper.attrs = {"aria-labelledby": "your-answers"}
        self.helper.layout = Layout(
            *sections, StrictButton("Check my eligibility", type="submit", css_class="btn-primary")
        )

    def _may_open(self, kind, route):
        if route.training not in FULFILS[kind]:
            return False
        # Another program is by definition not accredited by the accreditors the routes name.
        return not (
            kind == TrainingKind.OTHER_PROGRAM
            and route.training == Training.ACCREDITED_PROGRAM
            and route.accreditors.all()
        )

    def finish_days(self, kind):
        """The days before finishing a training that the routes it may open ask about: [30] for “within 30 days”."""
        relevant = self.kinds.get(kind, [])
        return sorted({r.days_before_completion for r in relevant if r.days_before_completion is not None})

    def _timing_fields(self, kind, relevant):
        title = TITLES[kind]
        asked = []
        dated = [
            r for r in relevant if r.min_years_since_training is not None or r.max_years_since_training is not None
        ]
        if dated or any(r.stage != EligibilityRoute.Stage.EITHER or r.days_before_completion for r in relevant):
            name = names.status_field(kind)
            self.fields[name] = _radio(
                f"{title}: is it finished?", [(IN_TRAINING, "No, I am still in it"), (FINISHED, "Yes, it is finished")]
            )
            asked.append(name)
        for days in self.finish_days(kind):
            name = names.soon_field(kind, days)
            self.fields[name] = _radio(
                f"{title}: if you are still in it, will you finish within the next {days} days{_about_months(days)}?",
                [(YES, "Yes"), (NO, "No")],
            )
            asked.append(name)
        if dated:
            name = names.since_field(kind)
            self.fields[name] = _decimal_field(
                f"{title}: if it is finished, how many months ago did it end?",
                "In months: 0 if it ended this month, 12 for a year ago.",
                most=MAX_MONTHS,
                digits=4,
            )
            asked.append(name)
        return asked

    def _work_fields(self):
        self.fields[names.WORK_HOURS_FIELD] = _whole_field(
            "How many hours of medical assisting work have you done, in total?",
            "0 if none. If you do not know your hours, leave this blank and give months and hours a week instead.",
            most=MAX_HOURS,
        )
        self.fields[names.WORK_MONTHS_FIELD] = _decimal_field(
            "Or: for how many months have you worked as a medical assistant?", most=MAX_MONTHS
        )
        self.fields[names.WEEKLY_HOURS_FIELD] = _decimal_field(
            "How many hours a week did you usually work?",
            "We count 52 weeks in 12 months and show you the sum.",
            least=1,
            most=100,
            digits=4,
        )
        asked = [names.WORK_HOURS_FIELD, names.WORK_MONTHS_FIELD, names.WEEKLY_HOURS_FIELD]
        for window in self.windows:
            self.fields[names.window_field(window)] = _radio(
                f"How much of that work was in the last {window} years?",
                [(ALL_OF_IT, "All of it"), (PART_OF_IT, "Only part of it")],
            )
            self.fields[names.window_hours_field(window)] = _whole_field(
                f"If only part: how many hours were in the last {window} years?", most=MAX_HOURS
            )
            self.fields[names.window_months_field(window)] = _decimal_field(
                f"Or how many months in the last {window} years, at the hours a week above?", most=window * 12
            )
            asked += [
                names.window_field(window),
                names.window_hours_field(window),
                names.window_months_field(window),
            ]
        return asked

    def has_answers(self):
        """Whether the visitor answered anything at all (a blank submit is not an answer)."""
        return self.is_bound and any(str(value).strip() for name in self.fields for value in self._raw(name))

    def _raw(self, name):
        return self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name, "")]

    def clean(self):
        cleaned = super().clean()
        kinds = cleaned.get(names.TRAINING_FIELD) or []
        if TrainingKind.NONE in kinds and len(kinds) > 1:
            self.add_error(names.TRAINING_FIELD, "“None yet” cannot be ticked together with a kind of training.")
        if names.WORK_HOURS_FIELD in self.fields:
            self._clean_work(cleaned)
        return cleaned

    def _clean_work(self, cleaned):
        self.work_hours, self.work_months, self.all_within, self.work_counted = {}, {}, set(), []
        per_week = cleaned.get(names.WEEKLY_HOURS_FIELD)
        total = self._hours(cleaned, names.WORK_HOURS_FIELD, names.WORK_MONTHS_FIELD, per_week, "In total")
        if total is not None:
            self.work_hours[None] = total
        wider = None  # (window, hours) of the next wider window, checked from the widest down
        for window in reversed(self.windows):
            choice = cleaned.get(names.window_field(window))
            hours_name, months_name = names.window_hours_field(window), names.window_months_field(window)
            given = any(cleaned.get(name) is not None for name in (hours_name, months_name))
            if choice == ALL_OF_IT:
                if given:
                    self.add_error(hours_name, "You chose “all of it”: leave this blank, or choose “only part of it”.")
                self.all_within.add(window)
                if total is not None:
                    wider = (window, total)
                continue
            hours = self._hours(cleaned, hours_name, months_name, per_week, f"In the last {window} years")
            if hours is None:
                continue
            if total is not None and hours > total:
                self.add_error(hours_name, "This cannot be more than your total hours of work.")
            elif wider is not None and hours > wider[1]:
                self.add_error(hours_name, f"This cannot be more than your hours in the last {wider[0]} years.")
            else:
                self.work_hours[window] = hours
                wider = (window, hours)

    def _hours(self, cleaned, hours_name, months_name, per_week, what):
        """Hours given directly, or months at the weekly hours (recorded with its arithmetic)."""
        hours, months = cleaned.get(hours_name), cleaned.get(months_name)
        if hours is not None and months is not None:
            self.add_error(months_name, "Give hours or months, not both.")
            return None
        if hours is not None:
            return Decimal(hours)
        if months is None:
            return None
        if per_week is None:
            if names.WEEKLY_HOURS_FIELD not in self.errors:
                self.add_error(
                    names.WEEKLY_HOURS_FIELD, "Give your usual hours a week too, or give hours instead of months."
                )
            return None
        window = None if months_name == names.WORK_MONTHS_FIELD else int(months_name.rsplit("_", 1)[1])
        self.work_months[window] = months
        self.work_counted.append(f"{what}: {arithmetic(months, per_week)}")
        return hours_from_months(months, per_week)

    def candidate(self):
        """The candidate the valid answers describe; an invalid or missing answer stays unknown."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        kinds = data.get(names.TRAINING_FIELD) or []
        if names.TRAINING_FIELD in self.errors:
            kinds = []
        trainings = None
        if kinds:
            trainings = tuple(self._training(kind, data) for kind in kinds if kind != TrainingKind.NONE)
        return Candidate(
            trainings=trainings,
            work_hours=getattr(self, "work_hours", {}),
            work_months=getattr(self, "work_months", {}),
            all_within=frozenset(getattr(self, "all_within", ())),
            has_diploma={YES: True, NO: False}.get(data.get(names.DIPLOMA_FIELD)),
        )

    def answers_summary(self):
        """The valid answers in one line: “An accredited program, finished 6 months ago; 0 hours of work; …”."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        parts = []
        kinds = [] if names.TRAINING_FIELD in self.errors else data.get(names.TRAINING_FIELD) or []
        for kind in kinds:
            if kind == TrainingKind.NONE:
                parts.append("no medical assisting training yet")
                continue
            status = data.get(names.status_field(kind))
            months = data.get(names.since_field(kind))
            if status == IN_TRAINING:
                timing = "still in it"
            elif months is not None:
                timing = "finished this month" if not months else f"finished {plain_number(months)} months ago"
            else:
                timing = "finished" if status == FINISHED else ""
            parts.append(SHORT_NAMES[kind] + (f", {timing}" if timing else ""))
        hours = getattr(self, "work_hours", {}).get(None)
        if hours is not None:
            months = getattr(self, "work_months", {}).get(None)
            per_week = data.get(names.WEEKLY_HOURS_FIELD)
            if months is not None and per_week is not None:
                parts.append(
                    f"{plain_number(months)} months of medical assisting work at {plain_number(per_week)} hours a week"
                )
            else:
                parts.append(f"{hours:,.0f} hours of medical assisting work")
        diploma = data.get(names.DIPLOMA_FIELD)
        if diploma:
            parts.append("a high-school diploma or GED" if diploma == YES else "no high-school diploma or GED yet")
        line = "; ".join(parts) or "none of the answers could be read"
        return f"{capfirst(line)}."

    def _training(self, kind, data):
        status = data.get(names.status_field(kind)) or None
        months = data.get(names.since_field(kind))
        since = None if months is None else months / 12  # the routes state years
        soon = {}
        for days in self.finish_days(kind):
            answer = data.get(names.soon_field(kind, days))
            if answer in (YES, NO):
                soon[days] = answer == YES
        finished = {IN_TRAINING: False, FINISHED: True}.get(status)
        if finished is None:
            # A time since it ended says it is over; an answer about finishing soon says it is not.
            finished = True if since is not None else (False if soon else None)
        listed = frozenset(self.accreditors)
        return TrainingAnswer(
            kind=kind,
            finished=finished,
            finishes_within=soon if finished is False else {},
            years_since=since if finished else None,
            accredited_by=listed if kind == TrainingKind.ACCREDITED and listed else None,
            not_accredited_by=listed if kind == TrainingKind.OTHER_PROGRAM else frozenset(),
        )


def _about_months(days):
    """“ (about a month)” beside a number of days, for people who count in months."""
    months = round(days / 30)
    if days < 28 or not months:
        return ""
    return " (about a month)" if months == 1 else f" (about {months} months)"
