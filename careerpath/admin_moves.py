"""Admin addresses from before the apps were split answer with a permanent redirect to the model's new app."""

import re

from django.http import HttpResponsePermanentRedirect
from django.urls import re_path

from content.moves import MOVED


def _redirect(request, old):
    app, model = old.split("/")
    new = MOVED[f"{app}.{model}"].replace(".", "/")
    return HttpResponsePermanentRedirect(request.get_full_path().replace(f"/admin/{old}/", f"/admin/{new}/", 1))


# Editors' bookmarks such as /admin/careerpath/wagefigure/3/change/ still arrive (at /admin/careers/…).
OLD_ADMIN_URLS = re_path(
    r"^admin/(?P<old>{})/".format("|".join(re.escape(label.replace(".", "/")) for label in MOVED)),
    _redirect,
)
