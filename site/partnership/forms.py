from django import forms

from core.models import Ward


class YouSaidWeDidFilterForm(forms.Form):
    priority = forms.ModelChoiceField(queryset=None, required=False, empty_label="All priorities", label="Priority")
    ward = forms.ModelChoiceField(queryset=Ward.objects.all(), required=False, empty_label="All wards", label="Ward")

    def __init__(self, *args, **kwargs):
        from partnership.models import PriorityPage

        super().__init__(*args, **kwargs)
        from core.locales import active_locale

        self.fields["priority"].queryset = (
            PriorityPage.objects.live().public().filter(locale=active_locale()).order_by("title")
        )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search this website", max_length=200, required=False)
