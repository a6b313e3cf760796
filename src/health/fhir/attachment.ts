/**
 * A DocumentReference attachment's bytes → the note's plain text: decoded in the charset its content
 * type declares (a byte-order mark overrides it, as in the WHATWG decoding algorithm; UTF-8 when
 * none is declared), and an HTML or XHTML document read as the text it shows — tags removed,
 * character references decoded, block elements on lines of their own, table cells apart — so that
 * the de-identification reads "Maribelle Zylbersztajn" where the markup wrote
 * `<b>Maribelle</b>&nbsp;Zylbersztajn`. An XML document (a CDA) and an RTF document are read as the
 * text they hold too: `<given>Zo&#233;</given><family>Lef&#232;vre</family>` and `Zo\'e9 Lef\'e8vre`
 * hide a name from every rule until they are.
 */
import { Parser } from 'htmlparser2';

export type Decoded = { text: string } | { error: string };

/** The media type in lower case, without its parameters ("text/html; charset=UTF-8" → "text/html"). */
export function mediaType(contentType: string): string {
  return contentType.split(';', 1)[0]!.trim().toLowerCase();
}

/** Whether an attachment of this content type holds a note's text (text/*, XHTML). */
export function isTextType(contentType: string): boolean {
  const t = mediaType(contentType);
  return t.startsWith('text/') || t === 'application/xhtml+xml';
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** The attachment's text, or what is wrong with its bytes. */
export function decodeAttachment(bytes: Uint8Array, contentType: string | null): Decoded {
  const declared = contentType === null ? undefined : CHARSET.exec(contentType)?.[1];
  let label = declared ?? 'utf-8';
  // (a byte-order mark says the encoding whatever the label: UTF-16 big- or little-endian, UTF-8)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = 'utf-8';
  let decoder: InstanceType<typeof TextDecoder>;
  try { decoder = new TextDecoder(label, { fatal: true }); } catch {
    return { error: `unknown charset "${declared}" in contentType: use a standard name (utf-8, utf-16, windows-1252, iso-8859-15…)` };
  }
  let text: string;
  try { text = decoder.decode(bytes); } catch {
    return {
      error: declared === undefined
        ? 'the decoded text is not UTF-8: declare its charset in contentType (text/plain; charset=windows-1252) or attach UTF-8'
        : `the decoded text is not valid ${decoder.encoding}, the charset its contentType declares: correct the charset or the data`,
    };
  }
  // (Node's decoder reads windows-1252 as ISO-8859-1: 0x80-0x9F as control characters where the standard has € ’ “ œ…)
  if (decoder.encoding === 'windows-1252') text = text.replace(/[\x80-\x9f]/g, (ch) => CP1252[ch.charCodeAt(0) - 0x80]!);
  const type = contentType === null ? '' : mediaType(contentType);
  // (other text/* — plain, csv, markdown… — are read as written)
  return {
    text: type === 'text/html' || type === 'application/xhtml+xml' ? htmlText(text)
      : type === 'text/xml' ? xmlText(text) : type === 'text/rtf' ? rtfText(text) : text,
  };
}

/** windows-1252's characters for the bytes 0x80-0x9F (the five it leaves undefined map to themselves, as in WHATWG's table). */
const CP1252 = Array.from('\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f'
  + '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178');

/** Elements that start a line of their own (flow content that is no phrasing). */
const BLOCK = new Set(['address', 'article', 'aside', 'blockquote', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'listing',
  'main', 'menu', 'nav', 'ol', 'optgroup', 'option', 'p', 'plaintext', 'pre', 'search', 'section', 'select', 'summary', 'table', 'tbody', 'tfoot', 'thead',
  'title', 'tr', 'ul', 'xmp']);
/**
 * Elements inside a word's line with nothing between them and the text around ("Mari<b>belle</b>" is one word): phrasing
 * content. Any other element — an unknown one, Word's `<st1:PersonName>`, `<label>`, `<img>` — stands for a space, so that
 * no two words are glued nor a name cut from its title by a line break.
 */
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'blink', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark',
  'nobr', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr', 'html', 'body', 'head']);
/** Elements whose content is no text shown. */
const HIDDEN = new Set(['script', 'style', 'template']);

/**
 * The plain text being laid out from a document's markup: white space collapsed as a browser does (outside `pre`), a line
 * break where a block starts or ends, a tab between table cells.
 */
class Layout {
  private readonly parts: string[] = [];
  // (at the start of a line; a collapsed space waiting for the next word)
  private lineStart = true;
  private space = false;

  newline(): void { if (!this.lineStart) this.parts.push('\n'); this.lineStart = true; this.space = false; }
  cell(): void { if (!this.lineStart) { this.parts.push('\t'); this.space = false; } }
  /** An element that stands for a space: no two words glued. */
  gap(): void { if (!this.lineStart) this.space = true; }

  /** Preformatted text, as written. */
  pre(data: string): void {
    this.parts.push(this.space ? ' ' + data : data);
    this.space = false; this.lineStart = data.endsWith('\n');
  }

  text(data: string): void {
    let t = data.replace(/[ \t\n\r\f]+/g, ' ');
    if (t.startsWith(' ')) { this.gap(); t = t.slice(1); }
    if (t === '') return;
    const after = t.endsWith(' ');
    if (after) t = t.slice(0, -1);
    this.parts.push(this.space ? ' ' + t : t);
    this.space = after; this.lineStart = false;
  }

  done(): string { return this.parts.join('').trim(); }
}

/**
 * The text an HTML document shows: white space collapsed as a browser does (outside `pre`), a line
 * break around block elements, a tab between table cells.
 */
export function htmlText(html: string): string {
  const out = new Layout();
  let hidden = 0, pre = 0;
  const parser = new Parser({
    onopentag(name) {
      if (HIDDEN.has(name)) hidden++;
      else if (name === 'pre') pre++;
      if (name === 'td' || name === 'th') out.cell();
      else if (BLOCK.has(name)) out.newline();
      else if (!INLINE.has(name)) out.gap();
    },
    onclosetag(name) {
      if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
      else if (name === 'pre') pre = Math.max(0, pre - 1);
      if (BLOCK.has(name) && name !== 'br') out.newline();
      else if (!BLOCK.has(name) && !INLINE.has(name) && name !== 'td' && name !== 'th') out.gap();
    },
    ontext(data) {
      if (hidden > 0) return;
      if (pre > 0) out.pre(data); else out.text(data);
    },
    // (HTML's character references in XHTML too, "&nbsp;", "&eacute;", which XML mode would leave as written; CDATA sections are text)
  }, { decodeEntities: true, lowerCaseTags: true, recognizeCDATA: true });
  parser.write(html);
  parser.end();
  return out.done();
}

/** XML elements (by local name, in lower case) that start a line of their own: HTML's blocks and a CDA narrative's. */
const XML_BLOCK = new Set([...BLOCK, 'paragraph', 'list', 'item', 'section', 'component', 'text', 'tr']);

/**
 * The text an XML document holds (a CDA, any XML): every element stands for a space — `<given>Zoé</given><family>Lefèvre</family>`
 * is two words; an XML element's name says nothing of phrasing, and two words glued hide a name as well as a word cut —, a
 * block of HTML or of a CDA narrative (paragraph, item, section…) for a line, a table cell for a tab; character references
 * and named entities decoded (HTML's too, `&eacute;`, which exports write without declaring them); CDATA sections as
 * written. Attributes are no text (a CDA's ids and telecoms are in attributes: left out, not kept).
 */
export function xmlText(xml: string): string {
  const out = new Layout();
  // (the text between two tags, decoded at once: a reference is never cut between two pieces of the parser's)
  let raw = '';
  const text = (): void => { if (raw !== '') { out.text(decodeReferences(raw)); raw = ''; } };
  const element = (name: string, open: boolean): void => {
    text();
    const local = name.slice(name.lastIndexOf(':') + 1).toLowerCase();
    if (local === 'td' || local === 'th') { if (open) out.cell(); }
    else if (XML_BLOCK.has(local)) { if (open || local !== 'br') out.newline(); }
    else out.gap();
  };
  let cdata = false;
  const parser = new Parser({
    onopentag(name) { element(name, true); },
    onclosetag(name) { element(name, false); },
    oncdatastart() { text(); cdata = true; },
    oncdataend() { cdata = false; },
    ontext(data) { if (cdata) out.text(data); else raw += data; },
  }, { xmlMode: true, decodeEntities: false, recognizeCDATA: true });
  parser.write(xml);
  parser.end();
  text();
  return out.done();
}

/** A text's character references and named entities decoded (`&#233;`, `&#xE8;`, `&amp;`, `&eacute;`), by HTML's table. */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  // (the XML parser leaves every reference as written, so that HTML's names are decoded too: the HTML tokenizer decodes them,
  // and the text holds no '<' — XML text cannot — to be read as a tag)
  const parts: string[] = [];
  const p = new Parser({ ontext(d) { parts.push(d); } }, { decodeEntities: true });
  p.write(text);
  p.end();
  return parts.join('');
}

/** RTF destinations that hold no text of the document: tables, its information, pictures, objects, a field's instruction… */
const RTF_SKIPPED = new Set(['fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'objdata', 'themedata',
  'colorschememapping', 'datastore', 'latentstyles', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'xmlnstbl',
  'filetbl', 'revtbl', 'mmathPr', 'fldinst', 'pgdsctbl', 'nonshppict', 'userprops', 'docvar', 'xe', 'tc']);
/** RTF control words that stand for a character. */
const RTF_CHARS: Record<string, string> = {
  par: '\n', line: '\n', sect: '\n', page: '\n', row: '\n', cell: '\t', nestcell: '\t', tab: '\t',
  emdash: '\u2014', endash: '\u2013', bullet: '\u2022', lquote: '\u2018', rquote: '\u2019', ldblquote: '\u201c', rdblquote: '\u201d',
  emspace: ' ', enspace: ' ', qmspace: ' ',
};
/** A font's \fcharset → its Windows code page (0 ANSI, 1 default, 2 symbol: the document's). */
const RTF_CHARSET_CP: Record<number, number> = {
  77: 10000, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258, 177: 1255, 178: 1256, 186: 1257,
  204: 1251, 222: 874, 238: 1250, 254: 437, 255: 850,
};

/** The TextDecoder label of a Windows code page (those the decoder has; windows-1252, the ANSI one, for the others). */
function codePageLabel(cp: number): string {
  if (cp === 874 || (cp >= 1250 && cp <= 1258)) return `windows-${cp}`;
  if (cp >= 28591 && cp <= 28606) return `iso-8859-${cp - 28590}`;
  return ({ 932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5', 866: 'ibm866', 10000: 'macintosh', 20866: 'koi8-r', 65001: 'utf-8' } as Record<number, string>)[cp] ?? 'windows-1252';
}

/** Bytes of a code page → text (windows-1252's 0x80-0x9F as the standard has them, not control characters). */
function decodeCodePage(bytes: number[], cp: number): string {
  const d = new TextDecoder(codePageLabel(cp));
  const text = d.decode(Uint8Array.from(bytes));
  return d.encoding === 'windows-1252' ? text.replace(/[\x80-\x9f]/g, (ch) => CP1252[ch.charCodeAt(0) - 0x80]!) : text;
}

interface RtfGroup { skip: boolean; fonts: boolean; font: number; uc: number }

/**
 * The text an RTF document holds: control words removed (those that stand for a character — \par, \tab, \emdash… —
 * written as it), `\'hh` decoded in the code page of the document (\ansicpg) or of the font's charset (\fcharset),
 * `\uN` as its character with its N-character fallback (\ucN) skipped, and the groups that are no text — font, color and
 * style tables, the document's information, pictures, field instructions, every `\*` destination — left out.
 */
export function rtfText(rtf: string): string {
  const out: string[] = [];
  let bytes: number[] = [], bytesCp = 0;
  const flush = (): void => { if (bytes.length) { out.push(decodeCodePage(bytes, bytesCp)); bytes = []; } };
  let docCp = 1252;
  const fontCp = new Map<number, number>();
  let g: RtfGroup = { skip: false, fonts: false, font: -1, uc: 1 };
  const stack: RtfGroup[] = [];
  // (the fallback characters still to skip after a \uN; a group's first control word may name its destination)
  let fallback = 0, groupStart = false, fontDefined = -1;
  const n = rtf.length;
  for (let i = 0; i < n;) {
    const ch = rtf[i]!;
    if (ch === '{' || ch === '}') {
      flush();
      fallback = 0;
      if (ch === '{') { stack.push(g); g = { ...g }; groupStart = true; } else { g = stack.pop() ?? g; groupStart = false; }
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') { i++; continue; } // (line breaks of the source are no text)
    if (ch !== '\\') {
      groupStart = false;
      i++;
      if (fallback > 0) { fallback--; continue; }
      if (g.skip) continue;
      flush();
      out.push(ch);
      continue;
    }
    // a control word, a control symbol or \'hh
    const next = rtf[i + 1];
    if (next === "'") {
      const hex = rtf.slice(i + 2, i + 4);
      i += 4;
      groupStart = false;
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) continue;
      if (fallback > 0) { fallback--; continue; }
      if (g.skip) continue;
      const cp = fontCp.get(g.font) ?? docCp;
      if (bytes.length && cp !== bytesCp) flush();
      bytesCp = cp;
      bytes.push(parseInt(hex, 16));
      continue;
    }
    const word = /^[A-Za-z]{1,32}/.exec(rtf.slice(i + 1, i + 34));
    if (word === null) {
      // a control symbol
      i += 2;
      const wasStart = groupStart;
      groupStart = false;
      if (next === '*') { if (wasStart) g.skip = true; continue; }
      if (next === '\r' || next === '\n') { if (!g.skip) { flush(); out.push('\n'); } continue; }
      if (fallback > 0) { fallback--; continue; }
      if (g.skip) continue;
      const sym = next === '\\' || next === '{' || next === '}' ? next : next === '~' ? '\u00a0' : next === '_' ? '\u2011' : '';
      if (sym) { flush(); out.push(sym); }
      continue;
    }
    const name = word[0];
    let j = i + 1 + name.length;
    const num = /^-?\d{1,10}/.exec(rtf.slice(j, j + 11));
    const param = num ? Number(num[0]) : null;
    if (num) j += num[0].length;
    if (rtf[j] === ' ') j++; // (the space that ends a control word is part of it)
    i = j;
    const wasStart = groupStart;
    groupStart = false;
    if (name === 'bin' && param !== null && param > 0) { i += param; continue; } // (binary data: no text)
    if (RTF_SKIPPED.has(name) && wasStart) { g.skip = true; if (name === 'fonttbl') g.fonts = true; continue; }
    if (g.fonts) {
      // (the font table: each font's charset, whose code page decodes the \'hh written in that font)
      if (name === 'f' && param !== null) fontDefined = param;
      else if (name === 'fcharset' && param !== null && RTF_CHARSET_CP[param] !== undefined && fontDefined >= 0) fontCp.set(fontDefined, RTF_CHARSET_CP[param]!);
      continue;
    }
    if (name === 'ansicpg' && param !== null) { docCp = param; continue; }
    if (name === 'mac') { docCp = 10000; continue; }
    if (name === 'pc') { docCp = 437; continue; }
    if (name === 'pca') { docCp = 850; continue; }
    if (name === 'uc' && param !== null) { g.uc = Math.max(0, param); continue; }
    if (name === 'f' && param !== null) { g.font = param; continue; }
    if (name === 'u' && param !== null) {
      if (fallback > 0) { fallback--; continue; }
      if (!g.skip) { flush(); out.push(String.fromCharCode(param < 0 ? param + 65536 : param)); }
      fallback = g.uc;
      continue;
    }
    if (fallback > 0) { fallback--; continue; }
    if (g.skip) continue;
    const c = RTF_CHARS[name];
    if (c !== undefined) { flush(); out.push(c); }
  }
  flush();
  return out.join('').split('\n').map((l) => l.replace(/[ \t]+$/, '')).join('\n').trim();
}
