"""The words around and instead of names in safeguarding reports, for the person-name rules in `names`.

Reports are written in capitals-heavy briefing prose ("the Health Visitor", "Leeds City Council", "Child
Protection Conference"): a capital letter alone says little. These sets say which capitalised words are
never a name, which names are also ordinary words (so need context), and which words announce a person.
All entries are lower case; compare with `str.casefold()`.
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles and ranks written before a surname ("Mrs Jones", "DC Lockwood", "Detective Sergeant Ali").
TITLES = _words(
    """mr mrs ms miss mx dr prof professor sir dame lady lord rev revd reverend cllr councillor
    dc pc ds di dci dcs dsu ps sgt sergeant constable inspector detective superintendent"""
)

# Family and household words: a name right after one is almost always a person ("her partner Darren").
FAMILY = _words(
    """mother mothers mum mum's mummy father fathers dad daddy parent parents stepfather stepmother
    step-father step-mother stepdad stepmum step-dad step-mum partner partners ex-partner boyfriend
    girlfriend ex-boyfriend ex-girlfriend husband wife ex-husband ex-wife fiance fiancee brother
    brothers sister sisters half-brother half-sister half-sibling half-siblings stepbrother stepsister
    step-brother step-sister sibling siblings son sons daughter daughters grandmother grandfather
    grandparent grandparents grandma grandmother's grandad granddad grandpa nan nana nanna gran granny
    grandson granddaughter great-grandmother great-grandfather aunt aunts auntie aunty uncle uncles
    cousin cousins niece nephew twin twins baby babies infant toddler child children friend friends
    neighbour neighbours lodger babysitter childminder godmother godfather carer carers relative
    relatives"""
)

# Professional roles: a full name, or a listed name, after one is a person ("the social worker, Amira Begum").
PROFESSIONAL = _words(
    """worker workers manager managers visitor midwife nurse officer officers teacher headteacher
    doctor paediatrician consultant practitioner reviewer author chair scrutineer therapist
    psychologist psychiatrist counsellor solicitor guardian advocate interpreter caseworker keyworker
    coordinator co-ordinator adviser advisor assistant registrar clinician senco dsl lead"""
)

# Words that introduce a name whatever it is ("a man known as Tez", "a friend called Jayden", "the
# nickname "Tez"").
NAMING = _words("called named known nickname nicknamed alias aka")

# Title-case words of fixed phrases a report names things by, never people: court orders ("Child
# Arrangements Order"), benefits and schemes, car makes and models ("a grey Ford Focus") and online
# platforms. A capitalised word after "Child" or "her partner's" is one of these as often as a name.
FIXED_PHRASES = _words(
    """arrangements guardianship guardian adoption placement contact residence prohibited steps interim
    non-molestation occupation special emergency supervision care orders death overview poverty
    trafficking slavery modern bank benefit benefits credit universal allowance budget focus
    vauxhall corsa astra insignia fiesta mondeo kuga transit volkswagen vw golf polo passat toyota yaris
    corolla prius aygo nissan qashqai micra juke honda civic renault clio megane peugeot citroen citroën
    fiat punto skoda octavia fabia seat ibiza kia sportage hyundai mazda volvo bmw audi mercedes
    mercedes-benz rover jaguar suzuki mitsubishi subaru lexus dacia sandero porsche tesla moped
    pinterest reddit twitch omegle kik wechat linkedin onlyfans grindr tinder bumble yubo wizz skype
    zoom"""
)

# Towns, cities and districts reports give as addresses ("Moss Side, Manchester"), and the places that
# are also forenames ("Devon", "Florence"). A span made of these is a place; a listed name among them
# is a person only with its own evidence ("her partner Devon", "Mr Preston").
PLACES = _words(
    """side bridge moor vale bank end gate town village market square row wharf quay mount
    manningham allerton eccleshill idle thornbury bowling girlington horton wibsey buttershaw
    holme thackley bierley tong queensbury denholme saltaire baildon cottingley
    meanwood kirkstall burley hyde headingley chapel killingbeck belle isle hunslet
    burmantofts richmond lincoln osmondthorpe halton swarcliffe whinmoor alwoodley adel cookridge
    farsley calverley yeadon guiseley rawdon stanningley bramley wortley farnley churwell gildersome
    hulme rusholme longsight levenshulme gorton ardwick cheetham crumpsall moston harpurhey blackley
    wythenshawe didsbury chorlton fallowfield withington salford eccles stockport rochdale
    bolton bury wigan trafford tameside stretford sale altrincham
    darnall attercliffe sharrow burngreave pitsmoor parson shiregreen
    hillsborough walkley crookes broomhill ecclesall gleadless heeley arbourthorne manor
    hackney lambeth southwark croydon lewisham haringey newham tower hamlets islington camden brent
    ealing enfield barnet harrow hounslow hillingdon waltham redbridge havering bexley bromley
    greenwich wandsworth merton kingston hammersmith fulham kensington westminster tottenham peckham
    brixton stratford walthamstow ilford romford
    cardiff swansea newport wrexham glasgow edinburgh aberdeen dundee belfast derry coventry
    wolverhampton stoke derby plymouth southampton portsmouth oxford cambridge norwich ipswich exeter
    brighton luton northampton peterborough sunderland middlesbrough gateshead blackpool blackburn
    burnley oldham lancaster carlisle warrington grimsby scunthorpe telford walsall sandwell solihull
    slough swindon gloucester cheltenham worcester hereford shrewsbury crewe macclesfield mansfield
    chesterfield worksop selby scarborough whitby skipton ripon goole harrogate thirsk northallerton
    darlington hartlepool stockton redcar tyneside wirral birkenhead bootle knowsley sefton
    skelmersdale ormskirk southport st helens widnes runcorn
    heckmondwike cleckheaton mirfield brighouse elland sowerby hebden todmorden ossett horbury
    normanton featherstone knottingley hemsworth
    devon kerry sydney florence georgia austin preston chester paris adelaide camden"""
)

# Capitalised words in reports that are never (part of) a person's name: function words, months and
# days, roles, organisations, report vocabulary and places. A span made only of these is not a person.
NOT_NAMES = (
    _words(
        """the a an and or but nor if when while whilst where who whom whose which what why how this that
        these those there then than thus his her hers him he she they them their theirs it its we our us
        you your i my me on in at of for from to by with without within into onto upon over under after
        before during following since until as also although though because however therefore further
        furthermore moreover meanwhile both all each every some any no not none other another such only
        later earlier subsequently previously initially finally first second third fourth fifth next last
        one two three four five six seven eight nine ten yes here dear please thank thanks regards note
        see overall despite between among about around across through throughout against towards above
        below per via again already always never often sometimes unless whether once twice today
        yesterday tomorrow tonight morning afternoon evening night week weekend month year day days weeks
        months years time date age aged born dob re subject name names so yet do did does was were is are
        be been being has have had can could would should may might must shall will"""
    )
    | _words(
        """january february march april may june july august september october november december jan feb
        mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
        spring summer autumn winter christmas easter eid diwali ramadan"""
    )
    | FAMILY
    | PROFESSIONAL
    | _words(
        """maternal paternal young person people adult adults man woman men women boy girl boys girls
        male female health visiting visitors social nurses midwives doctors gp gps officers police
        detective designated named senior principal advanced specialist support deputy head team teams
        vice independent executive director member members panel professional professionals duty advice
        early help family families pupil student pastoral liaison link key clinical medical"""
    )
    | _words(
        """council councils police constabulary nhs trust trusts team service services school schools
        academy college university nursery pre-school preschool hospital hospitals infirmary surgery
        practice clinic centre center healthcare care children children's childrens adult's board
        partnership partnerships department directorate unit authority agency agencies office group
        committee forum hub court courts probation housing ofsted cafcass camhs mash marac mappa idva
        isva nspcc barnardo's ambulance fire rescue foundation association charity church mosque
        gurdwara temple ltd limited plc government ministry commissioner local national regional county
        city borough metropolitan district community public primary secondary general royal teaching
        youth justice offending safeguarding protection welfare wellbeing mental maternity midwifery
        paediatric paediatrics emergency a&e accident intensive neonatal crown magistrates family
        road street avenue drive crescent terrace gardens mews estate flats way"""
    )
    | _words(
        """review reviews rapid learning lessons finding findings recommendation recommendations section
        chapter part appendix annex table figure page paragraph introduction background summary
        conclusion conclusions methodology method terms reference references scope lines enquiry
        enquiries chronology timeline analysis context glossary acknowledgements contents purpose signs
        safety working together strategy discussion meeting meetings conference plan plans need needs
        assessment assessments referral referrals core looked threshold escalation supervision training
        policy procedure procedures guidance framework model toolkit pathway protocol standards act order
        orders injunction report reports notification serious incident domestic abuse violence neglect
        sexual physical emotional harm exploitation risk high medium standard injury injuries fracture
        fractures bruising voice think around graded profile dash lado section47 s47 cin cp lac ehcp
        ehc response operation case record records system systems information sharing multi-agency
        partner-agency evidence outcome outcomes action actions response priority priorities
        good best new old british english facebook instagram snapchat tiktok whatsapp twitter youtube
        google messenger telegram discord xbox playstation roblox fortnite iphone internet online"""
    )
    | _words(
        """england wales scotland ireland northern uk gb britain great london leeds bradford wakefield
        kirklees calderdale huddersfield halifax dewsbury batley keighley pudsey morley otley harrogate
        york yorkshire west east north south central manchester liverpool sheffield birmingham bristol
        newcastle nottingham leicester hull doncaster rotherham barnsley lancashire lincolnshire
        derbyshire cumbria durham essex surrey sussex cornwall norfolk suffolk headingley chapeltown
        harehills beeston armley seacroft gipton holbeck hunslet bramley horsforth roundhay moortown
        rothwell garforth wetherby ilkley shipley bingley castleford pontefract europe poland romania
        pakistan india bangladesh nigeria ghana somalia africa caribbean jamaica asian african white
        black muslim christian sikh hindu jewish polish romanian pakistani bangladeshi indian nigerian"""
    )
    | FIXED_PHRASES
    | PLACES
)

# Listed names that are also ordinary words, months or places: they count as names only with context
# (a title, a family word, a full name, "(aged 3)"), never alone.
COMMON_WORDS = _words(
    """will mark bill grace hope faith joy dawn rose ruby amber jade holly ivy poppy daisy lily iris
    heather summer april may june robin jack frank pat sue carol jean gene ray guy rich sandy don dean
    earl glen dale drew chase hunter mason miles max sky river storm star angel penny sunny violet hazel
    olive pearl crystal melody destiny precious patience constance mercy blessing brook brooke rowan
    ash kit jay rob nick matt lee eve florence georgia chelsea victoria lincoln austin devon jordan kerry
    india shannon sydney harley harper carter ellis nelson bailey bobby cameron morgan logan tyler heath
    art jan nan gran
    brown green white black gray grey wood woods hill hall young king wright baker cook ward parker
    turner bell moore moss fox mills booth lane field park bishop banks cross day nash page power sharp
    stone best lamb little long short small strong swift wise good major nurse pope price read reed rice
    savage shepherd singer walker ball bird bond brook burns cole drake ford frost french gill grant
    hart holt hunt kirk knight lord mann marsh noble norman oliver peel porter potter preston rhodes ross
    senior slater steel stokes todd tucker wade wells west wilde barber butler fisher fletcher gardner
    foster chambers graham howard douglas sutton walton newton middleton hamilton holland stanley burton
    buckley kent chester lucas arnold dyson marshall carr baxter bates long rowe pratt church booth
    summers storey lowe curtis gibbs hayes russell fair can ling le tang"""
)

# Listed names that also begin sentences as ordinary words ("Will the partnership ...", "Hope was
# lost"): a name found elsewhere in the text is not repeated onto them at the start of a sentence.
EVERYDAY_NAMES = _words(
    "will can mark bill hope faith joy patience mercy frank art miles max chase drew guy rich"
)

# Words after which a capitalised word is a place or a thing's name more often than a person's ("moved
# to Devon", "the Grace of"), so a name that is also a word needs more than its capital there.
NOT_BEFORE_ALONE = _words(
    """the a an this these those its their our your my his her in at from near to into onto towards via
    of on upon across through around within outside inside beside behind opposite off per"""
)
