"""Matching decisions on hand-made candidates in OpenAlex's author shape."""

from ghtalent.scholar.match import judge, judge_by_id, resolve_conflicts

CS = [{"display_name": "Topic Modeling", "field": {"display_name": "Computer Science"}}]
CHEM = [{"display_name": "Catalysis", "field": {"display_name": "Chemistry"}}]


def author(aid, name, inst=None, topics=CS, past=None, alternatives=()):
    current = [{"id": f"https://openalex.org/I{aid}", "display_name": inst}] if inst else []
    return {
        "id": f"https://openalex.org/{aid}",
        "display_name": name,
        "display_name_alternatives": list(alternatives),
        "last_known_institutions": current,
        "affiliations": [{"institution": {"display_name": p}, "years": [2019]} for p in past or []],
        "topics": topics,
    }


def test_name_and_institution_and_field_match_with_reasons():
    person = {"name": "王志强", "university": "Tsinghua University"}
    found = [
        author("A1", "Zhiqiang Wang", "Tsinghua University"),
        author("A2", "Zhiqiang Wang", "Jilin University", CHEM),
    ]
    m = judge("zq", person, found)
    assert m.status == "matched" and m.author_id == "A1" and m.confidence >= 0.7
    assert "institution Tsinghua University" in m.reason and "1 namesake(s)" in m.reason


def test_a_common_name_with_no_corroboration_stays_unmatched():
    person = {"name": "Wei Zhang", "company": None, "university": None}
    found = [author(f"A{i}", "Wei Zhang", inst) for i, inst in enumerate(["MIT", "Fudan", "KAIST"])]
    m = judge("wz", person, found)
    assert m.status == "name_only" and m.author_id is None


def test_a_namesake_in_another_field_at_the_same_place_is_not_taken():
    person = {"name": "Ethan White", "university": "Stanford University"}
    m = judge("ew", person, [author("A9", "Ethan White", "Stanford University", CHEM)])
    assert m.status != "matched"


def test_two_equally_good_candidates_match_neither():
    person = {"name": "Subin Lim"}
    found = [author("A1", "Subin Lim"), author("A2", "Subin Lim")]
    m = judge("sl", person, found, links={"scholar": "abc123def456"})
    assert m.status == "ambiguous"


def test_a_past_institution_corroborates():
    person = {"name": "Ana Lima", "company": "Google DeepMind"}
    m = judge(
        "al", person, [author("A5", "Ana Lima", "University of Oxford", past=["Google DeepMind"])]
    )
    assert m.status == "matched" and "past institution" in m.reason


def test_an_orcid_link_wins_even_when_the_name_is_written_otherwise():
    m = judge_by_id("x", {"name": "小林健太"}, author("A7", "K. Kobayashi"), "ORCID")
    assert m.status == "matched" and m.confidence >= 0.95 and "ORCID" in m.reason


def test_one_author_for_two_developers_goes_to_neither_on_a_tie():
    person = {"name": "Budi Santoso", "university": "Nanyang Technological University"}
    a = author("A3", "Budi Santoso", "Nanyang Technological University")
    ms = resolve_conflicts([judge("b1", person, [a]), judge("b2", person, [a])])
    assert [m.status for m in ms] == ["ambiguous", "ambiguous"]
