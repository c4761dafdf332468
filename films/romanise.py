"""Romanisations of a name written in Chinese characters, for the search documents: Mandarin in
pinyin and Cantonese in jyutping, without tones ("黎明": "li ming", "lai ming").

pypinyin and pycantonese are imported only when a name in Chinese characters is romanised (a
person saved with one, or the search documents rebuilt): pycantonese reads its dictionaries on
first use, which costs about a second and tens of MB that a server answering pages never needs.
"""

import re

# CJK Unified Ideographs with extension A, the compatibility block and extensions B onwards.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# The languages (BCP 47 primary subtags) whose names in Chinese characters are romanised; a name
# with no language given is romanised when it is written in Chinese characters.
CHINESE = {"zh", "yue", "cmn", "lzh", "nan", "hak", "wuu"}
SYLLABLE = re.compile(r"[a-z]+")


def is_chinese(name, lang=""):
    primary = lang.split("-")[0].casefold()
    return bool(HAN.search(name)) and (not primary or primary in CHINESE)


def romanisations(name, lang=""):
    """Every way the name is written in the Latin alphabet by a system both Mandarin and
    Cantonese speakers use: the syllables apart ("zhang man yu") and, for a given name of
    several syllables, joined after the family name ("zhang manyu"). Empty for a name not in
    Chinese characters or in another language (a Japanese name in kanji, say)."""
    if not is_chinese(name, lang):
        return []
    spellings = []
    for syllables in (mandarin(name), cantonese(name)):
        if not syllables:
            continue
        spellings.append(" ".join(syllables))
        if len(syllables) > 2:
            spellings.append(f"{syllables[0]} {''.join(syllables[1:])}")
    return list(dict.fromkeys(spellings))


def mandarin(name):
    """Pinyin syllables of the Chinese characters in `name`, others left out."""
    from pypinyin import Style, lazy_pinyin

    return [
        syllable
        for part in lazy_pinyin(name, style=Style.NORMAL, errors="ignore")
        for syllable in SYLLABLE.findall(part.casefold())
    ]


def cantonese(name):
    """Jyutping syllables of `name`, or [] when a character has no known Cantonese reading."""
    import pycantonese

    syllables = []
    for characters, jyutping in pycantonese.characters_to_jyutping(name):
        if HAN.search(characters):
            if not jyutping:
                return []
            syllables += SYLLABLE.findall(jyutping.casefold())
    return syllables
