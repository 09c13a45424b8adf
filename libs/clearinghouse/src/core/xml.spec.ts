import { XmlError, cdata, child, descendant, escapeXml, parseXml, unescapeXml } from './xml';

describe('xml', () => {
  it('escapes and unescapes the five predefined entities and character references', () => {
    const text = `a & b < c > d "e" 'f'`;
    expect(escapeXml(text)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
    expect(unescapeXml(escapeXml(text))).toBe(text);
    expect(unescapeXml('&#65;&#x42;&#x1F600;')).toBe('AB\u{1F600}');
    expect(() => unescapeXml('&nbsp;')).toThrow(XmlError);
    expect(() => unescapeXml('&#0;')).toThrow(XmlError);
  });

  it('keeps CDATA verbatim, even a payload that contains "]]>"', () => {
    const x12 = 'ISA*00*~SEG*a]]>b&c<d~';
    const root = parseXml(`<r>${cdata(x12)}</r>`);
    expect(root.text).toBe(x12);
  });

  it('mixes text and CDATA, decoding entities only outside CDATA', () => {
    expect(parseXml('<r>&amp;<![CDATA[&amp;]]>&lt;</r>').text).toBe('&&amp;<');
  });

  it('resolves namespace prefixes, default namespaces and attributes', () => {
    const root = parseXml(
      `<?xml version="1.0"?><!-- c --><s:E xmlns:s="urn:s" xmlns="urn:d" a='1 &gt; 0'><B><s:C x="&quot;y&quot;"/></B></s:E>`,
    );
    expect(root).toMatchObject({ localName: 'E', namespace: 'urn:s', attributes: { a: '1 > 0' } });
    const b = child(root, 'B', 'urn:d');
    expect(b?.namespace).toBe('urn:d');
    expect(descendant(root, 'C')).toMatchObject({ namespace: 'urn:s', attributes: { x: '"y"' } });
  });

  it.each([
    ['DOCTYPE (no entity expansion)', '<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>'],
    ['mismatched end tag', '<a><b></a></b>'],
    ['unclosed element', '<a><b></b>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', 'junk<a/>'],
    ['undeclared prefix', '<p:a/>'],
    ['unterminated CDATA', '<a><![CDATA[x</a>'],
    ['unquoted attribute', '<a b=c/>'],
    ['duplicate attribute', '<a b="1" b="2"/>'],
    ['empty document', '   '],
  ])('rejects %s', (_label, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
  });
});
