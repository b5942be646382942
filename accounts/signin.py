"""Admin sign-in lockout: limits per (address, username), per address and per username, fixed 30-minute locks.

django-axes calls this module's handler (settings.AXES_HANDLER) on every sign-in attempt. Each
failure is one timestamped row, so "N failures within 30 minutes" is counted exactly; a lockout is
a row of its own with the time it began and ends, so trying again during a lockout neither counts
nor extends it. Rows are in the database: every gunicorn worker and every machine sees the same.
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.signals import user_locked_out
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone


class Scope(models.TextChoices):
    PAIR = "pair", "this username from this address"
    ADDRESS = "address", "every username from this address"
    USERNAME = "username", "this username from every address"


def limits():
    """How many failures within the window lock each scope: settings.SIGN_IN_FAILURE_LIMITS."""
    return {Scope(scope): limit for scope, limit in settings.SIGN_IN_FAILURE_LIMITS.items()}


def failure_window():
    return settings.SIGN_IN_FAILURE_WINDOW


def lockout_length():
    return settings.AXES_COOLOFF_TIME


class SignInFailure(models.Model):
    """One failed sign-in to the admin: who was tried, from where, when."""

    ip_address = models.GenericIPAddressField(null=True, blank=True)
    username = models.CharField(max_length=255, blank=True)
    attempted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "careerpath_signinfailure"  # created when these models lived in the career-paths app
        ordering = ["-attempted_at"]
        indexes = [
            models.Index(fields=["ip_address", "attempted_at"], name="signin_failure_address"),
            models.Index(fields=["username", "attempted_at"], name="signin_failure_username"),
        ]

    def __str__(self):
        return f"{self.username or '(no username)'} from {self.ip_address} at {self.attempted_at:%Y-%m-%d %H:%M}"


class SignInLockoutQuerySet(models.QuerySet):
    def active(self, *, now=None):
        return self.filter(ends_at__gt=now or timezone.now())

    def matching(self, *, ip_address, username):
        """Lockouts that apply to signing in as `username` from `ip_address`."""
        return self.filter(
            Q(scope=Scope.PAIR, ip_address=ip_address, username=username)
            | Q(scope=Scope.ADDRESS, ip_address=ip_address)
            | Q(scope=Scope.USERNAME, username=username)
        )


class SignInLockout(models.Model):
    """A lock on signing in, from the failure that crossed a limit until a fixed time after it."""

    scope = models.CharField(max_length=10, choices=Scope.choices)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    username = models.CharField(max_length=255, blank=True)
    began_at = models.DateTimeField()
    ends_at = models.DateTimeField(db_index=True)

    objects = SignInLockoutQuerySet.as_manager()

    class Meta:
        db_table = "careerpath_signinlockout"  # created when these models lived in the career-paths app
        ordering = ["-began_at"]

    def __str__(self):
        who = {
            Scope.PAIR: f"{self.username} from {self.ip_address}",
            Scope.ADDRESS: f"every username from {self.ip_address}",
            Scope.USERNAME: f"{self.username} from every address",
        }[self.scope]
        return f"Signing in as {who}, until {self.ends_at:%Y-%m-%d %H:%M} UTC"


def _key(scope, ip_address, username):
    return {
        Scope.PAIR: {"ip_address": ip_address, "username": username},
        Scope.ADDRESS: {"ip_address": ip_address},
        Scope.USERNAME: {"username": username},
    }[scope]


def record_failure(*, ip_address, username, now=None):
    """Record one failure; return the lockouts it began (empty when no limit was reached)."""
    now = now or timezone.now()
    began = []
    with transaction.atomic():
        SignInFailure.objects.create(ip_address=ip_address, username=username, attempted_at=now)
        since = now - failure_window()
        for scope, limit in limits().items():
            key = _key(scope, ip_address, username)
            if scope != Scope.ADDRESS and not username:
                continue  # a blank username is no account to protect
            recent = SignInFailure.objects.filter(attempted_at__gt=since, **key).count()
            if recent >= limit and not SignInLockout.objects.active(now=now).filter(scope=scope, **key).exists():
                began.append(
                    SignInLockout.objects.create(
                        scope=scope,
                        ip_address=key.get("ip_address"),
                        username=key.get("username", ""),
                        began_at=now,
                        ends_at=now + lockout_length(),
                    )
                )
    return began


def active_lockout(*, ip_address, username, now=None):
    """The lockout that ends last among those stopping this sign-in, or None."""
    return (
        SignInLockout.objects.active(now=now)
        .matching(ip_address=ip_address, username=username or "")
        .order_by("-ends_at")
        .first()
    )


def lift(*, ip_address=None, username=None, ip_or_username=False):
    """Lift lockouts and forget failures for an address and/or a username (all of them when neither)."""
    failures = SignInFailure.objects.all()
    lockouts = SignInLockout.objects.all()
    if ip_or_username:
        failures = failures.filter(Q(ip_address=ip_address) | Q(username=username))
        lockouts = lockouts.filter(Q(ip_address=ip_address) | Q(username=username))
    else:
        if ip_address:
            failures = failures.filter(ip_address=ip_address)
            lockouts = lockouts.filter(ip_address=ip_address)
        if username:
            failures = failures.filter(username=username)
            lockouts = lockouts.filter(username=username)
    removed_lockouts, _ = lockouts.delete()
    removed_failures, _ = failures.delete()
    return removed_lockouts + removed_failures


def forget_old(*, days):
    """Delete failures, and lockouts that ended, more than `days` days ago; return how many rows went."""
    before = timezone.now() - timedelta(days=days)
    failures, _ = SignInFailure.objects.filter(attempted_at__lt=before).delete()
    lockouts, _ = SignInLockout.objects.filter(ends_at__lt=before).delete()
    return failures + lockouts


class SignInLockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler with our counting: three limits, and a lock that ends when it said it would."""

    def _who(self, request, credentials):
        return request.axes_ip_address or None, (get_client_username(request, credentials) or "")[:255]

    def is_locked(self, request, credentials=None):
        ip_address, username = self._who(request, credentials)
        return active_lockout(ip_address=ip_address, username=username) is not None

    def get_failures(self, request, credentials=None):
        ip_address, username = self._who(request, credentials)
        since = timezone.now() - failure_window()
        return SignInFailure.objects.filter(attempted_at__gt=since, ip_address=ip_address, username=username).count()

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is None:
            return
        ip_address, username = self._who(request, credentials)
        if self.is_whitelisted(request, credentials):
            return
        locked = getattr(request, "axes_locked_out", False) or active_lockout(ip_address=ip_address, username=username)
        # A try during a lockout is refused without being counted: the lockout ends when it said.
        if not locked:
            locked = bool(record_failure(ip_address=ip_address, username=username))
        if locked:
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send("axes", request=request, username=username, ip_address=ip_address)

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        if settings.AXES_RESET_ON_SUCCESS:
            # The right password ends the count for this address and username, not the wider ones.
            SignInFailure.objects.filter(
                ip_address=request.axes_ip_address or None, username=user.get_username()
            ).delete()

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False):
        """What axes_reset, axes_reset_ip, axes_reset_username and axes_reset_ip_username call."""
        return lift(ip_address=ip_address, username=username, ip_or_username=ip_or_username) + super().reset_attempts(
            ip_address=ip_address, username=username, ip_or_username=ip_or_username
        )


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets: until when, and why, with HTTP 429 and Retry-After."""
    ip_address = getattr(request, "axes_ip_address", None) or None
    username = (get_client_username(request, credentials) or "")[:255]
    lockout = active_lockout(ip_address=ip_address, username=username)
    seconds = max(int((lockout.ends_at - timezone.now()).total_seconds()), 1) if lockout else 60
    response = render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"lockout": lockout, "username": username, "minutes": int(lockout_length().total_seconds() // 60)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
