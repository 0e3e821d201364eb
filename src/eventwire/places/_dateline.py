"""The dateline at the head of a wire story: "KABUL, Afghanistan (Reuters) -", "BAGHDAD —",
"Guatemala City, 4 Feb 90 (ACAN-EFE) --", "NAIROBI, Kenya, March 3 (AP) —".

Its place is where the reporter filed from, usually where the story happened: the extractor adds
it as a mention, and an event whose sentence names no place falls back to it. A name in capitals
is a dateline whenever a dash (or colon) follows; a name in ordinary case only when a date or a
source in brackets comes before the dash as well, so that "The army said - ..." is not one.
"""

from __future__ import annotations

import re

__all__ = ["dateline"]

_UPPER_NAME = r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
_TITLE_NAME = r"[A-Z][\w.'’-]+(?: (?:[A-Z][\w.'’-]+|de|del|la|el|al)){0,3}"
_CONTAINER = r"(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})?"
_DAY = (r"(?:\d{1,2}\s+[A-Z][a-zA-Z]{2,8}\.?(?:\s+\d{2,4})?"
        r"|[A-Z][a-zA-Z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)")
_SOURCE = r"\([^()\n]{1,40}\)"
_DASH = r"\s*(?:--|[-—–:])"

_UPPER = re.compile(rf"^\s*({_UPPER_NAME}){_CONTAINER}(?:,?\s*{_DAY})?\s*(?:{_SOURCE})?{_DASH}")
_TITLE = re.compile(rf"^\s*({_TITLE_NAME}){_CONTAINER}"
                    rf"(?:,?\s*{_DAY}\s*(?:{_SOURCE})?|\s*{_SOURCE}){_DASH}")


def dateline(text: str) -> re.Match[str] | None:
    """The dateline at the start of ``text``: group 1 is the place's name, the match ends at the
    dash; None when the text does not open with one."""
    return _UPPER.match(text) or _TITLE.match(text)
