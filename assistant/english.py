"""Is an English word the asker's narration (a verb, an adverb, a number) rather than a topic?

An English word the glossary does not know and the plan never writes counts as a topic the plan lacks
("quantum", "robotaxis"), which refuses the question. Some such words only say how the question is
put: "who leads *merging* the extranet", "what must be *fully* finished", "the *four* networks".
lemminflect (MIT; a lemma table read from its own CSV files, no model) tells the word classes a word
can have; an adverb, or a verb with its object after it, is no thing the plan could lack.
"""

from __future__ import annotations

from functools import lru_cache

# Number words say how many, never what about; "like" and "per" introduce an example or a source,
# "by the end of" a time, and "what kinds of" how the answer should be put.
_NEVER_TOPIC = frozenset(
    "like unlike per via end beginning start middle kind kinds sort sorts type types "
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
    "hundreds thousand thousands million millions billion billions first second third fourth fifth sixth "
    "seventh eighth ninth tenth dozen dozens half".split()
)
# What an -ing verb is followed by when it is the asker's verb with an object ("merging the extranet",
# "cleaning up the algorithms"); "smart parking system" and "charging piles" name a thing instead.
_OBJECT_START = frozenset(
    "the a an up out our its their this that these those all them it into over down off every each "
    "some any more".split()
)


@lru_cache(maxsize=4096)
def _classes(word: str) -> frozenset[str]:
    from lemminflect import getAllLemmas  # loaded on first use: the table takes a moment to read

    return frozenset(getAllLemmas(word))


def is_narration(word: str, following: str = "") -> bool:
    """True when `word` (lower case) is a number word, can only be an adverb (specifically, fully), or is
    an -ing verb with its object after it (merging the …). Other verbs stay: "how will it be evaluated",
    "has a site been picked", "what does X refer to" ask for a detail the plan may not give."""
    if word in _NEVER_TOPIC:
        return True
    classes = _classes(word)
    if not classes:
        return False  # a word no dictionary knows (metaverse, robotaxis) may well be the topic
    if word.endswith("ing"):
        return classes <= {"VERB", "ADV"} and following in _OBJECT_START
    return classes == {"ADV"}
