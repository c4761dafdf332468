"""Chinese characters folded to one script for the search (films.search.normalise): a name or a
title in traditional characters (Hong Kong, Taiwan) and the same in simplified ones (the
mainland) compare equal, "張曼玉" and "张曼玉", "王家衛" (and Hong Kong's "王家衞") and "王家卫".

The target is simplified: traditional to simplified is many to one ("發" and "髮" are both
"发"), so folding loses nothing a search needs, where the other way would have to guess. The
conversion is OpenCC's (Hong Kong variants and traditional to simplified, `hk2s`), character by
character: a search compares pieces of text (a word typed may be any part of a name), and only a
conversion that maps each character the same whatever stands beside it gives a piece the same
form alone as in its whole. Each character is converted once per process, then remembered.
"""

from functools import cache

from films.romanise import HAN

CONFIG = "hk2s"


@cache
def converter():
    """OpenCC's converter, built when the first Chinese character is met (under 15 ms)."""
    import opencc

    return opencc.OpenCC(CONFIG)


def fold_character(character):
    """The character's simplified form; converted again until it stays the same, so that a
    folded text folds to itself (OpenCC takes "薴" to "苧", and "苧" to "苎")."""
    for _ in range(4):
        folded = converter().convert(character)
        if folded == character:
            break
        character = folded
    return character


class Folded(dict):
    """{code point: the character folded}, filled as characters are first met: a Chinese
    character's simplified form, any other character itself (str.translate's table)."""

    def __missing__(self, code):
        character = chr(code)
        self[code] = folded = fold_character(character) if HAN.match(character) else character
        return folded


FOLDED = Folded()


def fold(text):
    """`text` with its Chinese characters in their simplified forms, the rest as it is."""
    return text if text.isascii() else text.translate(FOLDED)
