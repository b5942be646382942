"""Editors' sign-in records: failures and lockouts (defined with their handler in signin.py)."""

from .signin import SignInFailure, SignInLockout

__all__ = ["SignInFailure", "SignInLockout"]
