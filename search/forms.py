from django import forms


class SiteSearchForm(forms.Form):
    """The site's search box (the header's, and the results page's). A value that is not valid
    is shown as a field error and nothing is searched, never a 500."""

    q = forms.CharField(label="Search", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"placeholder": "A film, a person, a place… (Li Ming, 甜蜜蜜)", "type": "search"}
        )

    @property
    def query(self):
        """The text searched for: empty when there is none or it is not valid."""
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""
