import { coreSoapEnvelope, readCoreSoap } from './core-soap-envelope';
import { XmlError, child, descendant, parseXml, unescapeXml } from './xml';

describe('xml (fast-xml-parser, entity processing off)', () => {
  it('decodes the five predefined entities and character references, nothing else', () => {
    expect(unescapeXml('a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;')).toBe(`a & b < c > d "e" 'f'`);
    expect(parseXml('<r a="&quot;1&quot;">&#65;&amp;#66;</r>')).toMatchObject({ text: 'A&#66;', attributes: { a: '"1"' } });
    expect(unescapeXml('&#65;&#x42;&#x1F600;')).toBe('AB\u{1F600}');
    expect(() => unescapeXml('&nbsp;')).toThrow(XmlError);
    expect(() => unescapeXml('&#0;')).toThrow(XmlError);
  });

  it('keeps the CDATA payload verbatim through the builder and the parser, even one that contains "]]>"', () => {
    const x12 = 'ISA*00*~SEG*a]]>b&c<d~';
    const xml = coreSoapEnvelope('COREEnvelopeRealTimeRequest', { Payload: x12, SenderID: 'A&B <C>' }, { username: 'u&', password: '"p<' });
    const message = readCoreSoap(xml);
    expect(message).toMatchObject({
      kind: 'envelope',
      envelope: { Payload: x12, SenderID: 'A&B <C>' },
      security: { username: 'u&', password: '"p<' },
    });
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
    ['an external entity (XXE)', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'],
    ['an undeclared entity', '<r>&x;</r>'],
    ['a character reference to NUL', '<r>&#0;</r>'],
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
