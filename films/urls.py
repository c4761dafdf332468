from django.urls import path

from films import views

app_name = "films"

urlpatterns = [
    path("films/", views.FilmListView.as_view(), name="list"),
    path("films/find/", views.find_films, name="find"),
    path("films/<slug:slug>/", views.FilmDetailView.as_view(), name="detail"),
    path("films/<slug:slug>/card.png", views.film_card, name="card"),
    path("people/", views.PersonListView.as_view(), name="people"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
]
