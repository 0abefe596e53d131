import type { HttpMethod } from './catalog.ts';

/** The methods documented routes may use; anything else in a page is a diagnostic, and at run time a deny. */
export const HTTP_METHODS: readonly HttpMethod[] = Object.freeze(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
