"""Admin sign-in lockout: limits per (address, username), per address, per username and per device; fixed locks.

django-axes calls this module's handler (settings.AXES_HANDLER) on every sign-in attempt. Each
failure is one timestamped row, so "N failures within 30 minutes" is counted exactly; a lockout is
a row of its own with the time it began and ends, so trying again during a lockout neither counts
nor extends it. Rows are in the database: every gunicorn worker and every machine sees the same.

The per-username limit cannot be aimed at an editor (OWASP, "Slow down online guessing attacks with
device cookies"): a browser that has signed in as a user carries a signed device cookie for that
user. Such a browser is not held by the username's lock, and its failures do not count towards it;
it has a limit of its own instead, which locks that browser alone.
"""

import uuid
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.signals import user_locked_out
from django.conf import settings
from django.core import signing
from django.db import models, transaction
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone


class Scope(models.TextChoices):
    PAIR = "pair", "this username from this address"
    ADDRESS = "address", "every username from this address"
    USERNAME = "username", "this username from every browser that has not signed in as it"
    DEVICE = "device", "this username from this browser"


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
    device = models.CharField(
        max_length=32, blank=True, help_text="The browser's device cookie, when it has signed in as this user before."
    )
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

    def matching(self, *, ip_address, username, device=""):
        """Lockouts that apply to signing in as `username` from `ip_address`, in a browser with `device`."""
        one_browser = Q(scope=Scope.DEVICE, device=device) if device else Q(scope=Scope.USERNAME, username=username)
        return self.filter(
            Q(scope=Scope.PAIR, ip_address=ip_address, username=username)
            | Q(scope=Scope.ADDRESS, ip_address=ip_address)
            | one_browser
        )


class SignInLockout(models.Model):
    """A lock on signing in, from the failure that crossed a limit until a fixed time after it."""

    scope = models.CharField(max_length=10, choices=Scope.choices)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    username = models.CharField(max_length=255, blank=True)
    device = models.CharField(max_length=32, blank=True)
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
            Scope.DEVICE: f"{self.username} from one browser",
        }[self.scope]
        return f"Signing in as {who}, until {self.ends_at:%Y-%m-%d %H:%M} UTC"


def _key(scope, ip_address, username, device):
    """The failures a scope counts, or None when the scope does not apply to this attempt."""
    if scope != Scope.ADDRESS and not username:
        return None  # a blank username is no account to protect
    return {
        Scope.PAIR: {"ip_address": ip_address, "username": username},
        Scope.ADDRESS: {"ip_address": ip_address},
        # Only browsers that have not signed in as the user count towards (and are held by) its lock.
        Scope.USERNAME: None if device else {"username": username, "device": ""},
        Scope.DEVICE: {"username": username, "device": device} if device else None,
    }[scope]


def record_failure(*, ip_address, username, device="", now=None):
    """Record one failure; return the lockouts it began (empty when no limit was reached)."""
    now = now or timezone.now()
    began = []
    with transaction.atomic():
        SignInFailure.objects.create(ip_address=ip_address, username=username, device=device, attempted_at=now)
        since = now - failure_window()
        for scope, limit in limits().items():
            key = _key(scope, ip_address, username, device)
            if key is None:
                continue
            recent = SignInFailure.objects.filter(attempted_at__gt=since, **key).count()
            if recent >= limit and not SignInLockout.objects.active(now=now).filter(scope=scope, **key).exists():
                began.append(
                    SignInLockout.objects.create(
                        scope=scope,
                        ip_address=key.get("ip_address"),
                        username=key.get("username", ""),
                        device=key.get("device", ""),
                        began_at=now,
                        ends_at=now + lockout_length(),
                    )
                )
    return began


def active_lockout(*, ip_address, username, device="", now=None):
    """The lockout that ends last among those stopping this sign-in, or None."""
    return (
        SignInLockout.objects.active(now=now)
        .matching(ip_address=ip_address, username=username or "", device=device)
        .order_by("-ends_at")
        .first()
    )


# --- Device cookies: a browser that has signed in as a user says so, in a value only this site can sign ---

_DEVICE_SALT = "accounts.signin.device"


def device_cookie_value(username):
    """A new signed device cookie for `username`: the name and a random identifier for this browser."""
    return signing.dumps([username, uuid.uuid4().hex], salt=_DEVICE_SALT, compress=True)


def device_of(request, username):
    """This browser's device identifier if its cookie is genuine and for `username`, else ""."""
    value = request.COOKIES.get(settings.SIGN_IN_DEVICE_COOKIE_NAME)
    if not value or not username:
        return ""
    try:
        signed_for, device = signing.loads(
            value, salt=_DEVICE_SALT, max_age=settings.SIGN_IN_DEVICE_COOKIE_AGE.total_seconds()
        )
    except (signing.BadSignature, ValueError, TypeError):
        return ""
    return device if signed_for == username and isinstance(device, str) and len(device) == 32 else ""


def issue_device_cookie(get_response):
    """Middleware: after a successful sign-in, the browser gets a device cookie for that user."""

    def middleware(request):
        response = get_response(request)
        username = getattr(request, "signed_in_as", None)
        if username:
            response.set_cookie(
                settings.SIGN_IN_DEVICE_COOKIE_NAME,
                device_cookie_value(username),
                max_age=int(settings.SIGN_IN_DEVICE_COOKIE_AGE.total_seconds()),
                path="/admin/",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    return middleware


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
        username = (get_client_username(request, credentials) or "")[:255]
        return request.axes_ip_address or None, username, device_of(request, username)

    def is_locked(self, request, credentials=None):
        ip_address, username, device = self._who(request, credentials)
        return active_lockout(ip_address=ip_address, username=username, device=device) is not None

    def get_failures(self, request, credentials=None):
        ip_address, username, _ = self._who(request, credentials)
        since = timezone.now() - failure_window()
        return SignInFailure.objects.filter(attempted_at__gt=since, ip_address=ip_address, username=username).count()

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is None:
            return
        ip_address, username, device = self._who(request, credentials)
        if self.is_whitelisted(request, credentials):
            return
        locked = getattr(request, "axes_locked_out", False) or active_lockout(
            ip_address=ip_address, username=username, device=device
        )
        # A try during a lockout is refused without being counted: the lockout ends when it said.
        if not locked:
            locked = bool(record_failure(ip_address=ip_address, username=username, device=device))
        if locked:
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send("axes", request=request, username=username, ip_address=ip_address)

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        request.signed_in_as = user.get_username()  # issue_device_cookie gives this browser its cookie
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
    lockout = active_lockout(ip_address=ip_address, username=username, device=device_of(request, username))
    seconds = max(int((lockout.ends_at - timezone.now()).total_seconds()), 1) if lockout else 60
    response = render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"lockout": lockout, "username": username, "minutes": int(lockout_length().total_seconds() // 60)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
