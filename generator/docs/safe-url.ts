/** Only http(s) URLs become links (docs and site): a manifest or page URL such as `javascript:…` is shown as text. */
export function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
