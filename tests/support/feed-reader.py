"""Reads an Atom document from stdin with Debian's feedparser and prints what a feed reader shows, as JSON."""
import json
import sys

import feedparser

parsed = feedparser.parse(sys.stdin.buffer.read())
entries = [
    {
        "id": entry.get("id"),
        "title": entry.get("title"),
        "summary": entry.get("summary"),
        "summary_type": entry.get("summary_detail", {}).get("type"),
        "updated": entry.get("updated"),
        "content_types": [content.get("type") for content in entry.get("content", [])],
        "tags": [tag.get("term") for tag in entry.get("tags", [])],
        "language": entry.get("summary_detail", {}).get("language"),
        # The CAP elements inside `content`, which feedparser exposes as `cap_*` extension fields.
        "cap_identifier": entry.get("cap_identifier"),
        "cap_msgtype": entry.get("cap_msgtype"),
    }
    for entry in parsed.entries
]
print(
    json.dumps(
        {
            "version": feedparser.__version__,
            "bozo": bool(parsed.bozo),
            "bozo_exception": str(parsed.get("bozo_exception", "")),
            "feed_title": parsed.feed.get("title"),
            "feed_language": parsed.feed.get("language"),
            "entries": entries,
        },
        ensure_ascii=False,
    )
)
