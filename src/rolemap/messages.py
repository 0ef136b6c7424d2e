"""Sentences rolemap itself says (not knowledge: that comes from the data), in Dutch and English."""

MESSAGES: dict[str, dict[str, str]] = {
    "same_word_other_meaning": {
        "nl": "{organisation} gebruikt ‘{word}’ ook, maar bedoelt er iets anders mee: {definition}",
        "en": "{organisation} uses ‘{word}’ too, but means something else by it: {definition}",
    },
    "no_jargon": {
        "nl": "{organisation} heeft geen eigen woorden in de kennisgraaf.",
        "en": "{organisation} has no words of its own in the knowledge graph.",
    },
    # Who picks this up?
    "grey_close": {
        "nl": "Meer dan één organisatie past bijna even goed bij deze vraag.",
        "en": "More than one organisation fits this question almost equally well.",
    },
    "grey_overlap": {
        "nl": "De taken van de eerste twee organisaties overlappen: zelfde doelgroep, leefgebied "
        "en werkvorm.",
        "en": "The tasks of the first two organisations overlap: same target group, life domain "
        "and work mode.",
    },
    "reason_target_groups": {
        "nl": "Doelgroep {value}: de taak ‘{task}’ is voor hen.",
        "en": "Target group {value}: the task ‘{task}’ is for them.",
    },
    "reason_life_domains": {
        "nl": "Leefgebied {value}: de taak ‘{task}’ gaat daarover.",
        "en": "Life domain {value}: the task ‘{task}’ covers it.",
    },
    "reason_work_modes": {
        "nl": "Werkvorm {value}: zo werkt de taak ‘{task}’.",
        "en": "Work mode {value}: that is how the task ‘{task}’ works.",
    },
    "reason_orientations": {
        "nl": "Insteek {value}: die heeft de taak ‘{task}’.",
        "en": "Orientation {value}: the task ‘{task}’ has it.",
    },
    "reason_settings": {
        "nl": "Plek {value}: daar gebeurt de taak ‘{task}’.",
        "en": "Setting {value}: the task ‘{task}’ happens there.",
    },
    "reason_principle": {
        "nl": "Werkt vanuit ‘{value}’ (taak ‘{task}’).",
        "en": "Works from ‘{value}’ (task ‘{task}’).",
    },
    "who_nobody": {
        "nl": "Geen organisatie in de kennisgraaf pakt dit op; zie het advies.",
        "en": "No organisation in the knowledge graph picks this up; see the advice.",
    },
    "who_grey": {
        "nl": "Grijs gebied: deze vraag ligt tussen organisaties in.",
        "en": "Grey area: this question lies between organisations.",
    },
    # The words of the pages and the terminal output.
    "title": {"nl": "rolemap: wat bedoelen zij ermee?", "en": "rolemap: what do they mean?"},
    "tagline": {
        "nl": "Wat bedoelt een andere organisatie met een woord, en hoe zeg je het zelf?",
        "en": "What does another organisation mean by a word, and how do you say it yourself?",
    },
    "nav_search": {"nl": "Woorden", "en": "Words"},
    "nav_translate": {"nl": "Vertalen", "en": "Translate"},
    "nav_report": {"nl": "Overlaprapport", "en": "Overlap report"},
    "search_label": {"nl": "Zoek een woord", "en": "Look up a word"},
    "search_hint": {
        "nl": "Bijvoorbeeld een woord dat je van een ander team hoorde.",
        "en": "For example a word you heard from another team.",
    },
    "search_button": {"nl": "Zoeken", "en": "Search"},
    "results_for": {"nl": "Resultaten voor", "en": "Results for"},
    "no_results": {"nl": "Niets gevonden voor", "en": "Nothing found for"},
    "all_terms": {"nl": "Alle woorden", "en": "All words"},
    "used_by": {"nl": "gebruikt door", "en": "used by"},
    "shared_term": {"nl": "Gemeenschappelijke taal", "en": "Shared language"},
    "field_prefLabel": {"nl": "woord", "en": "word"},
    "field_altLabel": {"nl": "ook gezegd", "en": "also said"},
    "field_hiddenLabel": {"nl": "zoekvorm", "en": "search form"},
    "field_definition": {"nl": "betekenis", "en": "meaning"},
    "field_usage_note": {"nl": "gebruik", "en": "usage"},
    "ambiguous": {
        "nl": "Let op: dit woord betekent niet bij elke organisatie hetzelfde.",
        "en": "Note: this word does not mean the same at every organisation.",
    },
    "diverge": {"nl": "verschilt tussen", "en": "differs between"},
    "same_everywhere": {
        "nl": "Dit woord betekent bij deze organisaties hetzelfde.",
        "en": "This word means the same at these organisations.",
    },
    "definition": {"nl": "Betekenis", "en": "Meaning"},
    "usage_note": {"nl": "Gebruik", "en": "Usage"},
    "loaded_for": {"nl": "Beladen voor", "en": "Loaded for"},
    "neutral_alternative": {"nl": "Zeg liever", "en": "Better say"},
    "equivalents": {"nl": "Betekent (bijna) hetzelfde bij", "en": "Means (nearly) the same at"},
    "match_exact": {"nl": "zelfde betekenis", "en": "same meaning"},
    "match_close": {"nl": "bijna dezelfde betekenis", "en": "nearly the same meaning"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "assumption": {"nl": "Aanname", "en": "Assumption"},
    "json": {"nl": "Dit antwoord als JSON", "en": "This answer as JSON"},
    "not_found": {"nl": "Niet gevonden", "en": "Not found"},
    "did_you_mean": {"nl": "Bedoelde je", "en": "Did you mean"},
    "translate_title": {"nl": "Vertalen tussen jargons", "en": "Translate between jargons"},
    "translate_intro": {
        "nl": "Plak een zin van de ene organisatie en zie hoe de andere die hoort.",
        "en": "Paste one organisation's sentence and see how another organisation hears it.",
    },
    "text": {"nl": "Tekst", "en": "Text"},
    "from": {"nl": "Gezegd door", "en": "Said by"},
    "to": {"nl": "Gelezen door", "en": "Read by"},
    "translate_button": {"nl": "Vertalen", "en": "Translate"},
    "translation": {"nl": "Zo begrijpt de lezer het", "en": "How the reader understands it"},
    "found_words": {"nl": "Gevonden woorden", "en": "Words found"},
    "no_spans": {
        "nl": "Geen jargon van deze organisatie gevonden in de tekst.",
        "en": "No jargon of this organisation found in the text.",
    },
    "means": {"nl": "bedoelt", "en": "means"},
    "say_instead": {"nl": "Zeg tegen de lezer", "en": "Say to the reader"},
    "why_equivalent": {"nl": "hun woord hiervoor", "en": "their word for it"},
    "why_loaded": {"nl": "het woord is beladen voor hen", "en": "the word is loaded for them"},
    "why_neutral": {
        "nl": "zij bedoelen er iets anders mee; neutraal woord",
        "en": "they mean something else by it; neutral word",
    },
    "other_language": {"nl": "English", "en": "Nederlands"},
    "nav_who": {"nl": "Wie pakt dit op?", "en": "Who picks this up?"},
    "who_title": {"nl": "Wie pakt dit op?", "en": "Who picks this up?"},
    "who_intro": {
        "nl": "Beschrijf de situatie in je eigen woorden, of vul alleen de velden in. De tekst "
        "wordt niet opgeslagen; namen, adressen en telefoonnummers worden eruit gehaald.",
        "en": "Describe the situation in your own words, or only fill in the fields. The text "
        "is not stored; names, addresses and phone numbers are taken out.",
    },
    "description": {"nl": "Situatie", "en": "Situation"},
    "age": {"nl": "Leeftijd", "en": "Age"},
    "postcode": {"nl": "Postcode", "en": "Postcode"},
    "life_domains": {"nl": "Leefgebieden", "en": "Life domains"},
    "collective": {"nl": "Vraag van een groep of straat", "en": "Question of a group or street"},
    "urgent": {"nl": "Er is nu hulp nodig", "en": "Help is needed now"},
    "who_button": {"nl": "Wie pakt dit op?", "en": "Who picks this up?"},
    "candidates": {"nl": "Wie past", "en": "Who fits"},
    "score": {"nl": "past voor", "en": "fits"},
    "why": {"nl": "Waarom", "en": "Why"},
    "tasks": {"nl": "Taken", "en": "Tasks"},
    "advice": {"nl": "Advies voor de samenwerking", "en": "Advice on working together"},
    "because": {"nl": "omdat", "en": "because"},
    "recognised": {"nl": "Wat rolemap las", "en": "What rolemap read"},
    "deidentified": {
        "nl": "Je tekst zonder persoonsgegevens",
        "en": "Your text without personal data",
    },
    "successor_of": {"nl": "neemt het werk over van", "en": "took over the work of"},
    # What a page says when a question cannot be answered (the API's errors stay English).
    "no_term": {
        "nl": "Geen woord ‘{word}’ in de kennisgraaf.",
        "en": "No word ‘{word}’ in the knowledge graph.",
    },
    "no_term_of": {
        "nl": "{organisation} heeft geen woord ‘{word}’ in zijn jargon.",
        "en": "{organisation} has no word ‘{word}’ in its jargon.",
    },
    "not_their_word": {
        "nl": "{organisation} heeft geen eigen woord ‘{word}’; {used_by} gebruikt het. Laat de "
        "organisatie weg om te zien wat zij ermee bedoelen.",
        "en": "{organisation} has no word ‘{word}’ of its own; {used_by} uses it. Leave out the "
        "organisation to see what they mean by it.",
    },
    "unknown_organisation": {
        "nl": "Onbekende organisatie: {unknown}. Bekend zijn: {known}.",
        "en": "Unknown organisation: {unknown}. Known are: {known}.",
    },
    # A field of the who form that does not fit, by pydantic's error type, then the router's.
    "invalid_int_parsing": {"nl": "vul een geheel getal in", "en": "enter a whole number"},
    "invalid_greater_than_equal": {"nl": "ten minste {ge}", "en": "at least {ge}"},
    "invalid_less_than_equal": {"nl": "ten hoogste {le}", "en": "at most {le}"},
    "invalid_string_too_long": {
        "nl": "ten hoogste {max_length} tekens",
        "en": "at most {max_length} characters",
    },
    "invalid_too_long": {
        "nl": "ten hoogste {max_length} keuzes",
        "en": "at most {max_length} choices",
    },
    "who_invalid_question": {
        "nl": "Beschrijf de situatie of vul ten minste één veld in.",
        "en": "Describe the situation or fill in at least one field.",
    },
    "who_invalid_postcode": {
        "nl": "geen Nederlandse postcode (1234 of 1234 AB)",
        "en": "not a Dutch postcode (1234 or 1234 AB)",
    },
    "who_invalid_life_domains": {
        "nl": "onbekend: {unknown}; bekend zijn: {known}",
        "en": "unknown: {unknown}; known are: {known}",
    },
    # The overlap report's formats (Markdown, HTML)
    "report_title": {"nl": "Overlaprapport", "en": "Overlap report"},
    "report_summary": {
        "nl": "{findings} bevindingen: {open} open, {settled} afgehandeld.",
        "en": "{findings} findings: {open} open, {settled} settled.",
    },
    "report_count": {"nl": "aantal", "en": "count"},
    "report_pairs": {"nl": "Per paar organisaties", "en": "Per pair of organisations"},
    "report_pair": {
        "nl": "{open} open, {settled} afgehandeld; woorden met verschillende betekenis: "
        "{terms}; overlappende taken: {tasks}",
        "en": "{open} open, {settled} settled; words with different meanings: {terms}; "
        "overlapping tasks: {tasks}",
    },
    "report_findings": {"nl": "Bevindingen", "en": "Findings"},
    "report_settled_by": {"nl": "afgehandeld door", "en": "settled by"},
    "report_question": {"nl": "gespreksvraag", "en": "discussion question"},
    "report_sources": {"nl": "bronnen", "en": "sources"},
    "report_assumption": {"nl": "aanname", "en": "assumption"},
    "report_matrix": {"nl": "Organisatie × taak", "en": "Organisation × task"},
    "report_target_group": {"nl": "doelgroep", "en": "target group"},
    "report_life_domain": {"nl": "leefgebied", "en": "life domain"},
    "report_matrix_legend": {
        "nl": "rood: meer dan één organisatie; blauw: één organisatie",
        "en": "red: more than one organisation; blue: one organisation",
    },
    # Additions
    "addition_valid": {
        "nl": "{source}: geldig — {triples} triples, organisatie(s): {organisations}",
        "en": "{source}: valid — {triples} triples, organisation(s): {organisations}",
    },
    "report_changes": {
        "nl": "Wat verandert in het overlaprapport",
        "en": "What changes in the overlap report",
    },
    "changes_new": {"nl": "nieuwe bevindingen", "en": "new findings"},
    "changes_newly_settled": {"nl": "nu geregeld", "en": "newly settled"},
    "changes_gone": {"nl": "verdwenen bevindingen", "en": "findings gone"},
    "dry_run": {
        "nl": "Proefrun: er is niets opgeslagen.",
        "en": "Dry run: nothing was stored.",
    },
    "added_as": {
        "nl": "Toegevoegd als toevoeging {id} (ongedaan maken: rolemap undo {id}).",
        "en": "Added as addition {id} (to undo: rolemap undo {id}).",
    },
    "history_empty": {"nl": "Nog geen toevoegingen.", "en": "No additions yet."},
    "undone": {"nl": "ongedaan gemaakt", "en": "undone"},
}


def message(key: str, lang: str, **values: object) -> str:
    texts = MESSAGES[key]
    text = texts.get(lang) or texts["nl"]
    return text.format(**values) if values else text
