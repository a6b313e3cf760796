import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PieceDecoder, textEncodingOf } from './text-decode.ts';
import { AnonymatError } from '../errors.ts';

const decodeAll = (pieces: Uint8Array[], enc: 'utf-8' | 'latin-1' = 'utf-8'): string => {
  const d = new PieceDecoder('note.txt', enc);
  return pieces.map((p) => d.push(p)).join('') + d.end();
};

test('UTF-8 pieces: a character cut between two pieces is decoded whole, the BOM dropped', () => {
  const b = Buffer.from('\ufeffRenée œdème 😀\nfin', 'utf8');
  for (let cut = 0; cut <= b.length; cut++) assert.equal(decodeAll([b.subarray(0, cut), b.subarray(cut)]), 'Renée œdème 😀\nfin', `cut at ${cut}`);
  // one byte at a time
  assert.equal(decodeAll([...b].map((x) => Uint8Array.of(x))), 'Renée œdème 😀\nfin');
});

test('invalid UTF-8: an error with the line, the column and the fix; a file that ends inside a character too', () => {
  const err = (pieces: Uint8Array[]): AnonymatError => { try { decodeAll(pieces); } catch (e) { return e as AnonymatError; } assert.fail('no error'); };
  const e = err([Buffer.from('ligne 1\nMme Ren', 'utf8'), Buffer.from([0xe9, 0x65])]);
  assert.ok(e instanceof AnonymatError && e.exitCode === 2);
  assert.equal(e.message, 'note.txt:2:8: byte 0xE9 is not valid UTF-8');
  assert.match(e.issues[0]!.message, /--encoding latin-1/);
  assert.match(err([Buffer.from([0x61, 0xc3])]).message, /note\.txt:1:2: the file ends inside a UTF-8 character/);
  // overlong and surrogate encodings are invalid
  assert.match(err([Buffer.from([0x61, 0xc0, 0xaf])]).message, /byte 0xC0/);
  assert.match(err([Buffer.from([0x61, 0xed, 0xa0, 0x80])]).message, /byte 0xED/);
});

test('Latin-1 (read as Windows-1252) on request; UTF-16 recognized by its byte-order mark', () => {
  assert.equal(decodeAll([Buffer.from([0x52, 0x65, 0x6e, 0xe9, 0x65, 0x20, 0x9c, 0x80])], 'latin-1'), 'Renée œ€');
  assert.equal(decodeAll([Buffer.from([0xff, 0xfe, 0x4d, 0x00]), Buffer.from([0xe9, 0x00])]), 'Mé');
  assert.equal(decodeAll([Buffer.from([0xfe, 0xff, 0x00, 0x4d, 0x00, 0xe9])]), 'Mé');
  assert.equal(decodeAll([]), '');
  assert.equal(decodeAll([Uint8Array.of(0x41)]), 'A');
  assert.equal(textEncodingOf('CP1252'), 'latin-1');
  assert.throws(() => textEncodingOf('ebcdic'), /--encoding expects/);
});

test('UTF-32, and NUL bytes (UTF-16 without its byte-order mark, binary) are errors: their identifiers would pass unseen', () => {
  const err = (pieces: Uint8Array[], enc?: 'latin-1') => { try { decodeAll(pieces, enc); } catch (e) { assert.ok(e instanceof AnonymatError); return e; } assert.fail('no error'); };
  const utf32 = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('M\u0000\u0000\u0000', 'latin1')]);
  assert.match(err([utf32]).message, /note\.txt:1:1: the file is UTF-32/);
  assert.match(err([Buffer.from('DUPONT', 'utf16le')]).message, /note\.txt:1:2: a NUL byte/);
  assert.match(err([Buffer.from('ab\ncd'), Buffer.from([0x65, 0x00])], 'latin-1').message, /note\.txt:2:4: a NUL byte/);
  // (UTF-16 with its byte-order mark holds NULs and is read)
  assert.equal(decodeAll([Buffer.from([0xff, 0xfe]), Buffer.from('DUPONT', 'utf16le')]), 'DUPONT');
});
