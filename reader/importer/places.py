"""The places the importer knows: countries, regions, cities, and the country a name, demonym or capital stands for."""

from __future__ import annotations

import re

from reader.text.fold import fold, fold_text

COUNTRIES = set(fold_text(n) for n in """
Afrique du Sud|Algérie|Angola|Bénin|Botswana|Burkina Faso|Burundi|Cameroun|Cap-Vert|Centrafrique|Comores|Congo|
Côte d’Ivoire|Djibouti|Égypte|Egypte|Érythrée|Éthiopie|Ethiopie|Gabon|Gambie|Ghana|Guinée|Guinée-Bissau|
Guinée équatoriale|Kenya|Lesotho|Liberia|Libéria|Libye|Madagascar|Malawi|Mali|Maroc|Maurice|Mauritanie|Mozambique|
Namibie|Niger|Nigeria|Ouganda|Rwanda|Sénégal|Seychelles|Sierra Leone|Somalie|Soudan|Soudan du Sud|Eswatini|Tanzanie|
Tchad|Togo|Tunisie|Zambie|Zimbabwe|RDC|Sahel|Afrique|Europe|Asie|Amérique|
Allemagne|Autriche|Belgique|Bulgarie|Chypre|Croatie|Danemark|Espagne|Estonie|Finlande|France|Grèce|Hongrie|Irlande|
Italie|Lettonie|Lituanie|Luxembourg|Malte|Pays-Bas|Pologne|Portugal|Roumanie|Slovaquie|Slovénie|Suède|Suisse|Norvège|
Royaume-Uni|Ukraine|Biélorussie|Russie|Turquie|Serbie|Chine|Japon|Inde|Pakistan|Iran|Irak|Israël|Palestine|Liban|
Syrie|Jordanie|Arabie saoudite|Qatar|Émirats arabes unis|Koweït|Yémen|Oman|Afghanistan|Corée du Nord|Corée du Sud|
Vietnam|Indonésie|Malaisie|Philippines|Thaïlande|Australie|États-Unis|Etats-Unis|Canada|Mexique|Brésil|Argentine|
Chili|Colombie|Pérou|Venezuela|Cuba|Haïti|Émirats arabes unis|Afrique de l’Ouest|Afrique de l'Ouest|Afrique centrale|
Afrique du Nord|Amérique latine|Moyen-Orient|West Africa|Latin America|Middle East|United Arab Emirates|UAE|Philippines|
Argentina|Argentine|Chile|Peru|Colombia|Venezuela|Kazakhstan|Uzbekistan|Qatar|Kuwait|Oman|Iran|Pakistan|Vietnam|Canada|
South Africa|Algeria|Benin|Cameroon|Cape Verde|Central African Republic|Chad|Egypt|Ethiopia|Guinea|Ivory Coast|
Libya|Mauritania|Morocco|Mozambique|Senegal|Somalia|Sudan|South Sudan|Tanzania|Tunisia|Uganda|Zambia|Africa|Asia|
Germany|Austria|Belgium|Spain|Greece|Hungary|Ireland|Italy|Netherlands|Poland|Sweden|Switzerland|Norway|
United Kingdom|Britain|Russia|Turkey|China|Japan|India|Iraq|Israel|Lebanon|Syria|Saudi Arabia|Yemen|
North Korea|South Korea|Indonesia|Malaysia|Thailand|Australia|United States|Mexico|Brazil|USA|UK|EU|US|U.S.|
Gambia|The Gambia|Guinea-Bissau|Equatorial Guinea|Namibia|Eritrea|Mauritius|Comoros|DRC|Democratic Republic of Congo|
Democratic Republic of the Congo|Denmark|Finland|Romania|Bulgaria|Croatia|Serbia|Belarus|Cyprus|Slovakia|Slovenia|
Lithuania|Latvia|Czech Republic|New Zealand|Haiti
""".replace("\n", "").split("|"))
"""Countries and regions, French and English (folded)."""

CITIES = set(fold_text(n) for n in """
Bamako|Moscou|Moscow|Paris|Dakar|Abidjan|Niamey|Ouagadougou|Conakry|Nouakchott|Alger|Algiers|Rabat|Tunis|Tripoli|
Le Caire|Cairo|Khartoum|Addis-Abeba|Addis Ababa|Nairobi|Kampala|Kigali|Kinshasa|Brazzaville|Libreville|Yaoundé|
Douala|Abuja|Lagos|Accra|Lomé|Cotonou|Porto-Novo|Freetown|Monrovia|Banjul|Bissau|Praia|N’Djamena|Bangui|Luanda|
Lusaka|Harare|Maputo|Pretoria|Johannesburg|Le Cap|Cape Town|Antananarivo|Dodoma|Dar es Salaam|Mogadiscio|Djibouti|
Tombouctou|Timbuktu|Gao|Kidal|Mopti|Ségou|Sikasso|Kayes|Tessalit|Ménaka|Londres|London|Berlin|Bruxelles|Brussels|
Genève|Geneva|Rome|Madrid|Lisbonne|Lisbon|Vienne|Vienna|Varsovie|Warsaw|Kiev|Kyiv|Minsk|Ankara|Istanbul|Pékin|
Beijing|Shanghai|Tokyo|New Delhi|Téhéran|Tehran|Riyad|Riyadh|Doha|Dubaï|Dubai|Abou Dhabi|Abu Dhabi|Washington|
New York|Ottawa|Brasilia|Buenos Aires|Abu-Dhabi|Manille|Manila|Canberra|Sydney|Yamoussoukro|Saint-Pétersbourg|Saint Petersburg|Sotchi|Sochi|Kremlin|Elysée|Élysée|Maison Blanche|White House
""".replace("\n", "").split("|"))
"""Capitals and well-known cities and seats of power (folded)."""

REGIONS = set(fold_text(n) for n in "Sahel|Afrique|Europe|Asie|Amérique|Africa|Asia".split("|"))
"""Names in COUNTRIES that are regions, not states: never the parties of an accord."""

_COUNTRY_WORDS = """
Sénégal|Senegal: sénégalais|senegalese; Dakar
France: français|french; Paris|Élysée|Quai d’Orsay
Mali: malien|malian; Bamako|Koulouba
Russie|Russia|Fédération de Russie: russe|russian; Moscou|Moscow|Kremlin
Niger: nigérien|nigerien; Niamey
Burkina Faso: burkinabè|burkinabé|burkinabe; Ouagadougou
Côte d’Ivoire|Ivory Coast: ivoirien|ivorian; Abidjan|Yamoussoukro
Guinée|Guinea: guinéen|guinean; Conakry
Mauritanie|Mauritania: mauritanien|mauritanian; Nouakchott
Algérie|Algeria: algérien|algerian; Alger|Algiers
Maroc|Morocco: marocain|moroccan; Rabat
Tunisie|Tunisia: tunisien|tunisian; Tunis
Égypte|Egypte|Egypt: égyptien|egyptian; Le Caire|Cairo
Tchad|Chad: tchadien|chadian; N’Djamena
Cameroun|Cameroon: camerounais|cameroonian; Yaoundé
Gabon: gabonais|gabonese; Libreville
Congo: congolais|congolese; Brazzaville
RDC: Kinshasa
Nigeria: nigérian|nigerian; Abuja
Ghana: ghanéen|ghanaian; Accra
Togo: togolais|togolese; Lomé
Bénin|Benin: béninois|beninese; Cotonou|Porto-Novo
Gambie|The Gambia|Gambia: gambien|gambian; Banjul
Cap-Vert|Cape Verde: cap-verdien; Praia
Guinée-Bissau|Guinea-Bissau: bissau-guinéen; Bissau
Libye|Libya: libyen|libyan; Tripoli
Soudan|Sudan: soudanais|sudanese; Khartoum
Éthiopie|Ethiopie|Ethiopia: éthiopien|ethiopian; Addis-Abeba|Addis Ababa
Kenya: kényan|kenyan; Nairobi
Rwanda: rwandais|rwandan; Kigali
Ouganda|Uganda: ougandais|ugandan; Kampala
Afrique du Sud|South Africa: sud-africain|south african; Pretoria
Chine|China: chinois|chinese; Pékin|Beijing
Japon|Japan: japonais|japanese; Tokyo
Inde|India: indien|indian; New Delhi
Turquie|Turkey: turc|turque|turkish; Ankara
Ukraine: ukrainien|ukrainian; Kiev|Kyiv
Allemagne|Germany: allemand|german; Berlin
Royaume-Uni|United Kingdom|Britain|UK: britannique|british; Londres|London|Downing Street
Italie|Italy: italien|italian; Rome
Espagne|Spain: espagnol|spanish; Madrid
Belgique|Belgium: belge|belgian; Bruxelles|Brussels
Portugal: portugais|portuguese; Lisbonne|Lisbon
États-Unis|Etats-Unis|United States|USA: américain|american; Washington|Maison Blanche|White House
Canada: canadien|canadian; Ottawa
Brésil|Brazil: brésilien|brazilian; Brasilia
Iran: iranien|iranian; Téhéran|Tehran
Arabie saoudite|Saudi Arabia: saoudien|saudi; Riyad|Riyadh
Qatar: qatari|qatarien; Doha
Émirats arabes unis: émirien|émirati|emirati; Abou Dhabi|Abu Dhabi
"""
"""Per country: its names; its demonyms; its capital and seats of power (a report says "Paris" or
"le président sénégalais" for the state)."""


def _country_table() -> tuple[dict[str, frozenset[str]], set[str], re.Pattern[str]]:
    names_of: dict[str, frozenset[str]] = {}
    forms = FORMS
    demonyms_: set[str] = set()
    for row in _COUNTRY_WORDS.strip().splitlines():
        names, rest = row.split(":")
        demonyms, _, seats = rest.partition(";")
        folded = frozenset(fold_text(n.strip()) for n in names.split("|"))
        forms[folded] = tuple(n.strip() for n in names.split("|"))
        for word in (*names.split("|"), *demonyms.split("|"), *seats.split("|")):
            if word.strip():
                names_of[fold_text(word.strip())] = folded
        demonyms_ |= {fold_text(d.strip()) for d in demonyms.split("|") if d.strip()}
    words = sorted(names_of, key=len, reverse=True)
    # French demonyms inflect: malien, malienne, maliens; sénégalaise, sénégalaises
    pattern = re.compile(r"(?<![\w\-])(" + "|".join(re.escape(w) for w in words) + r")(?:ne|e)?s?(?![\w\-])")
    return names_of, demonyms_, pattern


FORMS: dict[frozenset[str], tuple[str, ...]] = {}
"""Per country (its folded names): its names as written, French first."""
_NAMES_OF, DEMONYMS, _COUNTRY_WORD = _country_table()


def country_name(names: frozenset[str], language: str) -> str:
    """A country's name as an article in that language writes it: "Bénin", "Benin"."""
    forms = FORMS.get(names) or tuple(sorted(names))
    if language == "en":
        return next((f for f in reversed(forms) if not f.isupper() and f.isascii()), forms[-1])
    return forms[0]


def country_names(word: str) -> frozenset[str]:
    """The folded names of the country a word (name, demonym, capital or seat) stands for, else empty."""
    return _NAMES_OF.get(fold_text(word).strip(), frozenset())


def country_references(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, folded names of the country) of every word of text standing for a country:
    its name, a demonym ("sénégalais", "russes"), its capital or its seat of power ("l’Élysée")."""
    folded = fold(text)
    out = []
    for m in _COUNTRY_WORD.finditer(folded.text):
        start, end = folded.original(m.start(), m.end())
        if m.group(1) not in DEMONYMS and not text[start].isupper():
            continue  # "les paris", "un rabat": a name or a seat is written with a capital
        out.append((start, end, _NAMES_OF[m.group(1)]))
    return out


def demonym_references(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, folded names of the country) of every nationality word of a text: "nigérien", "béninoise", "Kenyan"."""
    return [(start, end, names) for start, end, names in country_references(text)
            if _COUNTRY_WORD.fullmatch(fold_text(text[start:end])) and _COUNTRY_WORD.fullmatch(fold_text(text[start:end])).group(1) in DEMONYMS]
