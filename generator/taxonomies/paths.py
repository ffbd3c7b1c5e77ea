"""Where each source lives under ``taxonomies/sources/`` (shared by ``build`` and ``refresh``)."""

KLE_XML_2015 = "kle/os2opgavefordeler/KLE-Emneplan_Version2-0_2015-08-01.xml"
KLE_KITOS_2022 = "kle/kitos_frontend/kles.json"
KLE_OS2KLE = "kle/os2kle/OS2KLE.txt"
KLE_OS2KLE_CHANGES = "kle/os2kle/change.json"
KLE_ONLINE = "kle/kle-online/emneplan.xml.gz"          # written by refresh
KLE_FACETS_SAMPLE = "kle/samples/openesdh-test-kle-facetter.xml"

FORM_KLE_2018 = "form/os2autoproces/FORM_KLE_2018-07-11.csv"
KLE_FORM_2018 = "form/os2autoproces/KLE_FORM_2018-07-11.csv"
FORM_TITLES = "curated/form_titles.yaml"
FORM_ONLINE = "form/form-online/opgavenoegle.xml.gz"    # written by refresh

KLA_DIR = "kla"                                         # optional kla/*.csv (code;title)

IT_SYSTEMS = "curated/it_systems.yaml"
KITOS_SYSTEMS = "kitos/kitos-api/it-systems.json.gz"   # written by refresh
KITOS_SLUGS = "kitos/kitos-api/slugs.json"             # written by refresh

TECHNOLOGIES = "curated/technologies.yaml"

MUNICIPALITIES = "municipalities/municipalities.csv"
REGIONS = "municipalities/regions.csv"
MEMBERS = "municipalities/os2autoproces-members.csv"
MUNICIPALITY_NAMES = "curated/municipality_names.yaml"
