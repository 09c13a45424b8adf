import axios, { type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { requestFailure } from './http-failure';

// Every transport sends through here: whatever status came back is returned for the caller to
// classify; only "no response at all" throws, already classified as a TransportError.

/** The body as the exact text received (no JSON parsing behind our back). */
export function sendText(config: AxiosRequestConfig, peer?: string): Promise<AxiosResponse<string>> {
  return send<string>({ ...config, responseType: 'text' }, peer);
}

/** The body as bytes (multipart replies are decoded by the caller). */
export function sendBytes(config: AxiosRequestConfig, peer?: string): Promise<AxiosResponse<ArrayBuffer>> {
  return send<ArrayBuffer>({ ...config, responseType: 'arraybuffer' }, peer);
}

async function send<T>(config: AxiosRequestConfig, peer?: string): Promise<AxiosResponse<T>> {
  try {
    return await axios.request<T>({
      ...config,
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      // A clearinghouse that redirects a POST is misconfigured; do not replay PHI elsewhere.
      maxRedirects: 0,
    });
  } catch (error) {
    throw requestFailure(error, peer);
  }
}

/** Reads a JSON object body, or undefined when the text is not one. */
export function jsonObject(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
