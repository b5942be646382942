"""The eligibility checker's questions in two steps, for visitors without JavaScript.

First what training (if any), work and diploma; then only the questions those answers open: each ticked
training's timing and, with any work, its recent years (the narrowest window only: its answer bounds every wider
one from below, and "all of it" settles them all). A route that still needs a wider window is "not decided
yet", and the result page asks for that one answer.
"""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.layout import Fieldset, Hidden, Layout

from . import names


class TwoSteps:
    """Mixed into EligibilityForm: needs its `sections`, `kind_fields`, `windows`, `fields` and `helper`."""

    def first_step(self):
        """Ask the first step only; its answers come back with the step marker, for the follow-up questions."""
        first = [self.sections[key] for key in ("training", "work", "diploma") if key in self.sections]
        self.helper.layout = Layout(
            *first,
            Hidden(names.STEP_FIELD, names.FOLLOW_UPS),
            StrictButton("Next", type="submit", css_class="btn-primary"),
        )

    def follow_up_fields(self):
        """The questions the first step's valid answers open: [] when the checker can answer at once."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        kinds = [] if names.TRAINING_FIELD in self.errors else data.get(names.TRAINING_FIELD) or []
        asked = [name for kind in kinds for name in self.kind_fields.get(kind, [])]
        if any(getattr(self, "work_hours", {}).values()):
            asked += self._narrowest_window_fields()
        return asked

    def _narrowest_window_fields(self):
        """The narrowest window's questions only. Its answer bounds every wider window's from below (and "all of it"
        settles them all), so the result can follow at once; a route that still needs a wider window's answer is
        "not decided yet", and the result page asks for it."""
        if not self.windows:
            return []
        window = self.windows[0]
        return [
            name
            for name in (
                names.window_field(window),
                names.window_hours_field(window),
                names.window_months_field(window),
            )
            if name in self.fields
        ]

    def second_step(self, query):
        """Ask the follow-up questions only, carrying the first step's answers (as they were typed) along."""
        first = [names.TRAINING_FIELD, *names.FIRST_STEP_WORK, names.DIPLOMA_FIELD]
        carried = [
            Hidden(name, value) for name in first if name in self.fields for value in query.getlist(name) if value
        ]
        kinds = self.cleaned_data.get(names.TRAINING_FIELD) or []
        asked = [self.sections[kind] for kind in kinds if kind in self.kind_fields]
        if any(getattr(self, "work_hours", {}).values()) and self._narrowest_window_fields():
            asked.append(Fieldset("Your work in recent years", *self._narrowest_window_fields()))
        self.helper.layout = Layout(
            *carried, *asked, StrictButton("Check my eligibility", type="submit", css_class="btn-primary")
        )
