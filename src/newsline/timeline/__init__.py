"""Timelines of events across the corpus (``query.py``), their dates (``dates.py``), when two reports are one
event (``same_event.py``) and iCalendar output (``ics.py``)."""

from newsline.timeline.ics import to_ics
from newsline.timeline.query import (
    Report, TimelineEntry, UnknownEntity, UnknownStory, merge_reports, resolve_entity, resolve_story, timeline,
)

__all__ = ["Report", "TimelineEntry", "UnknownEntity", "UnknownStory", "merge_reports", "resolve_entity",
           "resolve_story", "timeline", "to_ics"]
