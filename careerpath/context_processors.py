"""Template context every page needs: the disclaimers and when the sources were checked."""

from django.utils.functional import SimpleLazyObject

from content import selectors


def site(request):
    # Lazy, so pages that never show the footer (the admin, CSV) do no query for it.
    return {
        "site_disclaimers": SimpleLazyObject(lambda: list(selectors.disclaimers())),
        "sources_checked": SimpleLazyObject(selectors.sources_checked),
    }
