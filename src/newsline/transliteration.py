"""Names across scripts: Cyrillic in Latin letters, as English-language news writes Russian names.

``latin`` transliterates with iuliia's Wikipedia schema (Мария Захарова -> Mariya Zakharova, Вучич -> Vuchich,
Дмитрий Песков -> Dmitry Peskov), except for places and institutions whose English name is not a
transliteration (Кремль -> Kremlin, Россия -> Russia, МИД России -> Russian Foreign Ministry). The remaining
spelling variants (Maria, Vučić, Vucic, Aleksandr/Alexander) meet in ``newsline.registry.names.skeleton``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import iuliia

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# English names of places and institutions news names in Russian, by the folded Russian name (nominative)
EXONYMS = {
    "кремль": "Kremlin", "россия": "Russia", "рф": "Russia", "российская федерация": "Russia", "москва": "Moscow",
    "сша": "United States", "соединенные штаты": "United States", "украина": "Ukraine", "киев": "Kyiv",
    "белоруссия": "Belarus", "беларусь": "Belarus", "молдавия": "Moldova", "молдова": "Moldova",
    "кишинев": "Chisinau", "кишинёв": "Chisinau", "армения": "Armenia", "ереван": "Yerevan",
    "азербайджан": "Azerbaijan", "грузия": "Georgia", "сербия": "Serbia", "китай": "China", "турция": "Turkey",
    "германия": "Germany", "франция": "France", "великобритания": "United Kingdom", "европа": "Europe",
    "евросоюз": "European Union", "ес": "European Union", "оон": "United Nations", "нато": "NATO",
    "мид": "Foreign Ministry", "мид россии": "Russian Foreign Ministry", "мид рф": "Russian Foreign Ministry",
    "минобороны": "Defence Ministry", "министерство обороны": "Defence Ministry", "госдума": "State Duma",
    "совбез": "Security Council", "совет безопасности": "Security Council", "тасс": "TASS",
    "риа новости": "RIA Novosti", "интерфакс": "Interfax", "известия": "Izvestia", "черное море": "Black Sea",
    "приднестровье": "Transnistria", "одесса": "Odesa",
}


@lru_cache(maxsize=65536)
def beside(name: str) -> str:
    """``name`` as written, with its Latin-script form after it when it has Cyrillic: "Мария Захарова (Mariya
    Zakharova)"; any other name unchanged."""
    roman = latin(name)
    return name if roman == name else f"{name} ({roman})"


def latin(text: str) -> str:
    """``text`` in Latin letters: an exonym for a known place or institution, else Cyrillic transliterated; text
    without Cyrillic unchanged."""
    if not _CYRILLIC.search(text):
        return text
    known = EXONYMS.get(" ".join(text.lower().split()))
    return known if known is not None else str(iuliia.WIKIPEDIA.translate(text))
