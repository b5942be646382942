"""Template context every page needs: the disclaimers and the date the figures are as of."""

from django.utils.functional import SimpleLazyObject

from . import selectors


def site(request):
    # Lazy, so pages that never show the footer (the admin, CSV) do no query for it.
    return {
        "site_disclaimers": SimpleLazyObject(lambda: list(selectors.disclaimers())),
        "figures_as_of": SimpleLazyObject(selectors.figures_as_of),
    }
