/**
 * JSON that can sit inside `<script type="application/json">`: page text such as `</script>` or
 * `<!--` must not end or change the script element, so `<`, `>` and `&` are written as `\u003c`,
 * `\u003e`, `\u0026` (JSON.parse reads them back unchanged). U+2028/2029 are escaped too, so the
 * text stays valid if a tool ever evaluates it as JavaScript.
 */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
