"""“Did you mean …?”: what a search that found nothing was likely meant as (`suggestion`), written
as the catalogue writes it. Asked only once a search found nothing (a search that finds something
never pays for it), in two queries: which words typed begin no word of any document (typos: of
three letters or more, not in Chinese characters), then where to find what they were meant as.
Each typo is replaced by a word close to it (difflib's ratio at least CLOSE: one letter wrong,
missing, extra or two letters swapped in a word of three letters or more is 0.67 or more) and
every other word is kept, so a query of real words that find nothing together suggests nothing,
nor does a word close to no word ("Comrades almost a love xyzzy").

**On PostgreSQL** (pg_trgm) the second query takes, of the first CANDIDATES documents found like the
typos that hold every other word typed (the trigram index serves it), the one most like the typos
(pg_trgm's word similarity), so that the suggestion finds at least its row. A document is like a
typo when a word of it begins with one of the typo's variants one letter off (wrong, missing, extra,
or two swapped; for a typo of up to fifteen letters: "angles" as ` (?:angels|an\\wles|…)`), or when
it is like the typo by pg_trgm's word similarity (its `%>` operator, at its threshold of 0.6). The
similarity alone missed most one-letter typos of words under eleven letters: it is the trigrams in
common over those of the typo and of the stretch of the document it is compared with, and a letter
swapped or changed mid-word leaves too few ("angles" and "angels" have 3 of 7 in common, 0.43, so
"Fallen angles" suggested nothing; "Brihgt Star" 0.5). The typos' corrections are then a run of one
line of that document (a title, a name) if the words typed are one ("maggie chueng": "maggie
cheung", not the "cheng" of another name of the same film), else each typo's closest word in the
document. Typos under five letters are not forgiven in the search itself (films.search.matching):
there the similarity condition is planned, and its index read, even for a query of real words, and
for a four-letter word the planner then left the word's own index (30 ms for "irma" alone in 100,000
documents, against 1 ms).

**Elsewhere** (SQLite, the development site; PostgreSQL without pg_trgm) no index finds a word
like another, so the documents are not read: the second query reads the first NAMES_READ titles
and as many people's names, and the suggestion is a run of one of them, as above ("Irma Vepp":
"Irma Vep"; about 25 ms of Python for 10,000 titles and names). A title or name past those, or
a word typed that is elsewhere than in a title or a name (a character, a year), is never
suggested there.

**As written**: the suggestion is the title or name that is exactly its words, as the catalogue
writes it ("comrades almost a love stroy": "Comrades: Almost a Love Story"), and otherwise each
word as the row's titles and names write it, or as the member typed it ("Vepp": "Vep"). Its link
searches for what it shows, which finds the same.
"""

import re
import unicodedata
from difflib import SequenceMatcher, get_close_matches

from django.apps import apps
from django.db import connections
from django.db.models import Exists, F, OuterRef, Q, Value

from films.search import (
    APOSTROPHES,
    JOINERS,
    UNSPACED,
    WORD,
    normalise,
    pattern,
    query_words,
    trigrams_available,
)

# Words this long may be corrected.
SUGGESTED_LENGTH = 3
# A typo is corrected only by a word at least this close to it (difflib's ratio, its own default
# for a close match): twice the letters in common over the letters of both.
CLOSE = 0.6
# On PostgreSQL: a document with a word one letter off each typo is looked for when there are at
# most this many typos, of at most this many letters (a longer word one letter off is like the
# typo by its trigrams).
EDITED_TYPOS, EDITED_LENGTH = 3, 15
# A variant the trigram index can narrow: three letters in a row, a trigram within a word (the
# trigrams of a word's beginning, "  v" and " ve", are in thousands of documents).
SELECTIVE = re.compile(r"[^\W_]{3}")
# Alternatives in one regular expression: with more, pg_trgm may give up reading some of their
# trigrams, and read and test every document with a common one ("masterpeice", its 44 variants in
# one expression: 570 to 930 ms over bench/generate.py's 10,000 films; 12 at a time, 2 ms).
VARIANTS_A_PATTERN = 12
# The documents found like the typos, of which the most like them is taken: a typo of a common
# word is like thousands, each compared and sorted otherwise.
CANDIDATES = 20
# Elsewhere: at most this many titles, and as many names, are compared.
NAMES_READ = 5000


def suggestion(films, text, field="search_text"):
    """What `text` was likely meant as when it finds nothing in `films` (a queryset of films), as
    the catalogue writes it, or None (see the module's doc)."""
    words = query_words(text)
    correctable = [
        word for word in words if len(word) >= SUGGESTED_LENGTH and not UNSPACED.search(word)
    ]
    typos = unknown_words(films, correctable, field)
    if not typos:
        return None
    if trigrams_available(connections[films.db]):
        found = likely_document(films, words, typos, written_in_film(), field)
    else:
        people = apps.get_model("films", "Person").objects.using(films.db)
        names = (films.values_list("title", flat=True), people.values_list("name", flat=True))
        found = likely_name(words, typos, names)
    if found is None:
        return None
    suggested, texts = found
    return as_written(suggested, texts, text)


def written_in_film():
    """How the words of a film's search document are written, as expressions of the film's row
    (on PostgreSQL): its titles, the names of its cast and crew, the characters."""
    from django.contrib.postgres.expressions import ArraySubquery

    def of_film(model, field):
        rows = apps.get_model("films", model).objects.filter(film=OuterRef("pk"))
        return ArraySubquery(rows.order_by("pk").values(field))

    return [
        F("title"),
        F("original_title_romanised"),
        of_film("AlternativeTitle", "title"),
        of_film("CastCredit", "person__name"),
        of_film("CrewCredit", "person__name"),
        of_film("CastCredit", "character"),
    ]


def unknown_words(queryset, words, field="search_text"):
    """Those of `words` that begin no word of any document of `queryset`, in one query."""
    if not words:
        return []
    begins = {
        f"begins_{number}": Exists(queryset.filter(**{f"{field}__contains": pattern(word)}))
        for number, word in enumerate(words)
    }
    found = queryset.model._default_manager.annotate(**begins).values(*begins).first() or {}
    return [word for number, word in enumerate(words) if not found.get(f"begins_{number}")]


# On PostgreSQL.


def one_letter_off(word):
    """Regular expressions, of at most VARIANTS_A_PATTERN alternatives each, that together find
    the words one letter off `word` (wrong, extra, missing, or two swapped) at the beginning of a
    word of a document, those the trigram index can narrow (SELECTIVE)."""
    variants = []
    for at in range(len(word)):
        variants += [word[:at] + word[at + 1 :], f"{word[:at]}_{word[at + 1 :]}"]
    for at in range(len(word) - 1):
        variants.append(word[:at] + word[at + 1] + word[at] + word[at + 2 :])
    for at in range(len(word) + 1):
        variants.append(f"{word[:at]}_{word[at:]}")  # _: any letter
    variants = [
        variant.replace("_", r"\w")
        for variant in dict.fromkeys(variants)
        if SELECTIVE.search(variant)
    ]
    return [
        " (?:{})".format("|".join(variants[start : start + VARIANTS_A_PATTERN]))
        for start in range(0, len(variants), VARIANTS_A_PATTERN)
    ]


def like_typo(typo, field, edited):
    """A document like `typo` (see the module's doc); by its words one letter off too when
    `edited` and the typo is of at most EDITED_LENGTH letters."""
    from django.contrib.postgres.lookups import TrigramWordSimilar

    condition = Q(TrigramWordSimilar(F(field), Value(typo)))
    if edited and len(typo) <= EDITED_LENGTH:
        for regex in one_letter_off(typo):
            condition |= Q(**{f"{field}__regex": regex})
    return condition


def likely_document(queryset, words, typos, written, field):
    """(`words` with their typos corrected by the document most like them, its row's `written`
    texts), or None (see the module's doc). One query."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    known = [Q(**{f"{field}__contains": pattern(word)}) for word in words if word not in typos]
    edited = len(typos) <= EDITED_TYPOS
    alike = [like_typo(typo, field, edited) for typo in typos]
    candidates = queryset.filter(*known, *alike).order_by().values("pk")[:CANDIDATES]
    likeness = [TrigramWordSimilarity(Value(typo), F(field)) for typo in typos]
    writing = {f"written_{number}": expression for number, expression in enumerate(written)}
    row = (
        queryset.filter(pk__in=candidates)
        .annotate(typo_likeness=sum(likeness[1:], likeness[0]), **writing)
        .order_by("-typo_likeness", "pk")
        .values_list(field, *writing)
        .first()
    )
    if row is None:
        return None
    document, *texts = row
    lines = [
        [each for each in line.split() if WORD.fullmatch(each)] for line in document.split("\n")
    ]
    run = closest_run(words, typos, lines)
    if run is not None:
        return run[0], flattened(texts)
    in_document = [each for line in lines for each in line]
    corrected = [closest_word(word, in_document) if word in typos else word for word in words]
    return None if None in corrected else (corrected, flattened(texts))


def closest_word(word, words):
    """The word of `words` most like `word` (the first of equals), if it is close (CLOSE)."""
    best = max(words, key=lambda each: likeness(word, each), default=None)
    return best if best is not None and likeness(word, best) >= CLOSE else None


def flattened(values):
    """The texts of `values`, each a text or a list of texts, empty ones left out."""
    texts = []
    for value in values:
        texts += value if isinstance(value, list) else [value]
    return [text for text in texts if text]


# Elsewhere.


def likely_name(words, typos, names):
    """(`words` with their typos corrected by a run of a title or a name of `names`, that text),
    or None (see the module's doc). One query."""
    first, *others = (
        texts.filter(pk__in=texts.order_by("pk").values("pk")[:NAMES_READ]).order_by()
        for texts in names
    )
    texts = list(first.union(*others, all=True))
    run = closest_run(words, typos, [normalise(text).split() for text in texts])
    return None if run is None else (run[0], [texts[run[1]]])


# Both.


def closest_run(words, typos, lines):
    """The run of as many words as `words` in one of `lines` (lists of words) that they were
    likely meant as: each typo close to its word (CLOSE), each other word beginning its word,
    the run most like `words` first. (its words, the number of its line), or None."""
    runs = {}
    for number, line in enumerate(lines):
        for start in range(len(line) - len(words) + 1):
            runs.setdefault(" ".join(line[start : start + len(words)]), number)
    for run in get_close_matches(" ".join(words), runs, n=max(1, len(runs)), cutoff=CLOSE):
        if all(
            likeness(word, each) >= CLOSE if word in typos else each.startswith(word)
            for word, each in zip(words, run.split(), strict=True)
        ):
            return run.split(), runs[run]
    return None


def likeness(word, other):
    return SequenceMatcher(None, word, other).ratio()


def as_written(words, texts, typed):
    """`words` (normalised) as the catalogue writes them: the text of `texts` (titles, names)
    that is these words, if one is; else each word as `texts` first write it, or as `typed`
    (what the member typed) does, or as it is."""
    phrase = " ".join(words)
    for text in texts:
        if normalise(text) == phrase:
            return text
    forms = {}
    for text in [*texts, typed]:
        for written in written_words(text):
            forms.setdefault(normalise(written), written)
    return " ".join(forms.get(word, word) for word in words)


def written_words(text):
    """The words of `text` as written, and those joined by hyphens or dots written joined
    ("Kar-wai": "Kar", "wai", "Karwai"), as films.search.spellings reads them."""
    text = unicodedata.normalize("NFC", APOSTROPHES.sub("", text))
    joined = [JOINERS.sub("", token) for token in text.split() if JOINERS.search(token)]
    return [*WORD.findall(text), *("".join(WORD.findall(token)) for token in joined)]
