from django import forms

from members.letterboxd.reader import MAX_UPLOAD_BYTES


class UploadForm(forms.Form):
    export = forms.FileField(
        label="Your Letterboxd export (.zip)",
        help_text=f"On Letterboxd: Settings → Import & Export → Export your data. The zip as it "
        f"comes, up to {MAX_UPLOAD_BYTES // 2**20} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
