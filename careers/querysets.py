"""How the career-paths models are queried: the site's own occupation, national wages, kinds of career step."""

from content.models import ContentQuerySet, NaturalKeyManager

from .areas import Area


class OccupationQuerySet(ContentQuerySet):
    def featured(self):
        return self.filter(is_featured=True)


class OccupationManager(NaturalKeyManager.from_queryset(OccupationQuerySet)):
    pass


class WageFigureQuerySet(ContentQuerySet):
    def latest_first(self):
        return self.order_by("-reference_year")

    def national(self):
        return self.filter(area=Area.NATION)


class CareerStepQuerySet(ContentQuerySet):
    def advancement_roles(self):
        return self.filter(kind=self.model.Kind.ROLE)

    def specializations(self):
        return self.filter(kind=self.model.Kind.SPECIALIZATION)
