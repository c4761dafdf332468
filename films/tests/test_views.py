import pytest
from django.urls import reverse

from films.models import Accolade, AwardBody, Ceremony, Country, CrewCredit, Language


def test_home_shows_catalogue_films(client, make_film):
    make_film(title="To Become a Lion")

    response = client.get("/")

    assert response.status_code == 200
    assert [film.title for film in response.context["films"]] == ["To Become a Lion"]
    assert "To Become a Lion" in response.text


def test_catalogue_shows_poster_cards_with_directors(client, make_film, make_person):
    make_film(title="To Become a Lion", director=make_person(name="David Ma"))

    response = client.get(reverse("films:list"))

    card = response.text.split('class="film-card"')[1]
    assert "To Become a Lion" in card
    assert "David Ma" in card
    assert "poster-placeholder" in card


def test_catalogue_search_by_romanised_title(client, make_film):
    make_film(title="Comrades: Almost a Love Story", original_title_romanised="Tian Mi Mi")
    make_film(title="Irma Vep")

    response = client.get(reverse("films:list"), {"q": "tian mi mi"})

    assert [film.title for film in response.context["films"]] == ["Comrades: Almost a Love Story"]
    assert "1 film matching “tian mi mi”" in response.text


def test_catalogue_filters_by_year_country_and_language(client, make_film):
    hong_kong = Country.objects.create(code="HK", name="Hong Kong")
    cantonese = Language.objects.create(code="yue", name="Cantonese")
    match = make_film(title="Match", year=1996)
    match.countries.add(hong_kong)
    match.languages.add(cantonese)
    make_film(title="Wrong year", year=1995).countries.add(hong_kong)
    make_film(title="No country", year=1996)

    response = client.get(
        reverse("films:list"), {"year": "1996", "country": "HK", "language": "yue"}
    )

    assert [film.title for film in response.context["films"]] == ["Match"]


def test_catalogue_filters_show_the_chosen_values_and_follow_catalogue_changes(client, make_film):
    hong_kong = Country.objects.create(code="HK", name="Hong Kong")
    Country.objects.create(code="FR", name="France")
    make_film(year=1996).countries.add(hong_kong)
    make_film(year=1995)
    url = reverse("films:list")

    chosen = client.get(url, {"year": "1996", "country": "HK"}).text
    unfiltered = client.get(url).text  # the options, now remembered in the shared cache
    make_film(year=2024).countries.add(Country.objects.create(code="TW", name="Taiwan"))
    after_change = client.get(url, {"country": "TW"}).text

    assert '<option value="1996" selected>1996</option>' in chosen
    assert '<option value="HK" selected>Hong Kong</option>' in chosen
    assert '<option value="FR">France</option>' not in chosen  # no film from France
    assert '<option value="" selected>Any year</option>' in unfiltered
    assert "selected>1996" not in unfiltered
    assert '<option value="2024">2024</option>' in after_change
    assert '<option value="TW" selected>Taiwan</option>' in after_change


def test_catalogue_bad_filter_values_show_an_error_not_a_crash(client, make_film):
    make_film(title="Still listed")

    response = client.get(reverse("films:list"), {"year": "abc", "country": "ZZ", "page": "1"})

    assert response.status_code == 200
    assert [film.title for film in response.context["films"]] == ["Still listed"]
    assert response.context["filter_form"].errors.keys() == {"year", "country"}


def test_catalogue_paginates_and_keeps_the_search(client, make_film):
    for number in range(30):
        make_film(title=f"Lion {number:02}")

    response = client.get(reverse("films:list"), {"q": "lion", "page": "2"})

    assert len(response.context["films"]) == 6
    assert 'href="?q=lion&amp;page=1"' in response.text


def test_catalogue_page_out_of_range_is_404(client, make_film):
    make_film()

    response = client.get(reverse("films:list"), {"page": "99"})

    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_catalogue_query_count_is_constant(client, make_film, count, django_assert_num_queries):
    for _ in range(count):
        make_film(director=True)

    # years, count, films, directors, country and language options
    with django_assert_num_queries(6):
        response = client.get(reverse("films:list"))

    assert len(response.context["films"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count_is_constant(client, make_film, count, django_assert_num_queries):
    for _ in range(count):
        make_film(director=True)

    # films, directors, next screening, called-off screenings, recent screenings (none, so no
    # programme query), the latest reviews
    with django_assert_num_queries(6):
        response = client.get("/")

    assert len(response.context["films"]) == count


def test_film_page_shows_cast_crew_and_accolades(client, seeded):
    response = client.get(reverse("films:detail", args=["comrades-almost-a-love-story"]))
    text = response.text

    assert '<span lang="zh-Hant">甜蜜蜜</span>' in text
    assert 'href="/people/leon-lai/">Leon Lai</a> as <span class="character">Lai Siu-gwan' in text
    assert "HKD 15,557,580" in text
    assert "#28</strong> of “100 Greatest Chinese Films”, Hong Kong Film Awards" in text
    assert "<h3>34th Golden Horse Film Festival and Awards (1997)</h3>" in text
    assert "accomplished, oftentimes wry script" in text
    assert "with a new 35 mm print supervised by director Peter Chan" in text
    roles = [role for role, _ in response.context["page"].crew_by_role]
    assert roles[:3] == ["Director", "Producer", "Writer"]
    groups = response.context["page"].accolades_by_ceremony
    assert [len(accolades) for _, accolades in groups] == [3, 1, 6, 3, 11, 1]


def test_film_page_marks_won_and_unknown(client, seeded):
    response = client.get(reverse("films:detail", args=["comrades-almost-a-love-story"]))

    assert response.text.count('class="result result-won"') == 5
    assert response.text.count('class="result result-unknown"') == 20


def test_film_page_shows_a_dash_where_the_result_is_not_known(client, seeded):
    """The seed article marks five wins ({{won}}) and leaves 20 results blank: a reader sees a
    dash there (read out as "not known"), not the status word "Unknown"."""
    response = client.get(reverse("films:detail", args=["comrades-almost-a-love-story"]))
    results = [row.split("<td>")[-1] for row in response.text.split("<tr>")[1:] if "result-" in row]

    assert len(results) == 25
    assert sum(">Won</span>" in cell for cell in results) == 5
    assert sum('<span aria-hidden="true">—</span>' in cell for cell in results) == 20
    assert sum(">not known</span>" in cell for cell in results) == 20
    assert "Unknown" not in response.text


def test_person_page_says_a_result_only_when_it_is_known(client, seeded):
    def page(slug):
        return " ".join(client.get(reverse("films:person", args=[slug])).text.split())

    leon_lai, maggie_cheung = page("leon-lai"), page("maggie-cheung")
    comrades = '<a href="/films/comrades-almost-a-love-story/">Comrades: Almost a Love Story</a>'

    assert f"(1997): Best Actor for {comrades}</li>" in leon_lai
    assert f'Best Leading Actress for {comrades} — <span class="result result-won">Won</span>' in (
        maggie_cheung
    )
    assert f"(1996): Best Actress for {comrades}</li>" in maggie_cheung
    assert "Unknown" not in leon_lai + maggie_cheung


@pytest.mark.parametrize("count", [1, 3])
def test_film_page_query_count_is_constant(
    client, make_film, make_person, count, django_assert_num_queries
):
    people = [make_person() for _ in range(count)]
    film = make_film(director=people[0], cast=people)
    body = AwardBody.objects.create(name="Body", slug="body")
    ceremony = Ceremony.objects.create(body=body, year=1997)
    for number, person in enumerate(people):
        CrewCredit.objects.create(film=film, person=person, role=CrewCredit.Role.WRITER)
        Accolade.objects.create(film=film, ceremony=ceremony, category=f"C{number}", person=person)
        film.alternative_titles.create(title=f"Alt {number}")
        film.quotes.create(quote=f"Quote {number}", critic="Critic")
        film.release_events.create(kind="festival", year=2000 + number, place=f"Fest {number}")
        film.list_appearances.create(list_name=f"List {number}", publisher="P", rank=number + 1)

    # 4 for the film (its countries and languages, its credits and small facts, its accolades), 2
    # for its reviews (the latest, the most liked among them) and their rating summary, 1 for how
    # many want to see it, 1 for its screenings (none: none is next either), 2 for its seasons'
    # suggestions and its audience score
    with django_assert_num_queries(11):
        response = client.get(film.get_absolute_url())

    assert len(response.context["film"].cast.all()) == count


def test_seed_film_page_query_count(client, seeded, django_assert_num_queries):
    # 4 for the film (its countries and languages, its credits and small facts, its accolades), 2
    # for its reviews (the latest, the most liked among them) and their rating summary, 1 for how
    # many want to see it, 2 for its screening and the screening's programme (its next screening
    # found among them: none to come), 2 for its seasons' suggestions and its audience score,
    # 1 for the members' lists it is on
    with django_assert_num_queries(13):
        client.get(reverse("films:detail", args=["comrades-almost-a-love-story"]))


def test_person_page_lists_every_film_by_role_with_characters(client, seeded):
    response = client.get(reverse("films:person", args=["leon-lai"]))
    text = response.text

    assert "Also credited as" not in text
    assert 'as <span class="character">Lai Siu-gwan</span>' in text
    assert "Fallen Angels" in text
    assert [role for role, _ in response.context["crew_by_role"]] == ["Song performer"]
    assert "Best Actor for" in text


def test_person_page_shows_other_spellings(client, seeded):
    response = client.get(reverse("films:person", args=["peter-chan"]))

    assert "Also credited as <span>Peter Ho-sun Chan</span>" in response.text
    assert [role for role, _ in response.context["crew_by_role"]] == ["Director", "Producer"]


@pytest.mark.parametrize("count", [1, 3])
def test_person_page_query_count_is_constant(
    client, make_film, make_person, count, django_assert_num_queries
):
    person = make_person()
    for _ in range(count):
        make_film(director=person, cast=[person])

    # person, aliases, cast credits, crew credits, accolades
    with django_assert_num_queries(5):
        response = client.get(person.get_absolute_url())

    assert len(response.context["person"].cast_credits.all()) == count


@pytest.mark.parametrize("url", ["/films/no-such-film/", "/people/nobody/"])
def test_missing_film_or_person_is_a_404_in_the_sites_look(client, db, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "We couldn’t find that page" in response.text
    assert 'class="site-header"' in response.text


def test_film_infobox_reads_like_the_article(client, seeded):
    response = client.get(reverse("films:detail", args=["comrades-almost-a-love-story"]))

    rows = [
        (label, [item.name for item in items])
        for label, items in response.context["page"].infobox_credits
    ]
    assert rows == [
        ("Director", ["Peter Chan"]),
        ("Producer", ["Peter Chan"]),
        ("Writer", ["Ivy Ho"]),
        ("Starring", ["Leon Lai", "Maggie Cheung"]),
        ("Music", ["Chiu Tsang-Hei"]),
        ("Cinematography", ["Jingle Ma"]),
        ("Editing", ["Chan Ki-hop", "Kwong Chi-Leung"]),
        ("Studio", ["Golden Movies International", "United Filmakers Organization"]),
        ("Distributor", ["Golden Harvest"]),
    ]


def test_short_film_card_shows_kind_and_director(client, seeded):
    response = client.get(reverse("films:list"), {"q": "lion"})

    assert '<p class="film-card-meta">Short · David Ma</p>' in response.text


def test_film_page_shows_reception(client, seeded):
    response = client.get(reverse("films:detail", args=["comrades-almost-a-love-story"]))

    assert "<p>The film was very well received in Hong Kong and Taiwan" in response.text


def test_each_search_and_filter_has_its_own_count(client, make_film):
    hong_kong = Country.objects.create(code="HK", name="Hong Kong")
    for number in range(3):
        make_film(title=f"Lion {number}", year=1996)
    make_film(title="Tiger", year=1996).countries.add(hong_kong)
    url = reverse("films:list")

    pages = [
        client.get(url, params).text
        for params in ({"q": "lion"}, {"q": "LION "}, {"q": "tiger"}, {"year": "1996"}, {})
    ]
    by_country = client.get(url, {"year": "1996", "country": "HK"}).text

    assert "3 films matching “lion”" in pages[0]
    assert "3 films matching “LION ”" in pages[1]
    assert "1 film matching “tiger”" in pages[2]
    assert "4 films</p>" in pages[3]
    assert "4 films</p>" in pages[4]
    assert "1 film</p>" in by_country


def test_catalogue_filters_offer_only_countries_and_languages_with_films(client, seeded):
    response = client.get(reverse("films:list"))

    fields = response.context["filter_form"].fields
    countries = [label for _value, label in fields["country"].choices]
    languages = [label for _value, label in fields["language"].choices]
    assert '<option value="HK">Hong Kong</option>' in response.text
    assert "France" not in response.text
    assert "French" not in response.text
    assert countries[1:] == ["Hong Kong"]
    assert languages[1:] == ["Cantonese"]


def test_film_page_names_its_countries_and_languages_apart(client, make_film):
    film = make_film()
    film.countries.add(
        Country.objects.create(code="HK", name="Hong Kong"),
        Country.objects.create(code="FR", name="France"),
    )
    film.languages.add(Language.objects.create(code="yue", name="Cantonese"))
    Country.objects.create(code="TW", name="Taiwan")

    text = client.get(film.get_absolute_url()).text

    assert "<dt>Country</dt><dd>France, Hong Kong</dd>" in text
    assert "<dt>Language</dt><dd>Cantonese</dd>" in text


def test_a_catalogue_search_keeps_the_filter_options_for_the_next(
    client, make_film, django_assert_num_queries
):
    """A search's own page is never kept, but the filter options it builds name nothing the
    visitor typed: they are kept for whoever asks next (core.pagecache.cached(any_request=))."""
    make_film(title="Lion", year=1996)
    client.get(reverse("films:list"), {"q": "lion"})

    # the count, the page of films and their directors: not the years, countries and languages
    with django_assert_num_queries(3):
        response = client.get(reverse("films:list"), {"q": "lio"})

    assert '<option value="1996">1996</option>' in response.text


def test_catalogue_bad_filter_values_are_explained_in_the_sites_words(client, make_film):
    make_film(title="Still listed", year=1995)

    response = client.get(reverse("films:list"), {"year": "abc", "country": "ZZ", "language": "xx"})

    assert response.context["filter_form"].errors == {
        "year": ["There are no films from “abc”: showing every year."],
        "country": ["No film is from “ZZ”: showing every country."],
        "language": ["No film is in “xx”: showing every language."],
    }
    assert "There are no films from “abc”: showing every year." in response.text
    assert "Select a valid choice" not in response.text


def test_a_404_says_nothing_is_at_the_address_not_that_the_catalogue_lacks_it(client, db):
    response = client.get("/no-such-address/")

    assert response.status_code == 404
    assert "There is nothing at this address" in response.text
    assert "catalogue, or its address" not in response.text


def test_a_missing_film_says_so(client, db):
    response = client.get("/films/no-such-film/")

    assert "There is no film in the club’s catalogue at this address." in response.text


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("999", "There is no page “999” of this list: it has 2 pages."),
        ("abc", "There is no page “abc” of this list: it has 2 pages."),
    ],
)
def test_a_catalogue_page_out_of_range_says_how_many_there_are(client, make_film, page, message):
    for number in range(30):
        make_film(title=f"Lion {number:02}")

    response = client.get(reverse("films:list"), {"page": page})

    assert response.status_code == 404
    assert message in response.text
    assert "Invalid page" not in response.text


def test_a_page_of_people_out_of_range_says_how_many_there_are(client, make_person):
    make_person()

    response = client.get(reverse("films:people"), {"page": "7"})

    assert response.status_code == 404
    assert "There is no page “7” of this list: it has one page." in response.text
