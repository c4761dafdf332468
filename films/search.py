"""The catalogue's search: one rule for how text is compared, and the search documents it reads.

**Normalisation** (`normalise`), the same for what is searched and what is typed: compatibility
forms folded (NFKC: full-width "Ｌｉ" is "li", half-width katakana is katakana), Chinese
characters in their simplified forms (films.hanzi: "張曼玉" is "张曼玉"), case folded, accents
left out ("é" is "e"), apostrophes dropped, and every other run of punctuation, hyphens included,
a single space ("Ho-sun" is "ho sun", "Comrades: Almost" is "comrades almost"). Romanisations
are made from the characters as written, before any of this.

**Documents.** Looking through a film's titles, credits, places and languages on every search
costs the database tens of milliseconds in a large catalogue, so each film and each person has
one column holding every text a search looks in (`search_text`), normalised, written here whenever
a row it is made from is saved or deleted (fixture loads included). A person's document holds
their name, their name in its own script, its romanisations (films.romanise: pinyin and jyutping,
generated) and their other spellings, then the characters they play; a film's holds its titles,
then the names of everyone credited and the characters, then its year, genre, countries and
languages. One line per text, each line a marker and the text's words, each word after a space:

    \\n= comrades almost a love story    titles (a person's: names)
    \\n~                                 end of the titles
    \\n@ leon lai                        people (a person's document: none)
    \\n: lai siu gwan                    characters
    \\n|                                 end of the people
    \\n# 1996                            the rest: year, genre, countries, languages

**Matching** (`matching`): every word typed must begin a word of the document, in any order and
each in any line (a word in Chinese characters may stand anywhere, as they are not spaced); on
PostgreSQL a word of five letters or more that begins no word of any document (a typo) matches
the words like it (pg_trgm's word similarity). A GIN trigram index on each column (migration
0005) serves both. **Ranking**: an exact title (a
person: an exact name) first, then every word in the titles, then in the people, then the rest,
and last what matched only with a typo.

**Did you mean**: films.suggest, when a search finds nothing.
"""

import re
import unicodedata
from collections import defaultdict

from django.apps import apps as global_apps
from django.db import connections
from django.db.models import Case, Exists, F, IntegerField, Q, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan, LessThan
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from films import hanzi
from films.romanise import HAN, romanisations

TITLE, PERSON, CHARACTER, FACT = "=", "@", ":", "#"
TITLES_END, PEOPLE_END = "\n~", "\n|"
# A query's words beyond these are ignored: each costs the database a condition.
MAX_WORDS = 8
# Words this long (and not in Chinese characters) may be misspelt, on PostgreSQL.
FUZZY_LENGTH = 5

APOSTROPHES = re.compile("['’ʼ‘`´]")
WORD = re.compile(r"[^\W_]+")
JOINERS = re.compile(r"(?<=\w)[-.‐‑–](?=\w)")
# Scripts written without spaces between words (Chinese characters, kana): a query's word in
# them may stand anywhere in a word of the document.
UNSPACED = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]|" + HAN.pattern)


def normalise(text):
    """How both the documents and the searched text are compared (see the module's doc)."""
    folded = hanzi.fold(unicodedata.normalize("NFKC", text)).casefold()
    unaccented = "".join(
        character
        for character in unicodedata.normalize("NFD", folded)
        if not unicodedata.combining(character)
    )
    words = WORD.findall(APOSTROPHES.sub("", unicodedata.normalize("NFC", unaccented)))
    return " ".join(words)


def spellings(text):
    """`text` normalised and, when it joins words with hyphens or dots ("Ho-sun", "U.S."), also
    with them joined ("hosun"), as people type either."""
    found = [normalise(text)]
    joined = JOINERS.sub("", text)
    if joined != text:
        found.append(normalise(joined))
    return found


def lines(marker, texts):
    """The document's lines for `texts`: each spelling once, in order, empty ones left out."""
    unique = dict.fromkeys(spelling for text in texts if text for spelling in spellings(text))
    return [f"\n{marker} {spelling}" for spelling in unique if spelling]


def document(titles=(), people=(), characters=(), facts=()):
    return "".join(
        [
            *lines(TITLE, titles),
            TITLES_END,
            *people,
            *lines(CHARACTER, characters),
            PEOPLE_END,
            *lines(FACT, facts),
            "\n",
        ]
    )


def names_part(person_document):
    """The name lines of a person's document, as a film's document lists them (people)."""
    names = person_document.partition(TITLES_END)[0]
    return [f"\n{PERSON}{line[1:]}" for line in names.split("\n") if line]


def character_names(character, other_names):
    return [character, *(name.strip() for name in other_names.split(","))]


# Matching and ranking.


def query_words(text):
    return list(dict.fromkeys(normalise(text).split()))[:MAX_WORDS]


def pattern(word):
    """What a word of the query is looked for as: the beginning of a word of the document, or
    anywhere for a word in a script written without spaces (UNSPACED)."""
    return word if UNSPACED.match(word) else f" {word}"


def trigrams_available(connection):
    """Whether this PostgreSQL connection has pg_trgm (migration 0005 creates it where allowed;
    `note_trigrams` reads it when a connection opens)."""
    if connection.vendor != "postgresql":
        return False
    connection.ensure_connection()  # a new connection notes it (note_trigrams)
    return getattr(connection, "filmclub_trigrams", False)


def note_trigrams(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
            connection.filmclub_trigrams = cursor.fetchone()[0]


def word_condition(model, word, field, fuzzy):
    """The word as typed or, when `fuzzy` and it is long and begins no word of any document (a
    typo, then), a word like it. Whether it begins any is asked once per query (PostgreSQL runs
    the uncorrelated NOT EXISTS once), so a query of real words never pays for similarity."""
    as_typed = Q(**{f"{field}__contains": pattern(word)})
    if not fuzzy or len(word) < FUZZY_LENGTH or UNSPACED.search(word):
        return as_typed
    from django.contrib.postgres.lookups import TrigramWordSimilar

    unknown = ~Exists(model._default_manager.filter(as_typed))
    return as_typed | Q(unknown, TrigramWordSimilar(F(field), Value(word)))


def ranking(phrase, words, field):
    """0 the exact title (or name) `phrase`, 1 every word in the titles, 2 in the people, 3
    anywhere, 4 only with a typo (see the module's doc)."""
    positions = [StrIndex(field, Value(pattern(word))) for word in words]
    found = [GreaterThan(position, 0) for position in positions]

    def before(end):
        end = StrIndex(field, Value(end))
        return Q(*found, *(LessThan(position, end) for position in positions))

    # STRPOS, not LIKE '%…%': it is computed for every row found (thousands for a common word),
    # and PostgreSQL's LIKE steps through the whole document where STRPOS searches it fast.
    exact = GreaterThan(StrIndex(field, Value(f"\n{TITLE} {phrase}\n")), 0)
    return Case(
        When(exact, then=0),
        When(before(TITLES_END), then=1),
        When(before(PEOPLE_END), then=2),
        When(Q(*found), then=3),
        default=4,
        output_field=IntegerField(),
    )


def matching(queryset, text, *order, field="search_text"):
    """The rows of `queryset` that `text` finds in `field`, best first (then by `order`), each
    with `search_rank`; `queryset` itself when `text` has no word."""
    words = query_words(text)
    if not words:
        return queryset
    fuzzy = trigrams_available(connections[queryset.db])
    condition = Q()
    for word in words:
        condition &= word_condition(queryset.model, word, field, fuzzy)
    return (
        queryset.filter(condition)
        .annotate(search_rank=ranking(normalise(text), words, field))
        .order_by("search_rank", *order)
    )


# Building the documents.


def romanised(native_name, lang, stored=""):
    """`stored` (Person.romanised_names) when it was made from this native name and language,
    else the name's romanisations made afresh: the first line says what they were made from, so
    that pycantonese (hundreds of MB, seconds to load) is loaded only when a name changes."""
    source = f"{native_name}\t{lang}"
    if stored.split("\n", 1)[0] == source:
        return stored
    return "\n".join([source, *romanisations(native_name, lang)])


def romanise_person(sender, instance, **kwargs):
    """Before a person is saved: the romanisations of their native name, if it changed."""
    instance.romanised_names = romanised(
        instance.native_name, instance.native_name_lang, instance.romanised_names
    )


def person_documents(person_pks, apps=global_apps):
    """{person pk: their search document} for `person_pks`, in three queries."""
    model = apps.get_model
    names, characters = defaultdict(list), defaultdict(list)
    people = model("films", "Person").objects.filter(pk__in=person_pks)
    for pk, name, native_name, lang, stored in people.values_list(
        "pk", "name", "native_name", "native_name_lang", "romanised_names"
    ):
        spelt = romanised(native_name, lang, stored).split("\n")[1:]
        names[pk] += [name, native_name, *spelt]
    aliases = model("films", "PersonAlias").objects.filter(person__in=person_pks)
    for person, name in aliases.values_list("person", "name"):
        names[person].append(name)
    credits = model("films", "CastCredit").objects.filter(person__in=person_pks)
    for person, character, other_names in credits.order_by("film", "pk").values_list(
        "person", "character", "character_other_names"
    ):
        characters[person] += character_names(character, other_names)
    return {pk: document(titles=names[pk], characters=characters[pk]) for pk in names}


def film_documents(film_pks, apps=global_apps):
    """{film pk: its search document} for `film_pks`, in six queries whatever their number.
    The people's names come from their own documents (person_documents, written first).

    `apps` is the app registry: the live one, or a migration's historical one."""
    model = apps.get_model
    titles, people, characters, facts = (defaultdict(list) for _ in range(4))
    Film = model("films", "Film")
    films = Film.objects.filter(pk__in=film_pks)
    for pk, *texts, year, genre in films.values_list(
        "pk", "title", "original_title", "original_title_romanised", "year", "genre"
    ):
        titles[pk] += texts
        facts[pk] += [str(year) if year else "", genre]
    other_titles = model("films", "AlternativeTitle").objects.filter(film__in=film_pks)
    for film, title in other_titles.values_list("film", "title"):
        titles[film].append(title)
    cast = model("films", "CastCredit").objects.filter(film__in=film_pks).order_by("billing", "pk")
    for film, person_document, character, other_names in cast.values_list(
        "film", "person__search_text", "character", "character_other_names"
    ):
        people[film] += names_part(person_document)
        characters[film] += character_names(character, other_names)
    crew = model("films", "CrewCredit").objects.filter(film__in=film_pks).order_by("order", "pk")
    for film, person_document in crew.values_list("film", "person__search_text"):
        people[film] += names_part(person_document)
    for relation in ("countries", "languages"):
        through = Film._meta.get_field(relation).remote_field.through
        rows = through.objects.filter(film__in=film_pks)
        other = "country" if relation == "countries" else "language"
        for film, name, code in rows.values_list("film", f"{other}__name", f"{other}__code"):
            facts[film] += [name, code]
    return {
        pk: document(
            titles=titles[pk],
            people=dict.fromkeys(people[pk]),
            characters=characters[pk],
            facts=facts[pk],
        )
        for pk in titles
    }


def rewrite(model_name, documents_of, pks, apps):
    """Rewrite the documents of these rows (an UPDATE only where one changed); {pk: document}."""
    pks = set(pks)
    if not pks:
        return {}
    model = apps.get_model("films", model_name)
    stored = dict(model.objects.filter(pk__in=pks).values_list("pk", "search_text"))
    documents = {pk: text for pk, text in documents_of(pks, apps).items() if pk in stored}
    changed = [
        model(pk=pk, search_text=text) for pk, text in documents.items() if text != stored[pk]
    ]
    model.objects.bulk_update(changed, ["search_text"], batch_size=500)
    return documents


def refresh(film_pks, apps=global_apps):
    """Rewrite the search documents of these films."""
    return rewrite("Film", film_documents, film_pks, apps)


def refresh_people(person_pks, apps=global_apps):
    """Rewrite these people's documents; those of their films follow (refresh)."""
    return rewrite("Person", person_documents, person_pks, apps)


def keep_in_step(instance, documents):
    """The saved instance holds its new document too, so that saving it again does not write
    the old one back."""
    instance.search_text = documents.get(instance.pk, instance.search_text)


def refresh_all(apps=global_apps, batch=2000):
    """Every person's document, then every film's, `batch` rows at a time, each batch the rows
    after the last by primary key (after bulk writes, and in the migrations)."""
    for model_name, rewrite_batch in (("Person", refresh_people), ("Film", refresh)):
        rows = apps.get_model("films", model_name).objects.order_by("pk")
        pks = list(rows.values_list("pk", flat=True)[:batch])
        while pks:
            rewrite_batch(pks, apps)
            pks = list(rows.filter(pk__gt=pks[-1]).values_list("pk", flat=True)[:batch])


# Keeping them up to date.

CREDITS = ("CastCredit", "CrewCredit")


def films_of_person(person_pk):
    CastCredit, CrewCredit = (global_apps.get_model("films", name) for name in CREDITS)
    return set(CastCredit.objects.filter(person=person_pk).values_list("film", flat=True)) | set(
        CrewCredit.objects.filter(person=person_pk).values_list("film", flat=True)
    )


DOCUMENT_FIELDS = {"title", "original_title", "original_title_romanised", "year", "genre"}


def on_film_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or DOCUMENT_FIELDS & set(update_fields):
        keep_in_step(instance, refresh([instance.pk]))


def on_places_changed(sender, instance, action, pk_set, **kwargs):
    """A film's countries or languages changed (from either end)."""
    if not action.startswith("post_"):
        return
    Film = global_apps.get_model("films", "Film")
    refresh([instance.pk] if isinstance(instance, Film) else pk_set or ())


def on_place_renamed(sender, instance, **kwargs):
    """A country or a language was saved: the films it names."""
    refresh(instance.films.values_list("pk", flat=True))


# What each part of a search document belongs to: a save may move it to another owner.
OWNER_FIELDS = {
    "films.AlternativeTitle": ("film_id",),
    "films.CastCredit": ("film_id", "person_id"),
    "films.CrewCredit": ("film_id", "person_id"),
    "films.PersonAlias": ("person_id",),
}


def remember_previous_owner(sender, instance, **kwargs):
    """Before a part is saved: the film and person it belonged to as stored, so that those it
    leaves have their documents rewritten too (a credit moved to another film, say)."""
    fields = OWNER_FIELDS[sender._meta.label]
    previous = None
    if instance.pk is not None:
        previous = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    instance._search_previous_owners = previous or {}


def owners(instance, field):
    """The owner the part has now and, after a save that moved it, the one it had."""
    previous = getattr(instance, "_search_previous_owners", {}).get(field)
    return {getattr(instance, field), previous} - {None}


def on_film_part_changed(sender, instance, **kwargs):
    """An other title or a crew credit was saved or deleted."""
    refresh(owners(instance, "film_id"))


def on_cast_changed(sender, instance, **kwargs):
    """A cast credit: its person's characters, then its film."""
    refresh_people(owners(instance, "person_id"))
    refresh(owners(instance, "film_id"))


def on_person_changed(sender, instance, **kwargs):
    keep_in_step(instance, refresh_people([instance.pk]))
    refresh(films_of_person(instance.pk))


def on_alias_changed(sender, instance, **kwargs):
    people = owners(instance, "person_id")
    refresh_people(people)
    films = set()
    for person in people:
        films |= films_of_person(person)
    refresh(films)


def connect():
    from django.db.backends.signals import connection_created

    # The models by name: films.models imports this module (normalise).
    names = ("AlternativeTitle", *CREDITS, "Film", "Person", "PersonAlias", "Country", "Language")
    AlternativeTitle, CastCredit, CrewCredit, Film, Person, PersonAlias, Country, Language = (
        global_apps.get_model("films", name) for name in names
    )

    connection_created.connect(note_trigrams, dispatch_uid="search-trigrams")
    post_save.connect(on_film_saved, sender=Film, dispatch_uid="search-film")
    for model in (AlternativeTitle, CastCredit, CrewCredit, PersonAlias):
        pre_save.connect(remember_previous_owner, sender=model, dispatch_uid=f"search-pre-{model}")
    for signal in (post_save, post_delete):
        for model in (AlternativeTitle, CrewCredit):
            signal.connect(on_film_part_changed, sender=model, dispatch_uid=f"search-{model}")
        signal.connect(on_cast_changed, sender=CastCredit, dispatch_uid="search-cast")
        signal.connect(on_alias_changed, sender=PersonAlias, dispatch_uid="search-alias")
    pre_save.connect(romanise_person, sender=Person, dispatch_uid="search-romanise")
    post_save.connect(on_person_changed, sender=Person, dispatch_uid="search-person")
    for relation, model in (("countries", Country), ("languages", Language)):
        through = Film._meta.get_field(relation).remote_field.through
        m2m_changed.connect(on_places_changed, sender=through, dispatch_uid=f"search-{relation}")
        post_save.connect(on_place_renamed, sender=model, dispatch_uid=f"search-{model}")
