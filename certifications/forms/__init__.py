"""The credential pages' forms: the eligibility checker's (the comparison pages read no form)."""

from .eligibility import EligibilityForm

__all__ = ["EligibilityForm"]
