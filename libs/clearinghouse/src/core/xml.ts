// A small XML reader and writer for the fixed CORE SOAP envelope. It understands elements,
// attributes, namespaces, text, entity references, CDATA, comments and processing
// instructions; it refuses DOCTYPE (no entity expansion, so no XXE or billion laughs).

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

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&${Object.keys(PREDEFINED).find((k) => PREDEFINED[k] === c)};`);
}

export function unescapeXml(value: string): string {
  return value.replace(/&(#x[0-9A-Fa-f]+|#\d+|\w+);/g, (match, ref: string) => {
    if (ref.startsWith('#x')) return codePoint(parseInt(ref.slice(2), 16), match);
    if (ref.startsWith('#')) return codePoint(parseInt(ref.slice(1), 10), match);
    if (Object.hasOwn(PREDEFINED, ref)) return PREDEFINED[ref];
    throw new XmlError(`unknown entity &${ref};`);
  });
}

/** Wraps text in CDATA; a "]]>" inside is split across two sections so it survives. */
export function cdata(value: string): string {
  return `<![CDATA[${value.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

/** Parses a document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  const stack: Frame[] = [];
  let root: XmlElement | undefined;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > i) appendText(stack, xml.slice(i, textEnd), true);
    if (lt === -1) break;
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = mustFind(xml, ']]>', lt + 9, 'unterminated CDATA');
      appendText(stack, xml.slice(lt + 9, end), false);
      i = end + 3;
    } else if (xml.startsWith('<!--', lt)) {
      i = mustFind(xml, '-->', lt + 4, 'unterminated comment') + 3;
    } else if (xml.startsWith('<?', lt)) {
      i = mustFind(xml, '?>', lt + 2, 'unterminated processing instruction') + 2;
    } else if (xml.startsWith('<!', lt)) {
      throw new XmlError('DOCTYPE and declarations are not accepted');
    } else if (xml.startsWith('</', lt)) {
      const end = mustFind(xml, '>', lt + 2, 'unterminated end tag');
      const open = stack.pop();
      if (open?.element.name !== xml.slice(lt + 2, end).trim()) throw new XmlError('mismatched end tag');
      i = end + 1;
    } else {
      const parent = stack[stack.length - 1];
      const tag = startTag(xml, lt, parent?.scope ?? {});
      if (parent) parent.element.children.push(tag.element);
      else if (root) throw new XmlError('more than one root element');
      else root = tag.element;
      if (!tag.selfClosing) stack.push({ element: tag.element, scope: tag.scope });
      i = tag.next;
    }
  }
  if (stack.length > 0) throw new XmlError('unclosed element');
  if (!root) throw new XmlError('no root element');
  return root;
}

interface Frame {
  element: XmlElement;
  scope: Record<string, string>;
}

function startTag(
  xml: string,
  lt: number,
  parentScope: Record<string, string>,
): { element: XmlElement; scope: Record<string, string>; selfClosing: boolean; next: number } {
  const nameMatch = NAME.exec(xml.slice(lt + 1, lt + 200));
  if (!nameMatch) throw new XmlError('malformed start tag');
  const name = nameMatch[0];
  let i = lt + 1 + name.length;
  const attributes: Record<string, string> = {};
  for (;;) {
    while (/\s/.test(xml[i] ?? '')) i++;
    if (i >= xml.length) throw new XmlError('unterminated start tag');
    if (xml.startsWith('/>', i) || xml[i] === '>') break;
    const attr = NAME.exec(xml.slice(i, i + 200));
    if (!attr) throw new XmlError('malformed attribute');
    i += attr[0].length;
    while (/\s/.test(xml[i] ?? '')) i++;
    if (xml[i] !== '=') throw new XmlError('attribute without a value');
    i++;
    while (/\s/.test(xml[i] ?? '')) i++;
    const quote = xml[i];
    if (quote !== '"' && quote !== "'") throw new XmlError('unquoted attribute value');
    const end = mustFind(xml, quote, i + 1, 'unterminated attribute value');
    if (Object.hasOwn(attributes, attr[0])) throw new XmlError('duplicate attribute');
    attributes[attr[0]] = unescapeXml(xml.slice(i + 1, end));
    i = end + 1;
  }
  const selfClosing = xml[i] === '/';
  const scope = { ...parentScope };
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'xmlns') scope[''] = value;
    else if (key.startsWith('xmlns:')) scope[key.slice(6)] = value;
  }
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? '' : name.slice(0, colon);
  if (prefix && !Object.hasOwn(scope, prefix)) throw new XmlError('undeclared namespace prefix');
  const element: XmlElement = {
    name,
    localName: colon === -1 ? name : name.slice(colon + 1),
    namespace: scope[prefix] ?? '',
    attributes,
    children: [],
    text: '',
  };
  return { element, scope, selfClosing, next: i + (selfClosing ? 2 : 1) };
}

function appendText(stack: Frame[], raw: string, decode: boolean): void {
  if (stack.length === 0) {
    if (raw.trim() !== '') throw new XmlError('text outside the root element');
    return;
  }
  stack[stack.length - 1].element.text += decode ? unescapeXml(raw) : raw;
}

function mustFind(xml: string, needle: string, from: number, problem: string): number {
  const at = xml.indexOf(needle, from);
  if (at === -1) throw new XmlError(problem);
  return at;
}

function codePoint(n: number, original: string): string {
  if (!Number.isFinite(n) || n < 1 || n > 0x10ffff) throw new XmlError(`invalid character reference ${original}`);
  return String.fromCodePoint(n);
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
