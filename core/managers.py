from operator import attrgetter

from django.db import models


class NaturalKeyManager(models.Manager):
    """Finds a row by its natural key, so that fixtures refer to rows by what they are rather than
    by their ids (seeds stay readable and idempotent): `NaturalKeyManager("film__slug", "title")`
    looks up the values of `natural_key()`, in order, through those lookups."""

    def __init__(self, *lookups):
        super().__init__()
        self.lookups = lookups

    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(self.lookups, key, strict=True)))


class NaturalKeySlugManager(NaturalKeyManager):
    """Slugged rows, found by their slug."""

    def __init__(self):
        super().__init__("slug")


class HasNaturalKey:
    """A model mixin: natural_key() is what its NaturalKeyManager's lookups read, in order."""

    # No natural_key.dependencies: a dump already puts first the rows a foreign key points to
    # when their model has a natural key, and those are the rows such a key reads.
    def natural_key(self):
        lookups = type(self)._default_manager.lookups  # "film__slug" reads self.film.slug
        return tuple(attrgetter(lookup.replace("__", "."))(self) for lookup in lookups)


class RemembersAsRead:
    """A model mixin: the values of its fields named in `remembered`, as last read from the
    database or saved (`as_read`; its save() calls remember_as_read() once written), so that
    whoever cares can tell what a save changed (`changed_since_read`)."""

    remembered = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_as_read()
        return instance

    def remember_as_read(self):
        self.as_read = {name: self.__dict__.get(name) for name in self.remembered}

    def changed_since_read(self):
        """{name: value as read} of the remembered fields whose value differs now; all of them
        for a row never read nor saved."""
        as_read = getattr(self, "as_read", None)
        if as_read is None:
            return dict.fromkeys(self.remembered)
        return {name: value for name, value in as_read.items() if value != self.__dict__.get(name)}


def related(model, name):
    """The model at the other end of `model`'s relation `name` (Screening's "rsvps": RSVP), for
    a queryset that must not import the models module that imports it."""
    return model._meta.get_field(name).related_model
