"""A plan's money unit: the currency its figures are in and the multiple of it one figure counts
(1, 千, 万, 百万, 亿), with the unit's name in each product language, reading and writing amounts
in it, and converting figures from one unit to another.

Every money figure of a plan (the forecast, opportunity values, budgets, demand) is a plain
number in the plan's unit; ``MoneyUnit`` is what gives it a meaning. It is kept as one short
text, its ``code`` ("CNY 10k", "USD k", "EUR"), in the store's ``plan.currency`` column and in
the plan file's ``plan.currency``. Texts written before the unit was chosen (万元, 千元, …) read as
the unit they name; one that names none reads as the old hidden unit, CNY 10k (万元).

The account's annual revenue is a portfolio fact (one account, many plans), so it has one unit
of its own for every account: ``ACCOUNT_UNIT``, the unit every figure had before plans chose.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .template import Text

# ISO code: the currency's name in Chinese (as a unit: 万元, 万美元), and in English.
CURRENCIES: dict[str, Text] = {
    "CNY": Text("元", "Chinese yuan"),
    "USD": Text("美元", "US dollar"),
    "EUR": Text("欧元", "Euro"),
    "GBP": Text("英镑", "Pound sterling"),
    "JPY": Text("日元", "Japanese yen"),
    "HKD": Text("港元", "Hong Kong dollar"),
    "SGD": Text("新加坡元", "Singapore dollar"),
    "AUD": Text("澳元", "Australian dollar"),
    "CHF": Text("瑞士法郎", "Swiss franc"),
}

# The multiples a figure may count: how each language writes it in a unit's name.
SCALES: dict[int, Text] = {
    1: Text("", ""),
    1_000: Text("千", "k"),
    10_000: Text("万", "10k"),
    1_000_000: Text("百万", "m"),
    100_000_000: Text("亿", "100m"),
}
# The same multiples as a choice in a dialog.
SCALE_NAMES: dict[int, Text] = {
    1: Text("元（个位）", "ones"),
    1_000: Text("千", "thousands (k)"),
    10_000: Text("万", "ten thousands (万)"),
    1_000_000: Text("百万", "millions (m)"),
    100_000_000: Text("亿", "hundred millions (亿)"),
}

_SCALE_WORDS_EN = {
    1: "ones",
    1_000: "thousands",
    10_000: "ten thousands",
    1_000_000: "millions",
    100_000_000: "hundred millions",
}

# Words a typed amount or a unit's text may carry for a multiple, longest first where one
# starts another. Compared case-insensitively, after spaces are taken out.
_SCALE_WORDS: tuple[tuple[str, int], ...] = (
    ("百万", 1_000_000),
    ("千万", 10_000_000),
    ("亿", 100_000_000),
    ("万", 10_000),
    ("千", 1_000),
    ("thousands", 1_000),
    ("thousand", 1_000),
    ("millions", 1_000_000),
    ("million", 1_000_000),
    ("billions", 1_000_000_000),
    ("billion", 1_000_000_000),
    ("100m", 100_000_000),
    ("10k", 10_000),
    ("1k", 1_000),
    ("1m", 1_000_000),
    ("mn", 1_000_000),
    ("bn", 1_000_000_000),
    ("k", 1_000),
    ("m", 1_000_000),
    ("b", 1_000_000_000),
)
_SYMBOLS = {"¥": "CNY", "￥": "CNY", "$": "USD", "€": "EUR", "£": "GBP", "rmb": "CNY", "人民币": "CNY", "yuan": "CNY"}


class MoneyProblem(ValueError):
    """A text that is no money unit or no amount."""


@dataclass(frozen=True, slots=True)
class MoneyUnit:
    """A currency (ISO 4217 code) and the multiple of it that one figure counts."""

    currency: str = "CNY"
    scale: int = 10_000

    def __post_init__(self) -> None:
        if self.currency not in CURRENCIES:
            raise MoneyProblem(f"unknown currency {self.currency!r}")
        if self.scale not in SCALES:
            raise MoneyProblem(f"unknown multiple {self.scale}")

    # ---- names

    @property
    def code(self) -> str:
        """The text the unit is stored as: its English label ("CNY 10k", "USD k", "EUR")."""
        return self.label("en")

    def label(self, lang: str) -> str:
        """The unit as a column header or a field's suffix says it: 万元, 百万美元 / CNY 10k, USD m."""
        if lang.startswith("zh"):
            return SCALES[self.scale].zh + CURRENCIES[self.currency].zh
        scale = SCALES[self.scale].en
        return f"{self.currency} {scale}" if scale else self.currency

    def describe(self, lang: str) -> str:
        """A longer name for a dialog: "万元（CNY）", "CNY 10k: Chinese yuan, ten thousands"."""
        if lang.startswith("zh"):
            return f"{self.label(lang)}（{self.currency}）"
        return f"{self.label(lang)}: {CURRENCIES[self.currency].en}, {_SCALE_WORDS_EN[self.scale]}"

    # ---- reading

    @classmethod
    def parse(cls, text: str) -> MoneyUnit:
        """The unit a text names, in either language or as stored: "CNY 10k", "cny 10K", "万元",
        "百万美元", "USD k", "EUR m", "元", "CNY 1k". MoneyProblem when it names none."""
        key = re.sub(r"\s+", "", text).casefold()
        if not key:
            raise MoneyProblem("no money unit given")
        for code in CURRENCIES:
            if key.startswith(code.casefold()):
                scale = _scale_of(key[len(code) :])
                if scale is not None:
                    return cls(code, scale)
        # Chinese: a multiple, then the currency's name (万元, 百万美元); longer names first.
        for code, name in sorted(CURRENCIES.items(), key=lambda item: -len(item[1].zh)):
            if key.endswith(name.zh):
                scale = _scale_of(key[: -len(name.zh)])
                if scale is not None:
                    return cls(code, scale)
        raise MoneyProblem(f"not a money unit: {text!r} (try CNY 10k, USD k, 万元 or 百万美元)")

    @classmethod
    def read(cls, text: str | None) -> MoneyUnit:
        """The unit a stored text names; one that names none (or nothing) is the old hidden
        unit, CNY 10k, which is what every figure meant before plans chose."""
        try:
            return cls.parse(text or "")
        except MoneyProblem:
            return DEFAULT_UNIT

    # ---- amounts

    def format(self, value: float) -> str:
        """A figure with thousands separators, up to two decimals, no unit: 12,500 or 12.35."""
        if float(value).is_integer():
            return f"{value:,.0f}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")

    def parse_amount(self, text: str) -> float | None:
        """A typed amount as a figure in this unit; None when the text is blank.

        A bare number is a figure in this unit ("1,250" in 万元 is 1,250 万元). A number with a
        multiple says its size itself: "1250万", "12.5m", "12.5 million", "3k", "1.2亿", and
        "12,500,000元" or "12500000 yuan" count ones. A currency code or sign other than this
        unit's is refused: figures are never converted between currencies silently."""
        raw = text.strip()
        if not raw:
            return None
        key = re.sub(r"[\s,，_]", "", raw).casefold()
        currency: str | None = None
        for sign, code in _SYMBOLS.items():
            if key.startswith(sign) or key.endswith(sign):
                currency = code
                key = key[len(sign) :] if key.startswith(sign) else key[: -len(sign)]
                break
        if currency is None:
            for code, name in CURRENCIES.items():
                if key.startswith(code.casefold()):
                    currency, key = code, key[len(code) :]
                    break
                if key.endswith(code.casefold()):
                    currency, key = code, key[: -len(code)]
                    break
                if key.endswith(name.zh):
                    currency, key = code, key[: -len(name.zh)]
                    break
        if currency is not None and currency != self.currency:
            raise MoneyProblem(f"amounts here are in {self.currency}, not {currency}")
        match = re.fullmatch(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(.*)", key)
        if match is None:
            raise MoneyProblem(f"expected an amount such as 1,250 or 12.5m, got {raw!r}")
        number, rest = float(match.group(1)), match.group(2)
        if not rest:
            # A currency said, no multiple ("12,500,000元", "¥ 12,500,000"): ones.
            return number if currency is None else _tidy(number / self.scale)
        multiple = _multiple_word(rest)
        if multiple is None:
            raise MoneyProblem(f"expected an amount such as 1,250 or 12.5m, got {raw!r}")
        return _tidy(number * multiple / self.scale)

    def spelled(self, value: float, lang: str) -> str:
        """A figure written out in ones of the currency: "= 12,500,000 元" / "= CNY 12,500,000"."""
        ones = value * self.scale
        text = f"{ones:,.0f}" if float(ones).is_integer() or abs(ones) >= 100 else f"{ones:,.2f}"
        if lang.startswith("zh"):
            return f"{text} {CURRENCIES[self.currency].zh}"
        return f"{self.currency} {text}"

    # ---- converting

    def convert(self, value: float, to: MoneyUnit, rate: float = 1.0) -> float:
        """``value`` in this unit, in unit ``to``; ``rate`` is what one of this currency is in
        ``to``'s (1 when the currency stays)."""
        return _tidy(value * rate * self.scale / to.scale)


def _scale_of(text: str) -> int | None:
    """The multiple a unit's remaining text names: "" is ones, "10k" and "万" ten thousands."""
    if text == "":
        return 1
    for word, multiple in _SCALE_WORDS:
        if text == word and multiple in SCALES:
            return multiple
    return None


def _multiple_word(text: str) -> int | None:
    for word, multiple in _SCALE_WORDS:
        if text == word:
            return multiple
    return None


def _tidy(x: float) -> float:
    """A converted figure without the binary noise of the arithmetic (12.340000000000002)."""
    if x == 0 or not math.isfinite(x):
        return 0.0 if x == 0 else x
    digits = 12 - math.floor(math.log10(abs(x)))
    return round(x, max(0, digits))


DEFAULT_UNIT = MoneyUnit("CNY", 10_000)
# The unit of an account's annual revenue: one for the portfolio, as it always was.
ACCOUNT_UNIT = DEFAULT_UNIT


def with_unit(label: str, unit: MoneyUnit, lang: str) -> str:
    """A heading with its unit, as each language brackets it: 价值（万元） / Value (CNY 10k)."""
    if lang.startswith("zh"):
        return f"{label}（{unit.label(lang)}）"
    return f"{label} ({unit.label(lang)})"


# Ten thousands (万) and hundred millions (亿) are how Chinese counts money; an English reader
# counts in millions. An English edition shows figures kept in those multiples in millions.
_ENGLISH_SCALES = {10_000: 1_000_000, 100_000_000: 1_000_000}


def edition_unit(unit: MoneyUnit, lang: str) -> MoneyUnit:
    """The unit a document in ``lang`` shows figures kept in ``unit`` in: one style per language
    (an English edition of a plan in 万元 reads CNY m, as its English text would say it)."""
    if lang.startswith("zh") or unit.scale not in _ENGLISH_SCALES:
        return unit
    return MoneyUnit(unit.currency, _ENGLISH_SCALES[unit.scale])


def restated(value: float | None, unit_text: str, lang: str) -> tuple[float | None, str]:
    """A figure stated in its own unit (a financial objective's "万元") as a document in ``lang``
    shows it: the figure in edition_unit and that unit's label; a unit that is no money unit
    ("%", "个") keeps the figure and its text."""
    try:
        unit = MoneyUnit.parse(unit_text)
    except MoneyProblem:
        return value, unit_text
    to = edition_unit(unit, lang)
    return (None if value is None else unit.convert(value, to)), to.label(lang)


def unit_label(text: str, lang: str) -> str:
    """A unit written in a table cell (a financial objective's unit) in ``lang`` when it names a
    money unit ("万元" reads "CNY 10k" in English), else as written ("%", "个")."""
    try:
        return MoneyUnit.parse(text).label(lang)
    except MoneyProblem:
        return text
