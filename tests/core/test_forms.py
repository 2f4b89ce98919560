import pytest

from core.forms import whole_number


@pytest.mark.parametrize(
    ("typed", "number"),
    [("0", 0), ("7", 7), (" 2025 ", 2025), ("007", 7), (12, 12), ("9" * 18, 10**18 - 1)],
)
def test_whole_number_reads_the_digits_0_to_9(typed, number):
    assert whole_number(typed) == number


@pytest.mark.parametrize(
    "typed", ["", None, "-1", "1.5", "1e3", "¹", "²⁰²⁴", "١٢", "\uff12\uff10\uff12\uff14", "½", "12a", "1 2"]
)
def test_whole_number_refuses_anything_else_instead_of_raising(typed):
    assert whole_number(typed) is None
