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


# Words a research direction ends with ("scene perception", "neural reconstruction"); a piece
# of a topic sentence without one ("building algorithms", "especially how") is no topic.
_FIELD_WORDS = frozenset(
    [
        "learning",
        "vision",
        "graphics",
        "language",
        "languages",
        "processing",
        "model",
        "models",
        "modeling",
        "modelling",
        "networks",
        "network",
        "reasoning",
        "reconstruction",
        "generation",
        "robotics",
        "robot",
        "perception",
        "representation",
        "representations",
        "translation",
        "security",
        "safety",
        "privacy",
        "retrieval",
        "optimization",
        "inference",
        "training",
        "post-training",
        "pre-training",
        "systems",
        "agents",
        "agent",
        "intelligence",
        "ai",
        "understanding",
        "synthesis",
        "recognition",
        "detection",
        "segmentation",
        "analysis",
        "analytics",
        "science",
        "sciences",
        "mining",
        "theory",
        "statistics",
        "control",
        "planning",
        "fairness",
        "interpretability",
        "alignment",
        "compression",
        "acceleration",
        "multimedia",
        "nlp",
        "discovery",
        "imaging",
        "healthcare",
        "medicine",
        "biology",
        "chemistry",
        "physics",
        "geometry",
        "rendering",
        "animation",
        "simulation",
        "search",
        "recommendation",
        "estimation",
        "tracking",
        "editing",
        "speech",
        "audio",
        "embodiment",
        "interaction",
        "hci",
        "llms",
        "llm",
        "cv",
        "acquisition",
        "explainability",
        "efficiency",
        "robustness",
        "evaluation",
        "benchmarks",
        "architectures",
        "architecture",
        "transformers",
        "diffusion",
        "slam",
        "aigc",
    ]
)
_STANDALONE_FIELDS = frozenset(
    [
        "graphics",
        "robotics",
        "multimedia",
        "reasoning",
        "speech",
        "security",
        "privacy",
        "optimization",
        "vision",
        "nlp",
        "hci",
        "statistics",
        "fairness",
        "interpretability",
        "alignment",
        "explainability",
        "robustness",
        "post-training",
        "pre-training",
    ]
)
_FILLER = re.compile(
    r"^(?:(?:thus|also|especially|specifically|particularly|mainly|mostly|primarily|broadly|"
    r"generally|currently|recently|span|spans|spanning|around|about|in|on|at|of|the|a|an|my|"
    r"our|its|their|his|her|underlying|various|broad|interdisciplinary|field|fields|area|"
    r"areas|topics?|problems?|such\s+as|e\.g\.?|i\.e\.?|including|includes?|both|"
    r"developing|studying|building|designing|exploring|applying|using)\s+)+",
    re.IGNORECASE,
)
_NOT_A_TOPIC = re.compile(
    r"\b(?:how|what|why|which|who|whom|can|could|will|would|we|i|me|us|is|are|be|been|"
    r"supervised|advised|by|prof|dr|s)\b|如何|让|旨在|其中|重点|问题|以及|提升|关注|我|等",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _topic_phrase(piece: str) -> str | None:
    """The piece as a research direction a person would write, else None."""
    piece = re.sub(r"[(（][^)）]*[)）]|[(（].*$|\[[^\]]*\]", " ", piece)  # "AIGC (AI Generated"
    piece = _FILLER.sub("", _clean_text(piece).strip(" ()[]:：.-（）")).strip(" ()[]:：.-（）")
    if not piece or _NOT_A_TOPIC.search(piece):
        return None
    if _CJK.search(piece):
        return piece if 2 <= len(piece) <= 10 else None
    words = piece.split()
    if len(words) > 5 or len(piece) > 50:
        return None
    last = words[-1].lower()
    acronym = len(words) == 1 and re.fullmatch(r"[A-Z0-9]{2,6}s?", words[0])
    if not acronym and last not in _FIELD_WORDS:
        return None
    if len(words) == 1 and not acronym and last not in _STANDALONE_FIELDS:
        return None  # "understanding", "science": a word, not a direction
    return piece


def _topics(lines: list[str]) -> list[str]:
    """Research directions the page states, each as a phrase a person would write: a topic
    of the project's vocabulary (ghtalent.people.research_topics) when the phrase is one of
    its names, else the page's own phrase when it reads as a research direction; fragments
    ("building algorithms", "especially how") give only the vocabulary topics inside them."""
    try:
        from ghtalent.people import research_topics
    except ImportError:  # pragma: no cover
        research_topics = None
    topics: list[str] = []

    def add(topic: str) -> None:
        if topic.lower() not in (t.lower() for t in topics):
            topics.append(topic)

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
        rest = re.sub(r"\s+at\s+[A-Z][^,;]*", "", rest)  # "3D computer vision at World Labs"
        for piece in _TOPIC_SPLIT.split(rest):
            if not piece or piece.strip().lower() in _TOPIC_STOP:
                continue
            phrase = _topic_phrase(piece)
            known = research_topics(phrase or piece, limit=3) if research_topics else []
            whole = research_topics and phrase and known and _is_alias(phrase)
            if whole:
                add(known[0])  # "NLP" → "natural language processing"
            elif phrase:
                add(phrase)
            else:
                for topic in known:
                    add(topic)
        if len(topics) >= 6:
            break
    return topics[:6]


def _is_alias(phrase: str) -> bool:
    """True when the whole phrase is a name of one vocabulary topic."""
    from ghtalent.people.topics import _vocabulary

    index = _vocabulary()[0]
    return len(index.exact(phrase)) == 1


def _fallback_topics(lines: list[str]) -> list[str]:
    try:
        from ghtalent.people import research_topics
    except ImportError:
        return []
    prose = [line for line in lines[:60] if _is_prose(line)][:5]
    return list(research_topics(*prose, limit=5)) if prose else []
