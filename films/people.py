"""People as the catalogue keeps them: one person, whatever the spelling of their name."""

from django.db import transaction

from films.models import PersonAlias


@transaction.atomic
def merge_people(*, keep, others):
    """Fold `others` into `keep`: their credits and accolades move, their names become other
    spellings of `keep`, and they are deleted. A credit `keep` already has is not duplicated."""
    for other in others:
        if other.pk == keep.pk:
            continue
        move_credits(other.cast_credits.all(), to=keep, kept=keep.cast_credits, same="character")
        move_credits(other.crew_credits.all(), to=keep, kept=keep.crew_credits, same="role")
        other.accolades.update(person=keep)
        other.aliases.update(person=keep)
        if not keep.bio and other.bio:
            keep.bio = other.bio
        if not keep.native_name and other.native_name:
            keep.native_name = other.native_name
        names = {other.name}
        other.delete()
        for name in names:
            if name.lower() != keep.name.lower():
                PersonAlias.objects.get_or_create(name=name, defaults={"person": keep})
    keep.save()
    return keep


def move_credits(credits, *, to, kept, same):
    """Give each of `credits` to the person `to`, or delete it where `kept` (their credits of
    that kind) already has one for the same film and the same `same` (character or role)."""
    for credit in credits:
        if kept.filter(film=credit.film, **{same: getattr(credit, same)}).exists():
            credit.delete()
        else:
            credit.person = to
            credit.save(update_fields=["person"])
