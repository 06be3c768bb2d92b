"""The public "share your practice" form."""

from PIL import Image as PILImage

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import Country, ParticipationMethod

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}


class SharePracticeForm(forms.Form):
    """What a visitor tells us about a practice; moderators turn it into a case study."""

    title = forms.CharField(label=_("Title of the practice"), max_length=200)
    municipality = forms.CharField(label=_("Municipality"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences: what was decided and who took part."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("How it worked, what it achieved, what was difficult and what you learned."),
    )
    method = forms.ModelChoiceField(
        label=_("Participation method"),
        queryset=ParticipationMethod.objects.none(),
        required=False,
        empty_label=_("Not sure / other"),
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=200)
    contact_email = forms.EmailField(label=_("Your email address"), max_length=254)
    publish_contact = forms.BooleanField(
        label=_("You may publish my name and email address as the contact for this practice."),
        required=False,
    )
    image = forms.ImageField(
        label=_("One image (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB and 25 megapixels."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_description = forms.CharField(
        label=_("Describe the image for people who cannot see it"),
        max_length=250,
        required=False,
    )
    # Honeypot: hidden from people, filled in by bots; a filled one creates nothing.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].queryset = ParticipationMethod.objects.filter(locale=locale)
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def submission(self):
        """The valid data as `services.submit_practice` takes it: everything but the honeypot."""
        return {name: value for name, value in self.cleaned_data.items() if name != "website"}

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if not image:
            return image
        if image.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("The image is too large: it may be at most 5 MB."), code="file_size")
        try:
            image.seek(0)
            with PILImage.open(image) as picture:
                image_format, (width, height) = picture.format, picture.size
        except (OSError, PILImage.DecompressionBombError) as error:
            raise forms.ValidationError(_("This file is not an image we can read."), code="invalid_image") from error
        if image_format not in IMAGE_FORMATS:
            raise forms.ValidationError(_("Please upload a JPEG, PNG or WebP image."), code="file_type")
        if width * height > MAX_IMAGE_PIXELS:
            raise forms.ValidationError(
                _("The image has too many pixels: it may have at most 25 megapixels."), code="pixels"
            )
        image.seek(0)
        return image

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("image") and not cleaned_data.get("image_description"):
            self.add_error("image_description", _("Please describe the image, so everyone can follow."))
        return cleaned_data
