"""How every app's views mark an answer no shared cache should keep: one made from a query they did not make.

The site's page cache (careerpath/page_cache.py) keeps a page per query string of the names a view declares.
A value nobody links to (an unknown sort, a made-up code, a page number out of range) or one a visitor types
(a name, an amount, hours) would each make a page of its own, without end. Such an answer is still given,
but with `Cache-Control: private`: browsers may keep it, no shared cache does, the site's own included.
"""

from django import forms
from django.utils.cache import patch_cache_control


def private_unless(response, canonical):
    """`response`, marked private when it answers a query the view does not use exactly as given."""
    if not canonical:
        patch_cache_control(response, private=True)
    return response


class PrivateUnlessCanonicalMixin:
    """For a TemplateView or ListView: set `self.query_canonical = False` when the query is not one of ours."""

    query_canonical = True

    def render_to_response(self, context, **response_kwargs):
        return private_unless(super().render_to_response(context, **response_kwargs), self.query_canonical)


def repeats_a_name(query):
    """Whether a name comes twice in the query (QueryDict), where the view reads one value."""
    return any(len(query.getlist(name)) > 1 for name in query)


def typed_values_given(form, query, *, known=()):
    """Whether the query fills a field of `form` whose values are typed, not chosen: any text or number.

    `known` names fields whose typed value the view found to be one of its own (a program's address)."""
    chosen = (forms.ChoiceField, forms.MultipleChoiceField, forms.ModelChoiceField, forms.BooleanField)
    return any(
        not isinstance(field, chosen) and name not in known and any(value.strip() for value in query.getlist(name))
        for name, field in form.fields.items()
    )
