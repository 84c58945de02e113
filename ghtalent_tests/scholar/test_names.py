import pytest

from ghtalent.scholar.names import name_keys, search_forms


@pytest.mark.parametrize(
    "github, openalex",
    [
        ("王志强", "Zhiqiang Wang"),  # Han characters → pinyin, given name first
        ("Wang Zhiqiang", "Zhiqiang Wang"),  # surname-first pinyin
        ("Zhi-Qiang Wang", "Zhiqiang Wang"),  # hyphenated given name
        ("陳思遠", "Siyuan Chen"),  # traditional script
        ("曾远", "Yuan Zeng"),  # surname reading (曾 is Zeng, not Ceng)
        ("欧阳娜娜", "Nana Ouyang"),  # compound surname
        ("Na Hu 胡娜", "Hu Na"),  # both scripts in one field
        ("加藤さくら (Sakura Kato)", "Sakura Kato"),  # the romanization in parentheses
        ("Aidan King 🌸", "Aidan King"),  # decorations dropped
        ("Léa Dupont", "Lea Dupont"),  # accents folded
    ],
)
def test_the_same_person_shares_a_key(github, openalex):
    assert name_keys(github) & name_keys(openalex)


@pytest.mark.parametrize(
    "a, b",
    [("Zhiqiang Wang", "Zhiqiang Wu"), ("王志强", "王志刚"), ("Ashley White", "Ashley Whyte")],
)
def test_different_people_do_not(a, b):
    assert not name_keys(a) & name_keys(b)


@pytest.mark.parametrize("name", [None, "", "Oliver", "🚀🚀", "Léa"])
def test_a_single_word_is_not_a_usable_name(name):
    assert name_keys(name) == set()


def test_search_sends_the_latin_form_first():
    assert search_forms("王志强") == ["Zhiqiang Wang", "王志强"]
    assert search_forms("曾远")[0] == "Yuan Zeng"
