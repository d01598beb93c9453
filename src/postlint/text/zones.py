"""The places in a post where text rules look: text, alt text, captions, credits, quotes."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.models import Post


def post_zones(post: Post) -> Iterator[tuple[str, str, str]]:
    """``(field, zone, text)`` of every place in a post a marking can hide."""
    if post.text:
        yield "text", "text", post.text
    for i, media in enumerate(post.media):
        if media.alt:
            yield f"media[{i}].alt", "alt", media.alt
        if isinstance(media.captions, str) and not _is_file_name(media.captions):
            yield f"media[{i}].captions", "captions", media.captions
        if media.credit:
            yield f"media[{i}].credit", "credit", media.credit
    for i, quote in enumerate(post.quotes):
        if quote.text:
            yield f"quotes[{i}].text", "quotes", quote.text


def _is_file_name(value: str) -> bool:
    """Captions given as a file ("captions/snow.vtt") rather than as the text."""
    return " " not in value.strip() and value.strip().lower().endswith((".vtt", ".srt", ".txt"))
