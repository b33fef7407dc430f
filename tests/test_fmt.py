"""Les nombres à la française."""

from digitlab.fmt import format_decimal, format_integer, format_percent


def test_french_formatting():
    assert format_percent(0.9771) == "97,7\u00a0%"
    assert format_percent(0.97556, 2) == "97,56\u00a0%"
    assert format_decimal(0.071534) == "0,0715"
    assert format_integer(17190) == "17\u202f190"
