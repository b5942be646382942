"""The credential pages: the four certifications side by side (narrowable with ?c=) and each one in full."""

from django.utils.http import urlencode
from django.views.generic import DetailView, TemplateView

from content import selectors as content
from content import structured_data
from content.http import PrivateUnlessCanonicalMixin
from content.models import Statement

from .. import selectors

# More codes than there are certifications can only be noise; the rest are ignored.
MAX_CODES = 20
SHOWN_CODE_LENGTH = 40


def _statements():
    return content.statements(topic=Statement.Topic.CERTIFICATION)


def _credentials_json_ld(request, certifications):
    data = [
        structured_data.credential(cert, url=request.build_absolute_uri(cert.get_absolute_url()))
        for cert in certifications
    ]
    if not data:
        return None
    return structured_data.as_json_ld(data[0] if len(data) == 1 else data)


class CertificationListView(PrivateUnlessCanonicalMixin, TemplateView):
    """CMA, RMA, NCMA and CCMA compared: one column each, every cell with its source on demand."""

    query_parameters = ("c",)  # read by the page cache (careerpath/page_cache.py)

    template_name = "certifications/certification_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        everything = list(selectors.certifications())
        known = {cert.slug for cert in everything}
        given = self.request.GET.getlist("c")
        asked = [code.strip().lower() for code in given[:MAX_CODES] if code.strip()]
        # Only the columns the page's own links ask for: known codes, each once, as the links write them.
        self.query_canonical = given == asked and set(asked) <= known and len(set(asked)) == len(asked)
        unknown = list(dict.fromkeys(code[:SHOWN_CODE_LENGTH] for code in asked if code not in known))
        chosen = {code for code in asked if code in known}
        shown = [cert for cert in everything if cert.slug in chosen] if chosen else everything
        shown_slugs = {cert.slug for cert in shown}

        toggles = []
        for cert in everything:
            is_shown = cert.slug in shown_slugs
            after = shown_slugs ^ {cert.slug}
            toggles.append(
                {
                    "certification": cert,
                    "shown": is_shown,
                    "url": self._url_for(everything, after),
                    # Hiding the only column left would empty the table: that link shows all instead.
                    "action": "Show all" if is_shown and not after else ("Hide" if is_shown else "Show"),
                }
            )
        statements = _statements()
        context.update(
            certifications=shown,
            all_certifications=everything,
            is_narrowed=len(shown) < len(everything),
            unknown_codes=unknown,
            toggles=toggles,
            rows=selectors.comparison_rows(shown, route_notes=selectors.notes_by_certification(statements, shown)),
            statements=statements,
            json_ld=_credentials_json_ld(self.request, everything),
        )
        return context

    def _url_for(self, everything, slugs):
        if not slugs or len(slugs) == len(everything):
            return self.request.path
        ordered = [cert.slug for cert in everything if cert.slug in slugs]
        return f"{self.request.path}?{urlencode([('c', slug) for slug in ordered])}"


class CertificationDetailView(DetailView):
    """One certification in full: every fact with its source, each eligibility route, and its body."""

    query_parameters = ()  # read by the page cache

    template_name = "certifications/certification_detail.html"
    context_object_name = "certification"

    def get_queryset(self):
        return selectors.certifications()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cert = self.object
        statements = _statements()
        notes = selectors.notes_by_certification(statements, [cert])
        context.update(
            # The routes get a section of their own below the table, so the table leaves them out.
            rows=[row for row in selectors.comparison_rows([cert]) if row.key != "routes"],
            routes=list(cert.routes.all()),
            route_notes=notes[cert.slug],
            statements=statements,
            others=[other for other in selectors.certifications_brief() if other.pk != cert.pk],
            json_ld=_credentials_json_ld(self.request, [cert]),
        )
        return context
