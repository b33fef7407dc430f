"""Les nombres à la française (digitlab.fmt), comparés à ce qu'écrirait un typographe."""

import pytest

from digitlab.fmt import (
    MINUS,
    format_count,
    format_decimal,
    format_integer,
    format_list,
    format_number,
    format_percent,
    format_scientific,
    plural_form,
)


def test_french_formatting():
    assert format_percent(0.9771) == "97,7\u00a0%"
    assert format_percent(0.97556, 2) == "97,56\u00a0%"
    assert format_decimal(0.071534) == "0,0715"
    assert format_integer(17190) == "17\u202f190"


def test_the_minus_sign_is_the_typographic_one():
    assert MINUS == "\u2212"
    assert format_decimal(-0.3349, 2) == "\u22120,33"
    assert format_percent(-0.05) == "\u22125,0\u00a0%"
    assert format_integer(-1234) == "\u22121\u202f234"
    assert "-" not in format_decimal(-2.5, 1) + format_scientific(-3e-5)


def test_signed_decimals_show_their_plus_sign():
    # Le signe explicite des scores z du chapitre « Le neurone » : « +0,17 », « −0,02 ».
    assert format_decimal(0.1702, 2, signed=True) == "+0,17"
    assert format_decimal(-0.0249, 2, signed=True) == "\u22120,02"
    assert format_decimal(0.0, 2, signed=True) == "+0,00"


@pytest.mark.parametrize("value, expected", [
    (5.1e-10, "5,1 × 10⁻¹⁰"),
    (4.6e-1, "4,6 × 10⁻¹"),
    (1.0, "1,0 × 10⁰"),
    (123456.0, "1,2 × 10⁵"),
    (-2.3e-7, "\u22122,3 × 10⁻⁷"),
    (0.0, "0,0 × 10⁰"),
])
def test_scientific_notation(value, expected):
    assert format_scientific(value) == expected.replace(" × ", "\u00a0×\u00a0")


def test_scientific_notation_reads_back_to_the_same_value():
    # Contre Python lui-même : la mantisse et l'exposant écrits redonnent la valeur arrondie.
    digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
    for value in (3.14159e-12, 9.96e3, 7.2e-1, 1.5e22):
        text = format_scientific(value, 2)
        mantissa, power = text.split("\u00a0×\u00a010")
        exponent = int("".join(str(digits.index(c)) if c in digits else "-" for c in power))
        assert float(mantissa.replace(",", ".")) * 10.0 ** exponent == pytest.approx(
            float(f"{value:.2e}"), rel=1e-12)


@pytest.mark.parametrize("value, expected", [
    (0.002, "0,002"), (0.1, "0,1"), (2.0, "2"), (1.05, "1,05"), (-0.5, "\u22120,5"), (30, "30"),
])
def test_numbers_written_as_short_as_possible(value, expected):
    assert format_number(value) == expected


def test_a_number_rounded_to_zero_has_no_minus_sign():
    assert format_decimal(-0.001, 2) == "0,00"
    assert format_decimal(-0.001, 2, signed=True) == "+0,00"
    assert format_decimal(-0.006, 2) == "\u22120,01"


@pytest.mark.parametrize("n, words, expected", [
    (0, ("erreur",), "0 erreur"),  # en français, zéro et un gardent le singulier
    (1, ("chiffre",), "1 chiffre"),
    (2, ("chiffre",), "2 chiffres"),
    (17190, ("image",), "17\u202f190 images"),
    (3, ("autre case", "autres cases"), "3 autres cases"),
    (1, ("œil", "yeux"), "1 œil"),
    (2, ("œil", "yeux"), "2 yeux"),
])
def test_counts_agree_with_their_number(n, words, expected):
    assert format_count(n, *words) == expected
    assert plural_form(n, *words) == expected.split(" ", 1)[1]


@pytest.mark.parametrize(("items", "expected"), [
    ([], ""), (["15 %"], "15 %"), (["15 %", "3 %"], "15 % et 3 %"),
    (["15 %", "8 %", "5 %", "3 %"], "15 %, 8 %, 5 % et 3 %"), ((n for n in (1, 2)), "1 et 2"),
])
def test_lists_end_with_et(items, expected):
    assert format_list(items) == expected
