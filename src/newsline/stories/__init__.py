"""Stories across outlets: near-duplicate and same-story assignment, timelines, relations, shared quotes."""

from newsline.stories.assign import Assignment, StoryConfig, analyse_stories, assign
from newsline.stories.rebuild import RebuildReport, rebuild

__all__ = ["Assignment", "StoryConfig", "analyse_stories", "assign", "rebuild", "RebuildReport"]
