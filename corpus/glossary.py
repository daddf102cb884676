"""Words people type -> the plan's own terms, appended to a question before retrieval.

English words are translated (the lexical index cannot match English and the dense models read it
poorly); Chinese synonyms that share no characters with the plan's wording get its wording too.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from corpus.script import fold

# English words that carry no topic in a question about the plan.
EN_STOPWORDS = frozenset(
    "a an the of for in on to at by with about from into under over and or is are was were be been being will "
    "would should can could do does did has have had it its this that these those there what which who whom whose "
    "how many much when where why any all list other others else some new total set built build planned plan "
    "plans work task tasks lead leads leading led responsible charge unit units agency agencies department "
    "departments body bodies office bureau support supports supporting take takes part involve involved involves "
    "fujian digital 2025 year this provincial province cultivated cultivate target targets goal goals main "
    "together developing develop development on what's who's me tell please also".split()
) | frozenset(
    # The Glasgow IR stop list as scikit-learn ships it (BSD), without its numbers, ordinals, "last" (a past
    # result is asked with it) and the words that can be a topic here (system, interest, fire, bill …).
    """
a about above across after afterwards again against all almost alone along already also although
always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at
back be became because become becomes becoming been before beforehand behind being below beside
besides between beyond both but by can cannot could do done down due during each either else
elsewhere enough etc even ever every everyone everything everywhere except few find for former
formerly from full further get give go had has have he hence her here hereafter hereby herein
hereupon hers herself him himself his how however i if in indeed into is it its itself keep latter
latterly least less made many may me meanwhile might mine more moreover most mostly move much must
my myself name namely neither never nevertheless next no nobody none noone nor not nothing now
nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own
part per perhaps please put rather same see seem seemed seeming seems several she should show side
since so some somehow someone something sometime sometimes somewhere still such take than that the
their them themselves then thence there thereafter thereby therefore therein thereupon these they
this those though through throughout thru thus to together too toward towards under until up upon us
very via was we well were what whatever when whence whenever where whereafter whereas whereby
wherein whereupon wherever whether which while whither who whoever whole whom whose why will with
within without would yet you your yours yourself yourselves
""".split()
)


@dataclass(frozen=True)
class Expansion:
    text: str  # the question with the plan's terms appended
    terms: tuple[str, ...]  # the plan terms added
    replaced: tuple[str, ...]  # the words those terms stand for (English words, folded Chinese synonyms)


class Glossary:
    def __init__(self, terms: dict[str, str], synonyms: dict[str, str] | None = None):
        # Longest phrase first, so "elderly care" wins over "elderly".
        self.terms = sorted(((k.lower(), v) for k, v in terms.items()), key=lambda kv: -len(kv[0]))
        # Compiled once: ~2000 terms overflow re's pattern cache, and recompiling them cost ~0.3 s a question.
        # A hyphen and a space are one (industrial-chain ~ industrial chain, 10G PON ~ 10G-PON), and a
        # comma may come before either (one data, one source).
        self._patterns = [
            (re.compile(r"(?<![a-z0-9])" + re.sub(r"\\[- ]", "[,;]?[-\\\\s]", re.escape(en)) + r"s?(?![a-z0-9])"), en, zh)
            for en, zh in self.terms
        ]
        self.synonyms = sorted(((fold(k), v) for k, v in (synonyms or {}).items()), key=lambda kv: -len(kv[0]))

    @classmethod
    def load(cls, path: Path) -> Glossary:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["terms"], data.get("synonyms", {}))

    def analyse(self, query: str) -> Expansion:
        query = unicodedata.normalize("NFKC", query)  # full-width ＷＨＯ reads as who
        text = query.lower()
        found: list[str] = []
        replaced: list[str] = []
        if re.search(r"[a-z]", text):
            for pattern, en, zh in self._patterns:
                if en[0] in text and pattern.search(text):  # first-letter check: most terms skip the regex
                    text = pattern.sub(" ", text)
                    found.append(zh)
                    replaced += en.split()
        folded = fold(query)
        for zh, plan_words in self.synonyms:
            if zh in folded:
                found.append(plan_words)
                replaced.append(zh)
        expanded = f"{query} {' '.join(found)}" if found else query
        return Expansion(expanded, tuple(found), tuple(replaced))

    def expand(self, query: str) -> str:
        return self.analyse(query).text

    def substitute(self, folded: str) -> str:
        """Folded text with each Chinese synonym put in place by the plan's (first) word for it
        (要树几个样板站 -> 要树几个標桿服務站, folded): where a phrase must be read as the plan writes it."""
        for zh, plan_words in self.synonyms:
            if zh in folded:
                folded = folded.replace(zh, fold(plan_words.split()[0]))
        return folded
