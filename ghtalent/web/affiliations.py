"""Affiliation statements: which phrases state a current, past or incoming position, and
the organisations they name mapped to canonical universities and companies."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ghtalent.web.page import HomepageFacts

_ROLE_HEAD = (
    r"(?:professor|lecturer|post-?doc(?:toral)?(?:\s+(?:researcher|fellow|scholar|associate|"
    r"student|research\s+(?:fellow|associate|scientist)))?|research\s+fellow|researcher|"
    r"scientist|engineer|ph\.?\s?d\.?(?:\s+(?:student|candidate|researcher))?|doctoral\s+(?:student|"
    r"candidate)|(?:master'?s?|graduate|undergraduate|msc|ms)\s+student|student|"
    r"member\s+of\s+(?:the\s+)?technical\s+staff|\bmts\b|co-?founder|founder|ceo|cto|"
    r"director|manager|head\s+of\s+[\w ]{2,30}?|tech\s+lead|team\s+lead|faculty(?:\s+member)?|"
    r"investigator|fellow|intern|instructor|developer|architect)"
)
_ROLE_PREFIX = (
    r"(?:(?:tenured|tenure-track|full|assistant|associate|adjunct|visiting|distinguished|"
    r"senior|sr\.|staff|principal|lead|chief|junior|founding|research|applied|machine\s+"
    r"learning|ml|ai|software|postdoctoral|graduate|phd|ph\.d\.|doctoral|first-year|"
    r"second-year|third-year|fourth-year|fifth-year|final-year|\d(?:st|nd|rd|th)[- ]year|"
    r"technical|data|computer\s+vision|nlp|research\s+&|student|part-time|full-time|"
    r"honorary|affiliate|associated|\d(?:st|nd|rd|th)\s+year)\s+)*"
)
_ROLE = re.compile(rf"\b{_ROLE_PREFIX}{_ROLE_HEAD}\b", re.IGNORECASE)
_ROLE_LINE = re.compile(rf"^(?:{_ROLE_PREFIX}{_ROLE_HEAD})(?:\s*(?:&|and|/|,)\s*{_ROLE_PREFIX}"
                        rf"{_ROLE_HEAD})*\s*$", re.IGNORECASE)  # fmt: skip
_ZH_ROLE = re.compile(
    r"(?:副教授|助理教授|讲席教授|特聘教授|长聘教授|教授|副研究员|助理研究员|研究员|高级研究员|"
    r"研究科学家|科学家|工程师|博士后|博士生|博士研究生|硕士生|硕士研究生|研究生|本科生|"
    r"讲师|博导|创始人|联合创始人|实习生|学生|主任|院长|负责人)"
)

_PAST = re.compile(
    r"\b(?:previously|formerly|prior\s+to|before\s+(?:that|this|joining|coming|moving|my|I)|"
    r"I\s+(?:was|worked|did|received|obtained|completed|got|earned|spent|graduated|finished|"
    r"interned|led|joined\s+\w+\s+in\s+(?:19|20)\d\d)|(?:he|she|they)\s+(?:was|were|received|"
    r"obtained|completed|worked|spent|did)|used\s+to|was\s+(?:a|an)\b|were\s+(?:a|an)\b|"
    r"(?:19|20)\d\d\s*(?:-|–|—|to)\s*(?:19|20)\d\d|alumn|graduated|former(?:ly)?|ex-|"
    r"during\s+(?:my|his|her)|in\s+the\s+(?:summer|fall|spring|winter)\s+of|past\b|"
    r"earlier|once\s+a|had\s+been)",
    re.IGNORECASE,
)
_INCOMING = re.compile(
    r"\b(?:incoming|will\s+(?:be\s+)?(?:join|start|move|become)|will\s+be\s+(?:a|an)\b|"
    r"upcoming|starting\s+(?:in\s+)?(?:fall|spring|summer|winter|january|september|20\d\d)|"
    r"to\s+join|soon\s+to\s+be|future)",
    re.IGNORECASE,
)
_CURRENT = re.compile(r"\b(?:currently|now|present|today|these\s+days)\b", re.IGNORECASE)
_ZH_PAST = re.compile(r"曾|此前|之前|以前|毕业于|获得|获|本科|学士|硕士学位|博士学位|前往|访问")
_ZH_CURRENT = re.compile(
    r"(?:现任|现为|现就职于|现就读于|现在|目前(?:是|在|任|为|担任|就职于|就读于|任职于)?|"
    r"任职于|就职于|就读于|在读|我是一名在|我是一名|我是|我在|担任)"
)
_NEWS_LINE = re.compile(
    r"^\s*[\[(【]?\s*(?:(?:19|20)\d\d[./-]\d{1,2}|\d{1,2}/(?:19|20)\d\d|(?:jan|feb|mar|apr|may|"
    r"jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d\d)",
    re.IGNORECASE,
)
_ABBREVIATIONS = re.compile(
    r"\b(Ph\.D|Prof|Dr|Mr|Ms|Mrs|e\.g|i\.e|St|Univ|Inc|Jr|Sr|M\.S|B\.S|B\.Sc|M\.Sc|U\.S|Dept|"
    r"etc|vs|No|Co|Ltd|Corp|Assoc|Asst|M\.Eng|B\.Eng|Ph|D|Lab|approx)\.",
)
_ORG_STOP = re.compile(
    r"(?:,\s*(?=[a-z])(?!and\s+(?:computer|electrical|data|information)\b)"
    r"(?![^,;.]{0,60}?(?:universit|institute\s+of|college|大学))|"  # "Vision Lab, X University"
    r",\s*(?:where|working|supervised|advised|led|under|with|and\s+(?:a|an|the|I|am|is)\b|"
    r"which|as\s|since|from|focusing|mainly|primarily|specifically)|;|\s+where\s|\s+working\s|"
    r"\s+supervised\s|\s+advised\s|\s+led\s+by|\s+under\s+(?:the\s+)?(?:supervision|guidance)|"
    r"\s+with\s+(?:prof|dr|professor)\b|\s+since\s|\s+from\s+(?:19|20)\d\d|\s+in\s+(?:19|20)\d\d|"
    r"\.\s|\.$|\s+focusing\s|\s+and\s+(?:an?|the|I|also)\s+(?=[^,]*\b(?:professor|scientist|"
    r"researcher|engineer|member|fellow|student|lecturer|postdoc|founder|director)\b)|\s+on\s+(?:the\s+)?(?:topic|problems|research)|\(\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
_EN_STATEMENT = re.compile(
    r"\b(?:I\s+am|I'm|I’m|I\s+currently\s+am|I\s+work\s+as|I\s+serve\s+as|"
    r"(?:he|she|they)\s+(?:is|are)|is\s+(?:currently\s+|now\s+)?(?:a|an|the)\b|"
    r"currently\s+(?:a|an|working|serving)|now\s+(?:a|an)\b)",
    re.IGNORECASE,
)
_EN_WORK_AT = re.compile(
    r"\bI(?:'m|’m|\s+am)?\s+(?:currently\s+|now\s+)?(?:work(?:ing)?|based|in|at|research(?:ing)?)"
    r"\b[^.]{0,120}?\s(?:at|@)\s+(?P<org>[^.;]+)",
    re.IGNORECASE,
)
_EN_JOINED = re.compile(
    r"\b(?:I|he|she)\s+(?:recently\s+|have\s+|has\s+)?joined\s+(?P<org>.+?)\s+as\s+"
    r"(?:a|an|the)?\s*(?P<role>.+)$",
    re.IGNORECASE,
)
_LINK_WORDS = re.compile(
    r"\b(?:scholar|github|linkedin|twitter|cv|resume|email|e-mail|blog|homepage|publications?|"
    r"dblp|orcid|semantic|home|bio|news|contact|projects?|teaching|talks?|papers?)\b",
    re.IGNORECASE,
)


_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^<>]{0,200}>?|[<>]")


def _clean_text(text: str) -> str:
    """Extracted text never carries markup, even when a page shows escaped tags as text."""
    return re.sub(r"\s+", " ", _MARKUP.sub(" ", text)).strip(" ,;:")


def _sentences(line: str) -> list[str]:
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\u2024"), line)
    pieces = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])|(?<=[。！？；])", protected)
    return [p.replace("\u2024", ".").strip() for p in pieces if p.strip()]


def _org_span(text: str) -> str:
    text = text.strip(" ,:-–—")
    match = _ORG_STOP.search(text)
    if match:
        text = text[: match.start()]
    return text.strip(" ,.:;-–—()")[:160]


def _tense(clause: str, before_role: str) -> str:
    if _INCOMING.search(clause):
        return "incoming"
    # "Previously, I was ..." marks the whole clause; a year range only matters before the org.
    past = _PAST.search(before_role) or re.search(
        r"\b(?:was|were|had\s+been|did|worked|spent|received|obtained|interned)\b",
        clause,
        re.IGNORECASE,
    )
    if past and (not _CURRENT.search(before_role) or re.search(r"\bwas\b", before_role, re.I)):
        return "past"
    return "current"


@dataclass
class _Statement:
    role: str
    org: str
    tense: str  # current | past | incoming
    strength: int  # 3 first-person sentence, 2 title card, 1 loose


def _english_statements(sentence: str) -> list[_Statement]:
    out: list[_Statement] = []
    joined = _EN_JOINED.search(sentence)
    if joined and _ROLE.search(joined.group("role")):
        before = sentence[: joined.start()]
        out.append(
            _Statement(
                _ROLE.search(joined.group("role")).group(0),
                _org_span(joined.group("org")),
                _tense(sentence, before),
                3,
            )
        )
        return out
    statement = _EN_STATEMENT.search(sentence)
    if statement:
        rest = sentence[statement.end() :]
        for role in _ROLE.finditer(rest):
            between = rest[: role.start()]
            if len(between) > 40 and not re.search(r"\band\b|,", between[-12:]):
                break
            after = rest[role.end() :]
            org = re.match(
                r"\s*(?:\([^)]*\)\s*)?(?:in\s+the\s+[^,]{0,80}?\s+)?"
                r"(?:at|@|in|with|of|for|,|on(?=\s+the\s+[^,.]{1,40}\bteam\b))\s+(.+)",
                after,
                re.IGNORECASE | re.DOTALL,
            )
            if not org:
                continue
            org_text = _org_span(org.group(1))
            if org_text:
                # Tense words hold in their own clause: "an incoming professor at A, and a
                # research scientist at B" leaves B current.
                before = _own_clause(sentence[: statement.end() + role.start()])
                tense = _tense(before + " " + role.group(0), before)
                out.append(_Statement(role.group(0), org_text, tense, 3))
        if out:
            return out
    work = _EN_WORK_AT.search(sentence)
    if work and not re.search(r"\b(?:with|on|under)\s*$", sentence[: work.start("org")][-8:]):
        before = sentence[: work.start()]
        role = _ROLE.search(sentence)
        out.append(
            _Statement(
                role.group(0) if role else "",
                _org_span(work.group("org")),
                _tense(sentence, before),
                3,
            )  # fmt: skip
        )
    return out or _team_statements(sentence)


_TEAM = re.compile(
    r"\b(?:on|of|in|with|join(?:ed|ing)?|lead(?:ing)?|led)\s+the\s+"
    r"(?P<org>(?:[A-Z][\w.+-]*\s+){1,3}team)\b"
    r"|\b(?:I|he|she)\s+(?:currently\s+)?(?:work|works|am\s+working|lead|leads)\s+on\s+"
    r"(?P<product>[A-Z][\w.+-]+(?:\s+[A-Z][\w.+-]+)?)"
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|my|he|she|his|her)\b")
_CLAUSE_START = re.compile(r"(?:,\s*|\s+)(?:and|but|while|whereas)\s+|;\s*|,\s*(?=now\b)")


def _own_clause(text: str) -> str:
    """The last clause of text: what follows the last ", and", ";", ", but", ", while"."""
    cuts = [m.end() for m in _CLAUSE_START.finditer(text)]
    return text[cuts[-1] :] if cuts else text


def _team_statements(sentence: str) -> list[_Statement]:
    """A team or product named in place of the employer: "on the Gemini team", "I work on
    ChatGPT" (mapped to the company by the alias table; unknown names count for nothing)."""
    out: list[_Statement] = []
    if not _FIRST_PERSON.search(sentence):
        return out
    for match in _TEAM.finditer(sentence):
        org = match.group("org") or match.group("product")
        before = _own_clause(sentence[: match.start()])
        out.append(_Statement("", org, _tense(before, before), 3))
    return out


def _chinese_statements(sentence: str) -> list[_Statement]:
    out: list[_Statement] = []
    for match in _ZH_CURRENT.finditer(sentence):
        rest = sentence[match.end() :]
        org = re.split(r"[，,。；;！!？?]", rest, maxsplit=1)[0][:60]
        if not org:
            continue
        before = sentence[: match.start()]
        tense = "past" if _ZH_PAST.search(before[-12:]) else "current"
        if re.search(r"即将|将于|将加入", sentence):
            tense = "incoming"
        role = _ZH_ROLE.search(org) or _ROLE.search(org)
        out.append(_Statement(role.group(0) if role else "", org, tense, 3))
    return out


_DATED_TO_NOW = re.compile(r"(?:-|–|—|~|to)\s*(?:now|present|today|至今)", re.IGNORECASE)
_BARE_DEGREE = re.compile(
    r"(?:ph\.?\s?d\.?|master'?s?|student|msc|bsc|graduate\s+student|undergraduate|intern)",
    re.IGNORECASE,
)


def _same_line_pairs(line: str) -> list[_Statement]:
    """ "Research Scientist, Google DeepMind", "StepFun, Senior Researcher", "Role @ Org"."""
    out: list[_Statement] = []
    line = re.sub(r"^(?:\[[^\]]{1,20}\]\s*)+", "", line)  # "[email] [scholar] 3rd Year PhD at ..."
    line = _LINE_LABEL.sub("", line)  # "Experience: Research Scientist at Anthropic"
    if len(line) > 120:
        return out
    line = _DATE_RANGE.sub(lambda m: f"{m.group(1)}–{m.group(2)}", line)  # one chunk, not two
    chunks = re.split(r"\s*(?:\||·|•| - | – | — |&(?=\s*[A-Z]))\s*", line)
    for chunk in chunks:
        at = re.match(rf"^({_ROLE_PREFIX}{_ROLE_HEAD})\s*(?:@|\bat\b|,|\(|\bof\b)\s*(.+?)\)?$",
                      chunk, re.IGNORECASE)  # fmt: skip
        rev = re.match(rf"^(.+?),\s*({_ROLE_PREFIX}{_ROLE_HEAD})$", chunk, re.IGNORECASE)
        zh = re.match(r"^(.{2,30}?)(?:的)?\s*(" + _ZH_ROLE.pattern + r")(?:[，,、].*)?$", chunk)
        dated = re.search(
            r"((?:19|20)\d\d(?:\.\d{1,2})?)\s*(?:-|–|—|~|to)\s*(now|present|today|至今|"
            r"(?:19|20)\d\d(?:\.\d{1,2})?)",
            chunk,
            re.IGNORECASE,
        )
        tense = "current"
        if dated and re.match(r"(?:19|20)\d\d", dated.group(2)):
            tense = "past"
        body = chunk
        if dated:  # "2022–Present: Senior Researcher, NVIDIA", "Researcher, Meta (2023–now)"
            body = f"{chunk[: dated.start()]} {chunk[dated.end() :]}"
            body = re.sub(r"\(\s*\)", " ", body).strip(" ,:;-–—()")
            body = re.sub(r"\s+", " ", body)
            at = re.match(rf"^({_ROLE_PREFIX}{_ROLE_HEAD})\s*(?:@|\bat\b|,)\s*(.+)$", body, re.I)
            rev = re.match(rf"^(.+?),\s*({_ROLE_PREFIX}{_ROLE_HEAD})$", body, re.IGNORECASE)
        if at and _BARE_DEGREE.fullmatch(at.group(1)) and not re.search(r"\bat\b|@", chunk):
            at = None  # "PhD, Sun Yat-sen University" in a list of students
        if rev and _BARE_DEGREE.fullmatch(rev.group(2)):
            rev = None
        if at and not re.search(r"\bintern\b", at.group(1), re.I):
            out.append(_Statement(at.group(1), at.group(2).strip(), tense, 2))
        elif rev and len(rev.group(1)) < 60 and not _ROLE.search(rev.group(1)):
            out.append(_Statement(rev.group(2), rev.group(1).strip(), tense, 2))
        elif zh and not _ZH_PAST.search(chunk) and not dated:
            out.append(_Statement(zh.group(2), zh.group(1), tense, 2))
        elif dated and tense == "current" and body and not _ZH_PAST.search(body):
            # A CV line dated up to now: "硕士 浙江大学 2022–至今", "M.S., Stanford, 2022–present"
            degree = _ZH_ROLE.search(body) or _DEGREE_WORD.search(body)
            out.append(_Statement(degree.group(0) if degree else "", body, tense, 1))
    return out


# Section labels in front of a position ("Experience:", "Current position –", "工作经历：").
_LINE_LABEL = re.compile(
    r"^(?:(?:work\s+|professional\s+)?experience|current(?:ly)?(?:\s+position)?|position|"
    r"affiliation|employment|now|工作经历|现任|当前)\s*[:：\-–—]\s*",
    re.IGNORECASE,
)
_DATE_RANGE = re.compile(
    r"((?:19|20)\d\d(?:[./]\d{1,2})?)\s*(?:-|–|—|~|to)\s*(now|present|today|至今|"
    r"(?:19|20)\d\d(?:[./]\d{1,2})?)",
    re.IGNORECASE,
)
_DEGREE_WORD = re.compile(
    r"\b(?:ph\.?\s?d|m\.?\s?s|m\.?\s?sc|master'?s?|b\.?\s?s|b\.?\s?sc|bachelor'?s?)\b|硕士|博士|本科",
    re.IGNORECASE,
)


def _owner_name_index(lines: list[str], title: str) -> int:
    """Index of the first line that repeats a name from the page title (the header card)."""
    names = (
        [p.strip() for p in re.split(r"\s*[|\-–—:,(（]\s*", title) if p.strip()] if title else []
    )
    for index, line in enumerate(lines[:_CARD_WINDOW]):
        for name in names:
            fits = 3 <= len(name) <= 40 and len(line) <= len(name) + 30 and line != title
            if fits and line.lower().startswith(name.lower()):
                return index
    return -1


_CARD_WINDOW = 60


def _card_line_ends(line: str) -> bool:
    """True where the header card stops: prose, news, author lists."""
    return (
        len(line) > 90
        or bool(_EN_STATEMENT.search(line))
        or bool(_NEWS_LINE.match(line))
        or line.endswith((".", "!", "?", "。", ",", "，", "*"))
        or bool(re.search(r"\bI\b|\bmy\b|我", line))
    )


def _card_org_line(line: str) -> bool:
    if _LINK_WORDS.search(line) or "@" in line or re.search(r"\[at\]|\(at\)|#", line, re.I):
        return False
    return not re.search(r"\d{3,}", line)  # phone numbers, room numbers, postcodes


def _is_role_line(line: str) -> bool:
    if re.fullmatch(r"(?:ph\.?\s?d\.?|student|intern|fellow|msc|bsc|mphil)s?", line, re.I):
        return False  # education headings and list labels, not positions
    if _ROLE_LINE.match(line):
        return True
    return len(line) <= 20 and bool(_ZH_ROLE.search(line)) and not _ZH_PAST.search(line)


def _is_prose(line: str) -> bool:
    return (
        len(line) > 150
        or bool(_EN_STATEMENT.search(line))
        or (len(line) >= 30 and bool(re.search(r"\b(?:I|my|he|she|his|her)\b", line)))
        or (len(line) >= 30 and "。" in line)
    )


def _card_statements(lines: list[str], title: str) -> list[_Statement]:
    """Header cards: a role line ("Research Scientist") or the owner's name, then org lines."""
    out: list[_Statement] = []
    # The card sits above the prose; role-looking lines further down are lists (students, talks).
    prose = next((i for i, line in enumerate(lines) if _is_prose(line)), len(lines))
    window = min(prose, _CARD_WINDOW)
    anchors = [i for i, line in enumerate(lines[:window]) if _is_role_line(line)]
    name_at = _owner_name_index(lines, title)
    if name_at >= 0:
        anchors.append(name_at)
    for start in sorted(set(anchors)):
        role = lines[start] if _is_role_line(lines[start]) else ""
        for line in lines[start + 1 : start + 6]:
            if _card_line_ends(line):
                break
            if _is_role_line(line):
                role = line
                continue
            if _card_org_line(line):
                out.append(_Statement(role, line, "current", 2 if role else 1))
    return out


def _statements(lines: list[str], title: str) -> list[_Statement]:
    found: list[_Statement] = []
    if title:
        for piece in re.split(r"\s+[|\-–—]\s+", title)[1:]:
            found.extend(_same_line_pairs(piece))
    found.extend(_card_statements(lines, title))
    for line in lines:
        if _NEWS_LINE.match(line) and not _DATED_TO_NOW.search(line):
            continue  # news items describe events, not the current position
        if len(line) <= 120:
            found.extend(_same_line_pairs(line))
        for sentence in _sentences(line):
            if re.search(r"[\u4e00-\u9fff]", sentence):
                found.extend(_chinese_statements(sentence))
            found.extend(_english_statements(sentence))
    cleaned: list[_Statement] = []
    for st in found:
        if re.search(r"\b(?:intern|visiting|visitor)\b|实习|访问", st.role, re.IGNORECASE):
            st = _Statement(st.role, st.org, "past" if st.tense == "current" else st.tense, 0)
        st = _Statement(_clean_text(st.role), _clean_text(st.org), st.tense, st.strength)
        if st.org and len(st.org) >= 2:
            cleaned.append(st)
    return cleaned


# --------------------------------------------------------------------------------------------
# Mapping organisation text to canonical names (ghtalent.people)
# --------------------------------------------------------------------------------------------


def _org_parts(org: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"\s+(?:and|&)\s+|\s*[;/、]\s*|和|与", org) if p.strip()]
    return parts if len(parts) > 1 else [org]


def _map_org(org: str, allow_unknown: bool = False) -> tuple[str | None, tuple[str, str] | None]:
    """(university, (company, kind)) named by one piece of organisation text.

    Companies missing from the reference table (kind "other") count only with `allow_unknown`,
    which the caller sets for plain first-person employment statements about a short proper name.
    """
    try:
        from ghtalent.people import normalize_company, university_of
        from ghtalent.people.universities import looks_academic
    except ImportError:  # the normalizers are not installed yet: say nothing rather than guess
        return None, None
    university = None
    company = None
    for part in _org_parts(org):
        uni = university_of(part) or _first(university_of, _variants(part))
        if uni:
            university = university or uni
            continue  # a university sub-unit ("Mila, University of Montreal") is not a company
        if looks_academic(part):
            continue
        found = normalize_company(part)
        if found is None or found.kind == "other":
            found = _first(_known(normalize_company), _variants(part)) or found
        if found is None or found.kind == "university":
            continue
        if found.kind != "other" or (allow_unknown and _looks_like_org_name(part)):
            company = company or (found.name, found.kind)
    return university, company


def _known(normalize):
    def known(text: str):
        found = normalize(text)
        return found if found is not None and found.kind != "other" else None

    return known


_EMPLOYMENT_ROLE = re.compile(
    r"scientist|engineer|researcher|member\s+of\s+(?:the\s+)?technical\s+staff|\bmts\b|founder|"
    r"\bceo\b|\bcto\b|developer|architect|manager|director|head\s+of|研究员|工程师|科学家|创始人",
    re.IGNORECASE,
)


def _looks_like_org_name(text: str) -> bool:
    """A short capitalised name ("Physical Intelligence"), not a phrase or a sub-unit."""
    words = text.split()
    return (
        1 <= len(words) <= 4
        and all(w[:1].isupper() or w[:1].isdigit() for w in words)
        and not re.search(r"[(),:;/]|\b(?:Lab|Group|Team|Department|Dept|Center|Centre)\b", text)
    )


def _variants(part: str) -> list[str]:
    """Shorter readings of org text: "Google DeepMind in San Francisco" → "Google DeepMind"."""
    out = []
    for sep in (r"\s+in\s+", r",\s*", r"\s+at\s+", r"\s*\(", r"\s+of\s+"):
        pieces = re.split(sep, part)
        if len(pieces) > 1:
            out.extend([pieces[0], pieces[-1]])
    return [p.strip(" ()") for p in out if len(p.strip(" ()")) >= 2]


def _first(func, texts: list[str]):
    for text in texts:
        found = func(text)
        if found:
            return found
    return None


_AWARD = re.compile(
    r"fellowship|scholarship|award|prize|grant|program(?:me)?\b|奖学金|奖|资助", re.IGNORECASE
)
_HONORARY_ROLE = re.compile(
    r"^(?!.*\b(?:research|postdoc\w*|teaching)\s+fellow)(?:[\w-]+\s+)*fellow$", re.IGNORECASE
)


def _resolve(statements: list[_Statement], facts: HomepageFacts) -> None:
    current = [s for s in statements if s.tense == "current"]
    current.sort(key=lambda s: -s.strength)  # stable: document order within a strength
    for st in current:
        if _AWARD.search(st.org):
            continue  # "supported by the Google PhD Fellowship" names a sponsor, not an employer
        unknown_ok = st.strength == 3 and bool(_EMPLOYMENT_ROLE.search(st.role))
        university, company = _map_org(st.org, allow_unknown=unknown_ok)
        if _HONORARY_ROLE.search(st.role):
            company = None  # "fellow of ..." / "member of ..." is an honour, not a job
        if not university and not company:
            continue
        if (st.role, st.org) not in facts.affiliations:
            facts.affiliations.append((st.role, st.org))
        if university and facts.university is None:
            facts.university = university
        if company and facts.company is None:
            facts.company, facts.company_kind = company
    for st in statements:
        target = facts.past_affiliations if st.tense == "past" else facts.incoming_affiliations
        if st.tense != "current" and (st.role, st.org) not in target:
            target.append((st.role, st.org))
