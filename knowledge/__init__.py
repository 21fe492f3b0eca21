"""Instructions: article parsing, publishing, Finnish normalisation, matching, rendering.

Knows nothing of aiohttp or botbuilder. The bot and the web pages use
:class:`KnowledgeBase`; the communications team's tools use ``publishing``,
``checks``, ``announcements`` and ``gaps``.
"""

from knowledge.announcements import (
    AnnouncementView,
    announce,
    deliver_announcements,
    is_subscribed,
    list_announcements,
    subscribe,
    unsubscribe,
)
from knowledge.articles import Article, parse_article
from knowledge.checks import CheckResult, check_directory
from knowledge.gaps import GapGroup, find_gaps
from knowledge.matcher import Candidate, Match, Matcher, MatcherConfig
from knowledge.problems import ArticleError, KnowledgeError, Problem
from knowledge.publishing import (
    PublishResult,
    get_version,
    history,
    list_articles,
    publish_path,
    publish_text,
    published_articles,
)
from knowledge.rendering import instruction_url, markdown_to_html
from knowledge.service import Answer, Choice, KnowledgeBase

__all__ = [
    "AnnouncementView",
    "Answer",
    "Article",
    "ArticleError",
    "Candidate",
    "CheckResult",
    "Choice",
    "GapGroup",
    "KnowledgeBase",
    "KnowledgeError",
    "Match",
    "Matcher",
    "MatcherConfig",
    "Problem",
    "PublishResult",
    "announce",
    "check_directory",
    "deliver_announcements",
    "find_gaps",
    "get_version",
    "history",
    "instruction_url",
    "is_subscribed",
    "list_announcements",
    "list_articles",
    "markdown_to_html",
    "parse_article",
    "publish_path",
    "publish_text",
    "published_articles",
    "subscribe",
    "unsubscribe",
]
