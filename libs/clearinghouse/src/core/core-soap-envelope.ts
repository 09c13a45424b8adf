import { CORE_SOAP_BODY_FIELDS, type CoreEnvelope } from './core-envelope';
import { XMLBuilder } from 'fast-xml-parser';
import { type XmlElement, XmlError, child, descendant, parseXml } from './xml';

// CAQH CORE connectivity rule vC2.2.0, SOAP 1.2 form: the envelope fields travel as unqualified
// children of a CORE-namespaced body element; the X12 payload goes in CDATA; the submitter
// authenticates with a WS-Security UsernameToken (PasswordText). Shared with the sandbox.

export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const CORE_SOAP_NS = 'http://www.caqh.org/SOAP/WSDL/CORERule2.2.0.xsd';
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
export const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
export const SOAP_CONTENT_TYPE = 'application/soap+xml; charset=utf-8; action="RealTimeTransaction"';

export type CoreSoapElement = 'COREEnvelopeRealTimeRequest' | 'COREEnvelopeRealTimeResponse';

export interface UsernameToken {
  username: string;
  password: string;
}

// Written with fast-xml-parser's builder: it escapes text and attribute values and splits a
// "]]>" inside the CDATA payload across two sections.
// eslint-disable-next-line @typescript-eslint/no-deprecated -- fast-xml-builder is not a dependency; the builder still ships with fast-xml-parser 5
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  cdataPropName: '#cdata',
  processEntities: true,
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
});
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** A SOAP 1.2 envelope around one CORE envelope element, with a WS-Security header when given. */
export function coreSoapEnvelope(element: CoreSoapElement, envelope: Partial<CoreEnvelope>, security?: UsernameToken): string {
  const fields: Record<string, unknown> = {};
  for (const f of CORE_SOAP_BODY_FIELDS) {
    const value = envelope[f];
    if (value !== undefined) fields[f] = f === 'Payload' ? { '#cdata': value } : value;
  }
  const soap: Record<string, unknown> = { '@_xmlns:soap': SOAP12_NS, '@_xmlns:cor': CORE_SOAP_NS };
  if (security) {
    soap['soap:Header'] = {
      'wsse:Security': {
        '@_xmlns:wsse': WSSE_NS,
        '@_xmlns:wsu': WSU_NS,
        '@_soap:mustUnderstand': 'true',
        'wsse:UsernameToken': {
          'wsse:Username': security.username,
          'wsse:Password': { '@_Type': PASSWORD_TEXT, '#text': security.password },
        },
      },
    };
  }
  soap['soap:Body'] = { [`cor:${element}`]: fields };
  return XML_DECLARATION + builder.build({ 'soap:Envelope': soap });
}

/** A SOAP 1.2 fault: Sender (the request was wrong) or Receiver (the server failed). */
export function soapFault(code: 'Sender' | 'Receiver', reason: string, subcode?: string): string {
  const faultCode: Record<string, unknown> = { 'soap:Value': `soap:${code}` };
  if (subcode) faultCode['soap:Subcode'] = { 'soap:Value': { '@_xmlns:wsse': WSSE_NS, '#text': subcode } };
  const fault = {
    'soap:Code': faultCode,
    'soap:Reason': { 'soap:Text': { '@_xml:lang': 'en', '#text': reason } },
  };
  return XML_DECLARATION + builder.build({ 'soap:Envelope': { '@_xmlns:soap': SOAP12_NS, 'soap:Body': { 'soap:Fault': fault } } });
}

export interface SoapFault {
  /** Local part of the fault code: Sender / Receiver (1.2) or Client / Server (1.1). */
  code: string;
  subcode?: string;
  reason: string;
}

export type SoapMessage =
  { kind: 'envelope'; envelope: Partial<CoreEnvelope>; security?: UsernameToken; element: string } | { kind: 'fault'; fault: SoapFault };

/** Reads a SOAP message carrying a CORE envelope element or a fault. Throws XmlError otherwise. */
export function readCoreSoap(xml: string): SoapMessage {
  const root = parseXml(xml);
  if (root.localName !== 'Envelope' || (root.namespace !== SOAP12_NS && root.namespace !== SOAP11_NS)) {
    throw new XmlError('not a SOAP envelope');
  }
  const body = child(root, 'Body', root.namespace);
  if (!body) throw new XmlError('SOAP envelope has no Body');
  const fault = child(body, 'Fault', root.namespace);
  if (fault) return { kind: 'fault', fault: readFault(fault) };
  const core = body.children.find((c) => c.namespace === CORE_SOAP_NS && c.localName.startsWith('COREEnvelope'));
  if (!core) throw new XmlError('SOAP Body carries no CORE envelope');
  const envelope: Partial<Record<keyof CoreEnvelope, string>> = {};
  for (const field of CORE_SOAP_BODY_FIELDS) {
    // Fields are unqualified in the CORE schema; accept a qualified spelling too.
    const value = child(core, field);
    if (value) envelope[field] = value.text;
  }
  return {
    kind: 'envelope',
    element: core.localName,
    envelope: envelope as Partial<CoreEnvelope>,
    security: readSecurity(child(root, 'Header', root.namespace)),
  };
}

function readSecurity(header: XmlElement | undefined): UsernameToken | undefined {
  const token = child(child(header, 'Security', WSSE_NS), 'UsernameToken', WSSE_NS);
  if (!token) return undefined;
  return { username: child(token, 'Username', WSSE_NS)?.text.trim() ?? '', password: child(token, 'Password', WSSE_NS)?.text ?? '' };
}

function readFault(fault: XmlElement): SoapFault {
  // SOAP 1.2: Code/Value, Code/Subcode/Value, Reason/Text. SOAP 1.1: faultcode, faultstring.
  const code = child(fault, 'Code');
  const value = child(code, 'Value')?.text ?? child(fault, 'faultcode')?.text ?? '';
  const subcode = child(child(code, 'Subcode'), 'Value')?.text;
  const reason = descendant(child(fault, 'Reason'), 'Text')?.text ?? child(fault, 'faultstring')?.text ?? '';
  return { code: localPart(value), subcode: subcode ? localPart(subcode) : undefined, reason: reason.trim() };
}

function localPart(qname: string): string {
  const trimmed = qname.trim();
  return trimmed.slice(trimmed.indexOf(':') + 1);
}
