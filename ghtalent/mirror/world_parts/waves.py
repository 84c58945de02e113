"""When things happen: the waves of attention per keyword (GPT-3, Stable Diffusion, ChatGPT,
LLaMA, agents, reasoning) that drive repo creation dates and star gains."""

from __future__ import annotations

import bisect
import random
from datetime import date, datetime, timedelta

import numpy as np

from ghtalent.mirror.world_parts.base import at_random_time

EPOCH = date(2018, 1, 1)
# (year, month, width in months, height): bursts of repo creation per keyword, on a baseline.
WAVES: dict[str, tuple[float, list[tuple[int, int, float, float]]]] = {
    "gpt": (
        0.25,
        [
            (2019, 2, 4, 0.6),  # GPT-2
            (2020, 7, 4, 0.9),  # GPT-3 API
            (2023, 2, 3, 6.0),  # ChatGPT, GPT-4
            (2023, 11, 3, 1.6),  # GPTs
            (2024, 5, 3, 1.0),  # GPT-4o
            (2025, 4, 4, 1.2),  # agents
        ],
    ),
    "diffusion": (
        0.2,
        [
            (2021, 6, 4, 0.6),  # guided / disco diffusion
            (2022, 9, 2, 6.0),  # Stable Diffusion
            (2023, 3, 3, 2.5),  # ControlNet, LoRA
            (2023, 8, 3, 1.5),  # SDXL
            (2024, 2, 3, 2.0),  # video, SD3
            (2024, 8, 3, 2.0),  # FLUX
            (2025, 7, 5, 1.4),  # video / world models
        ],
    ),
    "llama": (
        0.04,
        [
            (2023, 3, 2, 8.0),  # LLaMA leak, llama.cpp, Alpaca
            (2023, 7, 2, 3.0),  # Llama 2
            (2024, 4, 2, 3.0),  # Llama 3
            (2024, 9, 3, 1.5),
            (2025, 4, 2, 1.0),  # Llama 4
        ],
    ),
    "glm": (
        0.04,
        [
            (2021, 3, 3, 0.4),  # GLM paper
            (2023, 3, 2, 6.0),  # ChatGLM-6B
            (2023, 7, 2, 2.0),
            (2023, 10, 2, 2.0),
            (2024, 6, 2, 2.0),  # GLM-4
            (2025, 7, 3, 1.5),  # GLM-4.5
        ],
    ),
    "lm": (
        0.5,
        [
            (2019, 1, 6, 1.5),  # BERT era
            (2020, 6, 6, 1.0),
            (2021, 6, 6, 1.0),
            (2023, 4, 4, 3.0),
            (2024, 3, 6, 2.0),  # small LMs
            (2025, 2, 4, 1.5),
        ],
    ),
    "llm": (
        0.05,
        [
            (2023, 4, 3, 6.0),
            (2023, 10, 4, 3.0),
            (2024, 6, 5, 4.0),  # agents, RAG
            (2025, 2, 2, 4.0),  # DeepSeek-R1, reasoning
            (2025, 6, 4, 3.5),  # MCP, coding agents
            (2026, 3, 4, 3.0),
            (2026, 9, 3, 3.0),
        ],
    ),
}
# (height, factor in 2023-01, factor today) of the post-ChatGPT floor under each keyword's waves.
POST_CHATGPT = {
    "llm": (1.6, 0.6, 1.4),
    "gpt": (0.6, 1.4, 0.35),
    "diffusion": (0.6, 1.4, 0.3),
    "llama": (0.5, 0.6, 1.4),
    "glm": (0.35, 0.6, 1.4),
    "lm": (0.4, 0.6, 1.4),
}


def month_index(d: date) -> int:
    """Months from ``EPOCH`` to the month of `d`."""
    return (d.year - EPOCH.year) * 12 + d.month - 1


def month_start(idx: int) -> date:
    """The first day of month `idx` since ``EPOCH``."""
    return date(EPOCH.year + idx // 12, idx % 12 + 1, 1)


def wave_intensity(slug: str, months: int) -> np.ndarray:
    """Relative attention to `slug` in each of `months` months since ``EPOCH``."""
    base, waves = WAVES[slug]
    m = np.arange(months, dtype=np.float64)
    out = np.full(months, base)
    for y, mo, width, height in waves:
        c = (y - EPOCH.year) * 12 + mo - 1
        out += height * np.exp(-0.5 * ((m - c) / width) ** 2)
    if slug in ("llama", "glm", "llm"):
        # Barely any such repos before the 2022-12 ChatGPT moment (GLM paper aside).
        out[: month_index(date(2022, 11, 1))] *= 0.35
    # After ChatGPT a floor under the waves: language models keep growing to this day, while
    # image generation and GPT apps fade after their 2023 peak (as real star counts show).
    post, first, last = POST_CHATGPT[slug]
    start = month_index(date(2023, 1, 1))
    out[start:] += post * np.linspace(first, last, max(0, months - start))
    return out


class Calendar:
    """Per keyword, how much attention each month since 2018 drew: creation dates and star
    gains follow it."""

    def __init__(self, anchor: date):
        self.anchor = anchor
        self.months = month_index(anchor) + 1
        self.intensity = {s: wave_intensity(s, self.months) for s in WAVES}
        self.cum = {s: np.cumsum(v).tolist() for s, v in self.intensity.items()}

    def creation(self, slug: str, rng: random.Random, latest: date | None = None) -> datetime:
        """A creation time for a `slug` repo, drawn by attention, no later than `latest`."""
        latest = latest or (self.anchor - timedelta(days=2))
        cum = self.cum[slug]
        for _ in range(20):
            m = bisect.bisect_right(cum, rng.random() * cum[-1])
            m = min(m, self.months - 1)
            start = month_start(m)
            day = start + timedelta(days=rng.randrange(0, 28))
            if day <= latest:
                break
        else:
            day = latest - timedelta(days=rng.randrange(0, 60))
        return at_random_time(day, rng)

    def attention(self, slug: str, week_dates: list[date]) -> np.ndarray:
        """Attention to `slug` in the month of each of `week_dates`, 1.0 at its peak."""
        v = self.intensity[slug]
        idx = np.array([min(month_index(d), self.months - 1) for d in week_dates])
        return v[idx] / v.max()
