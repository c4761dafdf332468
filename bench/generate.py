"""Fill an empty database with a large synthetic club for the benchmark: bench/run.py runs
`.venv/bin/python bench/generate.py --scale=1` (with DJANGO_DEBUG and DATABASE_URL set).

At `--scale 1` (the default): 10,000 films, 50,000 people in the catalogue, 50,000 members,
100,000 reviews, 300,000 threaded comments and 2,000 screenings at 20 venues in 16 time zones.
One film, `bench-popular-film`, has 1,000 reviews, and one review, `bench-long-thread`, has 500
comments. The member `bench-diarist` has 5,000 dated logs (their diary, a tenth of them with text),
and the bench member follows 500 members (their logs and comments make its home page's activity
feed; among them, always, an author of a public review and of a comment).

Smaller scales shrink every count (the popular film and the long thread too, never
below 3), so the benchmark can compare query counts at a small and a large size.

Everything is written with bulk_create in batches and drawn from a seeded random generator: the
same `--seed` and `--scale` give the same club. The member `bench` (email bench@bench.invalid,
password `BENCH_PASSWORD`, email verified) is the signed-in visitor of the benchmark.
"""

import datetime
import os
import random
import sys
import time
import zoneinfo
from decimal import Decimal
from pathlib import Path

import django

if __name__ == "__main__":
    # Run as a script (by bench/run.py): Django is set up before the models are imported.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from core import pagecache
from films import search
from films.models import CastCredit, Country, CrewCredit, Film, Language, Person
from members.models import Follow
from reviews.models import Comment, Review
from screenings.attendance import RSVP
from screenings.models import ProgrammeItem, Screening, Series, Venue
from screenings.runtime import programme_runtime

POPULAR_FILM_SLUG = "bench-popular-film"
LONG_REVIEW_SLUG = "bench-long-thread"
BENCH_USERNAME = "bench"
DIARIST_USERNAME = "bench-diarist"
BENCH_EMAIL = "bench@bench.invalid"
# A throwaway account on a throwaway database: the password is public on purpose.
BENCH_PASSWORD = "bench-only-password-4-filmclub"

FULL_SCALE = {
    "films": 10_000,
    "people": 50_000,
    "members": 50_000,
    "reviews": 100_000,
    "comments": 300_000,
    "screenings": 2_000,
    "popular_reviews": 1_000,
    "long_thread": 500,
    "followed": 500,  # whom the bench member follows: their logs and comments make its home feed
    "diary_logs": 5_000,  # the logs of bench-diarist, whose diary is measured
}
BATCH = 5_000

ADJECTIVES = (
    "Silent Golden Hidden Last Long Red Blue Distant Broken Quiet Wild Summer Winter Lonely "
    "Secret Bright Eternal Lost Little Burning Paper Glass Midnight Northern Sweet Bitter"
).split()
NOUNS = (
    "River Harbour City Station Garden Letter Song Window Island Road Bridge Mirror Ferry "
    "Lantern Market Season Horizon Balcony Rooftop Tram Orchard Typhoon Ticket Umbrella"
).split()
PLACES = (
    "Kowloon Brooklyn Lisbon Taipei Marseille Harlem Shanghai Osaka Havana Dakar Naples "
    "Montreal Saigon Berlin Lagos Queens"
).split()
FIRST_NAMES = (
    "Maggie Leon Eric Kristy Peter Ivy Jingle Teresa Faye Tony Carina Anita Chow Agnes Wong "
    "Olivier Irma Claire Jean Agnès Chantal Ousmane Djibril Satyajit Aparna Yasujiro Setsuko "
    "Akira Kinuyo Hou Edward Tsai Ang Brigitte Ingrid Federico Giulietta Luis Lucrecia"
).split()
LAST_NAMES = (
    "Cheung Lai Tsang Yeung Chan Ho Ma Teng Wong Leung Lau Hui Assayas Varda Akerman "
    "Sembène Mambéty Ray Sen Ozu Hara Kurosawa Tanaka Yang Ming-liang Lee Lovelace Lovell "
    "Bergman Fellini Masina Buñuel Martel Denis Lovejoy Dash Burnett Reichardt Kiarostami"
).split()
GENRES = ["Romantic drama", "Comedy", "Thriller", "Documentary", "Musical", "Western", "Noir"]
COUNTRIES = [
    ("HK", "Hong Kong"),
    ("US", "United States"),
    ("FR", "France"),
    ("JP", "Japan"),
    ("TW", "Taiwan"),
    ("IT", "Italy"),
    ("SN", "Senegal"),
    ("IN", "India"),
    ("MX", "Mexico"),
    ("KR", "South Korea"),
]
LANGUAGES = [
    ("yue", "Cantonese"),
    ("en", "English"),
    ("fr", "French"),
    ("ja", "Japanese"),
    ("cmn", "Mandarin"),
    ("it", "Italian"),
    ("wo", "Wolof"),
    ("bn", "Bengali"),
    ("es", "Spanish"),
    ("ko", "Korean"),
]
# (name, city, latitude, longitude, time zone): parks in 16 time zones, none where the sun
# fails to set.
VENUES = [
    ("Fort Greene Park", "Brooklyn, New York", "40.69137", "-73.97545", "America/New_York"),
    ("Prospect Park", "Brooklyn, New York", "40.66200", "-73.96900", "America/New_York"),
    ("Elysian Park", "Los Angeles", "34.08100", "-118.24200", "America/Los_Angeles"),
    ("Dolores Park", "San Francisco", "37.75960", "-122.42690", "America/Los_Angeles"),
    ("Grant Park", "Chicago", "41.87600", "-87.61900", "America/Chicago"),
    ("Zilker Park", "Austin", "30.26700", "-97.77300", "America/Chicago"),
    ("Victoria Park", "London", "51.53600", "-0.03900", "Europe/London"),
    ("Parc de la Villette", "Paris", "48.89400", "2.39000", "Europe/Paris"),
    ("Tempelhofer Feld", "Berlin", "52.47300", "13.40500", "Europe/Berlin"),
    ("Jardim da Estrela", "Lisbon", "38.71400", "-9.16000", "Europe/Lisbon"),
    ("Victoria Park", "Hong Kong", "22.28200", "114.18900", "Asia/Hong_Kong"),
    ("Da'an Forest Park", "Taipei", "25.03000", "121.53600", "Asia/Taipei"),
    ("Yoyogi Park", "Tokyo", "35.67200", "139.69500", "Asia/Tokyo"),
    ("Moore Park", "Sydney", "-33.89600", "151.22300", "Australia/Sydney"),
    ("Parque Lage", "Rio de Janeiro", "-22.96000", "-43.21200", "America/Sao_Paulo"),
    ("Chapultepec", "Mexico City", "19.42000", "-99.18200", "America/Mexico_City"),
    ("Uhuru Park", "Nairobi", "-1.28900", "36.81600", "Africa/Nairobi"),
    ("Cubbon Park", "Bengaluru", "12.97600", "77.59200", "Asia/Kolkata"),
    ("Parc Lafontaine", "Montreal", "45.52700", "-73.56900", "America/Toronto"),
    ("Trinity Bellwoods", "Toronto", "43.64700", "-79.41400", "America/Toronto"),
]
SENTENCES = [
    "The film takes its time, and the time is the point.",
    "I watched it on a borrowed disc with subtitles that came and went.",
    "Every scene in the **rain** feels like a letter nobody sends.",
    "The two leads never say what they mean, and the camera knows it.",
    "It is a film about leaving home and never quite arriving anywhere.",
    "The music does half the work, and it does it well.",
    "Some of the jokes have aged; the longing has not.",
    "The last ten minutes undo you, *quietly*.",
    "The editing is patient without being slow.",
    "A city at night has rarely looked this lonely or this beautiful.",
    "I would send anyone to see it outdoors, on a summer evening.",
    "See [the catalogue](/films/) for the rest of the director's work.",
]
COMMENT_LINES = [
    "Thanks for this, I finally tracked it down at the library.",
    "I saw it in the park last summer and cried on the grass.",
    "Disagree about the ending, but what a review.",
    "Which version did you watch? The restoration looks very different.",
    "This is exactly how I felt about the train scene.",
    "Adding it to my list. https://example.org/watchlist",
    "The soundtrack alone is worth it.",
    "Let me know if your library has it!",
]


def render_bodies(objects):
    """What saving each one would render (bulk_create sends no pre_save), once per distinct
    body: the generated texts repeat."""
    fields = [f.name for f in objects[0]._meta.fields if f.name in ("body_html", "excerpt")]
    rendered = {}
    for obj in objects:
        if obj.body not in rendered:
            obj.render_body()
            rendered[obj.body] = [getattr(obj, name) for name in fields]
        for name, value in zip(fields, rendered[obj.body], strict=True):
            setattr(obj, name, value)


class Command(BaseCommand):
    help = (
        "Fill an empty database with a large synthetic club for the benchmark: at --scale 1, "
        "10,000 films, 50,000 people, 50,000 members, 100,000 reviews, 300,000 comments and "
        "2,000 screenings (deterministic for a given --seed)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Multiply every count (default 1)."
        )
        parser.add_argument("--seed", type=int, default=6, help="Random seed (default 6).")

    def handle(self, *args, scale, seed, **options):
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        if get_user_model().objects.filter(username=BENCH_USERNAME).exists():
            raise CommandError(
                "This database already has benchmark data: generate into a fresh database."
            )
        self.counts = {name: max(3, round(count * scale)) for name, count in FULL_SCALE.items()}
        self.counts["popular_reviews"] = min(
            self.counts["popular_reviews"], self.counts["reviews"] // 2
        )
        self.counts["long_thread"] = min(self.counts["long_thread"], self.counts["comments"] // 2)
        self.random = random.Random(seed)
        self.now = timezone.now().replace(microsecond=0)
        started = time.monotonic()
        with transaction.atomic():
            for step in (
                self.make_catalogue,
                self.make_members,
                self.make_reviews,
                self.make_comments,
                self.make_follows,
                self.make_diary,
                self.make_screenings,
            ):
                step_started = time.monotonic()
                summary = step()
                self.stdout.write(f"{summary} in {time.monotonic() - step_started:.1f} s")
        if connection.vendor == "postgresql":
            # Fresh bulk-loaded tables have no planner statistics and no visibility map (used by
            # index-only scans, a count's fastest path) until autovacuum comes by. (VACUUM cannot
            # run in a transaction, as in the tests: there, statistics only.)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        pagecache.invalidate_all()
        self.stdout.write(f"Benchmark data generated in {time.monotonic() - started:.1f} s.")

    def bulk(self, model, objects):
        if objects and hasattr(model, "render_body"):
            render_bodies(objects)
        return model.objects.bulk_create(objects, batch_size=BATCH)

    def text(self, lines, count):
        return " ".join(self.random.choice(lines) for _ in range(count))

    # The catalogue

    def make_catalogue(self):
        rnd = self.random
        Country.objects.bulk_create(
            [Country(code=code, name=name) for code, name in COUNTRIES], ignore_conflicts=True
        )
        Language.objects.bulk_create(
            [Language(code=code, name=name) for code, name in LANGUAGES], ignore_conflicts=True
        )
        countries = list(Country.objects.filter(code__in=[code for code, _ in COUNTRIES]))
        languages = list(Language.objects.filter(code__in=[code for code, _ in LANGUAGES]))

        people = []
        for number in range(self.counts["people"]):
            name = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
            people.append(Person(name=name, slug=f"{slugify(name)}-b{number}"))
        people = self.bulk(Person, people)

        films = []
        for number in range(self.counts["films"]):
            if number == 0:
                title = "A Love Story in the Park"
            else:
                title = rnd.choice(
                    [
                        f"The {rnd.choice(ADJECTIVES)} {rnd.choice(NOUNS)}",
                        f"{rnd.choice(NOUNS)} of {rnd.choice(PLACES)}",
                        f"Love in {rnd.choice(PLACES)}",
                        f"{rnd.choice(ADJECTIVES)} {rnd.choice(NOUNS)}s",
                        f"A {rnd.choice(NOUNS)} for {rnd.choice(FIRST_NAMES)}",
                    ]
                )
            short = rnd.random() < 0.1
            films.append(
                Film(
                    title=title,
                    slug=POPULAR_FILM_SLUG if number == 0 else f"{slugify(title)}-b{number}",
                    kind=Film.Kind.SHORT if short else Film.Kind.FEATURE,
                    genre=rnd.choice(GENRES),
                    year=rnd.randint(1925, 2025),
                    runtime_minutes=rnd.randint(8, 39) if short else rnd.randint(75, 190),
                    synopsis=self.text(SENTENCES, 2).replace("*", ""),
                    plot=self.text(SENTENCES, 8),
                )
            )
        films = self.bulk(Film, films)

        self.bulk(
            Film.countries.through,
            [Film.countries.through(film=film, country=rnd.choice(countries)) for film in films],
        )
        self.bulk(
            Film.languages.through,
            [Film.languages.through(film=film, language=rnd.choice(languages)) for film in films],
        )
        cast, crew = [], []
        for film in films:
            for billing, person in enumerate(rnd.sample(people, 5), start=1):
                cast.append(
                    CastCredit(
                        film=film, person=person, character=f"Role {billing}", billing=billing
                    )
                )
            for role, person in zip(
                (CrewCredit.Role.DIRECTOR, CrewCredit.Role.WRITER, CrewCredit.Role.PRODUCER),
                rnd.sample(people, 3),
                strict=True,
            ):
                crew.append(CrewCredit(film=film, person=person, role=role))
        self.bulk(CastCredit, cast)
        self.bulk(CrewCredit, crew)
        search.refresh_all()  # bulk_create sends no signal
        self.films = films
        return (
            f"{len(films)} films, {len(people)} people, {len(cast)} cast and "
            f"{len(crew)} crew credits"
        )

    # Members

    def make_members(self):
        rnd = self.random
        user_model = get_user_model()
        unusable = make_password(None)
        joined = self.now - datetime.timedelta(days=3000)
        members = []
        for number in range(self.counts["members"]):
            first, last = rnd.choice(FIRST_NAMES), rnd.choice(LAST_NAMES)
            members.append(
                user_model(
                    username=f"{slugify(first)[:10]}-{slugify(last)[:10]}-{number}",
                    display_name=f"{first} {last}",
                    password=unusable,
                    date_joined=joined,
                )
            )
        members = self.bulk(user_model, members)
        bench = user_model.objects.create_user(
            username=BENCH_USERNAME,
            email=BENCH_EMAIL,
            password=BENCH_PASSWORD,
            display_name="Benchmark visitor",
        )
        EmailAddress.objects.create(user=bench, email=BENCH_EMAIL, verified=True, primary=True)
        self.bench = bench
        # Whom the bench member follows (made by make_follows once their logs exist).
        self.followed = rnd.sample(members, min(self.counts["followed"], len(members)))
        self.members = members
        return f"{len(members)} members and the signed-in member {BENCH_USERNAME!r}"

    # Reviews and comments

    def make_reviews(self):
        rnd = self.random
        popular, others = self.films[0], self.films[1:]
        bodies = [
            "\n\n".join(self.text(SENTENCES, rnd.randint(3, 5)) for _ in range(3))
            for _ in range(200)
        ]
        reviews = []
        for number in range(self.counts["reviews"]):
            film = popular if number < self.counts["popular_reviews"] else rnd.choice(others)
            published_at = self.now - datetime.timedelta(minutes=rnd.randint(60, 2_600_000))
            draft = number > 0 and rnd.random() < 0.04
            title = f"On {film.title}" if rnd.random() < 0.5 else f"{rnd.choice(NOUNS)} and me"
            reviews.append(
                Review(
                    film=film,
                    author=rnd.choice(self.members),
                    title=title,
                    slug=LONG_REVIEW_SLUG if number == 0 else f"{slugify(title)}-b{number}",
                    body=rnd.choice(bodies),
                    rating=rnd.choice([None, *range(1, 11)]),
                    contains_spoilers=rnd.random() < 0.05,
                    status=Review.Status.DRAFT if draft else Review.Status.PUBLISHED,
                    published_at=None if draft else published_at,
                    created_at=published_at - datetime.timedelta(hours=2),
                )
            )
        self.reviews = self.bulk(Review, reviews)
        self.public_reviews = [r for r in self.reviews if r.status == Review.Status.PUBLISHED]
        return f"{len(reviews)} reviews ({self.counts['popular_reviews']} of {popular.slug})"

    def make_comments(self):
        """Top-level comments first, then replies to them, then replies to replies: a thread
        three deep, as members write them."""
        rnd = self.random
        long_thread = self.reviews[0]
        total, in_thread = self.counts["comments"], self.counts["long_thread"]
        waves = [round(total * 0.6), round(total * 0.3)]
        waves.append(total - sum(waves))
        thread_waves = [round(in_thread * 0.6), round(in_thread * 0.3)]
        thread_waves.append(in_thread - sum(thread_waves))
        other_reviews = [r for r in self.public_reviews if r.pk != long_thread.pk]
        parents = []
        self.comments = []
        made = 0
        for wave, (count, thread_count) in enumerate(zip(waves, thread_waves, strict=True)):
            comments = []
            # The long thread gets exactly its share: other comments never land on it.
            in_long_thread = [c for c in parents if c.review_id == long_thread.pk]
            elsewhere = [c for c in parents if c.review_id != long_thread.pk]
            for number in range(count):
                if number < thread_count:
                    candidates, review = in_long_thread, long_thread
                else:
                    candidates, review = elsewhere, rnd.choice(other_reviews)
                parent = rnd.choice(candidates) if wave and candidates else None
                if parent is not None:
                    review = parent.review
                comments.append(
                    Comment(
                        review=review,
                        author=rnd.choice(self.members),
                        parent=parent,
                        body=self.text(COMMENT_LINES, rnd.randint(1, 3)),
                        created_at=review.published_at
                        + datetime.timedelta(minutes=wave * 600 + number % 600 + 1),
                    )
                )
            parents = self.bulk(Comment, comments)
            self.comments += parents
            made += len(parents)
        return f"{made} comments ({in_thread} on {long_thread.slug}, threaded three deep)"

    def make_follows(self):
        """The bench member follows `followed` members, always including the author of a public
        review and of a comment on one: its feed shows both kinds of row at every scale (the
        same queries at a small and a large scale)."""
        reviewer = next(r.author for r in self.public_reviews if r.published_at <= self.now)
        commenter = next(
            c.author for c in self.comments if c.review.status == Review.Status.PUBLISHED
        )
        sure = list(dict.fromkeys([reviewer, commenter]))
        others = [member for member in self.followed if member not in sure]
        followed = (sure + others)[: max(len(self.followed), len(sure))]
        self.bulk(Follow, [Follow(follower=self.bench, followed=member) for member in followed])
        return f"{BENCH_USERNAME!r} follows {len(followed)} members"

    def make_diary(self):
        """bench-diarist's diary: `diary_logs` dated logs over twelve years, of films other than
        the popular one (its page's figures stay comparable), a tenth of them with text."""
        rnd = self.random
        diarist = get_user_model().objects.create_user(
            username=DIARIST_USERNAME, display_name="Benchmark diarist", password=None
        )
        films = self.films[1:]
        today = timezone.localdate()
        bodies = [self.text(SENTENCES, rnd.randint(2, 4)) for _ in range(50)]
        logs = []
        for number in range(self.counts["diary_logs"]):
            film = rnd.choice(films)
            watched_on = today - datetime.timedelta(days=rnd.randint(0, 12 * 365))
            published_at = datetime.datetime.combine(
                watched_on, datetime.time(22, 30), tzinfo=datetime.UTC
            )
            logs.append(
                Review(
                    film=film,
                    author=diarist,
                    slug=f"diary-b{number}",
                    body=rnd.choice(bodies) if rnd.random() < 0.1 else "",
                    rating=rnd.choice([None, *range(1, 11)]),
                    watched_on=watched_on,
                    is_rewatch=rnd.random() < 0.1,
                    liked=rnd.random() < 0.2,
                    format=rnd.choice([choice for choice, _ in Review.Format.choices]),
                    status=Review.Status.PUBLISHED,
                    published_at=min(published_at, self.now),
                    created_at=min(published_at, self.now),
                )
            )
        self.bulk(Review, logs)
        return f"{len(logs)} logs in {DIARIST_USERNAME}'s diary"

    # Screenings

    def make_screenings(self):
        rnd = self.random
        venues = self.bulk(
            Venue,
            [
                Venue(
                    name=name,
                    slug=f"{slugify(name)}-{slugify(city)}",
                    city=city,
                    latitude=Decimal(lat),
                    longitude=Decimal(lon),
                    time_zone=tz,
                    what_to_bring="A blanket.",
                )
                for name, city, lat, lon, tz in VENUES
            ],
        )
        series = self.bulk(
            Series,
            [Series(name=f"Summer in the park {y}", slug=f"summer-{y}") for y in range(2017, 2028)],
        )
        # Spread over eight years back and one ahead, one screening per venue and day.
        total = self.counts["screenings"]
        span = 9 * 365
        today = timezone.localdate()
        features = [f for f in self.films[1:] if f.kind == Film.Kind.FEATURE]
        shorts = [f for f in self.films if f.kind == Film.Kind.SHORT] or features
        screenings, programmes, taken = [], [], set()
        for number in range(total):
            offset = round(number * span / max(total - 1, 1)) - 8 * 365
            venue = venues[number % len(venues)]
            while (venue.pk, offset) in taken:
                offset += 1
            taken.add((venue.pk, offset))
            date = today + datetime.timedelta(days=offset)
            at_dusk = rnd.random() < 0.7
            screening = Screening(
                slug=f"{date:%Y-%m-%d}-{venue.slug}",
                venue=venue,
                series=rnd.choice(series),
                date=date,
                starts_at_dusk=at_dusk,
                start_time=None if at_dusk else datetime.time(20, 30),
                doors_time=None if at_dusk else datetime.time(19, 45),
                capacity=rnd.choice([None, 100, 250]),
                created_at=self.now,
                updated_at=self.now,
            )
            if rnd.random() < 0.03:
                screening.status = Screening.Status.CANCELLED
                screening.status_reason = "Thunderstorms forecast."
            screening.compute_times()
            screenings.append(screening)
            feature = self.films[0] if number % 50 == 0 else rnd.choice(features)
            programme = [feature]
            if rnd.random() < 0.4:
                short = rnd.choice(shorts)
                if short != feature:
                    programme.insert(0, short)
            screening.programme_minutes = programme_runtime(programme)  # bulk: no signal keeps it
            programmes.append(programme)
        screenings = self.bulk(Screening, screenings)
        items = [
            ProgrammeItem(screening=screening, film=film, order=order)
            for screening, programme in zip(screenings, programmes, strict=True)
            for order, film in enumerate(programme, start=1)
        ]
        self.bulk(ProgrammeItem, items)
        rsvps = [
            RSVP(screening=screening, user=member)
            for screening in screenings
            for member in rnd.sample(self.members, min(rnd.randint(0, 20), len(self.members)))
        ]
        self.bulk(RSVP, rsvps)
        zones = {zoneinfo.ZoneInfo(venue.time_zone) for venue in venues}
        return (
            f"{len(screenings)} screenings at {len(venues)} venues in {len(zones)} time zones, "
            f"{len(items)} programme items, {len(rsvps)} RSVPs"
        )


if __name__ == "__main__":
    Command().run_from_argv([sys.argv[0], "generate", *sys.argv[1:]])
