"""Each Dutch matching rule on its own: folding, tokens, stems, compounds, typos."""

import unicodedata

from rolemap.matching import (
    compact,
    compound_parts,
    is_compound_part,
    split_compound,
    stem,
    tokens,
    typos_of,
)
from rolemap.text import normalise


def test_case_and_diacritics_fold_away():
    assert normalise("ÉÉN Cliënt") == "een client"


def test_hyphens_and_punctuation_become_spaces():
    assert normalise("één-op-één begeleiding.") == "een op een begeleiding"


def test_spaces_do_not_matter_in_the_compact_form():
    assert compact("een op een") == compact("eenopeen") == compact("één-op-één")


def test_the_digit_one_reads_as_een():
    assert normalise("1-op-1 begeleiding") == normalise("één-op-één begeleiding")


def test_other_numbers_stay_numbers():
    assert normalise("2 gesprekken") == "2 gesprekken"


def test_tokens_keep_their_place_in_the_original_text():
    text = "Het één-op-één gesprek"
    assert [(text[t.start : t.end], t.folded) for t in tokens(text)] == [
        ("Het", "het"),
        ("één", "een"),
        ("op", "op"),
        ("één", "een"),
        ("gesprek", "gesprek"),
    ]


def test_decomposed_accents_stay_inside_their_word():
    decomposed = unicodedata.normalize("NFD", "één gesprek")
    assert [t.folded for t in tokens(decomposed)] == ["een", "gesprek"]


def test_plural_and_singular_share_a_stem():
    assert stem("huisbezoeken") == stem("huisbezoek")
    assert stem("buurthuizen") == stem("buurthuis")


def test_inflected_forms_share_a_stem():
    assert stem("activeringen") == stem("activering")


def test_a_compound_of_known_words_splits():
    assert split_compound("wijkteamleider", {"wijkteam", "leider"}) == ["wijkteam", "leider"]


def test_a_linking_s_between_compound_parts_is_dropped():
    assert split_compound("gesprekstafel", {"gesprek", "tafel"}) == ["gesprek", "tafel"]


def test_a_word_of_unknown_parts_does_not_split():
    assert split_compound("wijkteamleider", {"wijkteam"}) == []


def test_a_word_is_part_of_a_compound_at_its_start_or_end():
    assert is_compound_part("gesprek", "huisbezoekgesprek")
    assert is_compound_part("gesprek", "gespreksverslag")
    assert not is_compound_part("op", "opbouw"), "short words are no compound parts"
    assert not is_compound_part("gesprek", "gesprek"), "a word is not a part of itself"


def test_the_parts_of_a_word_are_exactly_those_is_compound_part_accepts():
    word = "huisbezoekgesprek"
    candidates = {word[i:j] for i in range(len(word)) for j in range(i + 1, len(word) + 1)}
    assert compound_parts(word) == {p for p in candidates if is_compound_part(p, word)}


def test_a_typo_finds_the_word_it_misspells():
    assert [word for word, _ in typos_of("keukntafel", ["keukentafel", "wijkkracht"])] == [
        "keukentafel"
    ]


def test_short_words_are_not_treated_as_typos():
    assert typos_of("loet", ["loket"]) == []
