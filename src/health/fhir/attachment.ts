/**
 * A DocumentReference attachment's bytes → the note's plain text: decoded in the charset its content
 * type declares (a byte-order mark overrides it, as in the WHATWG decoding algorithm; UTF-8 when
 * none is declared), and an HTML or XHTML document read as the text it shows — tags removed,
 * character references decoded, block elements on lines of their own, table cells apart — so that
 * the de-identification reads "Maribelle Zylbersztajn" where the markup wrote
 * `<b>Maribelle</b>&nbsp;Zylbersztajn`.
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
  return { text: type === 'text/html' || type === 'application/xhtml+xml' ? htmlText(text) : text };
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
 * The text an HTML document shows: white space collapsed as a browser does (outside `pre`), a line
 * break around block elements, a tab between table cells.
 */
export function htmlText(html: string): string {
  const parts: string[] = [];
  let hidden = 0, pre = 0;
  // (at the start of a line; a collapsed space waiting for the next word)
  let lineStart = true, space = false;
  const newline = (): void => { if (!lineStart) parts.push('\n'); lineStart = true; space = false; };
  const parser = new Parser({
    onopentag(name) {
      if (HIDDEN.has(name)) hidden++;
      else if (name === 'pre') pre++;
      if (name === 'td' || name === 'th') { if (!lineStart) { parts.push('\t'); space = false; } }
      else if (BLOCK.has(name)) newline();
      else if (!INLINE.has(name) && !lineStart) space = true;
    },
    onclosetag(name) {
      if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
      else if (name === 'pre') pre = Math.max(0, pre - 1);
      if (BLOCK.has(name) && name !== 'br') newline();
      else if (!BLOCK.has(name) && !INLINE.has(name) && name !== 'td' && name !== 'th' && !lineStart) space = true;
    },
    ontext(data) {
      if (hidden > 0) return;
      if (pre > 0) { parts.push(space ? ' ' + data : data); space = false; lineStart = data.endsWith('\n'); return; }
      let t = data.replace(/[ \t\n\r\f]+/g, ' ');
      if (t.startsWith(' ')) { if (!lineStart) space = true; t = t.slice(1); }
      if (t === '') return;
      const after = t.endsWith(' ');
      if (after) t = t.slice(0, -1);
      parts.push(space ? ' ' + t : t);
      space = after; lineStart = false;
    },
    // (HTML's character references in XHTML too, "&nbsp;", "&eacute;", which XML mode would leave as written; CDATA sections are text)
  }, { decodeEntities: true, lowerCaseTags: true, recognizeCDATA: true });
  parser.write(html);
  parser.end();
  return parts.join('').trim();
}
