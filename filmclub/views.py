from functools import cached_property

from django.views.generic import TemplateView

from screenings.models import Screening


class HomeProgramme:
    """What the home page says of the screenings, worked out only when the page shows it (never
    when its cached shared part is served)."""

    @cached_property
    def next_screening(self):
        return Screening.objects.upcoming().going_ahead().for_list().first()

    @cached_property
    def called_off(self):
        """Visitors who planned to come must not miss a cancellation before the next screening."""
        called_off = Screening.objects.upcoming().called_off()
        if self.next_screening:
            called_off = called_off.filter(starts_at__lt=self.next_screening.starts_at)
        return list(called_off.for_list()[:3])

    @cached_property
    def recent_screenings(self):
        """The latest screenings, shown when nothing is scheduled."""
        if self.next_screening:
            return []
        return list(Screening.objects.past().for_list()[:3])


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programme"] = HomeProgramme()
        return context
