from django.urls import path

from screenings import views

app_name = "screenings"

urlpatterns = [
    path("screenings/", views.UpcomingScreeningListView.as_view(), name="list"),
    path("screenings/past/", views.PastScreeningListView.as_view(), name="past"),
    path("screenings/calendar.ics", views.calendar_feed, name="feed"),
    path("screenings/<slug:slug>/", views.ScreeningDetailView.as_view(), name="detail"),
    path("screenings/<slug:slug>/calendar.ics", views.screening_calendar, name="ics"),
    path("screenings/<slug:slug>/going/", views.rsvp, name="rsvp"),
    path("screenings/<slug:slug>/not-going/", views.cancel_rsvp, name="cancel_rsvp"),
    path("screenings/not-going/<str:token>/", views.not_going_link, name="not_going_link"),
    path("screenings/<slug:slug>/waitlist/", views.join_screening_waitlist, name="waitlist"),
    path(
        "screenings/<slug:slug>/waitlist/leave/",
        views.leave_screening_waitlist,
        name="leave_waitlist",
    ),
    path("venues/", views.VenueListView.as_view(), name="venues"),
    path("venues/<slug:slug>/", views.VenueDetailView.as_view(), name="venue"),
]
