// XML for the fixed CORE SOAP envelope, read with fast-xml-parser. The parser runs with entity
// processing off and a DOCTYPE is refused before it (SOAP forbids DTDs; no entity expansion, so
// no XXE or billion laughs); the five predefined entities and character references are decoded
// here, any other entity is an error. Prefixes are resolved to namespace URIs, so callers match
// elements by (namespace, local name) whatever prefixes the sender chose.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export class XmlError extends Error {}

export interface XmlElement {
  /** Qualified name as written, e.g. "soap:Envelope". */
  name: string;
  localName: string;
  /** Namespace URI the prefix (or default namespace) resolves to; '' when none. */
  namespace: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text content of this element only (CDATA verbatim, entities decoded). */
  text: string;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(value: string): string {
  return value.replace(/&(#x[0-9A-Fa-f]+|#\d+|\w+);/g, (match, ref: string) => {
    if (ref.startsWith('#x')) return codePoint(parseInt(ref.slice(2), 16), match);
    if (ref.startsWith('#')) return codePoint(parseInt(ref.slice(1), 10), match);
    if (Object.hasOwn(PREDEFINED, ref)) return PREDEFINED[ref];
    throw new XmlError(`unknown entity &${ref};`);
  });
}

function codePoint(n: number, ref: string): string {
  const valid =
    n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
  if (!valid) throw new XmlError(`invalid character reference ${ref}`);
  return String.fromCodePoint(n);
}

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRIBUTES = ':@';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** fast-xml-parser's ordered output: one key naming the element (or #text / #cdata), plus ':@' attributes. */
type OrderedNode = Record<string, unknown>;

/** Parses a document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlError('DOCTYPE is not allowed');
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the split-out validator package is not a dependency; this one still ships with fast-xml-parser 5
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) throw new XmlError(`not well-formed XML (${valid.err.code} at line ${valid.err.line})`);
  const nodes = parser.parse(xml) as OrderedNode[];
  const roots = nodes.filter((n) => elementName(n) !== undefined);
  if (roots.length !== 1) throw new XmlError(roots.length === 0 ? 'no root element' : 'more than one root element');
  if (nodes.some((n) => typeof n[TEXT] === 'string' && n[TEXT].trim() !== '')) throw new XmlError('text outside the root element');
  return toElement(roots[0], { xml: 'http://www.w3.org/XML/1998/namespace' });
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ATTRIBUTES && k !== TEXT && k !== CDATA);
}

function toElement(node: OrderedNode, inherited: Record<string, string>): XmlElement {
  const name = elementName(node) ?? '';
  const raw = (node[ATTRIBUTES] ?? {}) as Record<string, string>;
  const scope = { ...inherited };
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const decoded = unescapeXml(value);
    if (key === 'xmlns') scope[''] = decoded;
    else if (key.startsWith('xmlns:')) scope[key.slice(6)] = decoded;
    else attributes[key] = decoded;
  }
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const namespace = scope[prefix];
  if (prefix !== '' && namespace === undefined) throw new XmlError(`undeclared namespace prefix ${prefix}`);
  const element: XmlElement = { name, localName: name.slice(colon + 1), namespace: namespace ?? '', attributes, children: [], text: '' };
  for (const c of (node[name] ?? []) as OrderedNode[]) {
    if (typeof c[TEXT] === 'string') element.text += unescapeXml(c[TEXT]);
    else if (Array.isArray(c[CDATA]))
      element.text += (c[CDATA] as OrderedNode[]).map((t) => (typeof t[TEXT] === 'string' ? t[TEXT] : '')).join('');
    else if (elementName(c) !== undefined) element.children.push(toElement(c, scope));
  }
  return element;
}

/** First child with this local name (and namespace, when given). */
export function child(element: XmlElement | undefined, localName: string, namespace?: string): XmlElement | undefined {
  return element?.children.find((c) => c.localName === localName && (namespace === undefined || c.namespace === namespace));
}

/** First descendant (depth-first) with this local name. */
export function descendant(element: XmlElement | undefined, localName: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const c of element.children) {
    if (c.localName === localName) return c;
    const found = descendant(c, localName);
    if (found) return found;
  }
  return undefined;
}
