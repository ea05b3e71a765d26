"""Stories across outlets: near-duplicate and same-story assignment, timelines, relations, shared quotes."""

from newsline.stories.assign import Assignment, assign
from newsline.stories.config import StoryConfig
from newsline.stories.provenance import analyse_stories
from newsline.stories.query import StoryView, outlets, stories, story
from newsline.stories.rebuild import RebuildReport, rebuild

__all__ = ["Assignment", "RebuildReport", "StoryConfig", "StoryView", "analyse_stories", "assign", "outlets",
           "rebuild", "stories", "story"]
