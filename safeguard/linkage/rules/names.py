"""Name normalisation for record linkage (issue 6): nicknames, transliterations, surnames.

Pure: the standard library only. Records about one child are written by different people at
different times: "Bill" and "William", "Kasia" and "Katarzyna", "Mohammed" and "Muhammad",
"Ní Bhriain" and "O'Brien", a surname hyphenated at school and not at the GP. These rules
turn each name into keys that agree when the names are the same person's, so the model
(Splink, on DuckDB) compares like with like. The tables are this project's curated data [U]:
no national standard was found; a force extends them in ``settings.SAFEGUARD``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from safeguard.people.rules.names import name_search_key

# Canonical given name -> its diminutives and variants (lower case, no accents).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "william": ("bill", "billy", "will", "willie", "liam", "wills"),
    "robert": ("bob", "bobby", "rob", "robbie", "bert"),
    "richard": ("dick", "rich", "richie", "rick", "ricky"),
    "james": ("jim", "jimmy", "jamie", "jimi"),
    "john": ("jack", "johnny", "jon", "jonny"),
    "jonathan": ("jon", "jonny", "nathan"),
    "michael": ("mike", "mikey", "mick", "micky"),
    "thomas": ("tom", "tommy", "tam"),
    "joseph": ("joe", "joey", "jo"),
    "daniel": ("dan", "danny"),
    "samuel": ("sam", "sammy"),
    "benjamin": ("ben", "benny", "benji"),
    "alexander": ("alex", "alec", "sandy", "xander"),
    "christopher": ("chris", "kit", "topher"),
    "nicholas": ("nick", "nicky", "nico"),
    "matthew": ("matt", "matty"),
    "anthony": ("tony", "ant"),
    "edward": ("ed", "eddie", "ted", "teddy", "ned"),
    "henry": ("harry", "hal", "hank"),
    "charles": ("charlie", "chas", "chuck"),
    "frederick": ("fred", "freddie", "freddy"),
    "oliver": ("ollie", "olly"),
    "joshua": ("josh",),
    "jacob": ("jake", "jay"),
    "zachary": ("zach", "zack"),
    "elizabeth": ("liz", "lizzie", "beth", "betty", "eliza", "libby", "bess", "ellie"),
    "katherine": ("kate", "katie", "kathy", "kat", "kitty", "cath"),
    "catherine": ("kate", "katie", "cathy", "cat", "cath"),
    "margaret": ("maggie", "meg", "peggy", "madge", "greta"),
    "rebecca": ("becky", "becca", "bex"),
    "jennifer": ("jen", "jenny", "jenna"),
    "jessica": ("jess", "jessie"),
    "victoria": ("vicky", "tori", "vikki"),
    "samantha": ("sam", "sammie"),
    "alexandra": ("alex", "lexi", "sandra", "sasha"),
    "charlotte": ("charlie", "lottie", "lotte"),
    "abigail": ("abbie", "abby", "gail"),
    "olivia": ("liv", "livvy", "ollie"),
    "isabella": ("bella", "izzy", "isla"),
    "isabelle": ("izzy", "belle"),
    "amelia": ("millie", "amy", "mia"),
    "emily": ("em", "emmy", "millie"),
    "eleanor": ("ellie", "nell", "nora", "elle"),
    "susan": ("sue", "susie", "suzy"),
    "patricia": ("pat", "patty", "trish"),
    "deborah": ("debbie", "deb"),
    "christine": ("chris", "chrissie", "tina"),
    "natalie": ("nat",),
    "sophie": ("soph",),
    "sophia": ("soph",),
    # Polish, Ukrainian, Romanian (DOMAIN.md §8.2 communities in the force).
    "katarzyna": ("kasia", "kaska", "kasienka"),
    "malgorzata": ("gosia", "malgosia"),
    "aleksandra": ("ola", "olenka"),
    "agnieszka": ("aga", "agnes"),
    "joanna": ("asia", "joasia"),
    "magdalena": ("magda",),
    "wojciech": ("wojtek",),
    "krzysztof": ("krzys",),
    "tomasz": ("tomek",),
    "piotr": ("piotrek",),
    "jakub": ("kuba",),
    "aleksander": ("olek", "alek"),
    "oleksandr": ("sasha",),
    "volodymyr": ("volodia", "vova"),
    "ionut": ("ion",),
}

# Spelling variants that are the same name written from another script or tradition.
TRANSLITERATIONS: dict[str, tuple[str, ...]] = {
    "muhammad": ("mohammed", "mohammad", "mohamed", "muhammed", "mohamad", "mohd", "mehmet"),
    "ahmed": ("ahmad", "ahmet"),
    "yusuf": ("yousef", "yousuf", "youssef"),
    "ibrahim": ("ebrahim", "ibraheem"),
    "hussain": ("hussein", "husain", "hossein"),
    "mustafa": ("mostafa", "moustafa"),
    "fatima": ("fatimah", "fatma", "fatemeh"),
    "aisha": ("ayesha", "aysha", "ayesa", "aishah"),
    "khadija": ("khadijah", "khadeeja"),
    "abdullah": ("abdulla", "abdallah"),
    "oleksandr": ("aleksandr", "alexandr", "oleksander"),
    "serhii": ("sergei", "sergey", "serhiy"),
    "andrii": ("andriy", "andrey", "andrei"),
    "dmytro": ("dmitri", "dmitry", "dmitriy"),
    "yuliia": ("yulia", "iuliia"),
    "iryna": ("irina",),
    "mykola": ("nikolai", "nikolay"),
}


def _build(tables: Iterable[Mapping[str, tuple[str, ...]]]) -> dict[str, str]:
    """Variant -> canonical. A variant of two canonical names keeps the first listed."""
    out: dict[str, str] = {}
    for table in tables:
        for canonical, variants in table.items():
            out.setdefault(canonical, canonical)
            for variant in variants:
                out.setdefault(variant, canonical)
    return out


_ALL_VARIANTS = _build((TRANSLITERATIONS, NICKNAMES))

_IRISH_PREFIXES = (
    ("ni ", "o"),
    ("nic ", "mac"),
    ("ui ", "o"),
    ("mhic ", "mac"),
    ("o ", "o"),
    ("mac ", "mac"),
    ("mc ", "mac"),
)


# Latin letters with no Unicode decomposition, written out as an English keyboard would.
_NO_DECOMPOSITION = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
        "\u0131": "i",
        "æ": "ae",
        "œ": "oe",
        "ð": "d",
        "þ": "th",
    }
)


def fold(text: str) -> str:
    """Lower case, accents removed, letters and spaces only (Zoë -> zoe, Łucja -> lucja).

    The people app's search key (``people.rules.names.name_search_key``) with the letters
    it keeps as they are written out, and anything but letters made a space.
    """
    return re.sub(
        r"[^a-z]+", " ", name_search_key(text.casefold().translate(_NO_DECOMPOSITION))
    ).strip()


def canonical_given_name(name: str) -> str:
    """Return the name's canonical form: Bill -> william, Kasia -> katarzyna, Mohammed -> muhammad.

    Only the first word counts ("Mary Jane" -> mary). An unknown name is returned folded.
    """
    words = fold(name).split()
    if not words:
        return ""
    return _ALL_VARIANTS.get(words[0], words[0])


def surname_key(name: str) -> str:
    """Return the surname folded with Irish and Scottish prefixes joined.

    "Ní Bhriain" -> "obhriain"; "O'Brien" -> "obrien"; "Mc Donald" and "MacDonald" ->
    "macdonald". Hyphens and spaces otherwise separate parts, kept in order.
    """
    folded = fold(name)
    for prefix, joined in _IRISH_PREFIXES:
        if folded.startswith(prefix):
            folded = joined + folded[len(prefix) :]
            break
    if folded.startswith("mc"):
        folded = "mac" + folded[2:]
    return folded


def surname_parts(name: str) -> tuple[str, ...]:
    """Return each part of a double-barrelled or hyphenated surname (each a surname key).

    A prefix written with a space stays with its surname ("Mc Donald" is one part,
    "macdonald"); hyphens and dashes separate parts, and so do spaces between whole names
    ("Smith Jones").
    """
    parts: list[str] = []
    for segment in re.split(r"[-\u2010-\u2015]+", name):
        parts.extend(surname_key(segment).split())
    return tuple(parts)
