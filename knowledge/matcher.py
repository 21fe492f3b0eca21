"""Matching a worker's question to an article, and knowing when not to.

The score of an article is the share of the question's information (idf mass)
that the article covers, with a bonus for closeness to one of its example
questions (rapidfuzz over stems). Words the knowledge base has never seen count
against every article, so "mitä ruokalassa on tänään" matches nothing, and so
does a question of weak words only ("mitä kuuluu"). A short question of known
words ("deskin aikataulu") is answered a little below the threshold when its
best article stands well clear of the runner-up, and a long question (a worker
describing a situation) is judged against a lower threshold, because its
narrative words count against every article alike. A close runner-up is returned
as an alternative, for a "Tarkoititko…" choice; when several are all but equal,
or the question is one word that most articles share ("arkistointi"), it is too
general and no article is picked. In a story told over several sentences the
asking sentence weighs most (``knowledge.sentences``); a word of a neighbouring
subject the articles do not cover (``knowledge.neighbours``) counts against all
of them and raises the bar; and a follow-up ("entä jos se on jo lukittu?") is
matched with the article just answered as its context (``knowledge.followup``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz, process

from knowledge.analysis import Unit, objects_weigh_less, question_units
from knowledge.articles import Article
from knowledge.index import Index, normalised_question
from knowledge.followup import is_follow_up
from knowledge.neighbours import Neighbours
from knowledge.normalise import small_talk_kind, words
from knowledge.sentences import asking_sentences
from knowledge.synonyms import Synonyms

from knowledge.match_result import ANSWER, GENERAL, NEAR, NONE, Candidate, Match, MatcherConfig

__all__ = ["ANSWER", "GENERAL", "NEAR", "NONE", "Candidate", "Match", "Matcher", "MatcherConfig", "similarity"]


class Matcher:
    """Answers ``match(question)`` from an index built over the given articles."""

    def __init__(
        self,
        articles: Sequence[Article],
        synonyms: Synonyms | None = None,
        config: MatcherConfig | None = None,
        neighbours: Neighbours | None = None,
    ) -> None:
        self.config = config or MatcherConfig()
        self.index = Index(articles, synonyms or Synonyms(), self.config.saturation)
        topics = self.index.topic_features
        self.neighbours = (neighbours or Neighbours()).without(lambda s: "s:" + s in topics)
        # each article's example questions, also with their words sorted (token sort ratio = ratio of sorted words)
        self._examples = {doc: (texts, [_sorted_words(t) for t in texts]) for doc, texts in self.index.questions_of.items()}
        self._doc_of = {article.slug: doc for doc, article in enumerate(self.index.articles)}
        self._word_units: dict[str, list[Unit]] = {}  # a word's units depend only on the index: worked out once

    def match(self, question: str, context: str | None = None) -> Match:
        """The best article for ``question``; ``context`` is the slug of the answer just given, for a follow-up."""
        question_words = words(question)  # folded and split once for every step below
        kind = small_talk_kind(question_words)
        context_doc = self._doc_of.get(context) if context else None
        follow_up = context_doc is not None and is_follow_up(question_words)
        if kind == "empty" and follow_up and context:  # "kuka sen voi tehdä?": about the answer just given
            return Match(context, self.config.threshold, kind=ANSWER, follow_up=True)
        if kind is not None or len(self.index) == 0:
            return Match(None, 0.0, kind=kind or NONE)
        index, cfg = self.index, self.config
        if len(self._word_units) > WORD_MEMO_SIZE:
            self._word_units.clear()
        units = objects_weigh_less(self._units(question, question_words), cfg.object_weight)
        topical = [u for u in units if not u.weak and not u.phrase]  # the words that name the topic
        if context_doc is not None and not follow_up:  # "kuinka pitkään?": one known word right after an answer
            follow_up = len(topical) == 1 and topical[0].known and topical[0].exact
        if all(unit.weak for unit in units):  # "mitä kuuluu", "sain sen": nothing to go by
            if follow_up and context:  # "kuka sen voi tehdä?": about the answer just given
                return Match(context, cfg.threshold, kind=ANSWER, follow_up=True)
            return Match(None, 0.0, kind=NONE)
        credit: dict[int, float] = defaultdict(float)
        total = 0.0
        subjects: list[str] = []
        for unit in units:
            subject = None if unit.phrase else self._subject(unit)
            if subject is not None:  # "resepti", "lomahakemus": asked about something the articles do not cover
                subjects.append(subject)
                total += unit.weight * cfg.foreign_weight * index.unknown_idf * cfg.unknown_weight
                continue
            share = 1.0 if unit.phrase or any(f in index.topic_features for f, _ in unit.features) else cfg.body_credit
            best: dict[int, float] = {}
            unit_max = 0.0
            for feature, weight in unit.features:
                postings = index.postings.get(feature)
                if not postings:
                    continue
                unit_max = max(unit_max, weight * index.idf[feature])
                for doc, value in postings:
                    value *= weight
                    if value > best.get(doc, 0.0):
                        best[doc] = value
            primary, primary_weight = unit.features[0] if unit.features else ("", 0.0)
            if primary in index.idf:  # a common word weighs its own idf, not a rare inflection's,
                # unless an article matches it better through that inflection
                unit_max = max([primary_weight * index.idf[primary], *best.values()])
            if not unit.known or unit_max == 0.0:  # nothing in the articles stands for this word
                unit_max = index.unknown_idf * cfg.unknown_weight
            total += unit.weight * (unit_max + unit.doubt * cfg.doubt_weight * index.unknown_idf * cfg.unknown_weight)
            for doc, value in best.items():
                credit[doc] += share * unit.weight * min(value, unit_max)
        unknown = tuple(u.word for u in units if not u.known or not any(f in index.postings for f, _ in u.features))
        declined = NEAR if subjects else NONE
        subject = subjects[0] if subjects else None
        if total <= 0.0 or not credit:
            if follow_up and context and not subjects:  # "entä puhelumuistiinpanot?": nothing else it could be about
                return Match(context, cfg.threshold, kind=ANSWER, unknown_words=unknown, follow_up=True)
            return Match(None, 0.0, kind=declined, unknown_words=unknown, subject=subject)
        coverage = {doc: value / total for doc, value in credit.items()}
        top = sorted(coverage, key=coverage.__getitem__, reverse=True)[: cfg.candidates]
        if follow_up and context_doc not in top:
            coverage.setdefault(context_doc, 0.0)  # type: ignore[arg-type]
            top.append(context_doc)  # type: ignore[arg-type]
        similarities = self._similarities(normalised_question(self._read_as(question_words)), top)
        scored = []
        for doc in top:
            similarity = similarities.get(doc, 0.0)
            bonus = max(0.0, (similarity - cfg.example_floor) / (100.0 - cfg.example_floor))
            score = (1.0 - cfg.example_weight) * coverage[doc] + cfg.example_weight * bonus * coverage[doc] ** 0.5
            if follow_up and doc == context_doc:
                score += self._context_bonus(len(topical))
            scored.append((score, index.articles[doc].slug))
        scored.sort(key=lambda item: (-item[0], item[1]))
        best_score, best_slug = scored[0]
        if follow_up and best_slug == context and not subjects:  # "entä puhelumuistiinpanot?": still the same instruction
            return Match(best_slug, best_score, (), ANSWER, unknown, follow_up=True)
        threshold = self._threshold(len(topical)) * (cfg.foreign_threshold if subjects else 1.0)
        if best_score < threshold and (subjects or not self._clear_short_answer(topical, [sc for sc, _ in scored])):
            guesses = tuple(Candidate(s, sc) for sc, s in scored[: cfg.max_alternatives] if sc >= cfg.threshold / 2)
            return Match(None, best_score, () if subjects else guesses, declined, unknown, subject)
        if self._too_general(topical, units):  # "arkistointi", "kanta": which instruction was meant?
            choices = tuple(Candidate(s, sc) for sc, s in scored[: cfg.max_alternatives])
            return Match(None, best_score, choices, GENERAL, unknown)
        close = tuple(
            Candidate(s, sc) for sc, s in scored[1 : cfg.max_alternatives + 1] if sc >= best_score - cfg.tie_margin
        )
        if len(close) >= cfg.max_alternatives and best_score - close[-1].score <= cfg.spread_margin:
            # four instructions alike ("voisitko auttaa arkistoinnissa"): too general to pick one
            return Match(None, best_score, ((Candidate(best_slug, best_score),) + close)[: cfg.max_alternatives], GENERAL, unknown)
        return Match(best_slug, best_score, close, ANSWER, unknown, follow_up=follow_up and best_slug == context)

    def _units(self, question: str, question_words: list[str]) -> list[Unit]:
        """The question's units; in a story told over several sentences, the asking sentence's words weigh most."""
        index, cfg = self.index, self.config
        asked, story = asking_sentences(question)
        if not story:
            return question_units(question_words, index.vocabulary, index.synonyms, index.postings, self._word_units)
        asked_units = question_units(words(asked), index.vocabulary, index.synonyms, index.postings, self._word_units)
        if all(u.weak for u in asked_units):  # "Mitä teen?": the story carries the topic after all
            asked_units = []
        seen = {u.word for u in asked_units}
        story_units = [
            replace(u, weight=u.weight * cfg.story_weight)
            for u in question_units(words(story), index.vocabulary, index.synonyms, index.postings, self._word_units)
            if u.word not in seen
        ]
        return [*asked_units, *story_units]

    def _read_as(self, question_words: list[str]) -> list[str]:
        """The question's words as the analysis read them: compounds split, typos fixed, clitics peeled."""
        read: list[str] = []
        for word in question_words:
            word_units = self._word_units.get(word)
            if word_units:
                read.extend(u.word for u in word_units if not u.phrase)
            else:
                read.append(word)
        return read

    def _subject(self, unit: Unit) -> str | None:
        """The neighbouring subject of a question word, as written or as read ("palkka", not its typo fix "pelkkä")."""
        written = unit.origin or unit.word
        found = self.neighbours.subject(written, known=self.index.vocabulary.knows(written))
        return found if found is not None or written == unit.word else self.neighbours.subject(unit.word, known=True)

    def _context_bonus(self, topical: int) -> float:
        """A follow-up's head start: whole for two topic words of its own, more with fewer, less with more.

        "missä vaiheessa se tehdään?" says little but leans on the answer just given;
        "entä jos valitsin väärin ja se on jo arkistoitu, miten korjaan?" names a topic of its own.
        """
        return self.config.context_bonus * min(2.0, 2.0 / max(topical, 1))

    def _too_general(self, topical: Sequence[Unit], units: Sequence[Unit]) -> bool:
        """A question of one word that most articles are about, with nothing else to go by."""
        if len(topical) != 1 or any(u.phrase for u in units) or not topical[0].features:
            return False
        primary = topical[0].features[0][0]
        return self.index.doc_share.get(primary, 0.0) >= self.config.general_share

    def _threshold(self, topical: float) -> float:
        """The confidence needed: lower for a long question, whose story words dilute every article's coverage."""
        cfg = self.config
        if topical <= cfg.long_words:
            return cfg.threshold
        return cfg.threshold * (cfg.long_words / topical) ** cfg.long_alpha

    def _clear_short_answer(self, topical: Sequence[Unit], scores: Sequence[float]) -> bool:
        """A short question of known words whose best article is well ahead of the runner-up."""
        cfg = self.config
        if not topical or len(topical) > cfg.short_words or not all(u.exact and u.known for u in topical):
            return False
        runner_up = scores[1] if len(scores) > 1 else 0.0
        return scores[0] >= cfg.short_threshold and scores[0] >= cfg.short_ratio * runner_up

    def _similarities(self, query: str, docs: Sequence[int]) -> dict[int, float]:
        """Each article's closest example question to ``query`` (see :func:`similarity`), all in two rapidfuzz calls."""
        owners: list[int] = []
        examples: list[str] = []
        sorted_examples: list[str] = []
        for doc in docs:
            texts, sorted_texts = self._examples.get(doc, ((), ()))
            owners.extend([doc] * len(texts))
            examples.extend(texts)
            sorted_examples.extend(sorted_texts)
        totals = [0.0] * len(examples)
        for _, score, i in process.extract(query, examples, scorer=fuzz.token_set_ratio, limit=None):
            totals[i] += score
        for _, score, i in process.extract(_sorted_words(query), sorted_examples, scorer=fuzz.ratio, limit=None):
            totals[i] += score
        best: dict[int, float] = {}
        for doc, total in zip(owners, totals):
            if total / 2.0 > best.get(doc, -1.0):
                best[doc] = total / 2.0
        return best


WORD_MEMO_SIZE = 50_000


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


def similarity(query: str, example: str) -> float:
    """Closeness of two normalised questions, word order free: the mean of rapidfuzz's
    token set ratio (an example contained in the question counts fully) and token sort
    ratio (which holds the extra words against it)."""
    return (fuzz.token_set_ratio(query, example) + fuzz.token_sort_ratio(query, example)) / 2.0
