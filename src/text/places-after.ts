/**
 * Towns told by their neighbours (after the recognizers, before overlap resolution): a town in
 * brackets right after a place of care ("Imagerie du Beffroi (Lens)", "Clinique du Pré (Le Mans)"), or a town
 * of the dictionary after its comma or dash ("Centre Eugène Marquis - Rennes", "Lakeshore Kidney Care - Kenosha"),
 * and a town after a street address and its comma ("2 rue du Four, Arras -", "18 Maple Ridge Road,
 * Shrewsbury, MA"). The town needs no dictionary there: its neighbour says what it is.
 */
import { fold, isVocabularyWord, LEX_CITY, LEX_FIRST } from './data.ts';
import type { Lexicon } from './data.ts';
import { isCareKind, isHospitalKindWord, isWordLetter, tokenLexicon, CITY_STATES, LEX_STOP, LEX_TITLE, LEX_TITLE_DOT, LEX_CUE, LEX_PROF, LEX_CRED } from './recognizers.ts';
import type { Span } from './types.ts';

/** Words that go on with an address after its comma (an apartment, a building, a postal box), not a town. */
const ADDRESS_GOES_ON = new Set(['APT', 'APPT', 'APPARTEMENT', 'APARTMENT', 'BAT', 'BATIMENT', 'BLDG', 'BUILDING', 'ESCALIER', 'ESC', 'ETAGE', 'RESIDENCE', 'SUITE', 'STE',
  'UNIT', 'FLOOR', 'FL', 'BP', 'CS', 'TSA', 'CEDEX', 'APP', 'PORTE', 'LOT', 'CHEZ', 'ROOM', 'RM', 'BOX', 'PO', 'RR', 'HAMEAU', 'LIEU-DIT', 'LIEUDIT', 'ZI', 'ZA', 'ZAC', 'QUARTIER', 'CITE']);
const NOT_TOWN = LEX_STOP | LEX_TITLE | LEX_TITLE_DOT | LEX_CUE | LEX_PROF;
/** One to four capitalized words (particles and hyphens between them) starting at a: their end, or a. */
function townEnd(text: string, a: number): number {
  const m = TOWN.exec(text.slice(a, a + 60));
  if (m === null) return a;
  // (not a state's code after the town: "Phoenix AZ 85015")
  const st = / [A-Z]{2}$/.exec(m[0]);
  return a + (st !== null ? st.index : m[0].length);
}
const TOWN = /^[A-ZÀ-Þ][A-Za-zÀ-ÿ'’]*(?:(?:-| |-sur-| sur | (?:de|du|des|la|le|les|en|lès) )[A-ZÀ-Þ][A-Za-zÀ-ÿ'’]*){0,3}/;

/**
 * A place of care named again without its cue ("Mercy Ridge Medical Center" … "presented to the
 * Mercy Ridge ED"): the name of a HOSPITAL span of two words or more, found again as whole words.
 */
const GENERIC_TAIL = new Set(['Medical', 'Regional', 'General', 'Memorial', 'Community', 'Health', 'Family', 'Surgical', 'Rehabilitation', 'Cancer', 'Heart',
  'University', 'County', 'State', "Children's", 'Primary', 'Urgent', 'Home', 'Internal', 'MEDICAL', 'REGIONAL', 'GENERAL', 'MEMORIAL', 'COMMUNITY']);
function placesNamedAgain(text: string, spans: Span[]): void {
  const n = spans.length;
  let names: Set<string> | null = null;
  for (let q = 0; q < n; q++) {
    const sp = spans[q]!;
    if (sp.label !== 'HOSPITAL' || sp.end - sp.start < 6 || sp.end - sp.start > 60) continue;
    // (its own words: the kind's generic words at its end set aside, "Mercy Ridge Medical" → "Mercy Ridge")
    const words = text.slice(sp.start, sp.end).split(' ');
    while (words.length > 1 && GENERIC_TAIL.has(words[words.length - 1]!)) words.pop();
    const v = words.join(' ');
    if (words.length >= 2 && /^[A-ZÀ-Þ]/.test(v)) (names ??= new Set()).add(v);
  }
  if (names === null) return;
  for (const v of names) for (let p = text.indexOf(v); p >= 0; p = text.indexOf(v, p + v.length)) {
    const b = p > 0 ? text.charCodeAt(p - 1) : 32, a = p + v.length < text.length ? text.charCodeAt(p + v.length) : 32;
    if (isWordLetter(b) || isWordLetter(a) || (b >= 48 && b <= 57)) continue;
    spans.push({ start: p, end: p + v.length, label: 'HOSPITAL', score: 0.6, rule: 'hospital-again' });
  }
}

/** First words of towns that are also words of places of care ("New Bedford", "West Hartford", "Saint-Malo", "St. Cloud"). */
const TOWN_FIRST = new Set(['NEW', 'NORTH', 'SOUTH', 'EAST', 'WEST', 'SAINT', 'ST', 'ST.', 'SAINTE', 'STE', 'CENTRAL']);
/** A saint's name, a town's ("Sainte-Colombe", "Saint-Pierre"), whatever its words. */
const SAINT = new Set(['SAINT', 'SAINTE', 'ST', 'STE', 'SAN', 'SANTA', 'SANKT']);
/** Last words of towns' names ("Salt Lake City", "Grand Junction", "Palm Springs", "Kalihi Valley"). */
const TOWN_LAST = new Set(['CITY', 'JUNCTION', 'FALLS', 'SPRINGS', 'HEIGHTS', 'VALLEY', 'BEACH', 'GROVE', 'HILLS', 'HARBOR', 'HARBOUR', 'BAY', 'CREEK',
  'RAPIDS', 'VILLAGE', 'TOWNSHIP', 'ROUGE', 'CREST', 'RIDGE', 'LAKES']);
/** A word of the language (after its elision: "D'ADMISSION"), a letter alone, or a specialty's ("Neuroradiologie", "Nephrology"). */
function languageWord(w: string): boolean {
  const f = fold(w).replace(/^[DL]['’]/, '');
  return f.length <= 1 || isVocabularyWord(f) || /(?:LOGIE|LOGY|IATRIE|IATRY|ATRICS)$/.test(f);
}
/**
 * A part of a place of care after its dash, no town: a building, a site, a wing ("- Pavillon Dieulafoy", "– Site Félix
 * Guyon", "- Tower B") or a specialty's short name ("- Hémato", "– Onco-pédiatrie", "- Cardio").
 */
const SUB_UNIT = /^(?:(?:pavillon|b[âa]timent|b[âa]t\.|site|p[ôo]le|service|unit[ée]|aile|bloc|secteur|d[ée]partement|dept\.?|division|wing|building|bldg\.?|campus|tower|tour|unit|floor|[ée]tage|r[ée]a|r[ée]animation|urgences?|m[ée]decine|icu|nicu|picu|er|ed)(?![\p{L}])|h[ée]mato|onco|cardio|neuro|pneumo|ophtalm|ophthalm|gastro|rhumato|n[ée]phro|urolog|gyn[ée]co|orthop|p[ée]diat|psychiat|dermato|endocrino|radiolog|chirurg)/iu;
/** A company's legal form after its name ("LABORATOIRE KARUKERA BIOLOGIE – SELAS"). */
const LEGAL_FORMS = new Set(['SELAS', 'SELARL', 'SELAFA', 'SARL', 'SAS', 'SASU', 'EURL', 'SCM', 'SCP', 'SISA', 'GIE', 'LLC', 'LLP', 'PLLC', 'INC', 'LTD', 'PLC']);
/** A specialist's word by its ending ("Addictologue", "Gériatre", "Allergologist", "Pédopsychiatre", "Orthoptiste"), folded. */
const SPECIALIST = /(?:LOGUE|IATRE|ISTE|IST|ICIEN|ICIENNE)$/;
/** A degree's or a credential's shape after a doctor's name ("PhD", "PharmD", "MSc", "MBChB"). */
const DEGREE = /^(?:(?:Ph|Pharm|Psy|Ed|Sc|Au|Dr)D|M(?:Sc|Phil|Ed|Res|Ch|ChB|BChB)|B(?:Sc|Pharm|Med)|DPhil|MBChB|MBBCh)$/;
/** A doctor's title right before a name ("Dr ", "Pr. ", "Docteur "). */
const DOCTOR_BEFORE = /(?:^|[^\p{L}])(?:Dr|Dre|Pr|DR|PR|Docteur|DOCTEUR|Professeur|Doctor|Prof)\.? $/u;
/**
 * The codes of US states and Canadian provinces that a town's name may end on without its comma ("Omaha NE", "Ankeny IA",
 * "Laval QC"); not those that are also words or titles after a name ("MD", "PA", "IN", "OR", "ME", "OK", "HI", "DE", "AL",
 * "ID", "CO"; Ontario's "ON").
 */
const TOWN_STATES = new Set([...CITY_STATES, 'QC', 'BC', 'AB', 'MB', 'SK', 'NS', 'NB', 'NL', 'PE']);
/** A town's end before the end of its line, a sentence's stop, a bracket, a list's ';', a state's code or a postal code. */
function townEnds(text: string, e: number): boolean {
  const c = e < text.length ? text.charCodeAt(e) : 10;
  if (c === 32 && TOWN_STATES.has(text.slice(e + 1, e + 3)) && !isWordLetter(e + 3 < text.length ? text.charCodeAt(e + 3) : 32)) return true;
  return c === 10 || c === 13 || (c === 46 && !isWordLetter(e + 1 < text.length ? text.charCodeAt(e + 1) : 32)) || /^ ?(?:\(|;|, [A-Z]{2}\b|,? \d{5}\b)/.test(text.slice(e, e + 8));
}

/**
 * An address's complements after it, French and English: the apartment, the staircase, the building, the floor, the door
 * ("14 boulevard Jules Verne, appt 32", "27 rue de Paris, esc. B, 5e étage, porte droite", "5 résidence du Parc, appartement
 * 14", "69003 LYON, bâtiment B, 6e étage"). Sticky at the address's (or the town's) end.
 */
const COMPLEMENT = new RegExp(String.raw`(?:,? (?:[-–] )?(?:(?:[Aa]ppartement|APPARTEMENT|[Aa]ppt|APPT|[Aa]pp|APP|[Aa]pt|APT|[Ee]scalier|ESCALIER|[Ee]sc|ESC|[Bb]âtiment|BÂTIMENT|[Bb]atiment|BATIMENT|[Bb]ât|BÂT|[Bb]at|BAT|[Pp]orte|PORTE|[Ee]ntrée|ENTRÉE|[Ee]ntree|ENTREE|[Ii]mmeuble|IMMEUBLE|[Ii]mm|IMM|[Ll]ogement|LOGEMENT|[Ll]og|LOG|[Vv]illa|VILLA|[Ss]uite|SUITE|[Uu]nit|UNIT|[Ff]lat|FLAT)(?:\.|(?=[ \d]))? ?(?:n[°º] ?)?(?:[A-Z0-9][\wÀ-ÿ'’-]*|droite|gauche|face|fond)(?: (?:droite|gauche|face|fond))?|\d{1,2}(?:e|è|ème|eme|er|ᵉ) ?(?:[ée]tage|gauche|droite)|\d{1,2}(?:E|ÈME|EME) ?[ÉE]TAGE|(?:1st|2nd|3rd|\d{1,2}th) [Ff]loor|[Rr]ez-de-chauss[ée]e|RDC))+`, 'uy');
function addressComplements(text: string, spans: Span[]): void {
  for (let q = 0, n = spans.length; q < n; q++) {
    const sp = spans[q]!;
    if (sp.label !== 'ADDRESS' && !(sp.label === 'CITY' && sp.rule === 'zip-city')) continue;
    COMPLEMENT.lastIndex = sp.end;
    const m = COMPLEMENT.exec(text);
    if (m === null) continue;
    // (a word's part is none: "esc" of "escarre")
    if (/[\p{L}\d]/u.test(text.charAt(sp.end + m[0].length))) continue;
    const a = sp.end + m[0].search(/[^,\s–-]/u);
    if (sp.label === 'ADDRESS') sp.end += m[0].length;
    else spans.push({ start: a, end: sp.end + m[0].length, label: 'ADDRESS', score: 0.7, rule: 'address-complement' });
  }
}

export function recognizePlacesAfter(text: string, spans: Span[]): void {
  addressComplements(text, spans);
  placesNamedAgain(text, spans);
  const n = spans.length;
  let lex: Lexicon | null = null;
  for (let q = 0; q < n; q++) {
    const sp = spans[q]!;
    if (sp.label !== 'HOSPITAL' && sp.label !== 'ADDRESS' && sp.label !== 'NAME') continue;
    let a = sp.end, dashed = false;
    if (sp.label === 'NAME') {
      // (a doctor's town after the name and its comma, as signatures and copy lists write them: "Dr Soizic Kerhervé, Lamballe",
      // "cc : Dr Ange-Marie Luciani, Ponte-Leccia ;" — read as after a place's comma)
      if (text.charCodeAt(a) !== 44 || text.charCodeAt(a + 1) !== 32 || !DOCTOR_BEFORE.test(text.slice(Math.max(0, sp.start - 12), sp.start))) continue;
      a += 2; dashed = true;
    } else if (sp.label === 'HOSPITAL') {
      // (after the kind's word that the English span leaves out: "Lakeshore Kidney[ Care] - Kenosha")
      if (text.charCodeAt(a) === 32) {
        let k = a + 1;
        while (k < text.length && isWordLetter(text.charCodeAt(k))) k++;
        if (k > a + 1 && isHospitalKindWord(text.slice(a + 1, k))) a = k;
      }
      // (or after a dash or a comma: "Centre Eugène Marquis - Rennes", "Yellowstone Regional Laboratory, Billings - courier")
      const c = text.charCodeAt(a), c1 = text.charCodeAt(a + 1), c2 = text.charCodeAt(a + 2);
      if (c === 44 && c1 === 32) { a += 2; dashed = true; }
      else if (c === 32 && (c1 === 45 || c1 === 8211 || c1 === 8212) && c2 === 32) { a += 3; dashed = true; }
      else {
        if (c === 32) a++;
        if (text.charCodeAt(a) !== 40) continue;
        a++;
      }
    } else {
      if (text.charCodeAt(a) !== 44 || text.charCodeAt(a + 1) !== 32) continue;
      a += 2;
    }
    const e = townEnd(text, a);
    if (e === a) continue;
    const after = e < text.length ? text.charCodeAt(e) : 10;
    // (the town ends there: a bracket's end, or a separator after the address's or the place's comma or dash — a bracket's end
    // too, "(18 rue Lenepveu, Angers)")
    if (sp.label === 'HOSPITAL' && !dashed ? after !== 41 : !(after === 44 || after === 59 || after === 46 || after === 10 || after === 13 || after === 40 || after === 41 || after === 45 || after === 8211 || after === 8212
      || (after === 32 && /^ (?:[-–—(,;]|\d{5}|[A-Z]{2}\b)/.test(text.slice(e, e + 7))))) continue;
    const town = text.slice(a, e);
    const words = town.split(/[ \-]/);
    const first = fold(words[0]!);
    lex ??= tokenLexicon();
    // (an acronym in brackets, "(CHU)", "(AP-HP)"; a title, a stop word but an article before a name, "(Le Mans)"; an apartment)
    const article = (first === 'LE' || first === 'LA' || first === 'LES') && words.length > 1;
    if ((((lex.get(first) ?? 0) & NOT_TOWN) !== 0 && !article) || ADDRESS_GOES_ON.has(first) || (/^[A-Z-]+$/.test(town) && (town.length <= 4 || town.includes('-')))) continue;
    // (after a place's comma or dash, a town of the dictionary, no department nor kind of care: "Centre Eugène Marquis - Rennes",
    // not "Mercy Hospital - Cardiology", "Hôpital Nord, Site Sud"; or a town in no dictionary that ends its line or comes before
    // a state, a postal code or a bracket, of no word of the lists but a direction or a saint first: "Hebrew Rehabilitation
    // Center, Roslindale⏎", "Hellenic Nursing Home - Canton⏎", "Huntsman Cancer Institute, Salt Lake City⏎" (a town's "City" after its first word), "… Center, New
    // Bedford (MA)"; not "Mercy Hospital - Discharge Summary⏎", "St. Mary's, Inpatient Unit⏎")
    if (dashed && (words.some((w, i) => isCareKind(fold(w)) && !(i === 0 ? TOWN_FIRST.has(fold(w)) : fold(w) === 'CITY'))
      || (((lex.get(fold(town)) ?? 0) & LEX_CITY) === 0 && !(townEnds(text, e) && words.every((w) => ((lex!.get(fold(w)) ?? 0) & NOT_TOWN) === 0)
        // (nor words of the language only, a department's or a form's: "– Neuroradiologie⏎", "- Cardiovascular Division⏎", "– Site
        // Sud⏎", "- CRITICAL VALUE NOTIFICATION LOG⏎"; but a town's last word after its name, "Salt Lake City", "Grand Junction")
        && !(words.every(languageWord) && !(words.length >= 2 && (TOWN_LAST.has(fold(words[words.length - 1]!)) || SAINT.has(fold(words[0]!)))))
        && !LEGAL_FORMS.has(fold(town)) && !SUB_UNIT.test(town))))) continue;
    // (after a doctor's name, no other person of the list, "Dr Paul Martin, Jeanne Dupont", nor a specialist's word, "Addictologue",
    // nor a credential, two capitals first: "Dr. Chinedu Eze, FRCPC", "Dr Pieter du Plessis, FCPath")
    if (sp.label === 'NAME' && (((lex.get(first) ?? 0) & (LEX_FIRST | LEX_CITY)) === LEX_FIRST || words.some((w) => SPECIALIST.test(fold(w)))
      || (/^[A-Z]{2}/.test(town) && ((lex.get(fold(town)) ?? 0) & LEX_CITY) === 0) || DEGREE.test(town) || words.some((w) => ((lex!.get(fold(w)) ?? 0) & LEX_CRED) !== 0))) continue;
    spans.push({ start: a, end: e, label: 'CITY', score: 0.6, rule: 'city-after' });
    // (and the town's postal code right after it, without its state: "12 Oak St, Baltimore 21205")
    const zip = /^ (\d{5})(?:-\d{4})?(?![\d.,:\/-]\d|\d| ?(?:mg|ml|kg|%|€|\$))/.exec(text.slice(e, e + 16));
    if (zip !== null) spans.push({ start: e + 1, end: e + 1 + zip[0].length - 1, label: 'ZIP', score: 0.7, rule: 'zip-after-town' });
  }
}
