"""App configuration for the education domain."""

from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Education and programs"

    def ready(self):
        # The state pay page (careers, below this app) links each state to its programs, with their count.
        from careers import states

        from .selectors import listed_programs_by_state

        states.register_program_counts(listed_programs_by_state)
