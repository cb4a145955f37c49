"""Word lists the rules rely on: reporting verbs, pronouns, clause openers, names of things.

General English news vocabulary, not the vocabulary of any particular article.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A set of the whitespace-separated words of ``text``."""
    return frozenset(text.split())


# Finite forms of verbs that report speech (PARC's cue verbs, the common ones in news).
_REPORTING_STEMS = {
    "say": ("said", "says", "say"),
    "tell": ("told", "tells", "tell"),
    "add": ("added", "adds"),
    "state": ("stated", "states"),
    "report": ("reported", "reports"),
    "claim": ("claimed", "claims"),
    "confirm": ("confirmed", "confirms"),
    "deny": ("denied", "denies"),
    "announce": ("announced", "announces"),
    "explain": ("explained", "explains"),
    "note": ("noted", "notes"),
    "insist": ("insisted", "insists"),
    "argue": ("argued", "argues"),
    "warn": ("warned", "warns"),
    "reveal": ("revealed", "reveals"),
    "reply": ("replied", "replies"),
    "respond": ("responded", "responds"),
    "answer": ("answered", "answers"),
    "write": ("wrote", "writes"),
    "read": ("read", "reads"),  # "the statement read"
    "reiterate": ("reiterated", "reiterates"),
    "underline": ("underlined", "underlines"),
    "underscore": ("underscored", "underscores"),
    "caution": ("cautioned", "cautions"),
    "demand": ("demanded", "demands"),
    "point": ("pointed",),  # "pointed out that"
    "hint": ("hinted",),
    "signal": ("signalled", "signaled"),
    "tweet": ("tweeted", "tweets"),
    "post": ("posted",),
    "admit": ("admitted", "admits"),
    "acknowledge": ("acknowledged", "acknowledges"),
    "allege": ("alleged", "alleges"),
    "ask": ("asked", "asks"),
    "recall": ("recalled", "recalls"),
    "suggest": ("suggested", "suggests"),
    "stress": ("stressed", "stresses"),
    "emphasise": ("emphasised", "emphasized", "emphasises", "emphasizes"),
    "maintain": ("maintained",),
    "assert": ("asserted", "asserts"),
    "declare": ("declared", "declares"),
    "predict": ("predicted", "predicts"),
    "promise": ("promised", "promises"),
    "vow": ("vowed", "vows"),
    "urge": ("urged", "urges"),
    "contend": ("contended",),
    "continue": ("continued",),
    "conclude": ("concluded",),
    "observe": ("observed",),
    "complain": ("complained", "complains"),
    "concede": ("conceded", "concedes"),
    "estimate": ("estimated",),
    "testify": ("testified",),
    "disclose": ("disclosed",),
    "indicate": ("indicated",),
    "mention": ("mentioned",),
    "remark": ("remarked",),
    "comment": ("commented",),
    "joke": ("joked",),
    "quip": ("quipped",),
    "shout": ("shouted",),
    "whisper": ("whispered",),
    "exclaim": ("exclaimed",),
    "cry": ("cried",),
    "agree": ("agreed",),
    "believe": ("believes",),
    "think": ("thinks",),
    "dismiss": ("dismissed", "dismisses"),  # "dismissed the speech as \"...\""
    "describe": ("described", "describes"),
}

# --- Reporting verbs: the larger lexicon (forms: base, -s, past, -ing) ---------------------
# Verbs of speech whose complement is a clause ("clarified that", "tweeted the vote was").
# Base forms report plural or present speech ("officials say", "critics argue").
_CLAUSE_VERB_FORMS = """
say says said saying | tell tells told telling | add adds added adding
state states stated stating | claim claims claimed claiming | confirm confirms confirmed
announce announces announced | explain explains explained explaining
note notes noted noting | insist insists insisted insisting | argue argues argued arguing
warn warns warned warning | reveal reveals revealed | reply replies replied replying
respond responds responded | write writes wrote writing | report reports reported
reiterate reiterates reiterated reiterating | caution cautions cautioned cautioning
tweet tweets tweeted tweeting | post posts posted posting | admit admits admitted
acknowledge acknowledges acknowledged | allege alleges alleged alleging
suggest suggests suggested suggesting | stress stresses stressed stressing
emphasise emphasises emphasised emphasising | emphasize emphasizes emphasized emphasizing
maintain maintains maintained maintaining | assert asserts asserted asserting
declare declares declared declaring | predict predicts predicted predicting
promise promises promised promising | contend contends contended contending
conclude concludes concluded | observe observes observed | complain complains complained
complaining | concede concedes conceded conceding | estimate estimates estimated
testify testifies testified testifying | disclose discloses disclosed | indicate indicates
indicated | mention mentions mentioned | remark remarks remarked | comment comments
commented | joke jokes joked joking | clarify clarifies clarified clarifying
charge charges charged | boast boasts boasted boasting | brag brags bragged bragging
counter counters countered | retort retorts retorted | speculate speculates speculated
affirm affirms affirmed | assure assures assured assuring | inform informs informed
remind reminds reminded reminding | advise advises advised | recount recounts recounted
recall recalls recalled recalling | repeat repeats repeated | hint hints hinted hinting
signal signals signalled signaled | agree agrees agreed | lament laments lamented
wrote writes | announced | pointed | deny denies denied denying | vow vows vowed vowing
pledge pledges pledged pledging | threaten threatens threatened threatening
demand demands demanded demanding | predict | ask asks asked asking | wonder wonders wondered
concur concurs concurred | acknowledge | underline underlines underlined
underscore underscores underscored | shout shouted | whisper whispered | exclaim exclaimed
quip quipped | cry cried | believe believes | think thinks | dismiss dismisses dismissed
dismissing | describe describes described describing | answer answers answered
"""
# Speech acts whose content is an object and its complement: "accused X of Y", "urged X to
# Y", "called for Y", "vowed to Y", "thanked X for Y", "described X as Y".
_OBJECT_VERB_FORMS = """
accuse accuses accused accusing | urge urges urged urging | vow vows vowed vowing
threaten threatens threatened threatening | pledge pledges pledged pledging
promise promises promised | thank thanks thanked thanking | criticise criticises criticised
criticising | criticize criticizes criticized criticizing | blame blames blamed blaming
praise praises praised praising | condemn condemns condemned condemning
denounce denounces denounced denouncing | rebuke rebukes rebuked | label labels labeled
labelled labeling labelling | describe describes described describing | proclaim proclaims
proclaimed | encourage encourages encouraged encouraging | demand demands demanded
ask asks asked asking | dismiss dismisses dismissed dismissing | reject rejects rejected
rejecting | deny denies denied denying | confirm confirms confirmed confirming
acknowledge acknowledges acknowledged acknowledging | admit admits admitted admitting
announce announces announced announcing | slam slams slammed slamming | blast blasts blasted
mention mentions mentioned mentioning | tweet tweeted tweeting
request requests requested requesting | cite cites cited | remind reminds reminded reminding
"""
# Verbs of speaking whose content follows "about" or "of": "spoke about her ties to ...".
ABOUT_VERBS: frozenset[str] = _words(
    """
    spoke speaks speak talked talks talk complained complains complaining wrote writes
    testified boasted bragged joked warned warns
    """
)


def _forms(text: str) -> frozenset[str]:
    return frozenset(w for w in text.split() if w != "|")


CLAUSE_VERBS: frozenset[str] = _forms(_CLAUSE_VERB_FORMS)
OBJECT_VERBS: frozenset[str] = _forms(_OBJECT_VERB_FORMS)
# Base forms that are also common nouns: a verb only after a subject ("officials say").
BASE_FORMS: frozenset[str] = frozenset(
    w
    for w in CLAUSE_VERBS | OBJECT_VERBS
    if not w.endswith(("s", "ed", "ing"))
    and w not in ("told", "said", "wrote", "read", "cried", "thought")
)
# "call" only as "called for", "called on X to", "what he called X".
CALL_FORMS: frozenset[str] = frozenset(["call", "calls", "called", "calling"])
# --- end of the larger lexicon --------------------------------------------------------------

# "-s" forms that are more often plural nouns: cues only before "that" ("USAGM estimates that").
NOUNISH = _NOUNISH = _words(
    """
    comments remarks charges thanks posts signals labels counters answers replies tweets pledges
    blasts praises estimates calls requests
    """
)

REPORTING_VERBS: frozenset[str] = frozenset(
    f for forms in _REPORTING_STEMS.values() for f in forms
) | frozenset(
    w
    for w in CLAUSE_VERBS | OBJECT_VERBS | {"called"}
    if w.endswith("ed") or (w.endswith("s") and w not in _NOUNISH) or w in ("wrote", "told")
)

# Participles that report speech with the subject of their main clause ("..., adding that").
REPORTING_PARTICIPLES: frozenset[str] = _words(
    """
    adding saying denying confirming noting insisting explaining arguing warning claiming
    stressing telling stating acknowledging admitting revealing announcing suggesting
    emphasising emphasizing pointing urging underlining reiterating recalling asserting
    alleging declaring calling describing dismissing
    """
) | frozenset(w for w in CLAUSE_VERBS | OBJECT_VERBS if w.endswith("ing"))

# Verbs whose reported content can be a plain noun phrase ("confirmed the deal").
NOUN_CONTENT_VERBS: frozenset[str] = _words(
    """
    confirmed confirms confirming denied denies denying acknowledged acknowledging admitted
    admitting announced announcing stressed stresses stressing emphasized emphasised
    emphasizes emphasises emphasizing emphasising reiterated reiterates reiterating recalled
    recalls recalling
    """
)

# Objects that name the speech itself, not its content ("confirmed reports").
SPEECH_NOUNS: frozenset[str] = frozenset(
    {
        "reports",
        "report",
        "claims",
        "claim",
        "allegations",
        "rumours",
        "rumors",
        "statement",
        "statements",
        "comments",
        "comment",
        "details",
        "it",
        "this",
        "that",
        "them",
        "so",
        "the news",
        "the reports",
        "the claims",
        "the allegations",
        "charges",
        "the charges",
        "accusations",
        "the accusations",
        "questions",
    }
)

PRONOUNS_PERSON: frozenset[str] = _words(
    """
    he she him her
    """
)

PRONOUNS_ANY: frozenset[str] = _words(
    """
    they we i
    """
)

PRONOUNS_THING: frozenset[str] = _words(
    """
    it
    """
)

PRONOUNS: frozenset[str] = PRONOUNS_PERSON | PRONOUNS_ANY | PRONOUNS_THING

# Words that open a subordinate clause or adverbial: a subject never reaches back past them.
CLAUSE_OPENERS: frozenset[str] = _words(
    """
    after before because as when while whereas although though since until if unless once
    and but that so despite where
    """
)

# Words that start an adverbial phrase, not a subject ("Despite denying ..., Eric Pahon").
PREPOSITIONS: frozenset[str] = _words(
    """
    despite in on at after before during for from with without of by to into towards toward
    near under over since until when while although though as if because speaking asked
    earlier later meanwhile however but and also yet still then
    """
)

# Relative pronouns that open the clause carrying a sentence-final quoted fragment.
RELATIVES: frozenset[str] = _words(
    """
    which who that whom whose
    """
)

# Connectives that begin a sentence continuing someone else's reported speech, or not.
CONTINUATION_OPENERS: frozenset[str] = _words(
    """
    it this that these those there
    """
)

# Head nouns of noun phrases that denote people (role descriptions).
PERSON_HEADS_SUFFIXES: tuple[str, ...] = ("man", "men", "woman", "women", "person", "people")

NON_PERSON_HEADS: frozenset[str] = _words(
    """
    report reports statement statements agency ministry department government office army
    forces group council committee company newspaper paper channel broadcaster website
    network study survey data document documents letter post video footage court police
    embassy union organisation organization party administration bank firm coalition
    alliance regime state country city authority authorities board commission team club
    school university hospital institute service media platform carmaker maker
    manufacturer retailer lender insurer airline operator provider developer producer
    supplier giant startup regulator watchdog charity society fund trust body agency
    military navy filing memo minutes figures statistics records poll campaign camp
    mission delegation
    """
)

# Words that make a capitalised sequence an organisation or place, not a person.
ORGANISATION_WORDS: frozenset[str] = _words(
    """
    Agency Department Ministry Forces Force Council Army Party Union Organisation
    Organization Company Corporation Inc Ltd University Court Committee Commission Bank
    Group Association Institute Office Government Republic Kingdom States Nations News Times
    Post Press Radio Television TV Channel Journal Herald Daily Gazette Network Foundation
    Police Senate Congress Parliament House Assembly Coalition Alliance Front Movement City
    County Province Region East West North South Sea Ocean River Street Square Airport
    Hospital School Centre Center Club Democratic Military National International Federal
    Federation Embassy Service Services Authority Board Team Society Fund Trust Studies
    College Academy Bureau Administration Treasury Reserve Laboratory Programme Program
    Council Charity Institution Corp Co Plc AG SA GmbH LLC Holdings Motors Motoren Airlines
    Airways Industries Technologies Partners Agencies Ministries
    Office Directorate Secretariat Cabinet Tribunal Inquiry Exchange Markets
    """
)

# Words in titles before a person's name ("Prime Minister Binali Yildirim").
TITLE_WORDS: frozenset[str] = _words(
    """
    President Prime Minister Foreign Defence Defense Interior Finance Deputy Vice Secretary
    General Gen Gen. Colonel Col. Major Maj. Captain Capt. Lieutenant Lt. Sergeant Sgt. Cpl.
    Corporal Pte. Private Det. Supt. Insp.
    Admiral Commander Chancellor King Queen Prince Princess Sheikh Senator Sen.
    Representative Rep. Governor Gov. Mayor Judge Justice Chief Director Ambassador
    Spokesman Spokeswoman Spokesperson Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Professor
    Pope Councillor Councilor Councilman Councilwoman Alderman Congressman Congresswoman
    Assemblyman Assemblywoman MP MEP Bishop Archbishop Cardinal Rabbi Imam Detective
    Inspector Superintendent Constable Sheriff Attorney Commissioner Premier Sir Dame Lord
    Lady Baroness Father Rev. Reverend Former Acting Chairman Chairwoman Chair Leader
    Speaker CEO Coach Officer Executive
    """
)

# Titles of address that say nothing of a person's role.
HONORIFICS: frozenset[str] = _words(
    """
    Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Sir Dame Lord Lady Baroness
    """
)

# Capitalised words that begin sentences without being names.
SENTENCE_WORDS: frozenset[str] = _words(
    """
    The A An In On At But And Or If When While After Before Despite According This That
    These Those It He She They We I There Here Some Many Most All One Two For With From As
    By To Of Its His Her Their Our My Your Yet So However Meanwhile Also Still Then Now Last
    Next Earlier Later Since Until Although Though Because Where What Who Why How Speaking
    Asked Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December
    """
)

# Well-known news outlets; the database adds the ones it stores.
KNOWN_OUTLETS: tuple[str, ...] = (
    "BBC",
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "Anadolu Agency",
    "Anadolu",
    "CNN",
    "Al Jazeera",
    "Bloomberg",
    "The New York Times",
    "New York Times",
    "The Washington Post",
    "Washington Post",
    "The Guardian",
    "Guardian",
    "The Wall Street Journal",
    "Wall Street Journal",
    "Financial Times",
    "The Times",
    "Sky News",
    "NBC",
    "NBC News",
    "CBS",
    "CBS News",
    "ABC",
    "ABC News",
    "Fox News",
    "NPR",
    "Xinhua",
    "TASS",
    "RIA Novosti",
    "Interfax",
    "DPA",
    "EFE",
    "ANSA",
    "Kyodo",
    "Yonhap",
    "PTI",
    "Le Monde",
    "Der Spiegel",
    "Politico",
    "Axios",
    "The Independent",
    "The Telegraph",
    "Daily Mail",
    "The Economist",
    "Haaretz",
    "Sabah",
    "Hurriyet",
    "TRT",
    "TRT World",
    "Daily Sabah",
    "Euronews",
    "Deutsche Welle",
    "DW",
    "France 24",
    "RFI",
    "Voice of America",
    "VOA",
    "Radio Free Europe",
)

# Words whose presence in a name marks a news outlet.
OUTLET_WORDS: frozenset[str] = _words(
    """
    News Times Post Press Radio Television TV Channel Journal Herald Gazette Tribune
    Daily Broadcasting Chronicle Telegraph Courier Inquirer Examiner Bulletin Magazine
    """
)

# Generic recipients of speech that are not intermediaries ("told reporters").
GENERIC_RECIPIENTS: frozenset[str] = frozenset(
    {
        "reporters",
        "journalists",
        "the press",
        "the media",
        "lawmakers",
        "parliament",
        "the court",
        "the crowd",
        "supporters",
        "students",
        "us",
        "me",
        "him",
        "her",
        "them",
        "the audience",
    }
)

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS: frozenset[str] = _words(
    """
    mr mrs ms dr prof st jr sr gen col lt capt maj sgt cpl pte pvt det supt insp adm rev sen rep
    gov no vs etc inc ltd co
    corp jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m
    """
)

# Countries and capitals that speak for their governments ("Russia said", "Ankara says").
PLACES: frozenset[str] = _words(
    """
    Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan
    Bahrain Bangladesh Belarus Belgium Bolivia Bosnia Brazil Bulgaria Cambodia Cameroon
    Canada Chad Chile China Colombia Congo Croatia Cuba Cyprus Czechia Denmark Ecuador Egypt
    Eritrea Estonia Ethiopia Finland France Georgia Germany Ghana Greece Guatemala Haiti
    Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan
    Kazakhstan Kenya Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Libya Lithuania Luxembourg
    Malaysia Mali Malta Mexico Moldova Mongolia Montenegro Morocco Mozambique Myanmar
    Namibia Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palestine Panama
    Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Senegal Serbia
    Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan
    Tajikistan Tanzania Thailand Tunisia Turkey Turkmenistan Uganda Ukraine Uruguay
    Uzbekistan Venezuela Vietnam Yemen Zambia Zimbabwe Britain Europe Washington Moscow
    Beijing Kyiv Kiev Ankara Tehran Brussels London Paris Berlin Tokyo Seoul Pyongyang
    Jerusalem Damascus Baghdad Cairo Riyadh Delhi Islamabad Kabul Caracas Havana Ottawa
    Canberra Rome Madrid Warsaw Minsk Tbilisi Baku Yerevan Doha Beirut Amman Tripoli
    Khartoum Nairobi Pretoria Abuja Brasilia Bogota Lima Santiago Manila Jakarta Hanoi
    Bangkok Taipei Dhaka Kathmandu Tashkent Astana Budapest Prague Vienna Athens Stockholm
    Oslo Helsinki Copenhagen Dublin Lisbon Bern Belgrade Sofia Bucharest Chisinau Vilnius
    Riga Tallinn Kinshasa Mogadishu Sanaa Muscat
    """
)

# People named by nationality alone ("said the Spaniard"), beyond the -man and -ese forms.
DEMONYMS: frozenset[str] = _words(
    """
    Briton Spaniard Pole Swede Dane Finn Scot Turk Greek Kiwi Aussie Argentine German American
    Mexican Moroccan Kenyan Italian Brazilian Canadian Australian Norwegian Colombian Belgian
    Croatian Serbian Russian Ukrainian Egyptian Nigerian Indian Iranian Syrian Hungarian
    Romanian Austrian Chilean Korean Israeli Iraqi Pakistani Afghan Czech Slovak Croat Serb
    Uruguayan Peruvian Ghanaian Senegalese Cameroonian Algerian Tunisian
    """
)


# --- Hops: channels, platforms and outlets the words came through (extraction/hops.py) ---

# Media a speaker's words come out through ("said in a statement", "in a video address").
CHANNEL_NOUNS: frozenset[str] = frozenset(
    """
    statement statements communique communiqué letter memo email e-mail tweet tweets post
    video address speech interview testimony remarks proclamation announcement
    broadcast podcast sermon op-ed column essay editorial message briefing filing
    declaration decree newsletter Q&A AMA livestream webcast
    """.split()  # noqa: SIM905
) | frozenset(
    [
        "press release",
        "news release",
        "press statement",
        "news conference",
        "press conference",
        "press briefing",
        "blog post",
        "video message",
        "video address",
        "video link",
        "radio address",
        "television address",
        "televised address",
        "open letter",
        "social media post",
        "Facebook post",
        "Instagram post",
        "Telegram post",
        "Telegram channel",
        "court filing",
        "regulatory filing",
    ]
)

# Words that qualify a channel ("prepared testimony", "late Tuesday night address").
CHANNEL_ADJECTIVES: frozenset[str] = frozenset(
    """
    written prepared joint brief short lengthy formal official separate televised
    broadcast nightly daily weekly regular late early night evening morning video radio
    television TV online emailed e-mailed signed open public private taped recorded
    live surprise new later earlier national annual final first second farewell
    inaugural keynote opening closing emotional defiant rare exclusive following
    regular news press
    """.split()  # noqa: SIM905
)

# Platforms ("on Telegram", "wrote on X").
PLATFORMS: frozenset[str] = frozenset(
    [
        "Twitter",
        "X",
        "Telegram",
        "Facebook",
        "Instagram",
        "YouTube",
        "TikTok",
        "Weibo",
        "WeChat",
        "Truth Social",
        "LinkedIn",
        "Threads",
        "Bluesky",
        "Mastodon",
        "Reddit",
        "Snapchat",
        "WhatsApp",
        "Substack",
        "VKontakte",
    ]
)

# Reporting verbs that name their platform ("tweeted" is Twitter).
PLATFORM_VERBS: dict[str, str] = {"tweeted": "Twitter", "tweets": "Twitter", "tweeting": "Twitter"}
