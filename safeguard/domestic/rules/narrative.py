"""Find the children mentioned in a domestic-abuse narrative (issue 4, "Finding every child").

A child who sees or hears, or experiences the effects of, domestic abuse and is related to
the victim or the perpetrator is a victim in their own right (Domestic Abuse Act 2021 s.3,
DOMAIN.md §3.1); every such child needs a child victim record, and their school must be
told under Operation Encompass even when the child was not present (DOMAIN.md §3.2).
Officers often write the children into the free-text narrative ("her two kids", "the baby
was asleep upstairs", "son aged 7") and not into the structured fields. This module finds
those mentions so the interface can make the officer record each child or dismiss the
mention with a reason. It is a prompt for a human, not a decision: a false alarm costs one
dismissal, a missed child costs a victim record and a school notification, so where the
text is ambiguous the rules lean towards reporting.

Design (standard library only, deterministic, no clock):

1. One compiled regular expression finds a noun phrase ending in a *child head word*:
   ``[determiner] [possessor's] [number] [up to three modifiers] head`` — for example
   "the couple's son", "their 3 children", "a 9-year-old boy", "her little girl".
2. Anchored expressions read what follows the head: a stated age ("son aged 7",
   "daughter (14)", "girl, 12,", "granddaughter, who is 6", "the eldest is 19"), with an
   optional capitalised first name before it ("son Jack (5)"), "in-law" or "now an
   adult". An apposition is the same child: "Child 1 (boy, 5)" and "the youngest child,
   a boy aged 2," are one mention.
3. Filters drop what is not a child in this household:

   * negation that governs the phrase: "no", "not", "never", "without", "nor", "zero"
     and "n't", followed only by words that keep the scope on the phrase ("has no
     children", "does not have any kids", "no sign of any children"). The scope ends at
     the clause: punctuation or any other word closes it, so "no injuries and the kids
     were asleep" is still reported. A definite phrase ("the children", "her son", "the
     couple's son") presupposes the child exists, so "without her children" and "did
     not wake the baby" are reported; so is "none of the children were present", since
     those children still live in the household (§3.2: notify even if not present).
     Form-style answers after the phrase ("Children present: none") negate it.
   * a child living elsewhere, read straight after the phrase: "who lives in Leeds",
     "lives with his father in Bradford", "does not live at the address", "live
     elsewhere", "none of whom live at the address", "who is in care". "Lives with his
     father" alone is reported: the officer decides.
   * adults: a stated age of 18 or over (s.3: "child" means under 18), "adult",
     "grown-up", "now adults", "-in-law".
   * attributive and institutional uses: "child seat", "Child Protection Plan", "baby
     monitor", "children's centre", "children's social care"; and possessives that are
     not definite ("kids' toys", "a child's car seat"). A definite possessive ("the
     children's father", "her son's school") is a mention.
   * idioms: "as a child", "like a child", "when she was a kid", "out with the girls",
     "called her baby", "trying for a baby", "wants children".
   * weak head words (brother, sister, sibling, niece, nephew) only count with a child
     cue ("little brother", "baby sister", "her sister, aged 15").

4. Coordinated phrases share scope: "no sons or daughters" negates both, and "her son
   and daughter, who live with their father in Leeds" puts both elsewhere (a plural verb
   reaches back; "lives" reaches only the nearest phrase).

Each mention has a ``key``: the normalised phrase (NFKC, lower case, single spaces,
straight apostrophes) plus ``#n`` for its n-th occurrence. Editing text elsewhere leaves
the keys alone unless the edit adds or removes an identical phrase earlier in the text.

Relations form a closed set, ``RELATIONS``: son, daughter, child (including boy, girl,
kid, teenager, twins, "the youngest", "a 9-year-old"), baby (baby, infant, newborn,
toddler, "a 6-month-old"), stepchild, grandchild, sibling, relative (niece, nephew),
pupil, and unborn ("20 weeks pregnant", "unborn baby").

Counts: a written number ("two", "3"), "twins" (2), "triplets" (3), "both" (2) or a
list of ages ("children aged 4 and 7") sets ``count`` and ``count_stated``; "a couple of",
"several" and other plurals give 2 (at least two), not stated. Ages: years only;
ages in months, weeks or days, babies, infants and toddlers give ``None``. With several
ages, ``age`` is the youngest under 18.

Known limits: dates of birth are not turned into ages (rules never read the clock);
"about 6" is read as 6; pronouns ("she was asleep") and names alone ("Jack was
upstairs") are not resolved, and a child named twice in separate sentences ("a boy" ...
"the boy") gives two mentions, which the officer records once and dismisses once; a
child cue is needed for "his brother" to count; place names must be capitalised ("lives
in leeds" is reported); quoted speech, sarcasm and hypotheticals ("if she ever has kids")
are read literally; English only. The figures from the labelled corpus in the tests are
measured on sentences written alongside these rules, so expect lower precision and
recall on real narratives: tune the lists here from officers' dismissal reasons.

Time is linear in the narrative length: every repetition in the expressions is bounded
or runs over disjoint character classes, and each backward look scans at most
``_WINDOW`` characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

RELATIONS = frozenset(
    {
        "son",
        "daughter",
        "child",
        "baby",
        "stepchild",
        "grandchild",
        "sibling",
        "relative",
        "pupil",
        "unborn",
    }
)
ADULT_AGE = 18
_WINDOW = 80

_APOS = "['\u2019\u02bc]"
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"
_HYPH = f"[{_DASHES}]"
_SEP = rf"[\s{_DASHES}]"  # a space or any hyphen or dash

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMWORD = rf"(?:(?:{_TENS})(?:{_SEP}?(?:{_UNITS}))?|{_TEENS}|{_UNITS})\b"
_AGENUM = rf"(?:\d{{1,3}}(?!\d)|{_NUMWORD})"
_LIST_SEP = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)"
_AGE_LIST = rf"{_AGENUM}(?:{_LIST_SEP}{_AGENUM}){{0,5}}"
_YEARS = r"(?:years?|yrs?|y/?o)"
_SMALL_UNITS = r"(?:months?|mths?|mos?|weeks?|wks?|days?)"
_UNIT = rf"(?:{_SEP}*(?:{_YEARS}|{_SMALL_UNITS})(?:{_SEP}*old)?\b)?"
_AGEADJ = rf"(?:{_AGE_LIST}{_SEP}*(?:{_YEARS}|{_SMALL_UNITS}){_SEP}*old|\d{{1,2}}\s?y/?o)\b"

_DET = "the|an?|her|his|their|my|our|your|its|both|all|these|those|this|that|any|another|each|every"
_DEFINITE = frozenset(
    {"the", "her", "his", "their", "my", "our", "your", "its", "both", "all"}
    | {"these", "those", "this", "that"}
)
_CHILD_WORDS = (
    "child|children|kids?|sons?|daughters?|bab(?:y|ies)|boys?|girls?|toddlers?|infants?"
    "|twins|grandsons?|granddaughters?|stepsons?|stepdaughters?|teenagers?|pupils?"
)
_NOT_POSSESSORS = (
    rf"(?:it|he|she|that|there|what|who|where|here|let|how|when|why|one|{_CHILD_WORDS})"
)
_POSS = rf"(?!{_NOT_POSSESSORS}{_APOS}s\b)[^\W\d_][\w{_DASHES}]*{_APOS}s"
_NUM = rf"\d{{1,2}}|{_NUMWORD}|couple\s+of|pair\s+of|several|many|few|multiple|various|some"
_MOD = (
    r"(?:little|young(?:er|est)?|small|baby|infant|new[\s-]?born|toddler|teen(?:age)?|kid"
    r"|twin|eldest|oldest|older|middle|own|biological|natural|adopted|adoptive|foster"
    r"|disabled|autistic|unborn|premature|sick|sleeping|frightened|scared|crying"
    r"|distressed|upset|terrified|other|only|dependent|dependant|male|female|half"
    r"|\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth"
    rf"|adult|grown{_SEP}?up|grown|(?:pre{_SEP}?)?school{_SEP}?age[d]?|pre{_SEP}?school"
    rf"|(?:nursery|primary|secondary){_SEP}?(?:school{_SEP}?)?age[d]?|year\s+\d{{1,2}}"
    rf"|{_AGEADJ})"
)
_VERB_AFTER = (
    "was|is|were|are|has|had|said|told|who|did|does|ran|hid|woke|cried|screamed|came"
    "|went|appeared|stayed|slept|sat|aged|age|called|took|tried|remained|answered"
    "|and|or|but|to|in|on|at|from|into|with|upstairs|downstairs|while|when|then|as"
)
_POSITIONAL = rf"(?:youngest|eldest|oldest)(?=\s*(?:[^\w\s]|$)|\s+(?:{_VERB_AFTER})\b)"
_AGE_NOUN = rf"{_AGEADJ}s?(?:\s+(?:males?|females?))?"
_PREGNANT = rf"(?:\d{{1,2}}\s*(?:weeks?|months?){_SEP}+)?pregnant"

# (head pattern, relation, sex, weak). Weak heads need a child cue to count.
_HEADS: tuple[tuple[str, str, str | None, bool], ...] = (
    (rf"step{_SEP}?sons?", "stepchild", "MALE", False),
    (rf"step{_SEP}?daughters?", "stepchild", "FEMALE", False),
    (rf"step{_SEP}?(?:child(?:ren)?|kids?)", "stepchild", None, False),
    (r"grandsons?", "grandchild", "MALE", False),
    (r"granddaughters?", "grandchild", "FEMALE", False),
    (r"grand(?:child(?:ren)?|kids?)", "grandchild", None, False),
    (r"schoolboys?", "child", "MALE", False),
    (r"schoolgirls?", "child", "FEMALE", False),
    (rf"little{_SEP}+ones?|young{_SEP}+(?:person|people)", "child", None, False),
    (r"sons?", "son", "MALE", False),
    (r"daughters?", "daughter", "FEMALE", False),
    (r"boys?", "child", "MALE", False),
    (r"girls?", "child", "FEMALE", False),
    (r"child(?:ren)?|kids?|kiddies|kiddie|kiddy|youngsters?|teenagers?", "child", None, False),
    (r"twins|triplets", "child", None, False),
    (rf"bab(?:y|ies)|infants?|toddlers?|new{_SEP}?borns?", "baby", None, False),
    (_POSITIONAL, "child", None, False),
    (_AGE_NOUN, "child", None, False),
    (r"brothers?", "sibling", "MALE", True),
    (r"sisters?", "sibling", "FEMALE", True),
    (r"siblings?", "sibling", None, True),
    (r"nephews?", "relative", "MALE", True),
    (r"nieces?", "relative", "FEMALE", True),
    (r"pupils?", "pupil", None, False),
    (_PREGNANT, "unborn", None, False),
)
_HEAD = "|".join(f"(?:{pattern})" for pattern, _, _, _ in _HEADS)
_HEAD_TABLE = tuple(
    (re.compile(pattern, re.IGNORECASE), relation, sex, weak)
    for pattern, relation, sex, weak in _HEADS
)

_PHRASE = re.compile(
    rf"\b(?:(?P<det>{_DET})\s+)?(?:(?P<poss>{_POSS})\s+)?(?:(?P<num>{_NUM})\s+)?"
    rf"(?P<mods>(?:{_MOD}\s+){{0,3}})(?P<head>{_HEAD})(?!\w)",
    re.IGNORECASE,
)

_HEAD_SCAN = re.compile(rf"(?<!\w)(?:{_HEAD})(?!\w)", re.IGNORECASE)
_WORD_START = re.compile(r"(?<!\w)\w")
_PREFIX_REACH = 80  # characters; the longest corpus prefix is 26

# What follows the head.
_AGE_SUFFIXES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\s*,?\s*\(?\s*(?:aged|age|ages)\s*:?\s*"
        r"(?:about\s+|around\s+|roughly\s+|approx(?:imately|\.)?\s+)?"
        rf"(?P<ages>{_AGE_LIST})(?P<unit>{_UNIT})(?:\s*\))?",
        rf"\s*\(\s*(?P<ages>{_AGE_LIST})(?P<unit>{_UNIT})\s*\)",
        rf"\s*,\s*(?:now\s+|only\s+|just\s+)?(?P<ages>{_AGE_LIST})(?P<unit>{_UNIT})"
        rf"(?=\s*[,.;:)\]]|\s*$|\s+(?:and|was|were|is|are|had|has|who)\b)",
        rf"\s*,?\s*(?:who\s+is|who\s+are|who{_APOS}s)\s+(?:now\s+|only\s+|just\s+)?"
        rf"(?P<ages>{_AGE_LIST})(?P<unit>{_UNIT})",
        rf",?\s+(?P<ages>{_AGE_LIST})"
        rf"(?P<unit>{_SEP}*(?:{_YEARS}|{_SMALL_UNITS})(?:{_SEP}*old)?)\b",
        rf"\s*,\s*(?:now\s+)?(?:an?\s+)?(?P<ages>{_AGENUM})"
        rf"(?P<unit>{_SEP}*(?:{_YEARS}|{_SMALL_UNITS}){_SEP}*old)\b",
    )
)
_COPULA_AGE = re.compile(
    rf"\s+(?:is|was|are|were)\s+(?:now\s+|aged\s+|only\s+|just\s+)?(?P<ages>{_AGE_LIST})"
    rf"(?P<unit>{_UNIT})(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|but|so|when|at\s+the\s+time)\b)",
    re.IGNORECASE,
)
_NAME = re.compile(r"\s+([^\W\d_][\w'\u2019-]*)")
_ADULT_SUFFIX = re.compile(
    rf"{_SEP}*in{_SEP}*law\b|\s*,?\s*(?:who\s+(?:is|are)\s+)?(?:now\s+)?(?:an?\s+)?"
    rf"(?:adults?|grown{_SEP}?ups?)\b",
    re.IGNORECASE,
)
_TWINS_SUFFIX = re.compile(r"\s+with\s+(?P<n>twins|triplets)\b", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(
    rf"(?:\s+|{_HYPH})(?:seats?|car|protection|care|carer|minder|minding|benefits?"
    r"|maintenance|arrangements|support|services?|abuse|exploitation|sexual|trafficking"
    r"|cruelty|safeguarding|welfare|poverty|tax|development|psycholog\w*|psychiatr\w*"
    r"|locks?|safety|proof\w*|gates?|monitors?|toys?|clothes|clothing|bottles?|food"
    r"|formula|wipes|shower|steps|pornography|grooming|labour|marriage|friendly|free"
    r"|gloves|club|menu|school|class|mortality|death|oil|act|in\s+need"
    r"|mothers?|fathers?|mama|daddy"
    r"|and\s+(?:families|young\s+people))\b",
    re.IGNORECASE,
)
_POSSESSIVE_S = re.compile(rf"{_APOS}s\b", re.IGNORECASE)
_POSSESSIVE_PLURAL = re.compile(rf"{_APOS}(?!\w)")
_INSTITUTION = re.compile(
    r"\s+(?:centres?|centers?|services?|social\s+(?:care|services|work)\b|homes?|hospitals?"
    r"|wards?|charit\w*|societ\w*"
    r"|commissioner|trust|act|panel|hearings?|guardian|team|department|play\b|playground"
    r"|tv|television|programmes?|books?|clothing|clothes|toys?|charity|court)\b",
    re.IGNORECASE,
)
_FAMILY_AFTER = re.compile(
    r"\s+(?:mother|father|mum|mom|dad|parents?|grandmother|grandfather|carers?|nan)\b",
    re.IGNORECASE,
)
_NEGATED_BEFORE = re.compile(
    r"(?:\b(?:no|not|never|without|zero|nor)|n['\u2019]t)\s+(?:(?:any|other|more|further"
    r"|known|own|young|small|little|dependent|dependant|biological|natural|additional"
    r"|current|currently|have|has|had|having|got|get|gets|been|be|is|are|were|was|there"
    r"|living|resident|residing|present|yet|ever|actually|seen|see|saw|heard|mention"
    r"|mentioned|mentions|sign|signs|evidence|indications?|traces?|records?|references?"
    r"|of|together|apparent|obvious|such|registered|reported|recorded)\s+){0,4}$",
    re.IGNORECASE,
)
_NEGATED_AFTER = re.compile(
    r"\s*(?:present|in\s+(?:the\s+)?(?:household|house|home|property)|at\s+(?:the\s+)?"
    r"(?:address|property|house|scene)|resident|on\s+scene)?\s*[:=?\-\u2013\u2014]\s*"
    r"(?:none|nil|no|n/?a|0|zero)(?:\s+(?:present|seen|known|recorded))?"
    r"(?=\s*[.,;)\n]|\s*$|\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)
_PLACE = r"(?!(?:flat|apartment|room|the|this|that|a|an)\b)(?-i:[^\W\d_a-z])"
_LIVE = r"(?:lives?|living|resides?|residing)"
_ELSEWHERE = re.compile(
    r"(?:\s+from\s+(?:an?\s+|her\s+|his\s+|their\s+)?(?:previous|former|earlier|other)"
    r"\s+(?:relationships?|partners?|marriages?))?"
    r"\s*,?\s*\(?\s*(?:who|that|which|(?:both|all|each)\s+of\s+(?:whom|them))?\s*"
    r"(?:now\s+|currently\s+|still\s+|also\s+|usually\s+|normally\s+)?(?P<verb>"
    r"(?:does|do|did)(?:\s+not|n['\u2019]t)\s+(?:live|reside|stay)"
    r"(?=\s+(?:at|in|there|here|locally)\b|\s*[,.;)]|\s*$)"
    rf"|(?:none|neither)\s+of\s+(?:whom|them)\s+(?:{_LIVE}|(?:is|are)\s+living)"
    r"|no\s+longer\s+(?:lives?|resides?|living)"
    r"|(?:is|are)\s+not\s+(?:living|resident|residing)"
    r"|(?:is|are)\s+(?:currently\s+|now\s+)?(?:in\s+(?:local\s+authority\s+|foster\s+)?care"
    r"|(?:a\s+)?looked\W?after)\b"
    rf"|(?:{_LIVE}|stays?|staying)\s+(?:elsewhere|away|abroad|separately)"
    rf"|{_LIVE}\s+(?:with\s+(?:[\w'\u2019-]+\s+){{1,4}}?)?(?:in|at)\s+{_PLACE}"
    rf"|{_LIVE}\s+with\s+(?:[\w'\u2019-]+\s+){{1,4}}?(?:elsewhere|abroad|away))",
    re.IGNORECASE,
)
_PLURAL_VERB = re.compile(r"\b(?:live|reside|do|are|stay|living)\b", re.IGNORECASE)
_CHILDHOOD_BEFORE = re.compile(
    r"(?:\b(?:as|like)|\b(?:she|he|i|they|we|you)\s+(?:was|were))\s+$", re.IGNORECASE
)
_CHILDHOOD_HEADS = frozenset(
    {"child", "children", "kid", "kids", "girl", "boy", "teenager", "baby", "youngster"}
)
_FRIENDS_BEFORE = re.compile(r"\b(?:out|night|drinks)\s+with\s+$", re.IGNORECASE)
_FRIENDS_HEADS = frozenset({"girls", "boys"})
_ENDEARMENT_BEFORE = re.compile(r"\bcall(?:s|ed|ing)?\s+$", re.IGNORECASE)
_WISH_BEFORE = re.compile(
    r"\b(?:try|tries|trying|tried|hoping|hope|hopes|planning|plan|plans|want|wants|wanted"
    r"|wanting)\s+(?:for|to\s+have|to\s+start)?\s*$",
    re.IGNORECASE,
)
_WISH_HEADS = frozenset({"baby", "babies", "child", "children", "kids", "kid", "family"})
_COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were|as)\s+$|,\s*$", re.IGNORECASE)
_PAREN_GAP = re.compile(r"(?:\s+\d{1,2})?\s*\(\s*")
_COMMA_GAP = re.compile(rf"\s*(?:,|{_HYPH})\s*")
_CLOSING_PAREN = re.compile(r"\s*\)")
_CONJUNCTION = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|nor|&)\s*)?$|\s*,\s*$", re.IGNORECASE)
_CHILD_CUE = re.compile(
    r"\b(?:little|baby|infant|new\W?born|toddler|teen|teenage|kid|young|school|nursery"
    r"|primary|secondary|year)\b",
    re.IGNORECASE,
)
_ADULT_CUE = re.compile(r"\b(?:adult|grown)\b", re.IGNORECASE)
_AGE_IN_MODS = re.compile(
    rf"(?P<ages>(?:\d{{1,3}}|{_NUMWORD})(?:{_LIST_SEP}{_AGENUM}){{0,5}})"
    rf"(?P<unit>{_SEP}*(?:{_YEARS}|{_SMALL_UNITS}))",
    re.IGNORECASE,
)
_AGENUM_RE = re.compile(_AGENUM, re.IGNORECASE)
_SMALL_UNITS_RE = re.compile(_SMALL_UNITS, re.IGNORECASE)
_NON_LETTERS = re.compile(r"[\W_]+")
_FEMALE = re.compile(r"\bfemales?\b", re.IGNORECASE)
_MALE = re.compile(r"\bmales?\b", re.IGNORECASE)
_APOS_RE = re.compile(_APOS)
_HYPH_RE = re.compile(_HYPH)
_SPACES = re.compile(r"\s+")
_PLURAL_HEAD = re.compile(r"(?:s|children|people|kiddies)$", re.IGNORECASE)

_WORD_VALUES = {word: value for value, word in enumerate(f"zero|{_UNITS}|{_TEENS}".split("|"))}
_TENS_VALUES = {word: 20 + 10 * index for index, word in enumerate(_TENS.split("|"))}
_FUZZY_COUNTS = {"couple of": 2, "pair of": 2}
_GROUP_COUNTS = {"twins": 2, "triplets": 3}


@dataclass(frozen=True)
class ChildMention:
    """One phrase in a narrative that names a child (or children) in the household."""

    key: str
    phrase: str
    start: int
    end: int
    count: int
    count_stated: bool
    age: int | None
    relation: str
    sex: str | None


@dataclass(frozen=True)
class _Ages:
    """Ages stated after or inside a phrase: years, or a flag that units were smaller."""

    years: tuple[int, ...] = ()
    under_one_unit: bool = False


@dataclass(frozen=True)
class _Candidate:
    """A matched phrase before the household filters run."""

    start: int
    head_end: int
    end: int
    resume: int
    det: str
    possessor: bool
    num: str
    mods: str
    head: str
    ages: _Ages
    adult_suffix: bool
    group_count: int
    sex_hint: str | None = None


def child_mentions(narrative: str) -> tuple[ChildMention, ...]:
    """Return the children mentioned in ``narrative``, in order of appearance.

    See the module docstring for the rules; the source is DOMAIN.md §3.1 (Domestic Abuse
    Act 2021 s.3: a related child who sees, hears or experiences the effects of the abuse
    is a victim) and §3.2 (Operation Encompass: the school is told even if the child was
    not present).
    """
    candidates = _merge_appositions(narrative, _candidates(narrative))
    negated = [_negated_before(narrative, c) or _negated_after(narrative, c) for c in candidates]
    elsewhere = [_elsewhere(narrative, c) for c in candidates]
    _share_scope(narrative, candidates, negated, elsewhere)
    kept = [
        c
        for c, neg, away in zip(candidates, negated, elsewhere, strict=True)
        if not neg and away is None and _is_household_child(narrative, c)
    ]
    return _with_keys(narrative, kept)


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    position = 0
    while (match := _next_phrase(text, position)) is not None:
        candidate = _candidate(text, match)
        found.append(candidate)
        position = max(candidate.resume, match.end())
    return found


def _next_phrase(text: str, position: int) -> re.Match[str] | None:
    """Find the next phrase: the next head word, then the longest prefix that leads to it.

    Same result as ``_PHRASE.search(text, position)`` for prefixes up to
    ``_PREFIX_REACH`` characters, several times faster: the full expression runs only at
    the word starts just before each head word, not at every word of the narrative.
    """
    head = _HEAD_SCAN.search(text, position)
    if head is None:
        return None
    window = max(position, head.start() - _PREFIX_REACH)
    for word in _WORD_START.finditer(text, window, head.start() + 1):
        found = _PHRASE.match(text, word.start())
        if found is not None:
            return found
    return None  # pragma: no cover - the head word alone always matches


def _candidate(text: str, match: re.Match[str]) -> _Candidate:
    head_end = match.end("head")
    suffix_end, ages = _age_suffix(text, head_end)
    group_count = 0
    twins = _TWINS_SUFFIX.match(text, head_end)
    if twins and match.group("head").lower().endswith("pregnant"):
        suffix_end, group_count = twins.end(), _GROUP_COUNTS[twins.group("n").lower()]
    if not ages.years and not ages.under_one_unit:
        ages = _copula_age(text, suffix_end)
    mod_ages = _ages_in(match.group("mods") + " " + match.group("head"))
    return _Candidate(
        start=match.start(),
        head_end=head_end,
        end=suffix_end,
        resume=suffix_end,
        det=(match.group("det") or "").lower(),
        possessor=match.group("poss") is not None,
        num=_SPACES.sub(" ", (match.group("num") or "").lower()),
        mods=match.group("mods"),
        head=match.group("head"),
        ages=_Ages(mod_ages.years + ages.years, mod_ages.under_one_unit or ages.under_one_unit),
        adult_suffix=_ADULT_SUFFIX.match(text, head_end) is not None,
        group_count=group_count,
    )


def _merge_appositions(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """Read "Child 1 (boy, 5)" and "the youngest child, a boy aged 2," as one child."""
    merged: list[_Candidate] = []
    for candidate in candidates:
        if merged and _is_apposition(text, merged[-1], candidate):
            merged[-1] = _merge(text, merged[-1], candidate)
        else:
            merged.append(candidate)
    return merged


def _is_apposition(text: str, first: _Candidate, second: _Candidate) -> bool:
    gap = text[first.end : second.start]
    if _PAREN_GAP.fullmatch(gap):
        return True
    return _COMMA_GAP.fullmatch(gap) is not None and second.det in {"a", "an"} and _definite(first)


def _merge(text: str, first: _Candidate, second: _Candidate) -> _Candidate:
    closing = _CLOSING_PAREN.match(text, second.end)
    if closing is not None:
        end = closing.end()
    else:
        end = first.end if "(" in text[first.end : second.start] else second.end
    has_age = bool(first.ages.years) or first.ages.under_one_unit
    _, second_sex, _ = _classify(second.head)
    return replace(
        first,
        end=end,
        resume=max(end, second.resume),
        ages=first.ages if has_age else second.ages,
        adult_suffix=first.adult_suffix or second.adult_suffix,
        sex_hint=second_sex,
    )


def _age_suffix(text: str, head_end: int) -> tuple[int, _Ages]:
    """Read an age written straight after the head, allowing up to two first names."""
    position: int | None = head_end
    for _ in range(3):
        if position is None:
            break
        for pattern in _AGE_SUFFIXES:
            found = pattern.match(text, position)
            if found is not None:
                return found.end(), _ages_from(found.group("ages"), found.group("unit"))
        position = _after_name(text, position)
    return head_end, _Ages()


def _copula_age(text: str, end: int) -> _Ages:
    found = _COPULA_AGE.match(text, end)
    return _Ages() if found is None else _ages_from(found.group("ages"), found.group("unit"))


def _ages_in(words: str) -> _Ages:
    found = _AGE_IN_MODS.search(words)
    return _Ages() if found is None else _ages_from(found.group("ages"), found.group("unit"))


def _ages_from(ages: str, unit: str | None) -> _Ages:
    unit_text = (unit or "").lower()
    if _SMALL_UNITS_RE.search(unit_text):
        return _Ages(under_one_unit=True)
    return _Ages(years=tuple(_number(word) for word in _AGENUM_RE.findall(ages)))


def _number(word: str) -> int:
    """Turn "7", "seven" or "twenty-four" into an int."""
    text = word.strip().lower()
    if text.isdigit():
        return int(text)
    parts = [part for part in _NON_LETTERS.split(text) if part]
    tens = _TENS_VALUES.get(parts[0], 0)
    if tens:
        return tens + (_WORD_VALUES.get(parts[1], 0) if len(parts) > 1 else 0)
    return _WORD_VALUES.get(parts[0], 0)


def _window_before(text: str, start: int) -> str:
    return text[max(0, start - _WINDOW) : start]


def _definite(candidate: _Candidate) -> bool:
    return candidate.possessor or candidate.det in _DEFINITE


def _negated_before(text: str, candidate: _Candidate) -> bool:
    if _count_number(candidate) == 0:
        return True
    if _definite(candidate):
        return False
    return _NEGATED_BEFORE.search(_window_before(text, candidate.start)) is not None


def _negated_after(text: str, candidate: _Candidate) -> bool:
    return _NEGATED_AFTER.match(text, candidate.end) is not None


def _elsewhere(text: str, candidate: _Candidate) -> str | None:
    """Return the residence verb when the phrase is followed by "lives elsewhere" wording."""
    position: int | None = candidate.end
    for _ in range(3):
        if position is None:
            break
        found = _ELSEWHERE.match(text, position)
        if found is not None:
            return found.group("verb")
        position = _after_name(text, position)
    return None


def _after_name(text: str, position: int) -> int | None:
    """Return the end of a capitalised first name at ``position``, if one is there."""
    name = _NAME.match(text, position)
    if name is None or not name.group(1)[0].isupper():
        return None
    return name.end()


def _share_scope(
    text: str,
    candidates: list[_Candidate],
    negated: list[bool],
    elsewhere: list[str | None],
) -> None:
    """Spread negation forwards and plural "live elsewhere" backwards over coordination."""
    for index in range(1, len(candidates)):
        previous, current = candidates[index - 1], candidates[index]
        if _CONJUNCTION.match(text[previous.end : current.start]) is None:
            continue
        if negated[index - 1] and not _definite(current):
            negated[index] = True
    for index in range(len(candidates) - 1, 0, -1):
        previous, current = candidates[index - 1], candidates[index]
        verb = elsewhere[index]
        joined = _CONJUNCTION.match(text[previous.end : current.start]) is not None
        if joined and verb is not None and _PLURAL_VERB.search(verb):
            elsewhere[index - 1] = elsewhere[index - 1] or verb


def _is_household_child(text: str, candidate: _Candidate) -> bool:
    return not (
        _is_adult(candidate)
        or _is_attributive(text, candidate)
        or _is_idiom(text, candidate)
        or _is_weak_without_cue(candidate)
        or _is_predicate_pupil(text, candidate)
    )


def _is_adult(candidate: _Candidate) -> bool:
    if candidate.adult_suffix or _ADULT_CUE.search(candidate.mods):
        return True
    years = candidate.ages.years
    return bool(years) and min(years) >= ADULT_AGE


def _is_attributive(text: str, candidate: _Candidate) -> bool:
    """Tell "child seat" and generic possessives ("kids' toys") from a child."""
    head_end = candidate.head_end
    if _ATTRIBUTIVE.match(text, head_end):
        return True
    possessive = _POSSESSIVE_S.match(text, head_end) or (
        candidate.head.lower().endswith("s") and _POSSESSIVE_PLURAL.match(text, head_end)
    )
    if not possessive:
        return False
    after = possessive.end()
    if _INSTITUTION.match(text, after):
        return True
    return not _definite(candidate) and _FAMILY_AFTER.match(text, after) is None


def _is_idiom(text: str, candidate: _Candidate) -> bool:
    """Tell "as a child", "out with the girls", "called her baby" and "wants kids" from a child."""
    if candidate.ages.years or candidate.num:
        return False
    before = _window_before(text, candidate.start)
    head, det = _head_word(candidate), candidate.det
    return any(
        applies and pattern.search(before) is not None
        for applies, pattern in (
            (head in _CHILDHOOD_HEADS and det in {"", "a", "an"}, _CHILDHOOD_BEFORE),
            (head in _FRIENDS_HEADS and det == "the", _FRIENDS_BEFORE),
            (head == "baby" and det in {"", "her", "him"}, _ENDEARMENT_BEFORE),
            (head in _WISH_HEADS and det in {"", "a", "an", "another"}, _WISH_BEFORE),
        )
    )


def _is_weak_without_cue(candidate: _Candidate) -> bool:
    _, _, weak = _classify(candidate.head)
    if not weak:
        return False
    young = any(age < ADULT_AGE for age in candidate.ages.years) or candidate.ages.under_one_unit
    return not (young or _CHILD_CUE.search(candidate.mods))


def _is_predicate_pupil(text: str, candidate: _Candidate) -> bool:
    """ "Her son, a pupil at Oak Primary" names the son twice: keep the son only."""
    relation, _, _ = _classify(candidate.head)
    if relation != "pupil" or candidate.det not in {"a", "an"}:
        return False
    return _COPULA_BEFORE.search(_window_before(text, candidate.start)) is not None


def _head_word(candidate: _Candidate) -> str:
    return _SPACES.sub(" ", candidate.head.lower())


def _classify(head: str) -> tuple[str, str | None, bool]:
    """Return (relation, sex, weak) for a head word, using the first table row that fits."""
    for pattern, relation, sex, weak in _HEAD_TABLE:
        if pattern.fullmatch(head):
            return relation, sex, weak
    return "child", None, False  # pragma: no cover - every head comes from the table


def _count_number(candidate: _Candidate) -> int | None:
    """Return the number written in the phrase, or None when no number was written."""
    num = candidate.num
    if not num:
        return None
    if num in _FUZZY_COUNTS:
        return None
    first = num.split()[0]
    if first.isdigit() or first in _WORD_VALUES or first.split("-")[0] in _TENS_VALUES:
        return _number(num)
    return None


def _count(candidate: _Candidate) -> tuple[int, bool]:
    written = _count_number(candidate)
    if written is not None:
        return written, True
    head = _head_word(candidate)
    group = candidate.group_count or _GROUP_COUNTS.get(head, 0)
    if group:
        return group, True
    plural = _PLURAL_HEAD.search(head) is not None
    if plural and "twin" in candidate.mods.lower():
        return 2, True
    if candidate.det == "both":
        return 2, True
    if len(candidate.ages.years) > 1:
        return len(candidate.ages.years), True
    return (2 if plural else 1), False


def _relation_and_sex(candidate: _Candidate) -> tuple[str, str | None]:
    relation, sex, _ = _classify(candidate.head)
    sex = sex or candidate.sex_hint
    mods = candidate.mods.lower()
    if "unborn" in mods:
        relation = "unborn"
    head = candidate.head.lower()
    if sex is None and _FEMALE.search(f"{mods} {head}"):
        sex = "FEMALE"
    elif sex is None and _MALE.search(f"{mods} {head}"):
        sex = "MALE"
    if relation == "child" and candidate.ages.under_one_unit and _AGE_IN_MODS.search(head):
        relation = "baby"
    return relation, sex


def _age(candidate: _Candidate) -> int | None:
    young = [age for age in candidate.ages.years if age < ADULT_AGE]
    return min(young) if young else None


def _normalise(phrase: str) -> str:
    text = unicodedata.normalize("NFKC", phrase)
    text = _APOS_RE.sub("'", text)
    text = _HYPH_RE.sub("-", text)
    return _SPACES.sub(" ", text).strip().lower()


def _with_keys(text: str, kept: list[_Candidate]) -> tuple[ChildMention, ...]:
    seen: dict[str, int] = {}
    mentions: list[ChildMention] = []
    for candidate in kept:
        phrase = text[candidate.start : candidate.end]
        normalised = _normalise(phrase)
        seen[normalised] = seen.get(normalised, 0) + 1
        count, stated = _count(candidate)
        relation, sex = _relation_and_sex(candidate)
        mentions.append(
            ChildMention(
                key=f"{normalised}#{seen[normalised]}",
                phrase=phrase,
                start=candidate.start,
                end=candidate.end,
                count=count,
                count_stated=stated,
                age=_age(candidate),
                relation=relation,
                sex=sex,
            )
        )
    return tuple(mentions)
