"""The plan and its reference data, loaded on first use and shared by every layer above.

Components are handed this bundle (or the parts of it they need) instead of reaching through
one another: the retriever and the assistant read the same plan, directory and glossary.
"""

from __future__ import annotations

from functools import cached_property

from corpus.agencies import AgencyDirectory
from corpus.glossary import Glossary
from corpus.load import Corpus, load_corpus
from corpus.settings import Settings
from corpus.types import Plan


class PlanResources:
    """Cheap to construct; each part loads when first read."""

    def __init__(self, settings: Settings, corpus: Corpus | None = None,
                 directory: AgencyDirectory | None = None, glossary: Glossary | None = None):
        self.settings = settings
        # Given parts are not loaded again (an imported plan brings its own corpus and directory).
        for name, value in (("corpus", corpus), ("directory", directory), ("glossary", glossary)):
            if value is not None:
                self.__dict__[name] = value

    @cached_property
    def corpus(self) -> Corpus:
        return load_corpus(self.settings.corpus)

    @property
    def plan(self) -> Plan:
        return self.corpus.plan

    @cached_property
    def directory(self) -> AgencyDirectory:
        return AgencyDirectory.load(self.settings.agencies)

    @cached_property
    def glossary(self) -> Glossary:
        return Glossary.load(self.settings.glossary)
