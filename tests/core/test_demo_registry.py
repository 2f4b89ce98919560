import pytest

from core import demo


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(demo, "_loaders", {})


def test_loaders_run_after_those_they_name(clean_registry):
    demo.register("meetings", "x.meetings", after=["partnership"])
    demo.register("partnership", "x.partnership")
    demo.register("alerts", "x.alerts", after=["meetings"])
    assert [loader.name for loader in demo.ordered_loaders()] == ["partnership", "meetings", "alerts"]


def test_a_circle_of_loaders_is_refused(clean_registry):
    demo.register("a", "x.a", after=["b"])
    demo.register("b", "x.b", after=["a"])
    with pytest.raises(ValueError, match="circle"):
        demo.ordered_loaders()
