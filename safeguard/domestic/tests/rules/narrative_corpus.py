"""A labelled corpus of synthetic narrative sentences for the child-mention extractor.

Every sentence is invented; no real person, address or incident. Each case lists the
mentions a careful reader would expect an officer to confirm or dismiss (DOMAIN.md §3.1,
Domestic Abuse Act 2021 s.3: children who see, hear or experience the effects of the
abuse). An expected mention is named by an *anchor*: text inside the mention, found in
order in the sentence; a mention found by the extractor counts as correct when it overlaps
the anchor. Where a count or age is given, it is checked as well.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Expect:
    anchor: str
    count: int | None = None
    age: int | None = None


@dataclass(frozen=True)
class Case:
    text: str
    expected: tuple[Expect, ...] = ()


def _case(text: str, *expected: Expect | str) -> Case:
    return Case(
        text=text,
        expected=tuple(Expect(item) if isinstance(item, str) else item for item in expected),
    )


POSITIVES: tuple[Case, ...] = (
    _case(
        "She said her two kids were asleep upstairs when he came home.",
        Expect("her two kids", count=2),
    ),
    _case("The baby was asleep upstairs throughout.", Expect("The baby", count=1)),
    _case("Son aged 7 was in the living room and saw the assault.", Expect("Son aged 7", age=7)),
    _case("Their 3 children were at the address.", Expect("Their 3 children", count=3)),
    _case("He pushed her into the wall in front of his stepdaughter.", "his stepdaughter"),
    _case("A toddler was in a cot in the front bedroom.", Expect("A toddler", count=1)),
    _case("The twins hid in the bathroom.", Expect("The twins", count=2)),
    _case("My daughter (14) rang 999, the victim stated.", Expect("My daughter (14)", age=14)),
    _case("A 9-year-old boy answered the door to officers.", Expect("9-year-old boy", age=9)),
    _case("The youngest was crying when officers arrived.", "The youngest"),
    _case("She is caring for a newborn and is very tired.", "a newborn"),
    _case("There was an infant in a car seat by the door.", "an infant"),
    _case("Kids were in the next room with the door shut.", Expect("Kids", count=2)),
    _case("Her little girl clung to her leg throughout.", "Her little girl"),
    _case("Children were present during the argument.", "Children"),
    _case("The couple's son called the police from a neighbour's house.", "The couple's son"),
    _case("HER TWO KIDS WERE SCREAMING.", Expect("HER TWO KIDS", count=2)),
    _case("Zoë\u2019s daughter Anaïs (6) was asleep.", Expect("daughter", age=6)),
    _case("Her son and daughter were both in the kitchen.", "Her son", "daughter"),
    _case(
        "The suspect threw a mug past the baby and the 4-year-old.",
        "the baby",
        Expect("4-year-old", age=4),
    ),
    _case("Her daughter, 12, said he had hit her mum before.", Expect("Her daughter", age=12)),
    _case("Victim has three children aged 2, 5 and 9.", Expect("three children", count=3, age=2)),
    _case(
        "A 17-year-old girl in the household disclosed the abuse.",
        Expect("17-year-old girl", age=17),
    ),
    _case("His son, 17, stood between them.", Expect("His son", age=17)),
    _case("The victim is 20 weeks pregnant.", "pregnant"),
    _case("Both children were spoken to by officers.", Expect("Both children", count=2)),
    _case("She has a son who lives with her and a baby daughter.", "a son", "a baby daughter"),
    _case("The victim's grandson, aged 11, lives with them.", Expect("grandson", age=11)),
    _case("He threatened to take the kids away.", "the kids"),
    _case("Officers saw a teenage boy at the top of the stairs.", "a teenage boy"),
    _case("The eldest, aged 15, took the others upstairs.", Expect("The eldest", age=15)),
    _case("Her seven-year-old son was woken by shouting.", Expect("son", age=7)),
    _case("The 6-month-old was in a bouncer chair.", "6-month-old"),
    _case(
        "The children, 3 and 5, were watching television.",
        Expect("The children", count=2, age=3),
    ),
    _case("Her stepson Tyler (13) was at his friend's house.", Expect("stepson", age=13)),
    _case("Their grandchildren stay most weekends.", "Their grandchildren"),
    _case("She was holding her baby when he grabbed her hair.", "her baby"),
    _case("Two little ones were in the bedroom.", Expect("Two little ones", count=2)),
    _case("A young person at the address said the fighting happens a lot.", "A young person"),
    _case("He has a daughter from a previous relationship who stays at weekends.", "a daughter"),
    _case("Her younger sister, aged 15, also lives at the address.", Expect("sister", age=15)),
    _case("Her little brother hid under the bed.", "Her little brother"),
    _case("The children's father arrived later.", "The children"),
    _case("The baby's cot was next to the bed where the assault took place.", "The baby"),
    _case("Her son's school is Oak Primary.", "Her son"),
    _case("He punched the wall next to the children.", "the children"),
    _case(
        "She fled without her children, who remained at the address with the suspect.",
        "her children",
    ),
    _case("None of the children were present at the time.", "the children"),
    _case("The children were not present; they were at their nan's.", "The children"),
    _case(
        "She has no children with the suspect but has a son, 8, from a previous relationship.",
        Expect("a son", age=8),
    ),
    _case("Three kids and a dog were in the flat.", Expect("Three kids", count=3)),
    _case("A couple of kids were playing in the hallway.", Expect("kids", count=2)),
    _case("her daughter aged seventeen was present", Expect("her daughter", age=17)),
    _case("The victim's 2 sons were asleep.", Expect("2 sons", count=2)),
    _case("Her 15 year old son tried to intervene.", Expect("son", age=15)),
    _case("The newborn baby was in a Moses basket.", "The newborn baby"),
    _case("A female child aged 10 was seen by officers.", Expect("child", age=10)),
    _case("Her infant son was asleep upstairs.", "Her infant son"),
    _case("There were several children at the address, ages unknown.", "several children"),
    _case("Their son and daughter, who live with them, were asleep.", "son", "daughter"),
    _case("The victim's teenage daughter filmed the incident on her phone.", "teenage daughter"),
    _case("She has four children under 10.", Expect("four children", count=4)),
    _case("The kids' bedroom door was kicked in.", "The kids"),
    _case("He kicked the door while the toddler was in the hallway.", "the toddler"),
    _case(
        "Her partner's two children from a previous relationship were staying over.",
        Expect("two children", count=2),
    ),
    _case("A 15-year-old male at the address was spoken to alone.", Expect("15-year-old", age=15)),
    _case("Children present: 2 (aged 4 and 6).", "Children"),
    _case("The victim's daughter (DOB 03/04/2015) was at school.", "daughter"),
    _case("Mum and her three young children were in the lounge.", Expect("children", count=3)),
    _case("He shouted at his 16-year-old stepdaughter.", Expect("stepdaughter", age=16)),
    _case("She picked up the baby and ran to a neighbour.", "the baby"),
    _case(
        "Her son, aged 4, and her daughter, aged 2, were both present.",
        Expect("son", age=4),
        Expect("daughter", age=2),
    ),
    _case("The victim\u2019s Son (aged 9) called 999.", Expect("Son", age=9)),
    _case("THE CHILDREN WERE IN THE BACK BEDROOM.", "THE CHILDREN"),
    _case("Her baby brother is 3.", Expect("baby brother", age=3)),
    _case("A girl, 12, answered the door.", Expect("A girl", age=12)),
    _case("The victim's 11-year-old niece was staying over.", Expect("niece", age=11)),
    _case("Her granddaughter, who is 6, was in the car.", Expect("granddaughter", age=6)),
    _case("He threatened the children and the baby.", "the children", "the baby"),
    _case("Their son Jack, aged 5, was asleep.", Expect("son", age=5)),
    _case("There is a 3 month old baby at the address.", "baby"),
    _case(
        "Her daughters aged 8 and 10 witnessed the assault.",
        Expect("daughters", count=2, age=8),
    ),
    _case("The oldest is 12 and was looking after the others.", Expect("The oldest", age=12)),
    _case("Officers found two young children hiding in a wardrobe.", Expect("children", count=2)),
    _case(
        "She has a son who lives with his father in Leeds and a daughter aged 4 who was present.",
        Expect("a daughter", age=4),
    ),
    _case("No injuries to the children were seen.", "the children"),
    _case("She is pregnant with twins.", Expect("pregnant", count=2)),
    _case(
        "Officers attended following a 999 call. The victim, 34, had a cut lip. Her two sons,"
        " aged 6 and 9, were upstairs. The suspect's 19-year-old daughter was also present.",
        Expect("Her two sons", count=2, age=6),
    ),
    _case(
        "Caller reports shouting. On arrival the baby was crying in the hallway and a girl aged"
        " about 10 was on the stairs.",
        "the baby",
        Expect("a girl", age=10),
    ),
    _case(
        "The victim\u2019s ex-partner kicked the door in. Her kids were hiding in the bathroom with"
        " the dog, and her son was on the phone to 999.",
        "Her kids",
        "her son",
    ),
    _case("Le suspect a crié. Her daughter Élodie (8) was in the hall.", Expect("daughter", age=8)),
    _case("Her step-son was present and her son's girlfriend was visiting.", "step-son", "son"),
    _case("A schoolgirl from the flat upstairs heard the screaming.", "schoolgirl"),
    _case("The children are subject to a Child Protection Plan.", "The children"),
    _case("Her 2nd child was born in May.", "2nd child"),
    _case("She has a 7yo and a 3yo.", Expect("7yo", age=7), Expect("3yo", age=3)),
    _case("The boys, 14 and 19, fought with him.", Expect("The boys", count=2, age=14)),
    _case("She has a son but no daughter.", "a son"),
    _case("Neither child was injured.", "child"),
    _case("She has no injuries and the kids were asleep.", "the kids"),
    # Written as unseen checks after the first version of the extractor (two rounds).
    _case(
        "On arrival officers were met by the victim who had a bloodied nose; her 10 year old son was stood behind her.",
        Expect("son", age=10),
    ),
    _case("Victim states her kids were at their dad's for the weekend.", "her kids"),
    _case("The victim has a 14 month old son.", "son"),
    _case("Neighbour reported hearing a child screaming.", "a child"),
    _case(
        "The victim's eldest son (22) was present and intervened; her youngest, aged 8, was in bed.",
        Expect("youngest", age=8),
    ),
    _case("She is 8 months pregnant.", "pregnant"),
    _case("Stepchildren x2 in the house at the time.", "Stepchildren"),
    _case("The victim's daughter Chloe, 6, was asleep.", Expect("daughter", age=6)),
    _case("Child 1 (boy, 5) and Child 2 (girl, 3) were present.", "Child 1", "Child 2"),
    _case("She told officers she does not want her children to find out.", "her children"),
    _case("The children were taken to their grandmother's by a family friend.", "The children"),
    _case("A baby could be heard crying in the background of the 999 call.", "A baby"),
    _case(
        "The victim's two daughters, aged 13 and 15, were upstairs.",
        Expect("daughters", count=2, age=13),
    ),
    _case("He was holding the baby when he punched her.", "the baby"),
    _case("Officers spoke to the victim's son (16) alone.", Expect("son", age=16)),
    _case("The victim was 6 months pregnant at the time.", "pregnant"),
    _case("The suspect took the child's tablet and smashed it.", "the child"),
    _case("Her teenage son and his friend were gaming in the bedroom.", "Her teenage son"),
    _case("The children's social worker was informed.", "children"),
    _case("There are no other children in the household besides the baby.", "the baby"),
    _case("Her grandson was staying the night.", "grandson"),
    _case("Her 4 and 6 year old were in the car.", Expect("year old", count=2)),
    _case("The youngest child, a boy aged 2, was asleep.", "youngest child"),
    _case("She left the kids with a neighbour and came to the station.", "the kids"),
    _case(
        "The victim is a 16-year-old girl; her boyfriend is 19.", Expect("16-year-old girl", age=16)
    ),
    _case(
        "No kids were present but the victim said her daughter (4) lives with her.",
        Expect("daughter", age=4),
    ),
    _case(
        "Officers attended 14 Elm Court after a neighbour heard shouting. The IP (female, 29) stated the suspect had grabbed her by the throat while her son (6) watched from the doorway.",
        Expect("son", age=6),
    ),
    _case("The 3 children were asleep upstairs and did not wake.", Expect("3 children", count=3)),
    _case("The baby, 4 months, was in a pram in the kitchen.", "The baby"),
    _case("Victim was pushed down the stairs. Her mum has since collected the kids.", "the kids"),
    _case("There is a child due in June.", "a child"),
    _case(
        "Her step-daughter (aged 12) was staying for the weekend.", Expect("step-daughter", age=12)
    ),
    _case("Victim states he has never hurt the children.", "the children"),
    _case(
        "Victim's 13-year-old son recorded part of the argument on his phone.",
        Expect("son", age=13),
    ),
    _case("The children were at school at the time of the incident.", "The children"),
    _case("Suspect is the father of the victim's unborn child.", "unborn child"),
    _case("The victim's nephew, 10, was visiting.", Expect("nephew", age=10)),
    _case("Her twin daughters were in the bath.", Expect("twin daughters", count=2)),
    _case("Two young boys were seen running from the house.", Expect("Two young boys", count=2)),
    _case("Her 6yr old was in the front room.", Expect("6yr old", age=6)),
    _case("The suspect pushed past the youngest and left.", "the youngest"),
    _case("Children in household: 2 - Aisha (9) and Omar (4).", "Children"),
    _case("He has a child arrangements order for his kids.", "his kids"),
    _case("He said he would take the baby and she would never see her again.", "the baby"),
    # Away for now, not living elsewhere: reported, the officer decides.
    _case("She has no contact with her ex and her kids are with their dad in Spain.", "her kids"),
    _case("The infant was checked by paramedics.", "The infant"),
    _case("The girl, aged around 8, was crying on the landing.", Expect("The girl", age=8)),
)

NEGATIVES: tuple[Case, ...] = (
    _case("There were no children at the address."),
    _case("There are no kids in the household."),
    _case("Kids' toys were scattered in the hall."),
    _case("A child seat was fitted in the car."),
    _case("She was referred to the local children's centre."),
    _case("She described a violent childhood."),
    _case("She works as a childminder from home."),
    _case("Her son, who lives in Leeds, was not aware of the incident."),
    _case("His son aged 24 was present and tried to intervene."),
    _case("Her grown-up daughter called the police."),
    _case("Her adult son lives next door."),
    _case("She has no children."),
    _case("The victim confirmed she is not pregnant."),
    _case("The family was previously subject to a Child Protection Plan."),
    _case("He said he was only kidding."),
    _case("He threatened to kidnap her."),
    _case("A referral was made to children's social care in 2019."),
    _case("She drove past the school on her way home."),
    _case("Her son lives with his father in Bradford."),
    _case("The victim's daughter does not live at the address."),
    _case("The couple do not have any children."),
    _case("She has never had children."),
    _case("Children present: none."),
    _case("His daughter-in-law was at the house."),
    _case("Her son, 32, was spoken to as a witness."),
    _case("The suspect's 18-year-old son was present."),
    _case("She said she was abused as a child."),
    _case("He treats her like a child."),
    _case("A child protection referral was submitted."),
    _case("Baby monitor was on in the kitchen."),
    _case("She works at a children's hospital."),
    _case("No kids or pets at the address."),
    _case("She has no sons or daughters."),
    _case("She doesn't have kids."),
    _case("Officers saw no sign of any children living at the property."),
    _case("She arrived without any children."),
    _case("The victim and suspect have been together for 3 years and have no children together."),
    _case("Child abuse images were not found on the device."),
    _case("His children, now adults, live abroad."),
    _case("She went on to describe her own childhood and schooling."),
    _case("The Children Act 1989 applies."),
    _case("Her brother, who is 30, arrived after the incident."),
    _case("Her sister called the police."),
    _case("The victim has no children and lives alone."),
    _case("The babysitter had left before the incident."),
    _case("There were no children present and no weapons were used."),
    _case("Children: 0"),
    _case("Her children live elsewhere with their grandmother."),
    _case("His grown up son drove him to the station."),
    _case("The victim isn\u2019t pregnant and has no kids."),
    _case("CHILDREN'S SOCIAL CARE WERE INFORMED."),
    _case("Her son and daughter, who live with their father in Hull, were not told."),
    _case("He has a kidney condition and was taken to hospital."),
    _case("He called her baby and said sorry."),
    _case("She went out with the girls on Friday."),
    _case("His baby mother kept texting him."),
    _case("Her son Ben lives in Leeds."),
    _case("The boys, 19 and 22, fought with him."),
    _case("When they were kids they lived in Hull."),
    # Written as unseen checks after the first version of the extractor (two rounds).
    _case(
        "Both parties have children from previous relationships, none of whom live at the address."
    ),
    _case("No children reside at the address."),
    _case("DASH completed. No kids."),
    _case("The suspect's son, aged 30, lives with him."),
    _case("There were two kids' bikes in the garden."),
    _case("Victim disclosed that she had a miscarriage last year after he kicked her."),
    _case("She does not have any contact with her son, who is in care."),
    _case("Children's toys were found in the lounge."),
    _case("The victim has a child-arrangements order in place."),
    _case("She has three grown-up children who live locally."),
    _case("Officers noted a child's car seat in the hallway."),
    _case("The victim does not have children with the suspect."),
    _case("IP has no children. Suspect has a daughter who lives with her mother in Derby."),
    _case("Suspect left prior to police arrival taking the family dog. Nobody else present."),
    _case("The victim has two older sons, 21 and 23, who do not live at home."),
    _case("She is a child protection social worker."),
    _case("Enquiries were made with children's services who confirmed the family is known."),
    _case("No signs of any kids living at the property: no toys, beds or clothes."),
    _case("The suspect has a son from a previous relationship who lives in Wales."),
    _case("The victim and her partner have been trying for a baby."),
    _case("She was 17 when they met and is now 24."),
)

CORPUS: tuple[Case, ...] = POSITIVES + NEGATIVES
