"""Model fields shared by the content apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.lookups import Contains
from django.utils.translation import gettext_lazy as _


class ChoiceCodesField(models.CharField):
    """Several codes from `choices` (target groups, decision types), stored as ",a,b,".

    SQLite has no JSON `contains`, and an array column is PostgreSQL only; a delimited
    string filters the same way everywhere. `field__has="youth"` matches ",youth,".
    """

    description = _("Several choice codes")

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [code for code in value if code]
        if not value:
            return []
        return [code for code in str(value).split(",") if code]

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def get_prep_value(self, value):
        codes = self.to_python(value)
        return f",{','.join(codes)}," if codes else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        allowed = {code for code, _label in self.flatchoices}
        unknown = [code for code in self.to_python(value) if code not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown choice: %(codes)s."), code="invalid_choice", params={"codes": ", ".join(unknown)}
            )
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.MultipleChoiceField,
            "choices": self.choices,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update({key: value for key, value in kwargs.items() if key == "widget"})
        form_class = defaults.pop("form_class")
        return form_class(**defaults)


@ChoiceCodesField.register_lookup
class HasCode(Contains):
    """`field__has="code"`: the field holds this exact code (not merely a longer one)."""

    lookup_name = "has"

    def get_prep_lookup(self):
        return f",{self.rhs},"

    def get_rhs_op(self, connection, rhs):
        # Database backends know the SQL operator by the name "contains" only.
        return connection.operators["contains"] % rhs
