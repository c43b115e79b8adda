"""Name pools for the synthetic force: many UK communities, built once, drawn with ``choice``.

Pure: no Django, no database. The pools mix curated lists with the static name tables that
ship inside Faker's locale providers (read as data, so no Faker call is made per person).
Every combination drawn from them is made up; none describes a real person.

Each :class:`Community` carries what the generator needs to make a believable record for a
member: given and family names (modern names for children where naming fashions differ),
the usual self-defined and officer-defined ethnicity codes, first languages and naming
customs (Polish gendered surnames, Sikh "Kaur" and "Singh", Somali patronymics, Irish-language
surname forms, women's surnames such as "Begum"). Separate tables hold the variants that make
duplicate records hard to match: diminutives, transliterations and native-script spellings.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

FEMALE = "F"
MALE = "M"


@dataclass(frozen=True)
class Community:
    """One naming tradition and the codes and languages that usually go with it."""

    key: str
    # Share of households (relative weight).
    weight: float
    # Usual self-defined ethnicity (18+1 code) and a few plausible alternatives.
    ethnicity: str
    ethnicity_alternatives: tuple[str, ...]
    # Usual officer-defined (IC) code.
    officer_ethnicity: str
    # First languages as (language, weight); "English" for English-speaking communities.
    languages: tuple[tuple[str, float], ...]
    given_female: tuple[str, ...]
    given_male: tuple[str, ...]
    family: tuple[str, ...]
    # Given names for children where fashions differ from their parents' generation.
    child_female: tuple[str, ...] = ()
    child_male: tuple[str, ...] = ()
    # Surnames used only by women (Begum, Bibi, Khatun) and how often adult women use one.
    family_female_only: tuple[str, ...] = ()
    female_only_share: float = 0.0
    # Sikh naming: "Kaur" for women and "Singh" for men, as a middle or a family name.
    sikh: bool = False
    # Polish -ski/-cki/-dzki surnames take -ska/-cka/-dzka for women.
    gendered_surnames: bool = False
    # Children take their father's given name as their family name (Somali custom).
    patronymic: bool = False
    # Share of married women who take their husband's family name.
    takes_husband_name: float = 0.7
    # Share of people with a middle name, and the pools it is drawn from.
    middle_share: float = 0.3
    # Share of members whose record is written in the community's own script.
    native_script_share: float = 0.0


# --- Curated pools ------------------------------------------------------------------------
# fmt: off

_ENGLISH_ADULT_FEMALE = (
    "Elizabeth", "Margaret", "Katherine", "Catherine", "Rebecca", "Jennifer", "Victoria",
    "Samantha", "Jessica", "Alexandra", "Abigail", "Charlotte", "Deborah", "Susan", "Patricia",
    "Kimberley", "Natalie", "Joanne", "Michelle", "Kelly", "Stacey", "Danielle", "Hayley", "Amy",
    "Leanne", "Kerry", "Donna", "Tracey", "Dawn", "Jade", "Chelsea", "Shannon", "Courtney",
    "Kirsty", "Gemma", "Lauren", "Emma", "Sophie", "Hannah", "Lucy", "Chloe", "Zoë", "Chloë",
    "Renée", "Esmé", "Siân",
)
_ENGLISH_ADULT_MALE = (
    "William", "Robert", "Richard", "James", "Thomas", "Michael", "Christopher", "Daniel",
    "Anthony", "Joseph", "Edward", "Alexander", "Benjamin", "Matthew", "Nicholas", "Jonathan",
    "Samuel", "Stephen", "Steven", "Andrew", "David", "Peter", "Patrick", "Charles", "Frederick",
    "Henry", "John", "Lee", "Craig", "Dean", "Wayne", "Darren", "Gary", "Jason", "Shane", "Kyle",
    "Ryan", "Liam", "Jordan", "Ashley", "Carl", "Scott", "Mark", "Paul", "Noël", "René",
)
_ENGLISH_CHILD_FEMALE = (
    "Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow", "Rosie",
    "Sophia", "Isabella", "Grace", "Daisy", "Sienna", "Poppy", "Elsie", "Emily", "Ella", "Evelyn",
    "Phoebe", "Sofia", "Evie", "Charlotte", "Harper", "Millie", "Matilda", "Ruby", "Maya", "Zoë",
    "Chloë", "Eloise", "Esmé", "Anaïs", "Aurora", "Violet", "Luna", "Hallie", "Orla", "Maisie",
    "Emilia", "Eliza", "Thea", "Bonnie", "Nancy", "Margot", "Elizabeth", "Victoria", "Abigail",
    "Jessica", "Rebecca", "Katherine", "Amélie",
)
_ENGLISH_CHILD_MALE = (
    "Oliver", "George", "Noah", "Arthur", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theo",
    "Freddie", "Jack", "Charlie", "Teddy", "Alfie", "Jacob", "Thomas", "William", "Lucas", "Tommy",
    "Isaac", "Finley", "Roman", "Albie", "Reggie", "Ronnie", "Harrison", "Joshua", "Jaxon", "Riley",
    "Mason", "Logan", "Ethan", "Kai", "Tyler", "Dylan", "Callum", "Jayden", "Bobby", "Louie",
    "Frankie", "Stanley", "Elijah", "Edward", "Benjamin", "Alexander", "Samuel", "Daniel", "Joseph",
    "Michael", "Nicholas", "Matthew", "Zachary", "Rory",
)
_ENGLISH_FAMILY_EXTRA = (
    "Smith", "Jones", "Taylor", "Brown", "Wilson", "Johnson", "Walker", "Wright", "Robinson",
    "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin",
    "Jackson", "Clarke", "Clark", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward", "Moore",
    "King", "Watson", "Baker", "Harrison", "Morgan", "Patel", "Young", "Allen", "Mitchell", "James",
    "Anderson", "Phillips", "Lee", "Bell", "Parker", "Davis", "Bennett", "Shaw", "Cook",
    "Richardson", "Marsh", "Bloor", "Plant", "Salt", "Beech", "Brindley", "Wedgwood", "Hollins",
    "Bagnall", "Tunnicliffe", "Sherratt", "Podmore", "Heath", "Boulton", "Mountford", "Tomkinson",
    "Adderley", "Blurton", "Mellor",
)
_SCOTTISH_FEMALE = (
    "Ailsa", "Eilidh", "Isla", "Kirsty", "Morag", "Mhairi", "Catriona", "Fiona", "Shona", "Iona",
    "Kirsteen", "Marion", "Elspeth", "Rhona", "Lorna", "Isobel", "Heather", "Skye", "Ishbel",
    "Euphemia", "Jean", "Agnes", "Rachael", "Nicola", "Lesley",
)
_SCOTTISH_MALE = (
    "Alasdair", "Callum", "Fraser", "Hamish", "Iain", "Ewan", "Finlay", "Lachlan", "Ruaridh",
    "Murdo", "Angus", "Gregor", "Struan", "Calum", "Douglas", "Duncan", "Kenneth", "Gordon",
    "Alistair", "Craig", "Euan", "Neil", "Ross", "Stuart", "Archibald",
)
_SCOTTISH_FAMILY = (
    "MacDonald", "McLeod", "Campbell", "Stewart", "Fraser", "Robertson", "Murray", "Ross",
    "Paterson", "Sinclair", "McKenzie", "Graham", "Hamilton", "Kerr", "Douglas", "Cameron", "Reid",
    "Crawford", "McIntyre", "MacLeod", "Mackay", "Drummond", "Buchanan", "Galbraith", "Urquhart",
    "McGregor", "Munro", "Ferguson", "Morrison", "Gillespie", "McAllister",
)
_WELSH_FEMALE = (
    "Cerys", "Ffion", "Seren", "Nia", "Angharad", "Rhiannon", "Bethan", "Carys", "Siân", "Megan",
    "Elin", "Lowri", "Eleri", "Gwenllïan", "Catrin", "Mared", "Non", "Heledd", "Manon", "Glenys",
    "Gwen", "Ceri", "Sioned", "Awen",
)
_WELSH_MALE = (
    "Rhys", "Dafydd", "Gethin", "Iwan", "Owain", "Llŷr", "Aled", "Emyr", "Huw", "Ioan", "Tomos",
    "Gwion", "Gareth", "Gruffydd", "Rhodri", "Emrys", "Dewi", "Cai", "Osian", "Steffan", "Geraint",
    "Bryn", "Meirion", "Elis",
)
_WELSH_FAMILY = (
    "Jones", "Davies", "Evans", "Williams", "Thomas", "Roberts", "Hughes", "Lewis", "Morgan",
    "Griffiths", "Price", "Pritchard", "Llewellyn", "Powell", "Rees", "Vaughan", "Bowen", "Pugh",
    "Parry", "Jenkins", "Howells", "Prosser", "Gwynne", "Meredith", "ap Iorwerth", "Probert",
    "Bevan", "Lloyd",
)
_IRISH_FEMALE = (
    "Saoirse", "Aoife", "Niamh", "Siobhán", "Caoimhe", "Róisín", "Orla", "Clodagh", "Aisling",
    "Sinéad", "Gráinne", "Bríd", "Máire", "Éabha", "Ciara", "Deirdre", "Aoibheann", "Sorcha",
    "Nuala", "Bronagh", "Mairéad", "Treasa", "Úna", "Méabh", "Eimear",
)
_IRISH_MALE = (
    "Seán", "Ciarán", "Oisín", "Darragh", "Cathal", "Pádraig", "Eoin", "Cian", "Niall", "Declan",
    "Colm", "Ruairí", "Tadhg", "Donncha", "Eoghan", "Fionn", "Cillian", "Diarmuid", "Conor",
    "Lorcan", "Rónán", "Séamus", "Dónal", "Kieran", "Brendan",
)
_IRISH_FAMILY = (
    "O'Brien", "O'Neill", "Murphy", "Kelly", "O'Sullivan", "Walsh", "McCarthy", "O'Connor", "Ryan",
    "Byrne", "Doherty", "Kavanagh", "Gallagher", "Fitzgerald", "O'Reilly", "Quinn", "Nolan",
    "Brennan", "Lynch", "Duffy", "Dunne", "O'Donnell", "McLaughlin", "Keane", "O'Mahony",
    "Ó Súilleabháin", "Mac Cárthaigh",
)
# Irish-language forms of anglicised surnames: (anglicised, men's form, women's form).
IRISH_SURNAME_FORMS: tuple[tuple[str, str, str], ...] = (
    ("O'Brien", "Ó Briain", "Ní Bhriain"),
    ("O'Sullivan", "Ó Súilleabháin", "Ní Shúilleabháin"),
    ("Murphy", "Ó Murchú", "Ní Mhurchú"),
    ("Kelly", "Ó Ceallaigh", "Ní Cheallaigh"),
    ("McCarthy", "Mac Cárthaigh", "Nic Cárthaigh"),
    ("Walsh", "Breathnach", "Ní Bhreathnach"),
    ("O'Connor", "Ó Conchúir", "Ní Chonchúir"),
    ("Ryan", "Ó Riain", "Ní Riain"),
    ("Byrne", "Ó Broin", "Ní Bhroin"),
    ("Doherty", "Ó Dochartaigh", "Ní Dhochartaigh"),
    ("Gallagher", "Ó Gallchóir", "Ní Ghallchóir"),
    ("O'Neill", "Ó Néill", "Ní Néill"),
)
_TRAVELLER_FEMALE = (
    "Bridget", "Mary", "Margaret", "Kathleen", "Nora", "Winnie", "Ellen", "Josie", "Chantelle",
    "Shannon", "Roseanne", "Tina", "Minnie", "Dolly", "Caitlin",
)
_TRAVELLER_MALE = (
    "Johnny", "Patrick", "Michael", "Martin", "Tommy", "Jimmy", "Christy", "Paddy", "Joe",
    "Francie", "Willie", "Dan", "Levi", "Noah", "Henry",
)
_TRAVELLER_FAMILY = (
    "Ward", "McDonagh", "Joyce", "Maughan", "Connors", "Delaney", "Stokes", "Doran", "Sweeney",
    "Casey", "Boswell", "Lovell", "Loveridge", "Buckley", "McGinley", "Cash", "Reilly",
)
_POLISH_ADULT_FEMALE = (
    "Katarzyna", "Małgorzata", "Agnieszka", "Magdalena", "Joanna", "Aleksandra", "Ewa", "Beata",
    "Zofia", "Anna", "Dorota", "Justyna", "Monika", "Marta", "Paulina", "Izabela", "Bożena",
    "Grażyna", "Jadwiga", "Żaneta",
)
_POLISH_ADULT_MALE = (
    "Łukasz", "Paweł", "Tomasz", "Krzysztof", "Piotr", "Michał", "Grzegorz", "Wojciech", "Marcin",
    "Bartłomiej", "Jakub", "Mateusz", "Przemysław", "Sławomir", "Zbigniew", "Dariusz", "Mariusz",
    "Jarosław", "Rafał", "Aleksander",
)
_POLISH_FAMILY = (
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
    "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski", "Michalski",
    "Król", "Wieczorek", "Jabłoński", "Wróbel", "Majewski", "Olszewski", "Stępień", "Malinowski",
    "Jaworski", "Adamczyk", "Dudek", "Nowicki", "Pawlak", "Górski", "Witkowski", "Walczak",
    "Sikora", "Baran", "Rutkowski", "Michalak", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak",
    "Zalewski", "Wróblewski", "Jasiński", "Marciniak", "Bąk", "Zawadzki", "Jakubowski", "Sadowski",
    "Duda", "Włodarczyk", "Wilk", "Chmielewski", "Sokołowski", "Szczepański", "Sawicki", "Lis",
    "Kucharski", "Kaczmarek", "Czarnecki", "Kołodziej", "Błaszczyk", "Gołębiowski",
    "Brzęczyszczykiewicz",
)
_ROMANIAN_FAMILY = (
    "Popescu", "Ionescu", "Popa", "Pop", "Radu", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei",
    "Ciobanu", "Ungureanu", "Constantin", "Munteanu", "Rusu", "Lungu", "Moldovan", "Mihai", "Neagu",
    "Sârbu", "Dragomir", "Bălan", "Cojocaru", "Țurcanu", "Tănase",
)
_UKRAINIAN_FEMALE = (
    "Olena", "Oksana", "Iryna", "Nataliya", "Yuliya", "Tetyana", "Kateryna", "Sofiya", "Anastasiya",
    "Viktoriya", "Halyna", "Svitlana", "Mariya", "Daryna", "Olha",
)
_UKRAINIAN_MALE = (
    "Oleksandr", "Andriy", "Dmytro", "Serhiy", "Mykola", "Taras", "Bohdan", "Yuriy", "Vasyl",
    "Maksym", "Volodymyr", "Ihor", "Artem", "Denys", "Oleh",
)
_UKRAINIAN_FAMILY = (
    "Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko",
    "Oliynyk", "Lysenko", "Marchenko", "Savchenko", "Rudenko", "Petrenko", "Koval", "Moroz",
    "Polishchuk", "Hrytsenko", "Kovalchuk", "Pavlenko", "Zakharchenko",
)
_PAKISTANI_FEMALE = (
    "Aisha", "Fatima", "Ayesha", "Zainab", "Maryam", "Hira", "Sana", "Amna", "Nadia", "Saima",
    "Rubina", "Shazia", "Samina", "Noor", "Iqra", "Mehwish", "Khadija", "Anum", "Hafsa", "Zara",
    "Alisha", "Safiya", "Inaya", "Aleena", "Eman", "Nasreen", "Parveen", "Shabana", "Tahira",
    "Uzma",
)
_PAKISTANI_MALE = (
    "Mohammed", "Muhammad", "Ahmed", "Ali", "Hamza", "Bilal", "Imran", "Zubair", "Usman", "Faisal",
    "Tariq", "Asif", "Kashif", "Adnan", "Shahid", "Zain", "Ibrahim", "Yusuf", "Ayaan", "Haris",
    "Rehan", "Saqib", "Nadeem", "Waqas", "Junaid", "Zeeshan", "Arslan", "Mohsin", "Sajid", "Amjad",
)
_PAKISTANI_FAMILY = (
    "Khan", "Hussain", "Ahmed", "Ali", "Akhtar", "Iqbal", "Mahmood", "Rashid", "Shah", "Chaudhry",
    "Raja", "Butt", "Malik", "Aslam", "Anwar", "Javed", "Riaz", "Siddique", "Qureshi", "Mirza",
    "Bashir", "Younis", "Sadiq", "Hanif", "Latif", "Rafiq", "Nawaz", "Arshad", "Saleem", "Zaman",
)
_PAKISTANI_FAMILY_FEMALE = ("Bibi", "Begum", "Kauser", "Akhtar", "Parveen")
_SIKH_FEMALE = (
    "Harpreet", "Gurpreet", "Jaspreet", "Manpreet", "Simran", "Jasleen", "Gurleen", "Harleen",
    "Amrit", "Baljit", "Kulwinder", "Rajwinder", "Navneet", "Sukhjeet", "Parminder", "Mandeep",
    "Ravneet", "Jasmin", "Harman", "Kiran",
)
_SIKH_MALE = (
    "Harpreet", "Gurpreet", "Jaspreet", "Manpreet", "Amarjit", "Harjinder", "Kulwinder", "Rajinder",
    "Sukhwinder", "Navdeep", "Baljit", "Jaswinder", "Paramjit", "Gurdeep", "Harvinder", "Ranjit",
    "Balvinder", "Jasdeep", "Arjan", "Tejinder",
)
_SIKH_FAMILY = (
    "Gill", "Sandhu", "Sidhu", "Dhillon", "Bains", "Johal", "Sangha", "Virdi", "Atwal", "Bassi",
    "Hayer", "Grewal", "Randhawa", "Dhaliwal", "Sohal", "Kang", "Mann", "Bhogal", "Sahota",
    "Chahal",
)
_GUJARATI_FEMALE = (
    "Priya", "Anjali", "Nisha", "Pooja", "Kiran", "Bhavna", "Meera", "Hetal", "Anaya", "Diya",
    "Riya", "Shreya", "Krupa", "Nehal", "Hema", "Jayshree", "Mira", "Tara", "Aanya", "Isha",
)
_GUJARATI_MALE = (
    "Nikhil", "Ravi", "Hitesh", "Jayesh", "Rakesh", "Dipak", "Krishna", "Arjun", "Dev", "Rohan",
    "Aarav", "Ishaan", "Vikram", "Sanjay", "Pritesh", "Manish", "Kunal", "Rahul", "Nilesh", "Vivek",
)
_GUJARATI_FAMILY = (
    "Patel", "Shah", "Mistry", "Parmar", "Chauhan", "Solanki", "Mehta", "Desai", "Joshi", "Thakkar",
    "Lad", "Rana", "Bhatt", "Pandya", "Modi", "Vaghela", "Makwana", "Chavda", "D'Souza", "Pillai",
)
_BANGLADESHI_FEMALE = (
    "Nasima", "Rokeya", "Shirin", "Taslima", "Sumaya", "Tahmina", "Farzana", "Jannat", "Nusrat",
    "Sadia", "Mim", "Afsana", "Rumana", "Salma", "Rehana", "Amina", "Tasnim", "Shapla", "Lipi",
    "Ruksana",
)
_BANGLADESHI_MALE = (
    "Abdul", "Mohammed", "Shahid", "Jamal", "Rahim", "Karim", "Sohel", "Rubel", "Shafiq", "Anwar",
    "Nazrul", "Rafiq", "Habib", "Ayan", "Rayhan", "Tanvir", "Sabbir", "Imran", "Shamim", "Mahfuz",
)
_BANGLADESHI_FAMILY = (
    "Miah", "Uddin", "Rahman", "Ahmed", "Hussain", "Islam", "Ali", "Choudhury", "Chowdhury",
    "Hoque", "Haque", "Alam", "Karim", "Khan", "Ullah", "Miah", "Sarkar", "Talukder",
)
_BANGLADESHI_FAMILY_FEMALE = ("Begum", "Khatun", "Bibi", "Sultana", "Akter", "Khanom")
_CHINESE_FEMALE = (
    "Fang", "Min", "Jing", "Yan", "Na", "Hui", "Xin", "Ying", "Li", "Mei", "Xiu", "Zihan", "Jenny",
    "Michelle", "Kelly", "Lily", "Grace", "Wing", "Ka Yan", "Hoi Yee",
)
_CHINESE_MALE = (
    "Wei", "Lei", "Jun", "Yang", "Jie", "Qiang", "Tao", "Ming", "Hao", "Yuxuan", "Haoran", "Jason",
    "Kelvin", "Michael", "Ka Ho", "Chi Wai", "Kin", "Wing Hong", "Ho Yin", "Wai",
)
_CHINESE_FAMILY = (
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Lin",
    "Wong", "Chan", "Lee", "Cheung", "Ng", "Lau", "Leung", "Ho", "Yip", "Tang", "Chow", "Lam",
)
_CARIBBEAN_FEMALE = (
    "Marcia", "Sonia", "Beverley", "Yvonne", "Jacqueline", "Shanice", "Tanisha", "Keisha",
    "Chantelle", "Simone", "Maxine", "Paulette", "Hyacinth", "Jasmine", "Aaliyah", "Destiny",
    "Kiara", "Imani", "Monique", "Precious",
)
_CARIBBEAN_MALE = (
    "Delroy", "Winston", "Leroy", "Marlon", "Errol", "Clive", "Desmond", "Jermaine", "Tyrone",
    "Kemar", "Andre", "Devon", "Dwayne", "Nathaniel", "Malachi", "Tyrell", "Jerome", "Courtney",
    "Marcus", "Josiah",
)
_CARIBBEAN_FAMILY = (
    "Campbell", "Brown", "Williams", "Clarke", "Grant", "Francis", "Thompson", "Johnson", "Reid",
    "Lewis", "Samuels", "McKenzie", "Gayle", "Bailey", "Henry", "Edwards", "Forbes", "Hylton",
    "Nembhard", "Blake", "Morgan", "Richards", "Bennett", "Ellis", "Powell",
)
_NIGERIAN_FEMALE = (
    "Blessing", "Chiamaka", "Ngozi", "Adaeze", "Funmilayo", "Temitope", "Oluwaseun", "Precious",
    "Favour", "Esther", "Comfort", "Chidinma", "Ifeoma", "Yetunde", "Folake", "Adenike", "Bukola",
    "Kemi", "Amaka", "Nneka",
)
_NIGERIAN_MALE = (
    "Chinonso", "Emeka", "Oluwaseun", "Oluwatobi", "Ifeanyi", "Chukwuemeka", "Chidi", "Tunde",
    "Babajide", "Olumide", "Daniel", "David", "Samuel", "Emmanuel", "Adebayo", "Uche", "Obinna",
    "Kayode", "Segun", "Femi",
)
_NIGERIAN_FAMILY = (
    "Okafor", "Eze", "Obi", "Nwosu", "Okeke", "Adeyemi", "Ogunleye", "Balogun", "Okonkwo",
    "Adebayo", "Olawale", "Chukwu", "Nwachukwu", "Onyekachi", "Oyelaran", "Akinola", "Oladipo",
    "Ibekwe", "Ezeh", "Uzor", "Adewale", "Ogunbiyi", "Ekwueme",
)
_SOMALI_FEMALE = (
    "Amina", "Fadumo", "Hodan", "Hibo", "Ayan", "Sahra", "Nimco", "Ifrah", "Khadra", "Ubah",
    "Sagal", "Ladan", "Hawa", "Filsan", "Asha", "Idil", "Ikran", "Muna", "Deeqa", "Sucaad",
)
_SOMALI_MALE = (
    "Abdi", "Abdullahi", "Mohamed", "Mohamud", "Ahmed", "Hassan", "Hussein", "Omar", "Yusuf",
    "Ismail", "Ali", "Abdirahman", "Abdirizak", "Liban", "Guled", "Farah", "Mustafe", "Bashir",
    "Said", "Cabdi",
)
_SOMALI_FAMILY = (
    "Mohamed", "Ahmed", "Hassan", "Ali", "Abdi", "Farah", "Warsame", "Jama", "Osman", "Yusuf",
    "Egal", "Nur", "Adan", "Hersi", "Dualeh", "Samatar", "Abdullahi", "Ibrahim", "Aden", "Omar",
    "Cali", "Xasan",
)
_ARAB_FEMALE = (
    "Fatima", "Mariam", "Layla", "Nour", "Aisha", "Huda", "Rana", "Salma", "Yasmin", "Dina", "Lina",
    "Rania", "Hala", "Reem", "Sara", "Jana", "Lana", "Malak", "Rahaf", "Shahd",
)
_ARAB_MALE = (
    "Mohammed", "Ahmed", "Omar", "Khalid", "Yusuf", "Ibrahim", "Hassan", "Ali", "Karim", "Tariq",
    "Sami", "Nabil", "Rami", "Fadi", "Ziad", "Mahmoud", "Hamza", "Adam", "Zaid", "Yazan",
)
_ARAB_FAMILY = (
    "Al-Sayed", "Haddad", "Hassan", "Khalil", "Mansour", "Saleh", "Nasser", "Hamdan", "Al-Masri",
    "Abbas", "Darwish", "Youssef", "Ibrahim", "Al-Amin", "Said", "Farouk", "Jaber", "Qasim",
    "Al-Hashimi", "Othman",
)
_KURDISH_AFGHAN_FEMALE = (
    "Zahra", "Marzia", "Parwana", "Mursal", "Farzana", "Shilan", "Avin", "Rozhin", "Dilan", "Hana",
    "Shirin", "Soraya", "Gulalai", "Nazanin", "Roya",
)
_KURDISH_AFGHAN_MALE = (
    "Ahmad", "Mohammad", "Wahid", "Farid", "Nasir", "Jawid", "Sayed", "Rahim", "Karwan", "Hemin",
    "Rebin", "Zana", "Hawre", "Shwan", "Mustafa",
)
_KURDISH_AFGHAN_FAMILY = (
    "Ahmadi", "Mohammadi", "Rahimi", "Hosseini", "Karimi", "Noori", "Azizi", "Amiri", "Sultani",
    "Popal", "Hamid", "Rasul", "Mustafa", "Aziz", "Barzani", "Hamasalih",
)
_TAMIL_FILIPINO_FEMALE = (
    "Sinthuja", "Nirosha", "Kavitha", "Tharani", "Abirami", "Maria", "Jocelyn", "Rowena",
    "Cristina", "Marites", "Lovely", "Joy",
)
_TAMIL_FILIPINO_MALE = (
    "Tharshan", "Thilak", "Kajan", "Niroshan", "Suresh", "Jerome", "Mark", "Joel", "Rodel",
    "Jun-Jun", "Paolo", "Arnel",
)
_TAMIL_FILIPINO_FAMILY = (
    "Sivakumar", "Selvarajah", "Kanagaratnam", "Thevarajah", "Balasubramaniam", "Santos", "Reyes",
    "Cruz", "Bautista", "Dela Cruz", "Mendoza", "Villanueva",
)
_EUROPEAN_FEMALE = (
    "Inês", "Beatriz", "Joana", "Mariana", "Giulia", "Chiara", "Francesca", "Sofía", "Lucía",
    "Gabrielė", "Rūta", "Eglė",
)
_EUROPEAN_MALE = (
    "João", "Tiago", "Gonçalo", "Rui", "Francesco", "Matteo", "Giuseppe", "José", "Jonas", "Tomas",
    "Mantas", "Dāvis",
)
_EUROPEAN_FAMILY = (
    "Silva", "Santos", "Ferreira", "Gonçalves", "Rodrigues", "Pereira", "Rossi", "Russo",
    "Esposito", "Ricci", "García", "Fernández", "Kazlauskas", "Petrauskas", "Bērziņš",
)

# --- Variants used to make duplicate records -------------------------------------------------

# Formal name -> the short forms people give instead.
DIMINUTIVES: dict[str, tuple[str, ...]] = {
    "William": ("Bill", "Billy", "Will", "Liam"), "Robert": ("Bob", "Rob", "Bobby", "Robbie"),
    "Richard": ("Rick", "Dick", "Richie"), "James": ("Jim", "Jimmy", "Jamie"),
    "Thomas": ("Tom", "Tommy"), "Michael": ("Mike", "Mick", "Mikey"),
    "Christopher": ("Chris", "Kit"), "Daniel": ("Dan", "Danny"), "Anthony": ("Tony", "Ant"),
    "Joseph": ("Joe", "Joey"), "Edward": ("Ed", "Eddie", "Ted", "Ned"),
    "Alexander": ("Alex", "Sandy", "Xander"), "Benjamin": ("Ben", "Benny"), "Matthew": ("Matt",),
    "Nicholas": ("Nick", "Nicky"), "Jonathan": ("Jon", "Jonny"), "Samuel": ("Sam", "Sammy"),
    "Stephen": ("Steve",), "Steven": ("Steve",), "Andrew": ("Andy", "Drew"),
    "David": ("Dave", "Davey"), "Peter": ("Pete",), "Patrick": ("Pat", "Paddy"),
    "Charles": ("Charlie", "Chas"), "Frederick": ("Fred", "Freddie"), "Henry": ("Harry", "Hal"),
    "John": ("Jack", "Johnny"), "Zachary": ("Zac", "Zach"),
    "Elizabeth": ("Liz", "Lizzie", "Beth", "Betty", "Eliza"),
    "Margaret": ("Maggie", "Peggy", "Meg"), "Katherine": ("Kate", "Katie", "Kathy"),
    "Catherine": ("Cath", "Cathy", "Kate"), "Rebecca": ("Becky", "Becca"),
    "Jennifer": ("Jenny", "Jen"), "Victoria": ("Vicky", "Tori"), "Samantha": ("Sam", "Sammy"),
    "Jessica": ("Jess", "Jessie"), "Alexandra": ("Alex", "Lexi"), "Abigail": ("Abi", "Abby"),
    "Charlotte": ("Lottie", "Charlie"), "Deborah": ("Debbie", "Deb"), "Susan": ("Sue", "Susie"),
    "Patricia": ("Pat", "Trish"), "Kimberley": ("Kim",), "Natalie": ("Nat",),
    "Olivia": ("Liv", "Livvy"), "Isabella": ("Bella", "Izzy"), "Amelia": ("Millie", "Mia"),
    "Matilda": ("Tilly",), "Florence": ("Flo",), "Katarzyna": ("Kasia", "Kaśka"),
    "Małgorzata": ("Gosia", "Małgosia"), "Aleksandra": ("Ola",), "Agnieszka": ("Aga",),
    "Magdalena": ("Magda",), "Joanna": ("Asia",), "Krzysztof": ("Krzysiek",),
    "Wojciech": ("Wojtek",), "Grzegorz": ("Grzesiek",), "Bartłomiej": ("Bartek",),
    "Tomasz": ("Tomek",), "Piotr": ("Piotrek",), "Jakub": ("Kuba",), "Aleksander": ("Olek",),
    "Mateusz": ("Mati",), "Dafydd": ("Dai", "Dewi"), "Gwenllïan": ("Gwen",),
    "Oleksandr": ("Sasha",), "Kateryna": ("Katya",), "Tetyana": ("Tanya",),
    "Nataliya": ("Natasha",), "Mohammed": ("Mo",), "Muhammad": ("Mo",), "Mohamed": ("Mo",),
    "Abdirahman": ("Abdi",), "Harpreet": ("Harry",), "Sukhwinder": ("Sukhi",),
    "Kulwinder": ("Kully",), "Rajinder": ("Raj",), "Gurpreet": ("Gary",), "Oluwaseun": ("Seun",),
    "Oluwatobi": ("Tobi",), "Chukwuemeka": ("Emeka",), "Ifeanyi": ("Iffy",), "Chinonso": ("Nonso",),
    "Funmilayo": ("Funmi",), "Temitope": ("Tope", "Temi"), "Babajide": ("Jide",),
    "Wei": ("William",), "Jun": ("Jason",),
}

# Spellings of the same name across transliterations; any member may stand for another.
TRANSLITERATION_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Mohammed", "Muhammad", "Mohammad", "Mohamed", "Muhammed", "Mohamad"),
    ("Ahmed", "Ahmad", "Ahmet"),
    ("Hussain", "Hussein", "Husain", "Hossain"),
    ("Aisha", "Ayesha", "Aysha", "Aishah"),
    ("Fatima", "Fatimah", "Fadumo"),
    ("Yusuf", "Yousef", "Youssef", "Yusif"),
    ("Osman", "Othman", "Usman", "Uthman"),
    ("Khadija", "Khadijah", "Khadeeja"),
    ("Mohamud", "Mahmoud", "Mahmood", "Mahmud"),
    ("Siddique", "Siddiqui", "Siddiq"),
    ("Chaudhry", "Choudhury", "Chowdhury", "Chaudhary"),
    ("Rahman", "Rehman"),
    ("Hoque", "Haque", "Huq"),
    ("Miah", "Mia", "Meah"),
    ("Ibrahim", "Ebrahim", "Ibraheem"),
    ("Abdullahi", "Abdullah", "Abdallah"),
    ("Omar", "Umar", "Omer"),
    ("Zainab", "Zaynab", "Zeinab"),
    ("Maryam", "Mariam", "Miriam"),
    ("Nour", "Noor", "Nur"),
    ("Hassan", "Hasan", "Xasan"),
    ("Ali", "Cali"),
    ("Abdi", "Cabdi"),
    ("Said", "Saeed", "Sayed"),
    ("Oleksandr", "Olexandr", "Aleksandr", "Alexander"),
    ("Andriy", "Andrii", "Andrey"),
    ("Serhiy", "Serhii", "Sergey", "Sergei"),
    ("Yuliya", "Yulia", "Iuliia", "Julia"),
    ("Tetyana", "Tetiana", "Tatiana"),
    ("Kateryna", "Katerina", "Kateryna"),
    ("Nataliya", "Natalia", "Nataliia"),
    ("Dmytro", "Dmitro", "Dmitry"),
    ("Yuriy", "Yurii", "Yuri"),
    ("Kovalenko", "Kowalenko"),
    ("Shevchenko", "Szewczenko", "Schevchenko"),
    ("Zhang", "Chang", "Cheung"),
    ("Chen", "Chan", "Chin"),
    ("Huang", "Wong"),
    ("Liu", "Lau", "Lew"),
    ("Wu", "Ng", "Woo"),
    ("Li", "Lee", "Lei"),
    ("Zhou", "Chow", "Chau"),
)

# Native-script spellings for the communities that sometimes record names that way.
NATIVE_SCRIPT: dict[str, str] = {
    # Arabic
    "Mohammed": "محمد",
    "Ahmed": "أحمد",
    "Omar": "عمر",
    "Khalid": "خالد",
    "Yusuf": "يوسف",
    "Ibrahim": "إبراهيم",
    "Hassan": "حسن",
    "Ali": "علي",
    "Karim": "كريم",
    "Tariq": "طارق",
    "Sami": "سامي",
    "Mahmoud": "محمود",
    "Hamza": "حمزة",
    "Zaid": "زيد",
    "Fatima": "فاطمة",
    "Mariam": "مريم",
    "Layla": "ليلى",
    "Nour": "نور",
    "Aisha": "عائشة",
    "Huda": "هدى",
    "Salma": "سلمى",
    "Yasmin": "ياسمين",
    "Rana": "رنا",
    "Reem": "ريم",
    "Sara": "سارة",
    "Lina": "لينا",
    "Jana": "جنى",
    "Malak": "ملاك",
    "Al-Sayed": "السيد",
    "Haddad": "حداد",
    "Khalil": "خليل",
    "Mansour": "منصور",
    "Saleh": "صالح",
    "Nasser": "ناصر",
    "Hamdan": "حمدان",
    "Al-Masri": "المصري",
    "Abbas": "عباس",
    "Darwish": "درويش",
    "Youssef": "يوسف",
    "Said": "سعيد",
    "Jaber": "جابر",
    "Othman": "عثمان",
    "Qasim": "قاسم",
    "Farouk": "فاروق",
    "Al-Amin": "الأمين",
    "Al-Hashimi": "الهاشمي",
    # Chinese (given names, and family names in both Mandarin and Cantonese spellings)
    "Wei": "伟",
    "Fang": "芳",
    "Min": "敏",
    "Jing": "静",
    "Lei": "磊",
    "Jun": "军",
    "Yang": "杨",
    "Yan": "艳",
    "Jie": "杰",
    "Na": "娜",
    "Qiang": "强",
    "Tao": "涛",
    "Ming": "明",
    "Hui": "慧",
    "Xin": "欣",
    "Ying": "英",
    "Hao": "浩",
    "Mei": "美",
    "Zihan": "子涵",
    "Yuxuan": "宇轩",
    "Haoran": "浩然",
    "Wang": "王",
    "Li": "李",
    "Zhang": "张",
    "Liu": "刘",
    "Chen": "陈",
    "Huang": "黄",
    "Zhao": "赵",
    "Wu": "吴",
    "Zhou": "周",
    "Xu": "徐",
    "Sun": "孙",
    "Lin": "林",
    "Wong": "黄",
    "Chan": "陈",
    "Lee": "李",
    "Cheung": "张",
    "Lau": "刘",
    "Ng": "吴",
    "Ho": "何",
    "Leung": "梁",
    "Yip": "叶",
    "Tang": "邓",
    "Chow": "周",
    "Lam": "林",
    # Ukrainian
    "Oleksandr": "Олександр",
    "Andriy": "Андрій",
    "Dmytro": "Дмитро",
    "Serhiy": "Сергій",
    "Mykola": "Микола",
    "Taras": "Тарас",
    "Bohdan": "Богдан",
    "Yuriy": "Юрій",
    "Vasyl": "Василь",
    "Maksym": "Максим",
    "Olena": "Олена",
    "Oksana": "Оксана",
    "Iryna": "Ірина",
    "Nataliya": "Наталія",
    "Yuliya": "Юлія",
    "Tetyana": "Тетяна",
    "Kateryna": "Катерина",
    "Sofiya": "Софія",
    "Anastasiya": "Анастасія",
    "Viktoriya": "Вікторія",
    "Kovalenko": "Коваленко",
    "Shevchenko": "Шевченко",
    "Bondarenko": "Бондаренко",
    "Tkachenko": "Ткаченко",
    "Kravchenko": "Кравченко",
    "Melnyk": "Мельник",
    "Boyko": "Бойко",
    "Oliynyk": "Олійник",
    "Lysenko": "Лисенко",
    "Marchenko": "Марченко",
    "Savchenko": "Савченко",
    "Rudenko": "Руденко",
    "Petrenko": "Петренко",
    "Koval": "Коваль",
    "Moroz": "Мороз",
    "Polishchuk": "Поліщук",
}

# fmt: on

# Communities whose native-script records put the family name first.
FAMILY_NAME_FIRST_SCRIPTS = frozenset({"chinese"})


def _merge(*pools: Iterable[str]) -> tuple[str, ...]:
    """Join pools in order, dropping repeats and names with stray spaces."""
    return tuple(dict.fromkeys(name.strip() for pool in pools for name in pool if name.strip()))


def _faker_names(locale: str, attribute: str) -> tuple[str, ...]:
    """Read a static name table from a Faker locale provider (data only; no Faker instance)."""
    import importlib

    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    table = getattr(provider, attribute, ())
    return tuple(str(name) for name in table)


@functools.cache
def communities() -> tuple[Community, ...]:
    """Return every community with its pools, built once per process."""
    gb_female = _faker_names("en_GB", "first_names_female")
    gb_male = _faker_names("en_GB", "first_names_male")
    gb_family = _faker_names("en_GB", "last_names")
    english_lang = (("English", 1.0),)
    return (
        Community(
            key="english",
            weight=50,
            ethnicity="W1",
            ethnicity_alternatives=("W9", "M9", "W2"),
            officer_ethnicity="IC1",
            languages=english_lang,
            given_female=_merge(_ENGLISH_ADULT_FEMALE, gb_female),
            given_male=_merge(_ENGLISH_ADULT_MALE, gb_male),
            family=_merge(_ENGLISH_FAMILY_EXTRA, gb_family),
            child_female=_ENGLISH_CHILD_FEMALE,
            child_male=_ENGLISH_CHILD_MALE,
            takes_husband_name=0.75,
            middle_share=0.45,
        ),
        Community(
            key="scottish",
            weight=4,
            ethnicity="W1",
            ethnicity_alternatives=("W9",),
            officer_ethnicity="IC1",
            languages=english_lang,
            given_female=_merge(_SCOTTISH_FEMALE, _ENGLISH_ADULT_FEMALE[:20]),
            given_male=_merge(_SCOTTISH_MALE, _ENGLISH_ADULT_MALE[:20]),
            family=_SCOTTISH_FAMILY,
            middle_share=0.45,
        ),
        Community(
            key="welsh",
            weight=3,
            ethnicity="W1",
            ethnicity_alternatives=("W9",),
            officer_ethnicity="IC1",
            languages=(("English", 0.8), ("Welsh", 0.2)),
            given_female=_WELSH_FEMALE,
            given_male=_WELSH_MALE,
            family=_WELSH_FAMILY,
            middle_share=0.4,
        ),
        Community(
            key="irish",
            weight=3,
            ethnicity="W2",
            ethnicity_alternatives=("W1", "W9"),
            officer_ethnicity="IC1",
            languages=(("English", 0.95), ("Irish", 0.05)),
            given_female=_merge(_IRISH_FEMALE, _faker_names("en_IE", "first_names_female")[:80]),
            given_male=_merge(_IRISH_MALE, _faker_names("en_IE", "first_names_male")[:80]),
            family=_IRISH_FAMILY,
            middle_share=0.35,
        ),
        Community(
            key="traveller",
            weight=0.8,
            ethnicity="W3",
            ethnicity_alternatives=("W2", "W1"),
            officer_ethnicity="IC1",
            languages=(("English", 0.9), ("Shelta", 0.1)),
            given_female=_TRAVELLER_FEMALE,
            given_male=_TRAVELLER_MALE,
            family=_TRAVELLER_FAMILY,
            middle_share=0.1,
        ),
        Community(
            key="polish",
            weight=5,
            ethnicity="W9",
            ethnicity_alternatives=("W1",),
            officer_ethnicity="IC1",
            languages=(("Polish", 0.85), ("English", 0.15)),
            given_female=_merge(_POLISH_ADULT_FEMALE, _faker_names("pl_PL", "first_names_female")),
            given_male=_merge(_POLISH_ADULT_MALE, _faker_names("pl_PL", "first_names_male")),
            family=_POLISH_FAMILY,
            child_female=_faker_names("pl_PL", "first_names_female"),
            child_male=_faker_names("pl_PL", "first_names_male"),
            gendered_surnames=True,
            takes_husband_name=0.9,
            middle_share=0.15,
        ),
        Community(
            key="romanian",
            weight=2.5,
            ethnicity="W9",
            ethnicity_alternatives=("W3", "O9"),
            officer_ethnicity="IC2",
            languages=(("Romanian", 0.85), ("Romani", 0.15)),
            given_female=_faker_names("ro_RO", "first_names_female"),
            given_male=_faker_names("ro_RO", "first_names_male"),
            family=_merge(_ROMANIAN_FAMILY, _faker_names("ro_RO", "last_names")),
            takes_husband_name=0.85,
            middle_share=0.2,
        ),
        Community(
            key="ukrainian",
            weight=0.8,
            ethnicity="W9",
            ethnicity_alternatives=("O9",),
            officer_ethnicity="IC1",
            languages=(("Ukrainian", 0.8), ("Russian", 0.2)),
            given_female=_UKRAINIAN_FEMALE,
            given_male=_UKRAINIAN_MALE,
            family=_UKRAINIAN_FAMILY,
            takes_husband_name=0.9,
            middle_share=0.0,
            native_script_share=0.03,
        ),
        Community(
            key="european",
            weight=1.2,
            ethnicity="W9",
            ethnicity_alternatives=("W1", "O9"),
            officer_ethnicity="IC2",
            languages=(
                ("Portuguese", 0.4),
                ("Italian", 0.25),
                ("Spanish", 0.15),
                ("Lithuanian", 0.1),
                ("Latvian", 0.1),
            ),
            given_female=_EUROPEAN_FEMALE,
            given_male=_EUROPEAN_MALE,
            family=_EUROPEAN_FAMILY,
            takes_husband_name=0.3,
            middle_share=0.4,
        ),
        Community(
            key="pakistani",
            weight=5.5,
            ethnicity="A2",
            ethnicity_alternatives=("A9", "O9"),
            officer_ethnicity="IC4",
            languages=(
                ("Urdu", 0.35),
                ("Punjabi", 0.25),
                ("Pahari-Pothwari", 0.15),
                ("English", 0.25),
            ),
            given_female=_PAKISTANI_FEMALE,
            given_male=_PAKISTANI_MALE,
            family=_PAKISTANI_FAMILY,
            family_female_only=_PAKISTANI_FAMILY_FEMALE,
            female_only_share=0.3,
            takes_husband_name=0.5,
            middle_share=0.35,
        ),
        Community(
            key="punjabi_sikh",
            weight=2.5,
            ethnicity="A1",
            ethnicity_alternatives=("A9",),
            officer_ethnicity="IC4",
            languages=(("Punjabi", 0.6), ("English", 0.4)),
            given_female=_SIKH_FEMALE,
            given_male=_SIKH_MALE,
            family=_SIKH_FAMILY,
            sikh=True,
            takes_husband_name=0.8,
            middle_share=0.0,
        ),
        Community(
            key="gujarati",
            weight=2.0,
            ethnicity="A1",
            ethnicity_alternatives=("A9",),
            officer_ethnicity="IC4",
            languages=(("Gujarati", 0.5), ("English", 0.5)),
            given_female=_merge(_GUJARATI_FEMALE, _faker_names("en_IN", "first_names_female")[:60]),
            given_male=_merge(_GUJARATI_MALE, _faker_names("en_IN", "first_names_male")[:60]),
            family=_GUJARATI_FAMILY,
            takes_husband_name=0.9,
            middle_share=0.3,
        ),
        Community(
            key="bangladeshi",
            weight=2.0,
            ethnicity="A3",
            ethnicity_alternatives=("A9",),
            officer_ethnicity="IC4",
            languages=(("Bengali", 0.35), ("Sylheti", 0.4), ("English", 0.25)),
            given_female=_BANGLADESHI_FEMALE,
            given_male=_BANGLADESHI_MALE,
            family=_BANGLADESHI_FAMILY,
            family_female_only=_BANGLADESHI_FAMILY_FEMALE,
            female_only_share=0.45,
            takes_husband_name=0.3,
            middle_share=0.3,
        ),
        Community(
            key="chinese",
            weight=1.2,
            ethnicity="A4",
            ethnicity_alternatives=("A9", "O9"),
            officer_ethnicity="IC5",
            languages=(("Cantonese", 0.4), ("Mandarin", 0.4), ("English", 0.2)),
            given_female=_CHINESE_FEMALE,
            given_male=_CHINESE_MALE,
            family=_CHINESE_FAMILY,
            takes_husband_name=0.2,
            middle_share=0.1,
            native_script_share=0.04,
        ),
        Community(
            key="caribbean",
            weight=1.8,
            ethnicity="B1",
            ethnicity_alternatives=("B9", "M1"),
            officer_ethnicity="IC3",
            languages=english_lang,
            given_female=_merge(_CARIBBEAN_FEMALE, _ENGLISH_ADULT_FEMALE[:25]),
            given_male=_merge(_CARIBBEAN_MALE, _ENGLISH_ADULT_MALE[:25]),
            family=_CARIBBEAN_FAMILY,
            middle_share=0.4,
        ),
        Community(
            key="nigerian",
            weight=2.2,
            ethnicity="B2",
            ethnicity_alternatives=("B9",),
            officer_ethnicity="IC3",
            languages=(("English", 0.5), ("Yoruba", 0.3), ("Igbo", 0.15), ("Hausa", 0.05)),
            given_female=_merge(
                _NIGERIAN_FEMALE,
                _faker_names("yo_NG", "first_names_female"),
                _faker_names("ig_NG", "first_names_female"),
                _faker_names("ha_NG", "first_names_female"),
            ),
            given_male=_merge(
                _NIGERIAN_MALE,
                _faker_names("yo_NG", "first_names_male"),
                _faker_names("ig_NG", "first_names_male"),
                _faker_names("ha_NG", "first_names_male"),
            ),
            family=_merge(
                _NIGERIAN_FAMILY,
                _faker_names("yo_NG", "last_names"),
                _faker_names("ig_NG", "last_names"),
            ),
            takes_husband_name=0.85,
            middle_share=0.5,
        ),
        Community(
            key="ghanaian",
            weight=0.6,
            ethnicity="B2",
            ethnicity_alternatives=("B9",),
            officer_ethnicity="IC3",
            languages=(("English", 0.5), ("Twi", 0.4), ("Ga", 0.1)),
            given_female=_faker_names("tw_GH", "first_names_female"),
            given_male=_faker_names("tw_GH", "first_names_male"),
            family=_faker_names("tw_GH", "last_names"),
            takes_husband_name=0.6,
            middle_share=0.4,
        ),
        Community(
            key="somali",
            weight=1.2,
            ethnicity="B2",
            ethnicity_alternatives=("B9", "O9"),
            officer_ethnicity="IC3",
            languages=(("Somali", 0.8), ("English", 0.2)),
            given_female=_SOMALI_FEMALE,
            given_male=_SOMALI_MALE,
            family=_SOMALI_FAMILY,
            patronymic=True,
            takes_husband_name=0.0,
            middle_share=0.1,
        ),
        Community(
            key="arab",
            weight=1.2,
            ethnicity="O2",
            ethnicity_alternatives=("O9", "B9"),
            officer_ethnicity="IC6",
            languages=(("Arabic", 0.85), ("English", 0.15)),
            given_female=_ARAB_FEMALE,
            given_male=_ARAB_MALE,
            family=_ARAB_FAMILY,
            takes_husband_name=0.1,
            middle_share=0.2,
            native_script_share=0.05,
        ),
        Community(
            key="kurdish_afghan",
            weight=0.8,
            ethnicity="O9",
            ethnicity_alternatives=("A9", "O2"),
            officer_ethnicity="IC6",
            languages=(("Kurdish Sorani", 0.35), ("Dari", 0.3), ("Pashto", 0.25), ("Farsi", 0.1)),
            given_female=_KURDISH_AFGHAN_FEMALE,
            given_male=_KURDISH_AFGHAN_MALE,
            family=_KURDISH_AFGHAN_FAMILY,
            takes_husband_name=0.2,
            middle_share=0.05,
        ),
        Community(
            key="tamil_filipino",
            weight=0.5,
            ethnicity="A9",
            ethnicity_alternatives=("O9",),
            officer_ethnicity="IC4",
            languages=(("Tamil", 0.5), ("Tagalog", 0.5)),
            given_female=_TAMIL_FILIPINO_FEMALE,
            given_male=_TAMIL_FILIPINO_MALE,
            family=_TAMIL_FILIPINO_FAMILY,
            takes_husband_name=0.7,
            middle_share=0.2,
        ),
    )


@functools.cache
def community_by_key() -> dict[str, Community]:
    """Return the communities keyed by ``key``."""
    return {c.key: c for c in communities()}


def feminine_surname(family: str) -> str:
    """Return the feminine form of a Polish adjectival surname (Kowalski -> Kowalska)."""
    for ending, feminine in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if family.endswith(ending):
            return family[: -len(ending)] + feminine
    return family


def masculine_surname(family: str) -> str:
    """Return the masculine form of a Polish adjectival surname (Kowalska -> Kowalski)."""
    for ending, masculine in (("ska", "ski"), ("cka", "cki"), ("dzka", "dzki")):
        if family.endswith(ending):
            return family[: -len(ending)] + masculine
    return family


@dataclass(frozen=True)
class VariantTables:
    """Lookups for the duplicate distortions, precomputed from the tables above."""

    diminutives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    transliterations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    irish_forms: dict[str, tuple[str, str]] = field(default_factory=dict)
    native: dict[str, str] = field(default_factory=dict)


@functools.cache
def variant_tables() -> VariantTables:
    """Return the variant lookups, built once per process."""
    transliterations: dict[str, tuple[str, ...]] = {}
    for group in TRANSLITERATION_GROUPS:
        unique = tuple(dict.fromkeys(group))
        for name in unique:
            others = tuple(n for n in unique if n != name)
            transliterations[name] = tuple(dict.fromkeys(transliterations.get(name, ()) + others))
    irish = {anglicised: (men, women) for anglicised, men, women in IRISH_SURNAME_FORMS}
    return VariantTables(
        diminutives=dict(DIMINUTIVES),
        transliterations=transliterations,
        irish_forms=irish,
        native=dict(NATIVE_SCRIPT),
    )


# --- Places ----------------------------------------------------------------------------------
# fmt: off

# (town, postcode districts, relative population, local authority)
TOWNS: tuple[tuple[str, tuple[str, ...], float, str], ...] = (
    ("Stoke-on-Trent", ("ST1", "ST2", "ST3", "ST4", "ST6"), 25, "Stoke-on-Trent"),
    ("Newcastle-under-Lyme", ("ST5",), 8, "Staffordshire"),
    ("Kidsgrove", ("ST7",), 2.5, "Staffordshire"),
    ("Biddulph", ("ST8",), 2, "Staffordshire"),
    ("Leek", ("ST13",), 2.5, "Staffordshire"),
    ("Cheadle", ("ST10",), 1.5, "Staffordshire"),
    ("Uttoxeter", ("ST14",), 2, "Staffordshire"),
    ("Stone", ("ST15",), 2, "Staffordshire"),
    ("Stafford", ("ST16", "ST17", "ST18"), 9, "Staffordshire"),
    ("Penkridge", ("ST19",), 1, "Staffordshire"),
    ("Cannock", ("WS11", "WS12"), 7, "Staffordshire"),
    ("Burntwood", ("WS7",), 2.5, "Staffordshire"),
    ("Lichfield", ("WS13", "WS14"), 4, "Staffordshire"),
    ("Rugeley", ("WS15",), 2.5, "Staffordshire"),
    ("Burton upon Trent", ("DE13", "DE14", "DE15"), 8, "Staffordshire"),
    ("Tamworth", ("B77", "B78", "B79"), 7, "Staffordshire"),
    ("Codsall", ("WV8",), 1, "Staffordshire"),
    ("Perton", ("WV6",), 1, "Staffordshire"),
)

STREET_SUFFIXES: tuple[str, ...] = (
    "Road", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Crescent", "Grove", "Place",
    "Gardens", "Terrace", "Court", "Walk", "Rise", "View", "Mews",
)
STREET_STEMS: tuple[str, ...] = (
    "Church", "Mill", "Station", "Victoria", "Queen's", "King's", "Park", "Oak", "Ash", "Beech",
    "Elm", "Chestnut", "Willow", "Meadow", "Brook", "Canal", "Wharf", "Forge", "Potters", "Kiln",
    "Bottle Oven", "Trent", "Sow", "Dove", "Churnet", "Chase", "Heath", "Moss", "Moorland",
    "Hawthorn", "Rowan", "Holly", "Lichfield", "Stafford", "Uttoxeter", "Newcastle", "Leek",
    "Abbey", "Priory", "Castle", "Market", "Bridge", "Water", "High", "Green", "Hill", "School",
    "Chapel", "Vicarage", "Orchard", "Fern", "Foxglove", "Sandon", "Weston", "Hanley", "Etruria",
    "Wedgwood", "Brindley", "Spode", "Minton", "Gladstone", "Ironbridge", "Coalport", "Tunstall",
    "Burslem", "Longton", "Fenton",
)
BUILDING_NAMES: tuple[str, ...] = (
    "Oak Court", "Trent House", "Kiln View", "Canalside", "Priory Heights", "Victoria Mill",
    "Chase Point", "Brook House", "Forge Court", "Meadow View", "Wharf House", "Abbey Court",
)
PLACING_AUTHORITIES: tuple[str, ...] = (
    "Staffordshire County Council", "Stoke-on-Trent City Council", "Birmingham City Council",
    "Walsall Council", "Derby City Council", "City of Wolverhampton Council", "Sandwell Council",
    "Manchester City Council", "Cheshire East Council", "Shropshire Council",
    "Derbyshire County Council", "Telford and Wrekin Council",
)
DISABILITY_DETAILS: tuple[str, ...] = (
    "Autism spectrum condition", "ADHD", "Hearing impairment; uses BSL", "Type 1 diabetes",
    "Cerebral palsy", "Learning disability", "Epilepsy", "Visual impairment", "Wheelchair user",
    "Anxiety and depression", "Speech and language difficulty", "Foetal alcohol spectrum disorder",
)
HOTEL_NAMES: tuple[str, ...] = (
    "The Swan Hotel", "The George Hotel", "The Crown Inn", "Riverside Lodge", "Chase View Hotel",
    "Canal Side Inn", "Station Hotel", "Park House Hotel", "The Mill House", "Castle View Hotel",
    "Moorlands Guest House", "Trentside Lodge", "The Old Vicarage B&B", "Junction Motel",
    "Kiln House Hotel", "The Plough Inn",
)
PRIMARY_SCHOOL_PATTERNS: tuple[str, ...] = (
    "{stem} Primary School", "{stem} Primary Academy", "St {saint}'s Catholic Primary School",
    "St {saint}'s CE (VC) Primary School", "{stem} Community Primary School",
    "{stem} Infant and Nursery School", "{stem} Junior School", "{stem} Park Primary School",
)
SECONDARY_SCHOOL_PATTERNS: tuple[str, ...] = (
    "{stem} High School", "{stem} Academy", "{stem} School", "St {saint}'s Catholic College",
    "{stem} Community High School", "{stem} Grammar School", "The {stem} School",
)
SAINTS: tuple[str, ...] = (
    "Mary", "Peter", "Paul", "John", "Joseph", "Michael", "Anne", "Thomas", "Chad", "Bartholomew",
    "Werburgh", "Editha", "Luke", "Margaret", "Bernadette", "Dominic",
)
# fmt: on
