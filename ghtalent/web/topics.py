"""Research topics a homepage states ("My research interests include …")."""

from __future__ import annotations

import re

from ghtalent.web.affiliations import _clean_text, _is_prose

_TOPIC_LEADS = re.compile(
    r"(?:research\s+interests?(?:\s+(?:include|includes|are|is|lie|lies|cover|covers|span|"
    r"spans|focus(?:es)?\s+on))?(?:\s+(?:in|on))?(?:\s+the\s+areas?\s+of)?|"
    r"my\s+research\s+(?:focuses|focus|is|centers|lies)\s+(?:on|in)|"
    r"(?:I|he|she)\s+(?:work|works|focus|focuses)\s+on|"
    r"(?:I'm|I\s+am|he\s+is|she\s+is)\s+(?:broadly\s+|mainly\s+|mostly\s+|particularly\s+)?"
    r"interested\s+in|interests?\s*:|focusing\s+on|研究方向(?:主要)?(?:为|是|包括|集中于|集中与)?|"
    r"研究兴趣(?:包括|为|是)?)\s*[:：]?\s*",
    re.IGNORECASE,
)
_TOPIC_SPLIT = re.compile(
    r"\s*(?:,|;|、|，|；|/|\band\b|\bas\s+well\s+as\b|\bincluding\b|和|及)\s*"
)
_TOPIC_STOP = {"the", "a", "an", "areas", "area", "of", "in", "on", "etc", "等", "problems"}


def _topics(lines: list[str]) -> list[str]:
    topics: list[str] = []
    for index, line in enumerate(lines):
        match = _TOPIC_LEADS.search(line)
        if not match:
            continue
        rest = line[match.end() :]
        if not rest.strip() and index + 1 < len(lines):
            rest = lines[index + 1]  # a heading "Research Interests" with the list below
            again = _TOPIC_LEADS.search(rest)
            rest = rest[again.end() :] if again else rest
        rest = re.split(r"[.。!?！？]\s|[.。]$|\s+with\s+|\s+to\s+|\s+that\s|，其中|：", rest)[0]
        for piece in _TOPIC_SPLIT.split(rest):
            piece = re.sub(
                r"^(?:the\s+|broad\s+areas?\s+of\s+|problems\s+in\s+)",
                "",
                piece.strip(" ()[]:：.-"),
                flags=re.I,
            )
            words = piece.split()
            if not piece or piece.lower() in _TOPIC_STOP or len(words) > 6 or len(piece) > 50:
                continue
            piece = _clean_text(piece)
            if piece and piece.lower() not in (t.lower() for t in topics):
                topics.append(piece)
        if len(topics) >= 6:
            break
    return topics[:6]


def _fallback_topics(lines: list[str]) -> list[str]:
    try:
        from ghtalent.people import research_topics
    except ImportError:
        return []
    prose = [line for line in lines[:60] if _is_prose(line)][:5]
    return list(research_topics(*prose, limit=5)) if prose else []
